"""Rule files compiled once: the loaded rule set kept on disk, keyed by what it was built from.

Loading the shipped rules means parsing YAML, compiling checks and patterns, and lemmatising Russian
words with pymorphy3 (whose dictionary alone takes a fifth of a second to open). A command that checks
one file pays all of it on every call, so `schema.load_rules` keeps the result in the user's cache folder:
`$AUDITOR_CACHE_DIR`, else `$XDG_CACHE_HOME/auditor`, else `~/.cache/auditor` (`AUDITOR_CACHE_DIR=""`
turns the cache off). An entry is used only when the rule files' contents, the auditor version and the
source of this package are the ones it was built from; one that cannot be read, is damaged or was built
from anything else is ignored and rebuilt, never an error. Rule sets with errors are not cached: their
messages come from a fresh load. Deleting the folder clears the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from .. import __version__
from . import schema, words
from .schema import RuleSet

CACHE_ENV = "AUDITOR_CACHE_DIR"
_SOURCE = Path(__file__).resolve().parent  # the modules whose classes a cached rule set holds


def cache_dir() -> Path | None:
    """The folder cached rule sets live in, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "auditor"


def cached_rules(paths: list[str]) -> RuleSet:
    """`schema.parse_rules(paths)`, from the cache when it holds the rule set of these very files."""
    folder = cache_dir()
    files = schema.rule_files(paths)
    # every rule set is built with the shipped word classes too: their file is part of what it depends on
    key = _content_key(paths, [*files, schema.shipped_classes_file()])
    if folder is None or key is None:
        return schema.parse_rules(paths)
    entry = folder / (hashlib.sha256("\0".join(map(os.path.abspath, paths)).encode("utf-8", "surrogateescape"))
                      .hexdigest()[:32] + ".pickle")
    cached = _read(entry, key)
    if cached is not None:
        ruleset, forms = cached
        words.remember(forms)
        return ruleset
    ruleset = schema.parse_rules(paths)
    if not ruleset.errors:
        # the engine normalises the word classes' words: keep their Russian lemmas with the rules
        forms = words.russian_lemmas(item for items in ruleset.classes.values() for item in items)
        _write(entry, (key, ruleset, forms))
    return ruleset


def _content_key(paths: list[str], files: list[str]) -> str | None:
    """A hash of everything a loaded rule set depends on: the paths asked for, each rule file's name and
    bytes, the auditor version, the Python version and this package's source. None when a file cannot
    be read (the loader reports it)."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}".encode())
    try:
        for source in sorted(_SOURCE.glob("*.py")):
            digest.update(source.read_bytes())
        for name in (*paths, "\0", *files):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        for name in files:
            if not stat.S_ISREG(os.stat(name).st_mode):  # a FIFO would block: the loader refuses it
                return None
            with open(name, "rb") as f:
                digest.update(hashlib.sha256(f.read(schema.MAX_RULE_FILE_BYTES + 1)).digest())
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _read(entry: Path, key: str) -> tuple[RuleSet, dict[str, str]] | None:
    """The rule set and word forms stored in `entry` for `key`, or None (missing, damaged, stale, or not
    safely ours)."""
    try:
        with open(entry, "rb") as f:
            st = os.fstat(f.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return None  # a pickle others could have written is never loaded
            stored_key, ruleset, forms = pickle.load(f)
    except Exception:  # noqa: BLE001 - whatever is wrong with a cache entry, it is rebuilt
        return None
    if stored_key != key or not isinstance(ruleset, RuleSet) or not isinstance(forms, dict):
        return None
    return ruleset, forms


def _write(entry: Path, content: tuple) -> None:
    """Store `content` atomically; a folder that cannot be written or a rule set that does not pickle
    leaves the cache as it was."""
    import tempfile  # only a run that writes the cache needs it

    try:
        data = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=entry.name, suffix=".tmp")
    except Exception:  # noqa: BLE001 - an unpicklable rule set or an unwritable folder: no cache
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, entry)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
