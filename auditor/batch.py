"""Checking many documents: in order, optionally in parallel, one result at a time.

Results are yielded in the order of the inputs whatever `jobs` is, and nothing is kept once it is
yielded, so memory does not grow with the number of documents.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .document import DocumentError
from .engine import DocumentResult, Engine
from .inputs import InputError
from .rules.schema import load_rules
from .sources import content_hash, document_from_bytes, expand_sources, read_source

CHUNK = 8  # documents handed to a worker at a time


@dataclass
class Outcome:
    """What checking one input gave: a result or an input error, and any rule that failed at run time;
    `digest` is the content hash of the document read, and `skipped` says it was left unchecked because
    its content was already checked (see resume.py)."""

    result: DocumentResult | None = None
    error: InputError | None = None
    rule_errors: list[str] = field(default_factory=list)
    digest: str | None = None
    skipped: bool = False


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


_worker_engine: Engine | None = None


def _init_worker(rule_paths: list[str]) -> None:
    global _worker_engine
    _worker_engine = Engine(load_rules(rule_paths))


def check_one(engine: Engine, item: str | InputError, done_digest: str | None = None,
              at: str | None = None) -> Outcome:
    """Read (from `at`, if given: see sources.read_source) and check one source; skipped, unchecked, when
    its content hash is `done_digest`."""
    if isinstance(item, InputError):
        return Outcome(error=item)
    try:
        data = read_source(item, at)
        digest = content_hash(data)
        if digest == done_digest:
            return Outcome(digest=digest, skipped=True)
        doc = document_from_bytes(item, data)
    except DocumentError as exc:
        return Outcome(error=InputError(item, str(exc)))
    before = len(engine.runtime_errors)
    try:
        result = engine.check(doc)
    except Exception as exc:  # a bug must cost one document, not the run
        return Outcome(error=InputError(item, f"{item}: internal error while checking "
                                              f"({type(exc).__name__}: {exc}); please report it"))
    return Outcome(result=result, rule_errors=engine.runtime_errors[before:], digest=digest)


def _check_in_worker(task: tuple[str | InputError, str | None]) -> Outcome:
    outcome = check_one(_worker_engine, *task)
    if outcome.result is not None:
        outcome.result.quantities = []  # reporters do not need them; sending them back costs more than checking
    return outcome


def check_paths(paths: Iterable[str], engine: Engine, rule_paths: list[str], jobs: int = 1) -> Iterator[Outcome]:
    """Check every document under `paths` with `engine`'s rules, yielding outcomes in input order. With
    `jobs` > 1 the documents are checked by that many worker processes (each loads `rule_paths` once)."""
    return check_items(expand_sources(paths), engine, rule_paths, jobs)


def check_items(items: Iterable[str | InputError], engine: Engine, rule_paths: list[str], jobs: int = 1,
                done: Mapping[str, str] | None = None) -> Iterator[Outcome]:
    """`check_paths` over sources already expanded; a source whose content hash is `done[name]` is
    skipped."""
    done = done or {}
    tasks = ((item, None if isinstance(item, InputError) else done.get(item)) for item in items)
    if jobs <= 1:
        for task in tasks:
            yield check_one(engine, *task)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(rule_paths,)) as pool:
        yield from pool.imap(_check_in_worker, tasks, chunksize=CHUNK)
