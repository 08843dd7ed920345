"""The child's CPU time as the judge measures it: what a call's CPU limit
(a training budget) is charged, so that a limit measures the submission's own
work, not what else the machine is doing.

Read from the child's cgroup where it counts CPU (v1's cpuacct, v2's
cpu.stat: every task ever in the group, threads and exited processes too),
else summed from /proc over the sandbox's processes (``freezer.members``):
utime + stime of each (all its threads) plus cutime + cstime (the children
it has reaped).  Never from the child, which could report anything.
"""

from __future__ import annotations

import os
import select
import time

from . import freezer
from .cgroups import Cgroup

_TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")
POLL_S = 0.1  # how often the clock is read while a CPU-limited call runs


class CpuClock:
    def __init__(self, cgroup: Cgroup | None, root: int, belongs=None):
        self.cgroup = cgroup
        self.root = root
        self.belongs = belongs  # pid -> whether an adopted process is the sandbox's

    @property
    def source(self) -> str:
        """Where the time comes from (for the isolation report)."""
        if self.cgroup is not None and self.cgroup.cpu is not None:
            return f"cgroup {self.cgroup.kind}"
        return "/proc"

    def seconds(self) -> float:
        """CPU seconds the child has used so far (user and system time)."""
        if self.cgroup is not None:
            used = self.cgroup.cpu_seconds()
            if used is not None:
                return used
        ticks = 0
        for fields in freezer.members(self.root, self.belongs).values():
            try:
                ticks += sum(int(t) for t in fields[4:8])
            except ValueError:
                pass
        return ticks * _TICK_S

    def wait_readable(self, fd: int, deadline: float, before: float, limit: float) -> float | None:
        """Wait until ``fd`` (the reply pipe) is readable, reading the clock
        every ``POLL_S``: None once it is, or the CPU seconds used since
        ``before`` as soon as they pass ``limit``; ``protocol.Timeout`` at
        the wall ``deadline``."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                from ..child import protocol

                raise protocol.Timeout()
            if select.select([fd], [], [], min(left, POLL_S))[0]:
                return None
            used = self.seconds() - before
            if used > limit:
                return used
