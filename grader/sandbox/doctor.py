"""``lstm-judge doctor``: which isolation mechanisms work on this machine
(probed one by one), and the layers in force for a real child at each level
(as ``layers.describe`` reports them for every result)."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from ..child import confine
from . import bubblewrap, cgroups, seccomp_filter, uids
from .child_process import Sandbox
from .config import SandboxConfig

PROBE = "def probe():\n    return 1\n"


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def checks() -> list[tuple[str, bool, str]]:
    """(layer, works, detail) for each mechanism the sandbox can use."""
    out = [("python", True, f"{platform.python_version()} at {os.path.realpath(os.sys.executable)}"),
           ("packages", True, f"numpy {_version('numpy')}, torch {_version('torch')},"
                              f" pyseccomp {_version('pyseccomp')}")]
    why = bubblewrap.probe()
    bwrap = shutil.which("bwrap")
    version = ""
    if bwrap:
        version = subprocess.run([bwrap, "--version"], capture_output=True, text=True).stdout.strip()
    out.append(("bubblewrap namespaces", not why, why or f"{version}: mount, pid, net, ipc, uts"))
    if os.getuid() == 0:
        lease = uids.acquire()
        out.append(("uid of its own", lease is not None,
                    f"children run as uids from {uids.BASE}" if lease else "no free uid"))
        if lease:
            lease.release()
    else:
        out.append(("uid of its own", False,
                    f"the judge runs as uid {os.getuid()}, not root: children keep that uid"
                    " (inside a user namespace under bubblewrap)"))
    abi = confine.landlock_abi()
    out.append(("landlock", abi > 0, f"ABI {abi}" if abi else
                f"not offered by kernel {platform.release()}"))
    group = cgroups.Cgroup.create(f"lstm-judge-doctor-{os.getpid()}", 64 << 20, 8)
    out.append(("cgroup", group is not None,
                f"{group.kind}: memory and process ceilings per child" if group
                else "no writable memory/pids cgroup (not root, or no cgroupfs)"))
    out.append(_freezer(group))
    if group:
        group.remove()
    bpf, why = seccomp_filter.compile_filter()
    out.append(("seccomp filter", bool(bpf), f"{len(bpf) // 8} BPF instructions" if bpf else why))
    return out


def _freezer(group) -> tuple[str, bool, str]:
    """Whether the child can be frozen between calls, and how."""
    fallback = "SIGSTOP/SIGCONT of each process of the sandbox (no cgroup freezer)"
    if group is None or group.freezer is None:
        return ("freezer", True, fallback)
    try:
        frozen = group.freeze(1.0)
        group.thaw()
    except OSError as exc:
        return ("freezer", True, f"{fallback}: the cgroup freezer fails ({exc.strerror})")
    kind = group.freezer[1]
    detail = f"cgroup {kind} freezer at {group.freezer[0].parent}" + (
        "" if kind == "v2" else "; a child frozen there ignores SIGKILL until thawed")
    return ("freezer", frozen, detail if frozen else f"{detail}: did not freeze in 1 s")


def probe_sandbox(level: str | None) -> tuple[dict, float, str]:
    """Start a real sandbox at ``level``: (its isolation report, start seconds, error)."""
    with tempfile.TemporaryDirectory(prefix="lstm-judge-doctor-") as tmp:
        path = Path(tmp) / "probe.py"
        path.write_text(PROBE)
        sandbox = Sandbox(path, SandboxConfig(entry_points=("probe",), force_level=level))
        start = time.monotonic()
        try:
            reply = sandbox.start()
            error = "" if reply.message.get("ok") else str(reply.message.get("error"))
            return sandbox.describe(), time.monotonic() - start, error
        except Exception as exc:
            return {}, time.monotonic() - start, f"{type(exc).__name__}: {exc}"
        finally:
            sandbox.close()


def render() -> tuple[str, bool]:
    lines = ["lstm-judge doctor: the sandbox on this machine", ""]
    for name, ok, detail in checks():
        lines.append(f"  {'ok  ' if ok else 'MISS'} {name:<22} {detail}")
    healthy = True
    for level in (None, "process"):
        report, seconds, error = probe_sandbox(level)
        label = report.get("level", level or "default")
        lines += ["", f"a real child at level {label!r} (started in {seconds:.2f}s):"]
        if error:
            healthy = False
            lines.append(f"  FAILED: {error}")
            continue
        lines += [f"  + {layer}" for layer in report.get("layers", [])]
        lines += [f"  - missing: {gap}" for gap in report.get("missing", [])]
        if level is not None:
            break
    return "\n".join(lines), healthy
