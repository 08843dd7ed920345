"""Ending a child's process tree: kill its process group and reap it,
adopt (as subreaper) and kill descendants that left the group, reap the
zombies adopted that way, and remove its directory however deep it grew."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path


def _become_subreaper() -> bool:
    """Adopt orphaned descendants, so that one that left the child's process
    group (fork, setsid) is still ours to kill."""
    try:
        import ctypes

        return ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


SUBREAPER = _become_subreaper()


def kill_group(proc: subprocess.Popen, grace_s: float = 0.0) -> tuple[int, float] | None:
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


def reap_orphans(directory: Path, uid: int | None) -> None:
    """Kill descendants that left the child's process group and were
    adopted by the judge (a pid namespace or seccomp's fork ban makes this
    moot; it is the process level's last line)."""
    if not SUBREAPER:
        return
    for _ in range(8):  # an orphan's own children are adopted in turn
        mine = [p for p in _adopted() if _belongs(p, directory.name, uid, str(directory))]
        if not mine:
            return
        for pid in mine:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


def reap_zombies(keep: set[int] = frozenset()) -> int:
    """Reap the dead processes the judge adopted as subreaper (bubblewrap's
    inner processes, once the child died): how many.  Only those the judge
    provably did not start itself, which nothing else will wait for: from a
    deeper pid namespace (a sandbox's), or in a session neither the judge's
    nor their own (a descendant of a sandbox's session).  A process the
    judge started (``subprocess.run`` elsewhere, a sandbox not yet closed,
    ``keep``) is in the judge's namespace, and in the judge's session or one
    it leads."""
    if not SUBREAPER:
        return 0
    depth, session, reaped = _ns_depth(os.getpid()), os.getsid(0), 0
    for pid in _adopted():
        if pid in keep:
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z":
            continue
        sid = int(fields[3])
        if _ns_depth(pid) > depth or sid not in (pid, session, 0):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    reaped += 1
            except ChildProcessError:
                pass
    return reaped


def _ns_depth(pid: int) -> int:
    """How many pid namespaces ``pid`` is in (the NSpid line of its status)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"NSpid:"):
                    return len(line.split()) - 1
    except OSError:
        pass
    return 0


def remove_tree(path: Path) -> None:
    """Remove a sandbox directory, however deep the child made it
    (shutil.rmtree recurses, and a deep enough tree exhausts Python's stack)."""
    try:
        shutil.rmtree(path)
    except Exception:
        subprocess.run(["rm", "-rf", "--one-file-system", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def describe_exit(code: int, sig: int | None) -> str:
    if sig is not None:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return f"was killed by {name}"
    return f"exited with status {code}"


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
