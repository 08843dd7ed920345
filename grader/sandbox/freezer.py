"""Freezing the child between calls: it runs only while the judge waits for
a reply, so work it starts in the background (a thread that keeps going
after a call returns) gets no CPU while the judge computes.

``Sandbox`` freezes the child once a reply has been read and thaws it just
before writing the next request.  The cgroup freezer does it where the
child has a cgroup (``Cgroup.freeze``: every task of the group, at once);
elsewhere ``SignalFreezer`` stops each process of the sandbox with SIGSTOP.
Under bubblewrap the worker is in a session of its own, so the Popen'ed
process's group does not reach it; the sandbox's processes are instead the
descendants of that process (a pid namespace keeps every one of them there)
and, at the process level, any the judge adopted that belong to it
(as ``reaping`` tells them: its uid, its marker, its directory).
"""

from __future__ import annotations

import os
import signal
import time

from .cgroups import Cgroup

FREEZE_TIMEOUT_S = 1.0  # a child not frozen by then runs on; the result says so


class CgroupFreezer:
    def __init__(self, cgroup: Cgroup):
        self.cgroup = cgroup
        self.kind = f"cgroup {cgroup.freezer[1]} freezer"
        self.frozen = False

    def freeze(self) -> bool:
        self.frozen = True
        return self.cgroup.freeze(FREEZE_TIMEOUT_S)

    def thaw(self) -> None:
        if self.frozen:
            self.cgroup.thaw()
            self.frozen = False


class SignalFreezer:
    """SIGSTOP to each process of the sandbox until a scan of /proc finds
    every one of them stopped (a stopped process makes no new one), and
    SIGCONT to the same processes (checked by start time, never a reused pid).
    Once ``closed`` (seccomp bans fork in the child), the processes seen at the
    first freeze are all there will be, and /proc is not scanned again."""

    kind = "SIGSTOP of each of its processes"

    def __init__(self, root: int, belongs=None):
        self.root = root
        self.belongs = belongs  # pid -> whether an adopted process is the sandbox's
        self.frozen = False
        self._stopped: dict[int, bytes] = {}  # pid -> its start time
        self._known: dict[int, bytes] = {}  # every process of the sandbox seen so far
        self.closed = False  # no process can make another

    def freeze(self) -> bool:
        self.frozen = True
        end = time.monotonic() + FREEZE_TIMEOUT_S
        for pid, start in self._known_members():  # those known at once, then any others
            self._stop(pid, start)
        scan = not (self.closed and self._known)
        while True:
            members = self._members() if scan else dict(self._known_members(states=True))
            running = [(pid, start) for pid, (state, start) in members.items()
                       if state not in b"TtZX"]
            if not running:
                return True
            if time.monotonic() > end:
                return False
            for pid, start in running:
                self._stop(pid, start)
            time.sleep(0.0002)

    def _stop(self, pid: int, start: bytes) -> None:
        try:
            os.kill(pid, signal.SIGSTOP)
            self._stopped[pid] = self._known[pid] = start
        except ProcessLookupError:
            pass

    def thaw(self) -> None:
        if not self.frozen:
            return
        for pid, start in self._stopped.items():
            if _stat(pid)[3:4] == [start]:
                try:
                    os.kill(pid, signal.SIGCONT)
                except ProcessLookupError:
                    pass
        self._stopped.clear()
        self.frozen = False

    def _known_members(self, states: bool = False) -> list:
        """(pid, start time), or (pid, (state, start time)) with ``states``, of
        the processes seen before that are still the same processes."""
        out = []
        for pid, start in list(self._known.items()):
            fields = _stat(pid)
            if fields[3:4] == [start]:
                out.append((pid, (fields[0], start) if states else start))
        return out

    def _members(self) -> dict[int, tuple[bytes, bytes]]:
        return {pid: (f[0], f[3]) for pid, f in members(self.root, self.belongs).items()}


def members(root: int, belongs=None) -> dict[int, list[bytes]]:
    """pid -> /proc/PID/stat's fields (``_stat``) for the root and all its
    descendants, and the judge's adopted children that belong to the sandbox."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields:
                table[int(entry)] = fields
    me = os.getpid()
    tops = {root} | {pid for pid, f in table.items() if int(f[1]) == me and pid != root
                     and belongs is not None and belongs(pid)}
    children: dict[int, list[int]] = {}
    for pid, f in table.items():
        children.setdefault(int(f[1]), []).append(pid)
    out, todo = {}, [p for p in tops if p in table]
    while todo:
        pid = todo.pop()
        if pid not in out:
            out[pid] = table[pid]
            todo += children.get(pid, [])
    return out


def _stat(pid: int) -> list[bytes]:
    """[state, ppid, pgrp, start time, utime, stime, cutime, cstime] from
    /proc/PID/stat (times in clock ticks), or [] if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            rest = f.read().rsplit(b")", 1)[1].split()
        return [rest[0], rest[1], rest[2], rest[19], *rest[11:15]]
    except (OSError, IndexError):
        return []


class Freezer:
    """What the sandbox holds: the mechanism for one child (or none), with
    its errors caught, how long each freeze took, and whether one ever
    failed to freeze the child in time (the result says so)."""

    def __init__(self, mechanism: CgroupFreezer | SignalFreezer | None = None):
        self.mechanism = mechanism
        self.late = False

    @property
    def kind(self) -> str:
        return self.mechanism.kind if self.mechanism else ""

    def freeze(self) -> float:
        """Freeze the child: the seconds that took (not the child's)."""
        if self.mechanism is None:
            return 0.0
        start = time.monotonic()
        try:
            self.late |= not self.mechanism.freeze()
        except OSError:
            self.late = True
        return time.monotonic() - start

    def thaw(self) -> None:
        if self.mechanism is not None:
            try:
                self.mechanism.thaw()
            except OSError:
                pass

    def closed(self) -> None:
        """The child can make no new process (seccomp bans fork)."""
        if isinstance(self.mechanism, SignalFreezer):
            self.mechanism.closed = True


def choose(cgroup: Cgroup | None, root: int, belongs, mode: str = "auto") -> Freezer:
    """The freezer for a child: its cgroup's, else signals; none when
    ``mode`` is "off" (tests only: the control that shows the attack)."""
    if mode == "off":
        return Freezer()
    if mode == "auto" and cgroup is not None and cgroup.freezer is not None:
        return Freezer(CgroupFreezer(cgroup))
    return Freezer(SignalFreezer(root, belongs))
