"""The isolation layers in force for one child, described in one place:
every result's ``isolation`` field and ``lstm-judge doctor`` read it (and
``no_child`` is that field where no child ran).

``confined`` is what the worker reported of its own confinement
(``child/confine.py``): a layer that did not take effect is listed as
missing, with the reason, never assumed.
"""

from __future__ import annotations

import os

from ..limits import Limits
from .levels import ProcessLevel


def describe(level: ProcessLevel, confined: dict, limits: Limits, notes: list[str],
             cgroup_kind: str = "", freezer: str = "") -> dict:
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
    if cgroup_kind:
        layers.append(f"cgroup ({cgroup_kind}): a memory ceiling that counts shared memory and"
                      " tmpfs, a process ceiling, and every process it made killed at the end")
    else:
        missing.append("cgroup: not writable here, so shared memory escapes the memory limit"
                       " and only the process group is killed")
    if freezer:
        layers.append(f"frozen between calls ({freezer}): the child and every thread and"
                      " process it has run only while the judge waits for its reply")
    else:
        missing.append("freezer: turned off, so work the child leaves running after a call"
                       " gets CPU while the judge computes")
    out = {"level": level.name, "uid": uid, "layers": layers, "missing": missing}
    if level.reason:
        out["reason"] = level.reason
    return out


def no_child(note: str) -> dict:
    """The isolation of a result that no child ran for: level none, and why."""
    return {"level": "none", "uid": None, "layers": [], "missing": [], "note": note}
