"""Isolation levels: how the child is wrapped, and what each level
guarantees.

``namespaces`` runs the child under bubblewrap: new mount, pid, network, ipc,
uts and user namespaces, every capability dropped, and a filesystem view
holding only the Python runtime, the allowed packages and the submission.
``process`` is the fallback where bubblewrap is missing or does not work: a
fresh process with resource limits, a scrubbed environment and an empty
working directory, and an import guard in place of a hidden filesystem.
Every result says which level was in force.
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

COMMON_LAYERS = (
    "fresh process per submission, empty working directory, scrubbed environment",
    "rlimits: CPU seconds, data segment, file size, open files, no core dumps",
    "wall-clock deadline enforced by the judge; process group killed on exit",
)


@dataclass(frozen=True)
class Inside:
    """Where the child's files are, as the child sees them."""

    work: str
    judge: str
    tmp: str
    site: tuple[str, ...]

    def site_paths(self, view: PackageView) -> list[str]:
        return list(self.site)


class Process:
    name = "process"
    hides_packages = False
    startup_s = 5.0
    layers = COMMON_LAYERS + ("import guard (Python-level; not a boundary against native code)",)
    missing = (
        "filesystem view: the child can read whatever the judge's user can",
        "network: the child can open sockets",
    )

    def __init__(self, reason: str = ""):
        self.reason = reason

    def paths(self, root: Path, view: PackageView) -> Inside:
        sites = tuple(sorted({str(p.parent) for p in view.paths}))
        return Inside(str(root / "work"), str(root / "judge"), str(root / "work"), sites)

    def wrap(self, argv: list[str], root: Path, view: PackageView, python: str) -> list[str]:
        return argv

    def signal_of(self, code: int) -> int | None:
        return -code if code < 0 else None

    def describe(self) -> dict:
        out = {"level": self.name, "layers": list(self.layers), "missing": list(self.missing)}
        if self.reason:
            out["reason"] = self.reason
        return out


class Namespaces(Process):
    name = "namespaces"
    hides_packages = True
    layers = COMMON_LAYERS + (
        "bubblewrap: mount namespace; only the Python runtime, allowed packages and the"
        " submission are in view",
        "network namespace: no network interfaces but an isolated loopback",
        "pid, ipc and uts namespaces; the child dies with the judge",
        "user namespace as uid 65534 with every capability dropped",
    )
    missing = ()

    def paths(self, root: Path, view: PackageView) -> Inside:
        return Inside("/sandbox", "/judge", "/tmp", ("/site",))

    def wrap(self, argv: list[str], root: Path, view: PackageView, python: str) -> list[str]:
        return [*bwrap_base(), *_runtime_binds(python), *_package_binds(view),
                "--ro-bind", str(root / "judge"), "/judge",
                "--bind", str(root / "work"), "/sandbox",
                "--chdir", "/sandbox", "--", *argv]

    def signal_of(self, code: int) -> int | None:
        # bubblewrap reports a child killed by signal N as exit status 128 + N.
        if code < 0:
            return -code
        return code - 128 if 128 < code < 128 + 65 else None


def bwrap_base() -> list[str]:
    return [
        "bwrap",
        "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
        "--disable-userns", "--cap-drop", "ALL",
        "--die-with-parent", "--new-session", "--hostname", "judge",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
    ]


def _runtime_binds(python: str) -> list[str]:
    """/usr and the Python installation, with every site-packages hidden."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin", "lib32"):
        path = Path("/" + name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    prefix = os.path.realpath(sys.base_prefix)
    if not prefix.startswith("/usr/"):
        args += ["--ro-bind", prefix, prefix]
    roots = ("/usr/", prefix + "/")
    for directory in _site_dirs():
        if directory.startswith(roots) and os.path.isdir(directory):
            args += ["--tmpfs", directory, "--remount-ro", directory]
    return args


def _site_dirs() -> list[str]:
    dirs = set(site.getsitepackages()) | {site.getusersitepackages()}
    dirs |= set(glob.glob("/usr/lib/python3*/dist-packages"))
    dirs |= set(glob.glob("/usr/local/lib/python3*/*-packages"))
    dirs |= {os.path.realpath(d) for d in list(dirs)}
    return sorted(dirs)


def _package_binds(view: PackageView) -> list[str]:
    args = ["--tmpfs", "/site"]
    for path in view.paths:
        args += ["--ro-bind", str(path), f"/site/{path.name}"]
    return args + ["--remount-ro", "/site"]


@functools.lru_cache(maxsize=None)
def _probe_bwrap() -> str:
    """Empty when bubblewrap works here, else why not."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    argv = [*bwrap_base(), *_runtime_binds(sys.executable), "--", "/bin/true"]
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
        return Process("forced")
    problem = _probe_bwrap()
    if not problem:
        return Namespaces()
    if force == "namespaces":
        raise RuntimeError(problem)
    return Process(problem)


Level = Process
