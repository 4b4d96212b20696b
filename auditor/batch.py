"""Checking many documents: in order, optionally in parallel, one result at a time.

Results are yielded in the order of the inputs whatever `jobs` is, and nothing is kept once it is
yielded, so memory does not grow with the number of documents.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .engine import DocumentResult, Engine
from .inputs import Input, InputError, InputOptions, expand_paths, read_or_error
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
_worker_options = InputOptions()


def _init_worker(rule_paths: list[str], options: InputOptions) -> None:
    global _worker_engine, _worker_options
    _worker_engine = Engine(load_rules(rule_paths))
    _worker_options = options


def _check_one(engine: Engine, item: Input | InputError, options: InputOptions) -> Outcome:
    doc = item if isinstance(item, InputError) else read_or_error(item, options)
    if isinstance(doc, InputError):
        return Outcome(error=doc)
    before = len(engine.runtime_errors)
    try:
        result = engine.check(doc)
    except Exception as exc:  # a bug must cost one document, not the run
        return Outcome(error=InputError(doc.path, f"{doc.path}: internal error while checking "
                                              f"({type(exc).__name__}: {exc}); please report it"))
    return Outcome(result=result, rule_errors=engine.runtime_errors[before:])


def _check_in_worker(item: Input | InputError) -> Outcome:
    outcome = _check_one(_worker_engine, item, _worker_options)
    if outcome.result is not None:
        outcome.result.quantities = []  # reporters do not need them; sending them back costs more than checking
    return outcome


def check_paths(paths: Iterable[str], engine: Engine, rule_paths: list[str], jobs: int = 1,
                options: InputOptions = InputOptions()) -> Iterator[Outcome]:
    """Check every document under `paths` (chosen and read as `options` says) with `engine`'s rules,
    yielding outcomes in input order. With `jobs` > 1 the documents are checked by that many worker
    processes (each loads `rule_paths` once)."""
    items = expand_paths(paths, options)
    if jobs <= 1:
        for item in items:
            yield _check_one(engine, item, options)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    worker_options = dataclasses.replace(options, stdin=None)  # standard input is read here, not there
    with context.Pool(jobs, initializer=_init_worker, initargs=(rule_paths, worker_options)) as pool:
        yield from pool.imap(_check_in_worker, items, chunksize=CHUNK)
