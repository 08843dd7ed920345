"""A control group per child: a memory ceiling that RLIMIT_DATA cannot give
(shared mappings and tmpfs pages count too), a process ceiling, a freezer
(``sandbox.freezer`` stops the child between calls), the CPU time of all its
tasks (``cpu_clock``: what a CPU budget is charged), and a way to find and
kill every process the child made, wherever it went.

Uses cgroup v1's memory and pids hierarchies, or cgroup v2 where the judge's
own group can delegate; where neither is writable (not root, no cgroupfs),
``create`` returns None and the result reports the layer missing.  The
freezer is a v2 group where there is one (also the unified hierarchy of a v1
machine): a task frozen there still dies of SIGKILL, so a judge killed
outright leaves nothing frozen behind (bubblewrap's --die-with-parent still
works).  A task frozen in v1's freezer hierarchy, the next choice, ignores
SIGKILL until it is thawed.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")


def _own_groups() -> dict[str, str]:
    """controller (or "" for v2) -> this process's group path."""
    out = {}
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                out[name] = path
    except (OSError, ValueError):
        pass
    return out


def _freezer_dir(groups: dict[str, str], name: str) -> tuple[Path, str] | None:
    """Where a v1 machine's child gets its freezer: the unified (v2) hierarchy
    where it is mounted, else v1's freezer hierarchy."""
    unified = ROOT / "unified"
    if "" in groups and (unified / "cgroup.controllers").exists():
        return unified / groups[""].lstrip("/") / name, "v2"
    if "freezer" in groups and (ROOT / "freezer").is_dir():
        return ROOT / "freezer" / groups["freezer"].lstrip("/") / name, "v1"
    return None


BOOT_FAILURE = "lstm-judge-sandbox:"  # how the sandbox's own start-up failures begin
_ENTER = ('while [ "$1" != -- ]; do echo $$ 2>/dev/null > "$1" || {'
          f' echo "{BOOT_FAILURE} cannot enter the cgroup $1" >&2; exit 125; }}; shift; done;'
          ' shift; exec "$@"')


class Cgroup:
    def __init__(self, dirs: list[Path], kind: str, freezer: tuple[Path, str] | None = None,
                 cpu: Path | None = None):
        self.dirs = dirs  # one per hierarchy (v1: memory, pids, freezer, cpuacct; v2: one)
        self.kind = kind
        self.freezer = freezer  # (its group, "v1" or "v2"), or None
        self.cpu = cpu  # the group whose CPU usage is the child's (v1 cpuacct, v2 the group)

    @classmethod
    def create(cls, name: str, memory_bytes: int, pids: int) -> "Cgroup | None":
        groups = _own_groups()
        made: list[Path] = []
        try:
            if "memory" in groups and (ROOT / "memory").is_dir():
                memory = ROOT / "memory" / groups["memory"].lstrip("/") / name
                pid_dir = ROOT / "pids" / groups.get("pids", "/").lstrip("/") / name
                for d in (memory, pid_dir):
                    d.mkdir()
                    made.append(d)
                (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
                swap = memory / "memory.memsw.limit_in_bytes"
                if swap.exists():
                    swap.write_text(str(memory_bytes))
                (pid_dir / "pids.max").write_text(str(pids))
                cpu = None
                if "cpuacct" in groups and (ROOT / "cpuacct").is_dir():
                    try:
                        cpu = ROOT / "cpuacct" / groups["cpuacct"].lstrip("/") / name
                        cpu.mkdir()
                        made.append(cpu)
                    except OSError:
                        cpu = None  # its CPU time is read from /proc instead (cpu_clock)
                freezer = _freezer_dir(groups, name)
                try:
                    if freezer:
                        freezer[0].mkdir()
                        made.append(freezer[0])
                except OSError:
                    freezer = None  # the child runs, stopped between calls by signals instead
                return cls(made, "v1", freezer, cpu)
            if "" in groups and (ROOT / "cgroup.controllers").exists():
                group = ROOT / groups[""].lstrip("/") / name
                group.mkdir()
                made.append(group)
                (group / "memory.max").write_text(str(memory_bytes))
                (group / "memory.swap.max").write_text("0")
                (group / "pids.max").write_text(str(pids))
                frozen = (group / "cgroup.freeze").exists()  # Linux 5.2 and later
                return cls(made, "v2", (group, "v2") if frozen else None, group)
        except OSError:
            for d in reversed(made):
                try:
                    d.rmdir()
                except OSError:
                    pass
        return None

    def entering(self, argv: list[str]) -> list[str]:
        """``argv`` behind a shell that moves itself into this group and then
        execs it, so that everything the child starts is inside from its first
        instruction.  No Python code runs between fork and exec (``preexec_fn``
        is unsafe in a process with threads: a Dask worker's, or a judge's
        that has run torch); a group that cannot be entered is a boot failure
        that names itself (``BOOT_FAILURE``), the judge's fault."""
        files = [str(d / "cgroup.procs") for d in self.dirs]
        return ["/bin/sh", "-c", _ENTER, "sh", *files, "--", *argv]

    def pids(self) -> list[int]:
        out = set()
        for d in self.dirs:
            try:
                out |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
            except (OSError, ValueError):
                pass
        return sorted(out)

    def cpu_seconds(self) -> float | None:
        """CPU time used by every task that was ever in the group (threads and
        exited processes included), or None where the group does not count it."""
        if self.cpu is None:
            return None
        try:
            if self.kind == "v1":
                return int((self.cpu / "cpuacct.usage").read_text()) / 1e9
            for line in (self.cpu / "cpu.stat").read_text().splitlines():
                if line.startswith("usage_usec "):
                    return int(line.split()[1]) / 1e6
        except (OSError, ValueError):
            pass
        return None

    def out_of_memory(self) -> bool:
        """Whether the kernel's OOM killer acted in this group."""
        d = self.dirs[0]
        try:
            if self.kind == "v1":
                text = (d / "memory.oom_control").read_text()
                kills = [l.split()[1] for l in text.splitlines() if l.startswith("oom_kill ")]
                failcnt = int((d / "memory.failcnt").read_text().strip() or 0)
                return (bool(kills) and int(kills[0]) > 0) or (not kills and failcnt > 0)
            events = (d / "memory.events").read_text()
            return any(l.split()[0] == "oom_kill" and int(l.split()[1]) > 0
                       for l in events.splitlines())
        except (OSError, ValueError, IndexError):
            return False

    def freeze(self, timeout_s: float) -> bool:
        """Freeze every task of the group; whether all were frozen in time."""
        group, kind = self.freezer
        if kind == "v1":
            (group / "freezer.state").write_text("FROZEN")
            state, done = group / "freezer.state", "FROZEN"
        else:
            (group / "cgroup.freeze").write_text("1")
            state, done = group / "cgroup.events", "frozen 1"
        end, pause = time.monotonic() + timeout_s, 0.00005
        while done not in state.read_text():
            if time.monotonic() > end:
                return False
            time.sleep(pause)  # a task freezes when it next runs: leave it the CPU
            pause = min(pause * 2, 0.002)
        return True

    def thaw(self) -> None:
        group, kind = self.freezer
        if kind == "v1":
            (group / "freezer.state").write_text("THAWED")
        else:
            (group / "cgroup.freeze").write_text("0")

    def kill_all(self) -> None:
        for _ in range(50):
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.01)

    def remove(self) -> None:
        if self.freezer:
            try:
                self.thaw()  # a task frozen in v1 does not die until thawed
            except OSError:
                pass
        self.kill_all()
        for d in self.dirs:
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # still emptying
                    time.sleep(0.01)
