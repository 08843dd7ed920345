"""Files the judge reads and writes for itself: a submission read once and
bounded, and outputs written whole or not at all.  Shared by the commands
that must not import each other (grading, batch, the gradebook, reports)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class Unreadable(Exception):
    """Why a file could not be read, in words that follow its path."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` + 1 bytes of the regular file ``path`` (one more
    than allowed, so a caller can tell it is too long), opened without
    blocking: a FIFO must not hang the judge.  A device or socket is refused
    before it is opened."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise Unreadable("is not a regular file (a device, pipe or socket),"
                             " expected a Python file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Unreadable("no such file" + (" (a broken link)" if Path(path).is_symlink()
                                           else "")) from None
    except IsADirectoryError:
        raise Unreadable("is a directory, expected a Python file") from None
    except OSError as exc:
        raise Unreadable(f"cannot open ({exc.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Unreadable("is a directory, expected a Python file")
        if not stat.S_ISREG(mode):
            raise Unreadable("is not a regular file (a device, pipe or socket),"
                             " expected a Python file")
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(f"cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)


def write_atomically(target: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to a temporary file beside ``target``, sync it
    and rename it over ``target``: a reader sees the old file or the new one,
    never half of one; on any failure the temporary file is removed."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    return target
