"""Preloaded into the test cluster's workers (`dask worker --preload`): a worker process dies, as a crash
would, while it checks a document the tests name for it.

- a document whose name has `poison` kills every worker that checks it;
- a document whose name has `crash-once` kills the first worker that checks it (a marker file in
  $AUDITOR_TEST_CRASH_DIR remembers), and is checked normally when the scheduler runs it again;
- $AUDITOR_TEST_TASK_DELAY seconds of sleep per document keep a run long enough to interrupt.
"""

import os
import time

from auditor import cluster


def dask_setup(worker):
    crash_dir = os.environ.get("AUDITOR_TEST_CRASH_DIR")
    delay = float(os.environ.get("AUDITOR_TEST_TASK_DELAY", "0"))
    check_one = cluster.check_one

    def crashing_check_one(engine, item, options, done_digest=None, at=None):
        base = os.path.basename(item if isinstance(item, str) else item.path)
        if "poison" in base:
            os._exit(70)
        if "crash-once" in base and crash_dir:
            try:
                os.close(os.open(os.path.join(crash_dir, base), os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                pass
            else:
                os._exit(70)
        time.sleep(delay)
        return check_one(engine, item, options, done_digest, at)

    cluster.check_one = crashing_check_one
