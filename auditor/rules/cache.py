"""Rule files compiled once: the loaded rule set kept on disk, keyed by what it was built from.

Loading the shipped rules means parsing YAML, compiling checks and patterns, and lemmatising Russian
words with pymorphy3 (whose dictionary alone takes a fifth of a second to open). A command that checks
one file pays all of it on every call, so `schema.load_rules` keeps the result in the user's cache folder:
`$AUDITOR_CACHE_DIR`, else `$XDG_CACHE_HOME/auditor`, else `~/.cache/auditor` (`AUDITOR_CACHE_DIR=""`
turns the cache off). An entry is used only when the rule files' contents, the auditor version and the
source of this package are the ones it was built from; one that cannot be read, is damaged or was built
from anything else is ignored and rebuilt, never an error. Rule sets with errors are not cached: their
messages come from a fresh load. Deleting the folder clears the cache.

The shipped rules also come compiled with the package (`shipped_rules.pickle`, written by
tools/shipped_rules.py under the same kind of key, with their paths relative to the rules folder), so
that a run with an empty cache (a fresh CI container, a first pre-commit run) does not parse them either;
a build that no longer matches the files or the source is ignored like a stale cache entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from .. import __version__
from . import schema, shipped_rules_dir, words
from .schema import RuleSet

CACHE_ENV = "AUDITOR_CACHE_DIR"
_SOURCE = Path(__file__).resolve().parent  # the modules whose classes a cached rule set holds
SHIPPED_BUILD = _SOURCE / "shipped_rules.pickle"


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
    depends = _dependencies(paths)
    if [os.path.abspath(p) for p in paths] == [shipped_rules_dir()]:
        built = _read(SHIPPED_BUILD, _content_key(["."], depends, relative_to=shipped_rules_dir()),
                      relative_to=shipped_rules_dir())
        if built is not None:
            words.remember(built[1])
            return built[0]
    key = _content_key(paths, depends)
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
        _write(entry, (key, _with_keys(ruleset), _lemmas(ruleset)))
    return ruleset


def _dependencies(paths: list[str]) -> list[str]:
    """The files a rule set loaded from `paths` is built from: its rule files and, since every rule set
    is built with the shipped word classes too, their file."""
    return [*schema.rule_files(paths), schema.shipped_classes_file()]


def _with_keys(ruleset: RuleSet) -> RuleSet:
    """`ruleset` with its roles' keys worked out (plain data, kept in the pickle), which every run of the
    engine asks for first."""
    for rule in ruleset.rules:
        for role in rule.roles:
            role.signature, role.matching_key  # noqa: B018 - cached properties: computed to be stored
    return ruleset


def _lemmas(ruleset: RuleSet) -> dict[str, str]:
    """The Russian lemmas of the word classes' words, which the engine normalises: kept with the rules."""
    return words.russian_lemmas(item for items in ruleset.classes.values() for item in items)


def write_shipped_build() -> Path:
    """Compile the shipped rules and store them as the package's SHIPPED_BUILD (tools/shipped_rules.py)."""
    root = shipped_rules_dir()
    ruleset = schema.parse_rules([root])
    if ruleset.errors:
        raise ValueError("the shipped rules have errors: " + "; ".join(map(str, ruleset.errors)))
    key = _content_key(["."], _dependencies([root]), relative_to=root)
    _write(SHIPPED_BUILD, (key, _with_keys(ruleset), _lemmas(ruleset)), relative_to=root)
    if _read(SHIPPED_BUILD, key, relative_to=root) is None:
        raise OSError(f"{SHIPPED_BUILD} could not be written")
    SHIPPED_BUILD.chmod(0o644)  # a file of the package, which anyone may read
    return SHIPPED_BUILD


def _content_key(paths: list[str], files: list[str], relative_to: str | None = None) -> str | None:
    """A hash of everything a loaded rule set depends on: the paths asked for, each rule file's name and
    bytes, the auditor version, the Python version and this package's source. Names are taken relative to
    the folder `relative_to` when given: the shipped build, made on another machine, whose pickle (plain
    data, patterns and checks as text) any Python 3 of the same implementation reads, so only the major
    version counts for it. None when a file cannot be read (the loader reports it)."""
    python = f"{sys.implementation.name}{sys.version_info[0]}"
    if relative_to is None:
        python += f".{sys.version_info[1]}"
    digest = hashlib.sha256(f"{__version__}\0{python}\0{pickle.HIGHEST_PROTOCOL}".encode())
    try:
        for source in sorted(_SOURCE.glob("*.py")):
            digest.update(source.read_bytes())
        names = files
        if relative_to is not None:
            names = [Path(os.path.relpath(f, relative_to)).as_posix() for f in files]
        for name in (*paths, "\0", *names):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        for name in files:
            if not stat.S_ISREG(os.stat(name).st_mode):  # a FIFO would block: the loader refuses it
                return None
            with open(name, "rb") as f:
                digest.update(hashlib.sha256(f.read(schema.MAX_RULE_FILE_BYTES + 1)).digest())
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


class _RelativePaths(pickle.Pickler):
    """Pickles every string naming a file under `root` as its path relative to it."""

    def __init__(self, file, root: str):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.prefix = os.path.join(root, "")

    def persistent_id(self, obj):
        if type(obj) is str and obj.startswith(self.prefix):
            return Path(obj[len(self.prefix):]).as_posix()
        return None


class _RootedPaths(pickle.Unpickler):
    """Reads what _RelativePaths wrote, the paths joined to this machine's `root`."""

    def __init__(self, file, root: str):
        super().__init__(file)
        self.root = root

    def persistent_load(self, pid):
        return os.path.join(self.root, *str(pid).split("/"))


def _read(entry: Path, key: str | None,
          relative_to: str | None = None) -> tuple[RuleSet, dict[str, str]] | None:
    """The rule set and word forms stored in `entry` for `key`, or None (missing, damaged, stale, or not
    safely ours). With `relative_to`, the entry is the shipped build: its paths are joined to that folder,
    and it is trusted as the package's code beside it is; a cache entry must be the user's own file that
    nobody else may write."""
    if key is None:
        return None
    try:
        with open(entry, "rb") as f:
            st = os.fstat(f.fileno())
            others_may_write = st.st_mode & 0o022 or hasattr(os, "getuid") and st.st_uid != os.getuid()
            if relative_to is None and others_may_write:
                return None  # a pickle others could have written is never loaded
            loader = pickle.Unpickler(f) if relative_to is None else _RootedPaths(f, relative_to)
            stored_key, ruleset, forms = loader.load()
    except Exception:  # noqa: BLE001 - whatever is wrong with a cache entry, it is rebuilt
        return None
    if stored_key != key or not isinstance(ruleset, RuleSet) or not isinstance(forms, dict):
        return None
    return ruleset, forms


def _write(entry: Path, content: tuple, relative_to: str | None = None) -> None:
    """Store `content` atomically, with the paths under `relative_to` relative to it; a folder that cannot
    be written or a rule set that does not pickle leaves the cache as it was."""
    import io
    import tempfile  # only a run that writes the cache needs it

    try:
        if relative_to is None:
            data = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            buffer = io.BytesIO()
            _RelativePaths(buffer, relative_to).dump(content)
            data = buffer.getvalue()
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
