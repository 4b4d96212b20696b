"""Checking documents on a Dask cluster (`auditor check --scheduler ADDRESS|local[:N]`).

Each task checks a batch of documents. The rules are loaded and validated by the caller, then sent to the
workers once, as a worker plugin (the scheduler also hands it to workers that join or restart later);
each task carries only a document's name, the worker reads the document itself (sources.py) and sends
back its findings. A document without findings comes back without its text: the reporters quote only the
lines findings point at.

Tasks are kept in flight in a bounded window, so neither the client nor the scheduler holds the whole
archive. A worker that dies has its tasks run again elsewhere by the scheduler; a batch whose tasks
kill workers more often than the scheduler allows is split into tasks of one document, and a document
whose own task does so is reported as an error and the run goes on. A local cluster is configured with
EXACT_FAULTS; a scheduler of your own decides with its `distributed.scheduler.allowed-failures`
(default 3) and `worker-saturation` settings.

Importing this module imports `distributed` (the `auditor[dask]` extra).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import pickle
import queue
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping

import cloudpickle  # compiled rule expressions are closures, which plain pickle refuses
import dask
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, get_worker

from . import __version__
from .batch import Outcome, check_one, default_jobs
from .document import display_path
from .engine import Engine
from .inputs import Input, InputError, InputOptions, input_path
from .interrupts import InterruptLatch
from .rules.schema import RuleSet
from .sources import is_url

CONNECT_TIMEOUT = 20  # seconds to reach a scheduler
POLL = 2.0  # seconds between looks at the cluster while no task finishes
INTERRUPT_POLL = 0.1  # seconds between looks for a held-off Ctrl-C while waiting
NO_WORKERS_TIMEOUT = 60.0  # seconds without a single worker before the run gives up
BATCH = 8  # documents per task: fewer round trips to the scheduler, and a crash is narrowed down after
RESULT_TIMEOUT = 600.0  # seconds to wait for a result the scheduler has to compute again


# The scheduler of a local cluster fails a task the second time a worker dies while running it, and gives
# each worker one task at a time, so that only the task being run is blamed for a death.
EXACT_FAULTS = {"distributed.scheduler.allowed-failures": 1, "distributed.scheduler.worker-saturation": 1.0}
# A worker's statistical profiler walks the running task's stack every 10 ms; on this pure-Python work it
# more than doubled the time per document (benchmarks/archive.py), so it is paused while the rules are
# installed on a worker.
PROFILER_CALLBACKS = ("profile", "profile-cycle")


class ClusterError(Exception):
    """The cluster cannot be used; the message is one line."""


def parse_scheduler(spec: str) -> tuple[str | None, int | None]:
    """`local` / `local:N` as (None, N or None); anything else as (address, None). ValueError if bad."""
    name, _, count = spec.partition(":")
    if name != "local":
        return spec, None
    if not count:
        return None, None
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"local:N needs a positive number of workers, not {count!r}")
    return None, int(count)


class RulesPlugin(WorkerPlugin):
    """Gives each worker an Engine for the run's rules (and the document date the run was given), built
    once when the worker takes the plugin, and the options documents are read with."""

    def __init__(self, ruleset: RuleSet, identity: str, date: str | None = None,
                 options: InputOptions = InputOptions()):
        self.name = f"auditor-rules-{identity[:12]}-{uuid.uuid4().hex[:8]}"  # one per run
        self.version = __version__
        self.rules = cloudpickle.dumps(ruleset)
        self.date = date
        self.options = dataclasses.replace(options, stdin=None)  # standard input is read by the client
        self.engine: Engine | None = None
        self.paused: dict = {}

    def setup(self, worker) -> None:
        if self.version != __version__:
            raise RuntimeError(f"this worker runs auditor {__version__}, the client {self.version}")
        self.engine = Engine(pickle.loads(self.rules), self.date)
        self.paused = {name: worker.periodic_callbacks.pop(name) for name in PROFILER_CALLBACKS
                       if name in getattr(worker, "periodic_callbacks", {})}
        for callback in self.paused.values():
            callback.stop()

    def teardown(self, worker) -> None:
        for name, callback in self.paused.items():
            worker.periodic_callbacks[name] = callback
            callback.start()
        self.engine = None


def _check_batch_on_worker(plugin_name: str, batch: list[tuple[Input, str | None, str | None]]) -> list[Outcome]:
    """The task: check each (input, location, done digest) with the worker's engine; only what the
    reporters need is sent back."""
    plugin = get_worker().plugins[plugin_name]
    outcomes = [check_one(plugin.engine, item, plugin.options, done_digest, at) for item, at, done_digest in batch]
    for outcome in outcomes:
        result = outcome.result
        if result is not None:
            if not result.findings:
                result.document = result.document.without_text()
    return outcomes


class Cluster:
    """A connection to a Dask scheduler, or a LocalCluster started for the run; use as a context manager."""

    def __init__(self, spec: str, jobs: int = 0):
        address, workers = parse_scheduler(spec)
        self.local: LocalCluster | None = None
        self.client: Client | None = None
        self.plugin_name: str | None = None
        try:
            if address is None:
                with dask.config.set(EXACT_FAULTS):
                    self.local = LocalCluster(n_workers=workers or jobs or default_jobs(),
                                              threads_per_worker=1, processes=True, host="127.0.0.1",
                                              dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.local)
            else:
                self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = "start a local cluster" if address is None else f"reach the scheduler at {address}"
            raise ClusterError(f"cannot {where} ({exc})") from None

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.plugin_name and self.client is not None:
            with contextlib.suppress(Exception):  # the workers' profilers resume, the rules are dropped
                self.client.unregister_worker_plugin(self.plugin_name)
        for part in ("client", "local"):
            thing = getattr(self, part, None)
            if thing is not None:
                thing.close()
                setattr(self, part, None)

    def _threads(self) -> int:
        try:
            return sum(self.client.nthreads().values())
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"lost the scheduler ({exc})") from None

    def send_rules(self, ruleset: RuleSet, identity: str, date: str | None = None,
                   options: InputOptions = InputOptions()) -> str:
        """Install the rules on every worker (and on any that joins later), with the run's document date
        and input options; returns the plugin's name."""
        plugin = RulesPlugin(ruleset, identity, date, options)
        try:
            self.client.register_plugin(plugin, name=plugin.name)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot send the rules to the workers ({exc})") from None
        except Exception as exc:  # noqa: BLE001 - raised on a worker, re-raised here as it was
            raise ClusterError(f"a worker cannot take the rules ({type(exc).__name__}: {exc})") from None
        self.plugin_name = plugin.name
        return plugin.name

    def check(self, items: Iterable[Input | InputError], plugin_name: str,
              done: Mapping[str, str] | None = None, ordered: bool = True) -> Iterator[Outcome]:
        """Outcomes for `items` (from inputs.expand_paths): in input order if `ordered`, else as they
        finish. An input whose content hash is `done[path]` is skipped unchecked."""
        run = _Run(self.client, plugin_name, window=max(64, 8 * self._threads()))
        done = done or {}
        waiting: dict[int, Outcome] = {}  # outcomes not yet yielded (ordered mode: before their turn)
        next_out = 0
        source = enumerate(items)
        exhausted = False
        last_worker_seen = time.monotonic()
        # Ctrl-C is held off while the cluster is asked, and raised between steps: raised inside
        # distributed's finalisers and callbacks it would be printed and lost, and the run would go on.
        # It is not held while an outcome is yielded, so the caller's own work can be interrupted.
        with run:
            while True:
                with InterruptLatch():
                    batch: list[tuple] = []
                    while not exhausted and run.in_flight + len(batch) + len(waiting) < run.window:
                        entry = next(source, None)
                        if entry is None:
                            exhausted = True
                        elif isinstance(entry[1], InputError):
                            waiting[entry[0]] = Outcome(error=entry[1])
                        else:
                            index, item = entry
                            batch.append((index, item, _location(item), done.get(input_path(item))))
                        if len(batch) == BATCH:
                            run.submit(batch)
                            batch = []
                    if batch:
                        run.submit(batch)
                if ordered:
                    while next_out in waiting:
                        yield waiting.pop(next_out)
                        next_out += 1
                else:
                    for index in list(waiting):
                        yield waiting.pop(index)
                if not run.in_flight:
                    if exhausted and not waiting:
                        return
                    continue
                with InterruptLatch() as latch:
                    finished = run.finished(POLL, latch)
                    if not finished:
                        if self._threads():
                            last_worker_seen = time.monotonic()
                        elif time.monotonic() - last_worker_seen > NO_WORKERS_TIMEOUT:
                            raise ClusterError(f"no worker for {NO_WORKERS_TIMEOUT:.0f} s; "
                                               f"{run.in_flight} documents were not checked") from None
                    waiting.update(run.collect(finished))

class _Run:
    """The tasks of one run in flight: each checks a batch of documents; a batch whose workers died is
    split so that each of its documents is tried alone."""

    def __init__(self, client: Client, plugin_name: str, window: int):
        self.client = client
        self.plugin_name = plugin_name
        self.window = window  # documents in flight at most
        self.key = f"auditor-check-{uuid.uuid4().hex[:12]}"  # unique to this run, on a shared scheduler
        self.pending: dict = {}  # future -> its batch: [(index, name, at, done_digest)]
        self.in_flight = 0
        self.tasks = 0
        self._finished: queue.Queue = queue.Queue()

    def submit(self, batch: list[tuple]) -> None:
        future = self.client.submit(_check_batch_on_worker, self.plugin_name, [doc[1:] for doc in batch],
                                    key=f"{self.key}-{self.tasks}")
        self.tasks += 1
        self.pending[future] = batch
        self.in_flight += len(batch)
        future.add_done_callback(self._finished.put)

    def finished(self, timeout: float, latch: InterruptLatch) -> list:
        """The futures done so far, waiting up to `timeout` seconds for the first one (a Ctrl-C held by
        `latch` ends the wait)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                done = [self._finished.get(timeout=min(INTERRUPT_POLL, max(0.0, deadline - time.monotonic())))]
                break
            except queue.Empty:
                latch.check()
                if time.monotonic() >= deadline:
                    return []
        while not self._finished.empty():
            done.append(self._finished.get_nowait())
        return done

    def collect(self, futures: list) -> Iterator[tuple[int, Outcome]]:
        """(index, outcome) for each document of the finished `futures`, fetched together; a failed task
        is split, or once alone, reported as an input error."""
        futures = [f for f in futures if f in self.pending]
        good = [f for f in futures if f.status == "finished"]
        try:
            results = dict(zip(good, self.client.gather(good))) if good else {}
        except Exception:  # noqa: BLE001 - one result was lost on its way: the others are fetched one by one
            results = {}
        for future in futures:
            batch = self.pending.pop(future)
            self.in_flight -= len(batch)
            try:
                outcomes = results[future] if future in results else future.result(timeout=RESULT_TIMEOUT)
            except Exception as exc:  # noqa: BLE001 - whatever ended the task, the run goes on
                if isinstance(exc, KilledWorker) and len(batch) > 1:
                    for doc in batch:
                        self.submit([doc])
                    continue
                outcomes = [Outcome(error=InputError(input_path(doc[1]), _failure_message(input_path(doc[1]), exc)))
                            for doc in batch]
            yield from zip((doc[0] for doc in batch), outcomes)

    def __enter__(self) -> "_Run":
        return self

    def __exit__(self, *exc) -> None:
        """Whatever ended the run, the tasks still in flight are cancelled."""
        if self.pending:
            self.client.cancel(list(self.pending))


def _location(item: Input) -> str | None:
    """Where a worker reads `item`: a local path by its absolute location (workers may run in another
    directory), a URL as it is; standard input travels with the task."""
    if not isinstance(item, str):
        return None
    return item if is_url(item) else os.path.abspath(item)


def _failure_message(name: str, exc: BaseException) -> str:
    shown = display_path(name)
    if isinstance(exc, KilledWorker):
        return (f"{shown}: {exc.allowed_failures + 1} workers died while checking it (it may crash the "
                f"checker); not checked")
    return f"{shown}: failed on the cluster ({type(exc).__name__}: {exc})"
