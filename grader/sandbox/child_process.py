"""The sandboxed child process and its lifecycle.

One ``Sandbox`` per child: a fresh temporary directory holding a copy of
the submission and of the child's code (every module of ``grader/child``),
a worker started in it under the strongest isolation the machine has,
requests answered over two pipes, the child frozen between them
(``freezer``: it runs only while the judge waits for a reply), and on
``close`` the whole process tree killed, its zombies reaped and the
directory removed.  A call may be given a CPU-time limit besides its wall
deadline (a training budget): the judge measures the child's CPU time
(``cpu_clock``), while it waits and on the reply.

Starting is two steps, so that the child boots while the judge loads the
tests: ``launch`` starts it, ``wait_ready`` waits for its confinement and
import reports (``start`` does both).  Between replies and requests the
child is frozen (``freezer``).  (About 300 lines: one child's whole life,
start to reaping, with the request round trip that freezing and the CPU clock
interleave.)
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from ..child import child_files
from . import cgroups, freezer, levels, packages, reaping, seccomp_filter, uids
from .cpu_clock import CpuClock
from .config import SandboxConfig, environment, worker_config
from .layers import describe

# Every sandbox not yet closed: a backstop at exit, should a path miss its close().
_LIVE: "weakref.WeakSet[Sandbox]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for sandbox in list(_LIVE):
        sandbox.close()


class ChildFailure(Exception):
    """The child did not answer as it should.  ``kind`` is one of
    ``timeout``, ``cpu`` (past a call's CPU limit), ``died``, ``violation``."""

    def __init__(self, kind: str, message: str, *, signal: int | None = None,
                 cpu_s: float = 0.0, status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.signal = signal
        self.cpu_s = cpu_s
        self.status = status
        self.oom = False  # the kernel killed it for its cgroup's memory ceiling


@dataclass
class Reply:
    message: dict
    wall_s: float
    cpu_s: float | None = None  # the child's CPU time for the call, where it was limited


@dataclass(eq=False)
class Sandbox:
    submission: Path
    config: SandboxConfig
    total_deadline: float | None = None  # monotonic time when the submission's total ends
    freeze: str = "auto"  # between calls; tests only: "signals" (the fallback) or "off"
    level: levels.ProcessLevel | None = field(init=False, default=None)
    confined: dict = field(init=False, default_factory=dict)  # the worker's own report
    notes: list[str] = field(init=False, default_factory=list)  # why a layer is missing
    _proc: subprocess.Popen | None = field(init=False, default=None)
    _dir: Path | None = field(init=False, default=None)
    _requests: int | None = field(init=False, default=None)
    _replies: int | None = field(init=False, default=None)
    _lease: uids.Lease | None = field(init=False, default=None)
    _cgroup: cgroups.Cgroup | None = field(init=False, default=None)
    _cgroup_kind: str = field(init=False, default="")
    _freezer: freezer.Freezer = field(init=False, default_factory=freezer.Freezer)
    _clock: CpuClock | None = field(init=False, default=None)

    # ------------------------------------------------------------- lifecycle

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> Reply:
        """Start the child and wait for its import report."""
        self.launch()
        return self.wait_ready()

    def launch(self) -> None:
        """Start the child without waiting for it."""
        self.level = levels.detect(self.config.force_level)
        _LIVE.add(self)
        self._dir = Path(tempfile.mkdtemp(prefix="lstm-judge-"))
        os.chmod(self._dir, 0o711)  # a child with a uid of its own may pass through
        work = self._dir / "work"
        judge = self._dir / "judge"
        work.mkdir(mode=0o700)
        judge.mkdir(mode=0o755)
        shutil.copyfile(self.submission, work / "submission.py")
        for path in child_files():
            shutil.copyfile(path, judge / path.name)
        view = packages.resolve(self.config.allowed)
        inside = self.level.paths(self._dir, view)
        config = worker_config(self.config, inside)
        config["confine"] = self._confinement(view, inside, work, judge)
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        config["fds"] = [req_r, rep_w]
        python = os.path.realpath(sys._base_executable)
        argv = [python, "-I", "-S", f"{inside.judge}/worker.py", json.dumps(config)]
        limits = self.config.limits
        argv = self.level.wrap(argv, self._dir, view, limits.disk_mb)
        # The ceiling is the memory limit itself: tmpfs files count against it.
        self._cgroup = cgroups.Cgroup.create(self._dir.name, limits.memory_mb << 20,
                                             limits.processes)
        self._cgroup_kind = self._cgroup.kind if self._cgroup else ""
        if self._cgroup is not None:
            argv = self._cgroup.entering(argv)
        boot = open(self._dir / "boot.log", "wb")
        try:
            self._proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=boot,
                stderr=boot,
                cwd=work,
                env=environment(inside, self._dir.name),
                pass_fds=(req_r, rep_w),
                start_new_session=True,
            )
        finally:
            boot.close()
            os.close(req_r)
            os.close(rep_w)
        self._requests, self._replies = req_w, rep_r
        os.set_blocking(req_w, False)
        uid, marker, root = self._lease.uid if self._lease else None, self._dir.name, str(self._dir)
        self._freezer = freezer.choose(self._cgroup, self._proc.pid,
                                       lambda pid: reaping._belongs(pid, marker, uid, root),
                                       self.freeze)
        self._clock = CpuClock(self._cgroup, self._proc.pid,
                               lambda pid: reaping._belongs(pid, marker, uid, root))

    def wait_ready(self) -> Reply:
        """The child's confinement report, then its import report."""
        startup = self.config.limits.call_s + self.level.startup_s
        confined = self._receive(startup).message
        if confined.get("phase") != "confined":
            raise self._fail("violation", "did not report its confinement")
        self.confined = confined
        if confined.get("seccomp"):
            self._freezer.closed()  # no fork: the processes it has are all it will have
        return self._receive(startup, freeze=True)

    def _confinement(self, view, inside, work: Path, judge: Path) -> dict:
        """What the worker applies to itself: uid, Landlock paths, seccomp."""
        out = {"read": self.level.readable(self._dir, view), "write": self.level.writable(self._dir),
               "uid": None, "seccomp": None}
        possible, why = self.level.uid_drop_possible(view, self._dir)
        if possible:
            self._lease = uids.acquire()
            if self._lease is not None:
                out["uid"] = self._lease.uid
                os.chown(work, self._lease.uid, self._lease.uid)
        elif why and os.getuid() == 0:
            self.notes.append(why)
        # Where the child keeps uid 0, file metadata and device calls are refused too.
        bpf, why = seccomp_filter.compile_filter(keeps_root=out["uid"] is None and os.getuid() == 0)
        if bpf:
            (judge / "seccomp.bpf").write_bytes(bpf)
            out["seccomp"] = f"{inside.judge}/seccomp.bpf"
        else:
            out["seccomp_why"] = why
        return out

    def describe(self) -> dict:
        """The isolation that was in force, for the result."""
        late = [f"freezer: the child was not frozen within {freezer.FREEZE_TIMEOUT_S:g} s"
                " once, and ran on between calls"] if self._freezer.late else []
        return describe(self.level, self.confined, self.config.limits, self.notes + late,
                        self._cgroup_kind, self._freezer.kind)

    def close(self) -> None:
        """Kill the child's whole process tree and remove its directory."""
        for fd in (self._requests, self._replies):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._requests = self._replies = None
        self._freezer.thaw()  # a task frozen in cgroup v1 does not die until thawed
        if self._proc is not None:
            reaping.kill_group(self._proc)
            self._proc = None
        if self._cgroup is not None:
            self._cgroup.remove()  # kills whatever of the child is left, wherever it went
            self._cgroup = None
        if self._dir is not None:
            reaping.reap_orphans(self._dir, self._lease.uid if self._lease else None)
            reaping.remove_tree(self._dir)
            self._dir = None
        if self._lease is not None:
            self._lease.release()
            self._lease = None
        _LIVE.discard(self)
        # bubblewrap's inner processes, adopted when the child died; not the
        # sandboxes still running, which their own close() waits for.
        reaping.reap_zombies({s._proc.pid for s in list(_LIVE) if s._proc is not None})

    def boot_log(self) -> str:
        """What the sandbox printed before the worker took over its output."""
        try:
            return (self._dir / "boot.log").read_text(errors="replace")[:2000].strip()
        except (OSError, TypeError):
            return ""

    @property
    def alive(self) -> bool:
        if self._proc is None:
            return False
        # WNOWAIT: look without reaping, so that kill_group still gets the rusage.
        try:
            return os.waitid(os.P_PID, self._proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
        except ChildProcessError:
            return False

    # ------------------------------------------------------------- requests

    def request(self, message: dict, timeout_s: float | None = None,
                cpu_s: float | None = None) -> Reply:
        """Send one request and wait for its reply within the limits
        (``timeout_s`` replaces the per-call wall limit; ``cpu_s`` limits the
        child's CPU time for this call, e.g. a training budget)."""
        from ..child import protocol  # numpy: loaded once the child is on its way
        if not self.alive:
            raise ChildFailure("died", "the child is not running")
        frame = memoryview(protocol.encode(message))
        # What fits in the pipe is written while the child is still frozen: it
        # finds its request the moment it is thawed, with nothing to do before.
        try:
            frame = frame[os.write(self._requests, frame):]
        except BlockingIOError:
            pass
        except BrokenPipeError:
            raise self._fail("died", "exited before its request was sent") from None
        # The call's clock starts as the child is thawed: time frozen is not its.
        start = time.monotonic()
        deadline = self._deadline(timeout_s or self.config.limits.call_s, start)
        cpu = (self._clock.seconds(), cpu_s) if cpu_s else None  # read while still frozen
        self._freezer.thaw()
        try:
            protocol.write_frame(self._requests, frame, deadline)
        except protocol.Timeout:
            raise self._fail("timeout", "did not read its request in time") from None
        except protocol.Closed:
            raise self._fail("died", "exited before its request was sent") from None
        return self._receive_until(deadline, freeze=True, start=start, cpu=cpu)

    def _receive(self, timeout: float, freeze: bool = False) -> Reply:
        return self._receive_until(self._deadline(timeout), freeze)

    def _deadline(self, timeout: float, now: float | None = None) -> float:
        deadline = (time.monotonic() if now is None else now) + timeout
        return min(deadline, self.total_deadline) if self.total_deadline else deadline

    def _receive_until(self, deadline: float, freeze: bool = False,
                       start: float | None = None, cpu: tuple[float, float] | None = None) -> Reply:
        """One reply; with ``freeze``, the child is frozen as soon as it is
        read (its checks need no child), and the time that takes is not the call's.
        With ``cpu`` (the clock at the call's start, the limit), the child's CPU
        time is watched while it works and checked once it is frozen."""
        from ..child import protocol
        start = time.monotonic() if start is None else start
        cap = self.config.limits.response_mb << 20
        used = None
        try:
            if cpu is not None:  # stopped at its CPU limit, not at the (generous) deadline
                over = self._clock.wait_readable(self._replies, deadline, *cpu)
                if over is not None:
                    raise self._over_cpu(over, cpu[1])
            payload = protocol.read_frame(self._replies, cap, deadline)
            if freeze:
                spent = self._freezer.freeze()
                start, deadline = start + spent, deadline + spent
            if cpu is not None:
                used = self._clock.seconds() - cpu[0]
                if used > cpu[1]:
                    raise self._over_cpu(used, cpu[1])
            message = protocol.decode(payload, deadline)  # decoding counts against the call
        except protocol.Timeout:
            raise self._fail("timeout", "went past its time limit") from None
        except protocol.Closed:
            raise self._fail("died", "exited") from None
        except protocol.ProtocolError as exc:
            raise self._fail("violation", f"sent a malformed reply ({exc})") from None
        if not isinstance(message, dict):
            raise self._fail("violation", "sent a malformed reply (not an object)")
        return Reply(message, time.monotonic() - start, used)

    def _over_cpu(self, used: float, limit: float) -> ChildFailure:
        failure = self._fail("cpu", f"used {used:.1f} s of CPU time, past the call's {limit:g} s")
        failure.cpu_s = used
        return failure

    def _fail(self, kind: str, message: str) -> ChildFailure:
        """Kill the child and describe how it ended."""
        self._freezer.thaw()
        proc = self._proc
        status = reaping.kill_group(proc, 0.5 if kind == "died" else 0.0) if proc else None
        cpu, sig = 0.0, None
        if status is not None:
            status_code, cpu = status
            sig = self.level.signal_of(status_code)
            if kind == "died":
                message = reaping.describe_exit(status_code, sig)
        self._proc = None
        failure = ChildFailure(kind, message, signal=sig, cpu_s=cpu,
                               status=status[0] if status else None)
        failure.oom = self._cgroup is not None and self._cgroup.out_of_memory()
        return failure
