"""A uid of its own for each running sandbox.

When the judge runs as root, every child gets a uid that no user and no
other running sandbox has, so that children of two judges (or of one judge's
parallel runs) can neither signal nor read each other.  A uid is held by
binding an abstract unix socket named after it: the kernel releases it when
the holder exits, however it exits, and it leaves no file behind.
"""

from __future__ import annotations

import os
import socket

BASE = 1_100_000  # far above any uid a distribution hands out
COUNT = 10_000


class Lease:
    def __init__(self, uid: int, sock: socket.socket):
        self.uid = uid
        self._sock = sock

    def release(self) -> None:
        self._sock.close()


def acquire() -> Lease | None:
    """Hold a free uid, or None when all are taken (or sockets are unavailable)."""
    start = os.getpid() % COUNT
    for k in range(COUNT):
        uid = BASE + (start + k) % COUNT
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(f"\0lstm-judge-uid-{uid}")
        except OSError:
            sock.close()
            continue
        sock.set_inheritable(False)
        return Lease(uid, sock)
    return None
