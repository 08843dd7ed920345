"""What of the host the child may see: the runtime (``/usr``, the Python
installation) with every site-packages hidden, a few devices and system
files.  Used to build both bubblewrap's binds and Landlock's rules."""

from __future__ import annotations

import functools
import glob
import os
import site

RUNTIME_ROOTS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin")
DEVICES = ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")
# Read by the dynamic loader and by torch's CPU detection.
SYSTEM_FILES = ("/etc/ld.so.cache", "/sys/devices/system/cpu", "/proc/cpuinfo", "/proc/meminfo")


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
