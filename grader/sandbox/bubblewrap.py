"""bubblewrap's command line: the namespaces, the runtime with every
site-packages hidden, and the allowed packages; and a probe of whether it
works on this machine."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .packages import PackageView
from .runtime_view import RUNTIME_ROOTS, hidden_site_dirs


def base(tmp_size: str = str(64 << 20)) -> list[str]:
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


def runtime_binds() -> list[str]:
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


def package_binds(view: PackageView) -> list[str]:
    args = ["--tmpfs", "/site"]
    for path in view.paths:
        args += ["--ro-bind", str(path), f"/site/{path.name}"]
    return args + ["--remount-ro", "/site"]


@functools.lru_cache(maxsize=None)
def probe() -> str:
    """Empty when bubblewrap works here, else why not."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    argv = [*base(), *runtime_binds(), "--", "/bin/true"]
    try:
        result = subprocess.run(argv, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap does not start: {exc}"
    if result.returncode != 0:
        return "bubblewrap fails here: " + result.stderr.decode(errors="replace").strip()[:200]
    return ""
