"""Checking many documents: in order, optionally in parallel, one result at a time.

Results are yielded in the order of the inputs whatever `jobs` is, and nothing is kept once it is
yielded, so memory does not grow with the number of documents.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .document import DocumentError
from .engine import DocumentResult, Engine
from .inputs import Input, InputError, InputOptions, expand_paths, input_bytes, input_path, read_or_error
from .rules.schema import load_rules
from .sources import content_hash

CHUNK = 8  # documents handed to a worker at a time


@dataclass
class Outcome:
    """What checking one input gave: a result or an input error, and any rule that failed at run time;
    `digest` is the content hash of the document read, and `skipped` says it was left unchecked because
    that content was already checked (see resume.py)."""

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
_worker_options = InputOptions()


def _init_worker(engine: Engine | None, rule_paths: list[str], options: InputOptions, date: str | None,
                 dated_results: bool = True) -> None:
    """Set a worker up with the parent's engine (inherited through fork, not rebuilt), or, where workers
    are spawned, one built from `rule_paths` like it (`date`, `dated_results`)."""
    # Ctrl-C reaches the whole process group: the parent stops the run and its workers; a worker that
    # raised KeyboardInterrupt itself would only print a traceback. SIGTERM ends a worker silently.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    global _worker_engine, _worker_options
    if engine is None:
        engine = Engine(load_rules(rule_paths), date)
        engine.dated_results = dated_results
    _worker_engine = engine
    _worker_options = options


def check_one(engine: Engine, item: Input | InputError, options: InputOptions = InputOptions(),
              done_digest: str | None = None, at: str | None = None,
              keep_quantities: bool = False) -> Outcome:
    """Read (from `at`, if given: see inputs.input_bytes) and check one input; skipped, unchecked, when
    its content hash is `done_digest`. The result lists the quantities only if `keep_quantities`."""
    if isinstance(item, InputError):
        return Outcome(error=item)
    try:
        data = input_bytes(item, at)
    except DocumentError as exc:
        return Outcome(error=InputError(input_path(item), str(exc)))
    digest = content_hash(data)
    if digest == done_digest:
        return Outcome(digest=digest, skipped=True)
    doc = read_or_error(item, options, data)
    del data  # the text is decoded: the bytes need not stay for the check (a byte a character, or more)
    if isinstance(doc, InputError):
        return Outcome(error=doc)
    before = len(engine.runtime_errors)
    try:
        result = engine.check(doc, keep_quantities=keep_quantities)
    except Exception as exc:  # a bug must cost one document, not the run
        return Outcome(error=InputError(doc.path, f"{doc.path}: internal error while checking "
                                                  f"({type(exc).__name__}: {exc}); please report it"))
    return Outcome(result=result, rule_errors=engine.runtime_errors[before:], digest=digest)


def _check_in_worker(tasks: list[tuple[Input | InputError, str | None]],
                     keep_quantities: bool = False) -> list[Outcome]:
    outcomes = [check_one(_worker_engine, item, _worker_options, done_digest, keep_quantities=keep_quantities)
                for item, done_digest in tasks]
    for outcome in outcomes:
        if outcome.result is not None:
            _for_reporters(outcome.result, keep_all=keep_quantities)
    return outcomes


def _for_reporters(result: DocumentResult, keep_all: bool) -> None:
    """Keep of a result only what reporters read, so that sending it back costs little: the findings,
    skipped regions and date, and the document's path, metadata and origin, with its text when a finding
    or skipped region is shown from it; not the lines, paragraphs and sentences the document worked out
    (computed again if asked for). `keep_all` keeps the text (the terminal UI shows it, with the
    quantities)."""
    text = result.document.text if keep_all or result.findings or result.skipped else ""
    result.document = dataclasses.replace(result.document, text=text)


def unique_inputs(items: Iterable[Input | InputError]) -> Iterator[Input | InputError]:
    """`items` without repeats: a document named twice ("a.txt ./a.txt", or a file and its folder) is
    checked once, where it first appears."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, str):
            key = os.path.normcase(os.path.abspath(item))
            if key in seen:
                continue
            seen.add(key)
        yield item


def check_paths(paths: Iterable[str], engine: Engine, rule_paths: list[str], jobs: int = 1,
                keep_quantities: bool = False, options: InputOptions = InputOptions()) -> Iterator[Outcome]:
    """Check every document under `paths` (chosen and read as `options` says) with `engine`'s rules,
    yielding outcomes in input order, each document once. With `jobs` > 1 and more than one document,
    the documents are checked by at most that many worker processes, one per document at most; forked
    workers inherit `engine` (spawned ones load `rule_paths`), and their results come back with only
    what reporters need, and the quantities if `keep_quantities` (the terminal UI shows them). Closing
    the iterator early stops the workers."""
    return check_items(unique_inputs(expand_paths(paths, options)), engine, rule_paths, jobs,
                       keep_quantities=keep_quantities, options=options)


def check_items(items: Iterable[Input | InputError], engine: Engine, rule_paths: list[str], jobs: int = 1,
                done: Mapping[str, str] | None = None, keep_quantities: bool = False,
                options: InputOptions = InputOptions()) -> Iterator[Outcome]:
    """`check_paths` over inputs already expanded; an input whose content hash is `done[path]` is skipped
    (see resume.py)."""
    done = done or {}
    tasks = ((item, None if isinstance(item, InputError) else done.get(input_path(item))) for item in items)
    head = list(itertools.islice(tasks, jobs * CHUNK)) if jobs > 1 else []
    if len(head) <= 1:  # one document never pays for a pool
        for task in itertools.chain(head, tasks):
            yield check_one(engine, task[0], options, task[1], keep_quantities=keep_quantities)
        return
    import concurrent.futures  # imported only for a pool: a run on one file need not pay for it
    import multiprocessing

    jobs = min(jobs, len(head))
    size = CHUNK if len(head) == jobs * CHUNK else -(-len(head) // jobs)  # a short run spread over all
    tasks = itertools.chain(head, tasks)
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    worker_options = dataclasses.replace(options, stdin=None)  # standard input is read here, not there
    chunks = iter(lambda: list(itertools.islice(tasks, size)), [])
    pool = concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                                                  initargs=(engine if fork else None, rule_paths, worker_options,
                                                            engine.date, engine.dated_results))
    pending = deque(pool.submit(_check_in_worker, chunk, keep_quantities)
                    for chunk in itertools.islice(chunks, 2 * jobs))
    try:
        while pending:
            finished = pending.popleft().result()
            pending.extend(pool.submit(_check_in_worker, chunk, keep_quantities)
                           for chunk in itertools.islice(chunks, 1))
            yield from finished
    except BaseException:
        # stopped early (Ctrl-C, SIGTERM, a closed output, a caller closing this generator)
        _stop_pool(pool)
        raise
    pool.shutdown()


def _stop_pool(pool) -> None:
    """End a pool's workers now rather than let them finish queued work.

    A worker killed while sending a result leaves the pool's thread reading the rest of it, which never
    comes: the parent holds the other end of the results pipe, so the read never ends either, and the
    interpreter waits for that thread at exit. Closing the parent's end lets the read end, once the
    workers are gone. The executor offers neither a kill nor a way to reach the pipe: both are private
    attributes, read with getattr so that a change in them costs only this cleanup."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()
    pool.shutdown(wait=False, cancel_futures=True)


def hard_exit(code: int) -> None:
    """End the process at once, after flushing standard output and error, without waiting for the
    threads of a worker pool that was stopped early (see `_stop_pool`)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
