"""A problem folder sent to a cluster worker, with its digest checked there.

The coordinator packs each problem folder once (``pack``: a tar of every
file but caches, in a fixed order) and sends it to the workers with the
digest it computed itself.  A worker unpacks it into a folder of its own
keyed by that digest (``unpack``), computes the digest again over what it
unpacked, and grades only if the two agree: every worker grades exactly
what the coordinator would, whatever problems it has installed.
"""

from __future__ import annotations

import io
import os
import shutil
import tarfile
import tempfile
import threading
from pathlib import Path

from ..problem.digest import digest

_unpacking = threading.Lock()  # a worker's threads unpack each problem once


class Mismatch(Exception):
    """What a worker unpacked is not what the coordinator packed."""


def pack(root: Path) -> bytes:
    """The problem folder as an uncompressed tar, caches left out."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(root.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            info = tar.gettarinfo(str(path), arcname=path.relative_to(root).as_posix())
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = 0
            with open(path, "rb") as f:
                tar.addfile(info, f)
    return buffer.getvalue()


def unpack(blob: bytes, problem_id: str, expected: str, under: Path) -> Path:
    """The problem folder ``under/<expected digest>/<problem_id>``, unpacked
    from ``blob`` the first time and checked against ``expected`` every time."""
    target = under / expected / problem_id
    with _unpacking:
        if not target.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=target.parent))
            try:
                _extract(blob, staging)
                os.replace(staging, target)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    found = digest(target)
    if found != expected:
        raise Mismatch(f"the problem {problem_id} unpacked on this worker has digest"
                       f" {found[:16]}, not the coordinator's {expected[:16]}")
    return target


def _extract(blob: bytes, into: Path) -> None:
    """Write the archive's regular files under ``into``.  ``pack`` makes
    nothing else, so anything else (a link, a device, a name that climbs out
    or is absolute) is refused, by hand: ``extractall``'s ``filter`` needs
    Python 3.11.4, and Debian 12's is 3.11.2."""
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:") as tar:
        for member in tar:
            parts = Path(member.name).parts
            if not member.isfile() or not parts or Path(member.name).is_absolute() \
                    or ".." in parts:
                raise tarfile.TarError(f"{member.name!r} is not a problem file")
            target = into.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, open(target, "xb") as out:
                shutil.copyfileobj(source, out)
