"""Isolation levels: how the child is wrapped, and what each level
guarantees.

``namespaces`` runs the child under bubblewrap: new mount, pid, network,
ipc and uts namespaces and a filesystem view holding only the Python
runtime, the allowed packages and the submission.  ``process`` is the
fallback where bubblewrap is missing or does not work: a fresh process with
an empty working directory.

At both levels the worker then confines itself (``grader.confine``) before
the submission runs: a uid of its own when the judge is root, no new
privileges, Landlock, a seccomp filter, and resource limits.  Each layer
that is missing on a machine is reported, with the reason, in every result
and by ``lstm-judge doctor``.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import site
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .packages import PackageView

RUNTIME_ROOTS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin")
DEVICES = ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")
# Read by the dynamic loader and by torch's CPU detection.
SYSTEM_FILES = ("/etc/ld.so.cache", "/sys/devices/system/cpu", "/proc/cpuinfo", "/proc/meminfo")


@dataclass(frozen=True)
class Inside:
    """Where the child's files are, as the child sees them."""

    work: str
    judge: str
    tmp: str
    site: tuple[str, ...]


class Process:
    name = "process"
    startup_s = 5.0
    layers = ("fresh process per submission in an empty directory, scrubbed environment",)
    missing = (
        "mount namespace: the filesystem is limited only by the uid and Landlock layers",
        "network namespace: the network is limited only by the seccomp and Landlock layers",
        "pid namespace: the child can see other processes",
    )

    def __init__(self, reason: str = ""):
        self.reason = reason

    def paths(self, root: Path, view: PackageView) -> Inside:
        # The allowed packages, linked into a folder of their own: the child's
        # sys.path holds no site-packages, so nothing else is found.
        site = root / "site"
        site.mkdir(mode=0o755, exist_ok=True)
        for path in view.paths:
            (site / path.name).symlink_to(path)
        return Inside(str(root / "work"), str(root / "judge"), str(root / "work"), (str(site),))

    def wrap(self, argv: list[str], root: Path, view: PackageView, disk_mb: int = 64) -> list[str]:
        return argv

    def readable(self, root: Path, view: PackageView) -> list[str]:
        """What the child may read (Landlock), without any site-packages."""
        prefix = os.path.realpath(sys.base_prefix)
        paths = readable_tree([*RUNTIME_ROOTS, prefix], hidden_site_dirs())
        return paths + [str(p) for p in view.paths] + [str(root / "judge"), str(root / "site"),
                                                      *SYSTEM_FILES]

    def writable(self, root: Path) -> list[str]:
        return [str(root / "work"), *DEVICES[:2]]

    def signal_of(self, code: int) -> int | None:
        return -code if code < 0 else None

    def uid_drop_possible(self) -> tuple[bool, str]:
        if os.getuid() != 0:
            return False, "the judge is not root, so the child keeps the judge's uid"
        if not _world_traversable(sys.base_prefix):
            return False, (f"the child stays root: the Python installation ({sys.base_prefix})"
                           " is not reachable by other uids")
        return True, ""


class Namespaces(Process):
    name = "namespaces"
    layers = (
        "bubblewrap: mount namespace; only the Python runtime, allowed packages and the"
        " submission are in view; its directories are size-limited tmpfs",
        "network namespace: no interfaces but an isolated loopback",
        "pid, ipc and uts namespaces; the child dies with the judge",
    )
    missing = ()

    def paths(self, root: Path, view: PackageView) -> Inside:
        return Inside("/sandbox", "/judge", "/tmp", ("/site",))

    def wrap(self, argv: list[str], root: Path, view: PackageView, disk_mb: int = 64) -> list[str]:
        # The child's directories are size-limited tmpfs (counted in its memory
        # cgroup too), so it cannot fill the host's disk.
        size = str(disk_mb << 20)
        return [*bwrap_base(size), *_runtime_binds(), *_package_binds(view),
                "--ro-bind", str(root / "judge"), "/judge",
                "--perms", "0777", "--size", size, "--tmpfs", "/sandbox",
                "--ro-bind", str(root / "work" / "submission.py"), "/sandbox/submission.py",
                "--chdir", "/sandbox", "--", *argv]

    def readable(self, root: Path, view: PackageView) -> list[str]:
        prefix = os.path.realpath(sys.base_prefix)
        return readable_tree([*RUNTIME_ROOTS, prefix], hidden_site_dirs()) + [
            "/site", "/judge", *SYSTEM_FILES]

    def writable(self, root: Path) -> list[str]:
        return ["/sandbox", "/tmp", *DEVICES[:2]]

    def signal_of(self, code: int) -> int | None:
        # bubblewrap reports a child killed by signal N as exit status 128 + N.
        if code < 0:
            return -code
        return code - 128 if 128 < code < 128 + 65 else None

    def uid_drop_possible(self) -> tuple[bool, str]:
        if os.getuid() != 0:
            return False, "the judge is not root; the child runs in a user namespace instead"
        return True, ""


def describe(level: Process, confined: dict, limits, notes: list[str]) -> dict:
    """The isolation in force for one submission, for its result."""
    layers, missing = list(level.layers), list(level.missing) + list(notes)
    uid = confined.get("uid")
    if confined.get("dropped"):
        layers.append(f"uid {uid} of its own: no capabilities, cannot signal or read other users")
    elif level.name == "namespaces" and os.getuid() != 0:
        layers.append("user namespace with every capability dropped")
    elif uid == 0:
        missing.append("non-root uid: the child keeps uid 0 (see the notes)")
        if confined.get("caps_dropped"):
            layers.append("every capability dropped (uid 0 without privileges)")
        else:
            missing.append("capabilities: the child could not drop them")
    if confined.get("no_new_privs"):
        layers.append("no_new_privs: no privilege gained through exec")
    abi = confined.get("landlock_abi", 0)
    if abi:
        extra = "; no TCP" if abi >= 4 else ""
        extra += "; no signals or abstract sockets outside the sandbox" if abi >= 6 else ""
        layers.append(f"Landlock (ABI {abi}): files limited to the runtime, allowed packages"
                      f" and the sandbox directory{extra}")
    else:
        missing.append("Landlock: " + (confined.get("landlock_why") or "not available"))
    if confined.get("seccomp"):
        layers.append("seccomp: no exec, fork, sockets, ptrace, mounts, namespaces, io_uring,"
                      " host settings or System V IPC" + (", nor file metadata or device nodes"
                                                          if uid == 0 else ""))
    else:
        missing.append("seccomp: " + (confined.get("seccomp_why") or "not loaded"))
        if level.name == "process":
            missing.append("process tree: with neither a pid namespace nor seccomp's fork ban,"
                           " a descendant that leaves the process group, clears its"
                           " environment and leaves its directory can outlive the child")
    rlimits = "CPU seconds, data segment, file size, open files, no core dumps"
    layers.append(f"rlimits: {rlimits}" + (", processes" if confined.get("nproc") else ""))
    layers.append(f"wall-clock deadlines ({limits.call_s:g} s a call, {limits.total_s:g} s in all)"
                  " enforced by the judge; the process tree is killed at the end")
    out = {"level": level.name, "uid": uid, "layers": layers, "missing": missing}
    if level.reason:
        out["reason"] = level.reason
    return out


def bwrap_base(tmp_size: str = str(64 << 20)) -> list[str]:
    common = ["--die-with-parent", "--new-session", "--hostname", "judge",
              "--proc", "/proc", "--dev", "/dev",
              "--perms", "1777", "--size", tmp_size, "--tmpfs", "/tmp"]
    if os.getuid() == 0:
        # Root needs no user namespace; the worker drops to a uid of its own,
        # which clears every capability.
        return ["bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                "--unshare-cgroup-try", *common]
    return ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns",
            "--cap-drop", "ALL", *common]


def _runtime_binds() -> list[str]:
    """/usr and the Python installation, with every site-packages hidden."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in RUNTIME_ROOTS[1:]:
        path = Path(name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    prefix = os.path.realpath(sys.base_prefix)
    if not prefix.startswith("/usr/"):
        # bubblewrap copies the modes of the parents it creates; /root is 0700.
        for parent in reversed(Path(prefix).parents[:-1]):
            args += ["--perms", "0755", "--dir", str(parent)]
        args += ["--ro-bind", prefix, prefix]
    roots = ("/usr/", prefix + "/")
    for directory in hidden_site_dirs():
        if directory.startswith(roots) and os.path.isdir(directory):
            args += ["--tmpfs", directory, "--remount-ro", directory]
    return args


@functools.lru_cache(maxsize=1)
def hidden_site_dirs() -> tuple[str, ...]:
    """Every site-packages the judge's Python knows of: hidden from the child."""
    dirs = set(site.getsitepackages()) | {site.getusersitepackages()}
    dirs |= set(glob.glob("/usr/lib/python3*/dist-packages"))
    dirs |= set(glob.glob("/usr/local/lib/python3*/*-packages"))
    dirs |= {os.path.realpath(d) for d in list(dirs)}
    return tuple(sorted(dirs))


def readable_tree(roots, hidden) -> list[str]:
    """Paths covering ``roots`` but none of ``hidden`` (Landlock rules only
    add access, so a root holding a hidden folder is split into its entries)."""
    hidden = [h.rstrip("/") for h in hidden]
    out = []

    def cover(path: str) -> None:
        if path in hidden or not os.path.lexists(path):
            return
        if not any(h.startswith(path + "/") for h in hidden):
            out.append(path)
            return
        try:
            entries = sorted(os.listdir(path))
        except OSError:
            return
        for entry in entries:
            cover(os.path.join(path, entry))

    for root in roots:
        real = os.path.realpath(root)
        cover(real)
    return sorted(set(out))


def _package_binds(view: PackageView) -> list[str]:
    args = ["--tmpfs", "/site"]
    for path in view.paths:
        args += ["--ro-bind", str(path), f"/site/{path.name}"]
    return args + ["--remount-ro", "/site"]


def _world_traversable(path: str) -> bool:
    current = Path(path).resolve()
    for part in [current, *current.parents]:
        try:
            if not part.stat().st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


@functools.lru_cache(maxsize=None)
def probe_bwrap() -> str:
    """Empty when bubblewrap works here, else why not."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    argv = [*bwrap_base(), *_runtime_binds(), "--", "/bin/true"]
    try:
        result = subprocess.run(argv, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap does not start: {exc}"
    if result.returncode != 0:
        return "bubblewrap fails here: " + result.stderr.decode(errors="replace").strip()[:200]
    return ""


def detect(force: str | None = None) -> Process:
    """The strongest level that works on this machine (or the one forced)."""
    if force == "process":
        return Process("forced with --isolation process")
    problem = probe_bwrap()
    if not problem:
        return Namespaces()
    if force == "namespaces":
        raise RuntimeError(problem)
    return Process(problem)


Level = Process
