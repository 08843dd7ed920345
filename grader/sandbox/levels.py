"""Isolation levels: how the child is wrapped, and what each level
guarantees.

``namespaces`` runs the child under bubblewrap (``sandbox.bubblewrap``): new
mount, pid, network, ipc and uts namespaces and a filesystem view holding
only the Python runtime, the allowed packages and the submission.
``process`` is the fallback where bubblewrap is missing or does not work: a
fresh process with an empty working directory.

At both levels the worker then confines itself (``child/confine.py``)
before the submission runs.  What is in force is described, in one place, by
``sandbox.layers``.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from . import bubblewrap
from .packages import PackageView
from .runtime_view import DEVICES, RUNTIME_ROOTS, SYSTEM_FILES, hidden_site_dirs, readable_tree


@dataclass(frozen=True)
class Inside:
    """Where the child's files are, as the child sees them."""

    work: str
    judge: str
    tmp: str
    site: tuple[str, ...]


class ProcessLevel:
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

    def uid_drop_possible(self, view: PackageView, root: Path) -> tuple[bool, str]:
        if os.getuid() != 0:
            return False, "the judge is not root, so the child keeps the judge's uid"
        # The child opens the runtime, the packages and its own folder at their
        # real paths, so a uid of its own must be able to walk there: a venv or
        # a TMPDIR inside a private folder cannot be reached by one.
        needs = [("the Python installation", sys.base_prefix, True),
                 *(("a package it needs", str(p), True) for p in view.paths),
                 ("its sandbox folder (under TMPDIR)", str(root), False)]
        for what, path, listed in needs:
            if not _reachable(path, listed):
                return False, f"the child stays root: {what} ({path}) is not reachable by other uids"
        return True, ""


class NamespacesLevel(ProcessLevel):
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
        return [*bubblewrap.base(size), *bubblewrap.runtime_binds(), *bubblewrap.package_binds(view),
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

    def uid_drop_possible(self, view: PackageView, root: Path) -> tuple[bool, str]:
        if os.getuid() != 0:
            return False, "the judge is not root; the child runs in a user namespace instead"
        return True, ""


def _reachable(path: str, listed: bool) -> bool:
    """Whether any uid may walk to ``path`` and read it (list it too, if
    ``listed`` and a folder)."""
    current = Path(path).resolve()
    try:
        mode = current.stat().st_mode
        need = (0o005 if listed else 0o001) if stat.S_ISDIR(mode) else 0o004
        return (mode & need == need
                and all(part.stat().st_mode & 0o001 for part in current.parents))
    except OSError:
        return False
        return all(part.stat().st_mode & 0o001 for part in current.parents)
    except OSError:
        return False


def detect(force: str | None = None) -> ProcessLevel:
    """The strongest level that works on this machine (or the one forced)."""
    if force == "process":
        return ProcessLevel("forced with --isolation process")
    problem = bubblewrap.probe()
    if not problem:
        return NamespacesLevel()
    if force == "namespaces":
        raise RuntimeError(problem)
    return ProcessLevel(problem)
