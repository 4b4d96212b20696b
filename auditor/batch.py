"""Checking many documents: in order, optionally in parallel, one result at a time.

Results are yielded in the order of the inputs whatever `jobs` is, and nothing is kept once it is
yielded, so memory does not grow with the number of documents.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .engine import DocumentResult, Engine
from .inputs import InputError, expand_paths
from .document import DocumentError, read_document
from .rules.schema import load_rules

CHUNK = 8  # documents handed to a worker at a time


@dataclass
class Outcome:
    """What checking one input gave: a result or an input error, and any rule that failed at run time."""

    result: DocumentResult | None = None
    error: InputError | None = None
    rule_errors: list[str] = field(default_factory=list)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


_worker_engine: Engine | None = None


def _init_worker(rule_paths: list[str], date: str | None) -> None:
    global _worker_engine
    _worker_engine = Engine(load_rules(rule_paths), date)


def _check_one(engine: Engine, item: str | InputError) -> Outcome:
    if isinstance(item, InputError):
        return Outcome(error=item)
    try:
        doc = read_document(item)
    except DocumentError as exc:
        return Outcome(error=InputError(item, str(exc)))
    before = len(engine.runtime_errors)
    try:
        result = engine.check(doc)
    except Exception as exc:  # a bug must cost one document, not the run
        return Outcome(error=InputError(item, f"{item}: internal error while checking "
                                              f"({type(exc).__name__}: {exc}); please report it"))
    return Outcome(result=result, rule_errors=engine.runtime_errors[before:])


def _check_in_worker(item: str | InputError) -> Outcome:
    outcome = _check_one(_worker_engine, item)
    if outcome.result is not None:
        outcome.result.quantities = []  # reporters do not need them; sending them back costs more than checking
    return outcome


def check_paths(paths: Iterable[str], engine: Engine, rule_paths: list[str], jobs: int = 1) -> Iterator[Outcome]:
    """Check every document under `paths` with `engine`'s rules, yielding outcomes in input order. With
    `jobs` > 1 the documents are checked by that many worker processes (each loads `rule_paths` once)."""
    items = expand_paths(paths)
    if jobs <= 1:
        for item in items:
            yield _check_one(engine, item)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(rule_paths, engine.date)) as pool:
        yield from pool.imap(_check_in_worker, items, chunksize=CHUNK)
