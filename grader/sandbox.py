"""The sandboxed child process and its lifecycle.

One ``Sandbox`` per submission: a fresh temporary directory holding a copy of
the submission, a worker started in it under the strongest isolation the
machine has, requests answered over two pipes, and on ``close`` the whole
process tree killed and the directory removed.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from . import cgroups, isolation, packages, protocol, syscalls, uids

HERE = Path(__file__).parent
WORKER_FILES = ("worker.py", "protocol.py", "confine.py", "torchops.py")


# Every sandbox not yet closed: a backstop at exit, should a path miss its close().
_LIVE: "weakref.WeakSet[Sandbox]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for sandbox in list(_LIVE):
        sandbox.close()


@dataclass(frozen=True)
class Limits:
    """What a submission may use.  Times in seconds, sizes in MiB."""

    call_s: float = 10.0  # wall time for one request
    total_s: float = 60.0  # wall time for the whole submission
    cpu_s: float = 60.0  # CPU time of the child
    memory_mb: int = 1024  # data segment (heap and anonymous mappings)
    file_size_mb: int = 16  # largest file the child may write
    open_files: int = 256
    processes: int = 64  # threads count too; not enforced for root
    output_kb: int = 64  # captured stdout+stderr per step
    response_mb: int = 64  # largest reply the judge reads
    threads: int = 1  # torch's intra-op threads in the child (module problems)
    train_s: float = 0.0  # training budget of an application task (wall seconds)
    source_kb: int = 128  # largest submission; keeps shipped public data from being embedded
    disk_mb: int = 32  # each of the child's writable directories (namespaces level)


@dataclass(frozen=True)
class SandboxConfig:
    entry_points: tuple[str, ...]
    limits: Limits = Limits()
    allowed: tuple[str, ...] = ("numpy",)  # third-party distributions in view
    forbidden: tuple[str, ...] = ()  # top-level modules named as forbidden
    torch_threads: int = 0  # >0: import torch and set its threads first
    seed: int = 0  # seeds random, numpy and torch in the child before the import
    force_level: str | None = None  # for tests: run at a given isolation level


class ChildFailure(Exception):
    """The child did not answer as it should.  ``kind`` is one of
    ``timeout``, ``died``, ``violation``."""

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


@dataclass(eq=False)
class Sandbox:
    submission: Path
    config: SandboxConfig
    level: isolation.Level = field(init=False)
    total_deadline: float | None = None  # monotonic time when the submission's total ends
    _proc: subprocess.Popen | None = field(init=False, default=None)
    _dir: Path | None = field(init=False, default=None)
    _requests: int | None = field(init=False, default=None)
    _replies: int | None = field(init=False, default=None)
    _lease: uids.Lease | None = field(init=False, default=None)
    _cgroup: "cgroups.Cgroup | None" = field(init=False, default=None)

    # ------------------------------------------------------------- lifecycle

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> Reply:
        """Start the child and wait for its import report."""
        self.launch()
        return self.handshake()

    def launch(self) -> None:
        """Start the child without waiting for it (it boots while the judge
        loads the tests)."""
        self.level = isolation.detect(self.config.force_level)
        _LIVE.add(self)
        self._dir = Path(tempfile.mkdtemp(prefix="lstm-judge-"))
        os.chmod(self._dir, 0o711)  # a child with a uid of its own may pass through
        work = self._dir / "work"
        judge = self._dir / "judge"
        work.mkdir(mode=0o700)
        judge.mkdir(mode=0o755)
        shutil.copyfile(self.submission, work / "submission.py")
        for name in WORKER_FILES:
            shutil.copyfile(HERE / name, judge / name)
        view = packages.resolve(self.config.allowed)
        inside = self.level.paths(self._dir, view)
        config = self._worker_config(view, inside)
        config["confine"] = self._confinement(view, inside, work, judge)
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        config["fds"] = [req_r, rep_w]
        python = os.path.realpath(sys._base_executable)
        argv = [python, "-I", "-S", f"{inside.judge}/worker.py", json.dumps(config)]
        argv = self.level.wrap(argv, self._dir, view, self.config.limits.disk_mb)
        limits = self.config.limits
        # The ceiling is the memory limit itself: tmpfs files count against it.
        self._cgroup = cgroups.Cgroup.create(self._dir.name, limits.memory_mb << 20,
                                             limits.processes)
        self._had_cgroup = self._cgroup.kind if self._cgroup else ""
        boot = open(self._dir / "boot.log", "wb")
        try:
            self._proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=boot,
                stderr=boot,
                cwd=work,
                env=self._environment(inside),
                pass_fds=(req_r, rep_w),
                start_new_session=True,
                preexec_fn=_joiner(self._cgroup),
            )
        finally:
            boot.close()
            os.close(req_r)
            os.close(rep_w)
        self._requests, self._replies = req_w, rep_r
        os.set_blocking(req_w, False)

    def handshake(self) -> Reply:
        """The child's confinement report, then its import report."""
        startup = self.config.limits.call_s + self.level.startup_s
        confined = self._receive(startup).message
        if confined.get("phase") != "confined":
            raise self._fail("violation", "did not report its confinement")
        self.confined = confined
        return self._receive(startup)

    def _confinement(self, view, inside, work: Path, judge: Path) -> dict:
        """What the worker applies to itself: uid, Landlock paths, seccomp."""
        out = {"read": self.level.readable(self._dir, view), "write": self.level.writable(self._dir),
               "uid": None, "seccomp": None}
        self.notes = []
        possible, why = self.level.uid_drop_possible()
        if possible:
            self._lease = uids.acquire()
            if self._lease is not None:
                out["uid"] = self._lease.uid
                os.chown(work, self._lease.uid, self._lease.uid)
        elif why and os.getuid() == 0:
            self.notes.append(why)
        # Where the child keeps uid 0, file metadata and device calls are refused too.
        bpf, why = syscalls.compile_filter(keeps_root=out["uid"] is None and os.getuid() == 0)
        if bpf:
            (judge / "seccomp.bpf").write_bytes(bpf)
            out["seccomp"] = f"{inside.judge}/seccomp.bpf"
        else:
            out["seccomp_why"] = why
        return out

    def describe(self) -> dict:
        """The isolation that was in force, for the result."""
        out = isolation.describe(self.level, getattr(self, "confined", {}),
                                 self.config.limits, getattr(self, "notes", []))
        if getattr(self, "_had_cgroup", None):
            out["layers"].append(f"cgroup ({self._had_cgroup}): a memory ceiling that counts shared"
                                 " memory and tmpfs, a process ceiling, and every process it"
                                 " made killed at the end")
        else:
            out["missing"].append("cgroup: not writable here, so shared memory escapes the"
                                  " memory limit and only the process group is killed")
        return out

    def _reap_orphans(self) -> None:
        """Kill descendants that left the child's process group and were
        adopted by the judge (a pid namespace or seccomp's fork ban makes this
        moot; it is the process level's last line)."""
        uid = self._lease.uid if self._lease else None
        for _ in range(8):  # an orphan's own children are adopted in turn
            mine = [p for p in _adopted() if _belongs(p, self._dir.name, uid, str(self._dir))]
            if not mine:
                return
            for pid in mine:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass

    def close(self) -> None:
        """Kill the child's whole process tree and remove its directory."""
        for fd in (self._requests, self._replies):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._requests = self._replies = None
        if self._proc is not None:
            _kill_group(self._proc)
            self._proc = None
        if self._cgroup is not None:
            self._cgroup.remove()  # kills whatever of the child is left, wherever it went
            self._cgroup = None
        if SUBREAPER and self._dir is not None:
            self._reap_orphans()
        if self._dir is not None:
            _remove_tree(self._dir)
            self._dir = None
        if self._lease is not None:
            self._lease.release()
            self._lease = None
        _LIVE.discard(self)

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
        # WNOWAIT: look without reaping, so that _kill_group still gets the rusage.
        try:
            return os.waitid(os.P_PID, self._proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
        except ChildProcessError:
            return False

    # ------------------------------------------------------------- requests

    def request(self, message: dict, timeout_s: float | None = None) -> Reply:
        """Send one request and wait for its reply within the limits
        (``timeout_s`` replaces the per-call limit, e.g. for training)."""
        if not self.alive:
            raise ChildFailure("died", "the child is not running")
        deadline = self._deadline(timeout_s or self.config.limits.call_s)
        try:
            protocol.write_frame(self._requests, protocol.encode(message), deadline)
        except protocol.Timeout:
            raise self._fail("timeout", "did not read its request in time") from None
        except protocol.Closed:
            raise self._fail("died", "exited before its request was sent") from None
        return self._receive_until(deadline)

    def _receive(self, timeout: float) -> Reply:
        return self._receive_until(self._deadline(timeout))

    def _deadline(self, timeout: float) -> float:
        deadline = time.monotonic() + timeout
        return min(deadline, self.total_deadline) if self.total_deadline else deadline

    def _receive_until(self, deadline: float) -> Reply:
        start = time.monotonic()
        cap = self.config.limits.response_mb << 20
        try:
            payload = protocol.read_frame(self._replies, cap, deadline)
            message = protocol.decode(payload)
        except protocol.Timeout:
            raise self._fail("timeout", "went past its time limit") from None
        except protocol.Closed:
            raise self._fail("died", "exited") from None
        except protocol.ProtocolError as exc:
            raise self._fail("violation", f"sent a malformed reply ({exc})") from None
        if not isinstance(message, dict):
            raise self._fail("violation", "sent a malformed reply (not an object)")
        return Reply(message, time.monotonic() - start)

    def _fail(self, kind: str, message: str) -> ChildFailure:
        """Kill the child and describe how it ended."""
        proc = self._proc
        status = _kill_group(proc, 0.5 if kind == "died" else 0.0) if proc else None
        cpu = getattr(self, "_last_cpu", 0.0)
        sig = None
        if status is not None:
            status_code, cpu = status
            sig = self.level.signal_of(status_code)
            if kind == "died":
                message = _describe_exit(status_code, sig)
        self._proc = None
        failure = ChildFailure(kind, message, signal=sig, cpu_s=cpu,
                               status=status[0] if status else None)
        failure.oom = self._cgroup is not None and self._cgroup.out_of_memory()
        return failure

    # ------------------------------------------------------------- set-up

    def _worker_config(self, view: packages.PackageView, inside) -> dict:
        limits = self.config.limits
        rlimits = {
            "cpu": max(1, int(limits.cpu_s + 0.999)),
            "data": limits.memory_mb << 20,
            "fsize": limits.file_size_mb << 20,
            "nofile": limits.open_files,
            "core": 0,
        }
        # RLIMIT_NPROC counts every process of the uid, and root is exempt: it is
        # set where the child has a uid of its own (see confine_self in worker.py).
        rlimits["nproc"] = limits.processes
        return {
            "submission": f"{inside.work}/submission.py",
            "sys_path": [inside.judge, *inside.site],
            "rlimits": rlimits,
            "forbidden": sorted(self.config.forbidden),
            "entry_points": list(self.config.entry_points),
            "output_file": f"{inside.work}/.output",
            "output_cap": limits.output_kb << 10,
            "torch_threads": self.config.torch_threads,
            "seed": self.config.seed,
        }

    def _environment(self, inside) -> dict:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(inside.work),
            "TMPDIR": str(inside.tmp),
            "LANG": "C.UTF-8",
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "LSTM_JUDGE_SANDBOX": self._dir.name,  # marks its descendants (see _reap_orphans)
        }
        # Older OpenBLAS builds compute wrong results on some CPUs without these.
        for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            if name in os.environ:
                env[name] = os.environ[name]
        return env


def _become_subreaper() -> bool:
    """Adopt orphaned descendants, so that one that left the child's process
    group (fork, setsid) is still ours to kill."""
    try:
        import ctypes

        return ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


SUBREAPER = _become_subreaper()


def _joiner(group: "cgroups.Cgroup | None"):
    """Runs in the new process before exec: enter the child's cgroup, so that
    everything it starts is inside from the first instruction."""
    if group is None:
        return None
    files = [str(d / "cgroup.procs") for d in group.dirs]

    def join():
        for name in files:
            with open(name, "w") as f:
                f.write(str(os.getpid()))

    return join


def _remove_tree(path: Path) -> None:
    """Remove a sandbox directory, however deep the child made it
    (shutil.rmtree recurses, and a deep enough tree exhausts Python's stack)."""
    try:
        shutil.rmtree(path)
    except Exception:
        subprocess.run(["rm", "-rf", "--one-file-system", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _adopted() -> list[int]:
    """Processes whose parent is the judge (children it started, and orphans
    it adopted as subreaper)."""
    me, out = str(os.getpid()), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    if f.read().rsplit(b")", 1)[1].split()[1].decode() == me:
                        out.append(int(entry))
            except (OSError, IndexError):
                pass
    return out


def _belongs(pid: int, marker: str, uid: int | None, work: str) -> bool:
    """Whether adopted process ``pid`` came from the sandbox with these traits."""
    try:
        if uid is not None and os.stat(f"/proc/{pid}").st_uid == uid:
            return True
        with open(f"/proc/{pid}/environ", "rb") as f:
            if marker.encode() in f.read():
                return True
        return os.readlink(f"/proc/{pid}/cwd").startswith(work)
    except OSError:
        return False


def _kill_group(proc: subprocess.Popen, grace_s: float = 0.0) -> tuple[int, float] | None:
    """SIGKILL the child's process group and reap it: (status, CPU seconds).
    With ``grace_s``, a child that is exiting by itself is given that long, so
    that its own exit status is what gets reported."""
    end = time.monotonic() + grace_s
    while time.monotonic() < end:
        try:
            if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                break
        except ChildProcessError:
            break
        time.sleep(0.005)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except ChildProcessError:
        return None
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_utime + usage.ru_stime


def _describe_exit(code: int, sig: int | None) -> str:
    if sig is not None:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return f"was killed by {name}"
    return f"exited with status {code}"


def stdlib_paths() -> list[str]:
    paths = sysconfig.get_paths(vars={"base": sys.base_prefix, "platbase": sys.base_prefix})
    return sorted({paths["stdlib"], paths["platstdlib"]})
