"""Files written whole or not at all: a reader (a download, a later job) never meets half a file."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to `target`: into a temporary file of the same folder, flushed, then renamed over `target`
    (`os.replace`, atomic on one file system). The folder is made when missing; the temporary file is removed
    when anything fails."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


@contextmanager
def locked(lock_file: Path):
    """Hold an exclusive lock on `lock_file` (made when missing) for the block: across the threads and the
    processes of this machine (`fcntl.flock` on a file of its own opening). Not a database lock: SQLite's write
    lock stays free while the block renders and signs."""
    import fcntl

    lock_file = Path(lock_file)
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
