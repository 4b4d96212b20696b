"""Writing files atomically: readers see the old file or the complete new one, never a torn write.

Only regular files are replaced. A symbolic link keeps pointing where it did (the file it leads to is
replaced), and a target that exists but is not a regular file (`/dev/null`, a terminal, a pipe such as
`/proc/self/fd/1`) is written in place, since renaming over it would put a regular file where a device
was. A replaced file keeps its permissions (a private 0600 review file stays private).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]):
    """A text stream whose content replaces `path` only if the block completes without an exception."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "is a directory", os.fspath(path))
        with open(path, "w", encoding="utf-8") as f:
            yield f
        return
    target = Path(os.path.realpath(path))
    import tempfile  # a run that writes no file does not need it

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            if st is not None:
                os.fchmod(fd, stat.S_IMODE(st.st_mode))
                with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
                    os.fchown(fd, st.st_uid, st.st_gid)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o666 & ~umask)  # mkstemp's 0600 would surprise whoever reads the file next
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
