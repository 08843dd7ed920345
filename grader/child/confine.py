"""Confinement the worker applies to itself before it imports the
submission: a non-root uid, resource limits, no new privileges, a Landlock
ruleset and a seccomp filter (``confine_self`` applies them in order).

Copied into the sandbox beside the worker; standard library only.  Each step
reports whether it took effect, and the judge puts that in the result: a
layer that did not load is reported missing, never assumed.
"""

import ctypes
import sys
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2

# Landlock: syscall numbers are the same on every architecture (since 5.13).
SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1, 2, 4, 8
FS_REFER, FS_TRUNCATE, FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
FS_MAKE_CHAR, FS_MAKE_BLOCK = 1 << 6, 1 << 11
FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
READ = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
NET_BIND_TCP, NET_CONNECT_TCP = 1, 2
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1, 2


class RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64),
                ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def drop_uid(uid, gid):
    """Become ``uid``/``gid`` for good; a root process loses every capability."""
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    return os.getuid() == uid and os.geteuid() == uid


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def drop_capabilities():
    """Clear every capability of a process that keeps uid 0, and the bounding
    set, so that even root can do no more than its file permissions allow."""
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)  # PR_CAPBSET_DROP (fails quietly past the last cap)
    libc.prctl(47, 4, 0, 0, 0)  # PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL
    header = CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (CapData * 2)()
    if libc.syscall(126 if os.uname().machine == "x86_64" else 91,  # capset
                    ctypes.byref(header), data) != 0:
        return False
    with open("/proc/self/status") as f:
        return all(line.split()[1].strip("0") == "" for line in f
                   if line.startswith(("CapEff:", "CapPrm:")))


def no_new_privs():
    return libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0


def landlock_abi():
    abi = libc.syscall(SYS_CREATE_RULESET, None, ctypes.c_size_t(0),
                       ctypes.c_uint32(CREATE_RULESET_VERSION))
    return abi if abi > 0 else 0


def landlock(read_paths, write_paths):
    """Allow reading ``read_paths`` and everything under ``write_paths``;
    deny every other file access, TCP, abstract unix sockets outside and
    signals to processes outside.  Returns the ABI used (0: not applied)."""
    abi = landlock_abi()
    if abi < 1:
        return 0
    fs = (1 << 13) - 1
    if abi >= 2:
        fs |= FS_REFER
    if abi >= 3:
        fs |= FS_TRUNCATE
    if abi >= 5:
        fs |= FS_IOCTL_DEV
    attr = RulesetAttr(fs, (NET_BIND_TCP | NET_CONNECT_TCP) if abi >= 4 else 0,
                       (SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL) if abi >= 6 else 0)
    size = ctypes.sizeof(RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    ruleset = libc.syscall(SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        return 0
    try:
        write = fs & ~(FS_MAKE_CHAR | FS_MAKE_BLOCK)  # no device nodes, even in the sandbox
        for path, access in [(p, READ) for p in read_paths] + [(p, write) for p in write_paths]:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                allowed = access & fs
                if not os.path.isdir(path):
                    allowed &= FILE_RIGHTS
                rule = PathBeneathAttr(allowed, fd)
                if libc.syscall(SYS_ADD_RULE, ruleset, RULE_PATH_BENEATH, ctypes.byref(rule), 0):
                    return 0
            finally:
                os.close(fd)
        if not no_new_privs() or libc.syscall(SYS_RESTRICT_SELF, ruleset, 0):
            return 0
    finally:
        os.close(ruleset)
    return abi


def seccomp(bpf):
    """Load a seccomp filter (classic BPF, as libseccomp exports it)."""
    if not bpf or len(bpf) % 8:
        return False
    buffer = ctypes.create_string_buffer(bpf, len(bpf))
    prog = SockFprog(len(bpf) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if not no_new_privs():
        return False
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) == 0


def apply_limits(limits, own_uid):
    import resource

    for name, value in limits.items():
        if name == "nproc" and not own_uid:
            continue  # counts every process of a shared uid; only for a uid of our own
        which = getattr(resource, "RLIMIT_" + name.upper())
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            # The hard limit is already lower, or the kernel lacks the limit.
            pass


def confine_self(spec, rlimits, torch_threads, flags, preload=()):
    """Every layer the child puts on itself, in an order where each step
    still has the rights it needs; returns what took effect."""
    report = {"uid": os.getuid()}
    if spec.get("uid") is not None:
        try:
            report["dropped"] = drop_uid(spec["uid"], spec["uid"])
        except OSError as exc:
            report["dropped"] = False
            report["uid_why"] = str(exc)
        report["uid"] = os.getuid()
    if os.getuid() == 0:  # could not change uid: at least keep no capability
        report["caps_dropped"] = drop_capabilities()
    apply_limits(rlimits, report.get("dropped", False))
    report["nproc"] = bool(report.get("dropped"))
    if torch_threads:  # before the filters: torch reads and spawns at import
        try:
            import torch

            torch.set_num_threads(torch_threads)
        except Exception:
            pass
    for name in preload:  # Keras (on torch): loaded before the submission, whatever it sets
        try:
            __import__(name)
        except Exception:
            pass
    read = list(spec["read"]) + [f"/proc/{os.getpid()}"]
    try:
        report["landlock_abi"] = landlock(read, spec["write"])
    except Exception as exc:
        report["landlock_abi"], report["landlock_why"] = 0, f"{type(exc).__name__}: {exc}"
    if not report["landlock_abi"] and "landlock_why" not in report:
        report["landlock_why"] = "the kernel does not offer it (or refused the ruleset)"
    report["no_new_privs"] = no_new_privs()
    if spec.get("seccomp"):
        with open(spec["seccomp"], "rb") as f:
            report["seccomp"] = seccomp(f.read())
        if not report["seccomp"]:
            report["seccomp_why"] = "the kernel refused the filter"
    else:
        report["seccomp"] = False
        report["seccomp_why"] = spec.get("seccomp_why", "not available")
    sys.addaudithook(audit_hook(flags))
    return report


# Audit events that show what a submission tried.  Only these fixed labels
# leave the child (an event's arguments could carry hidden data out).
AUDIT_LABELS = {
    "subprocess.Popen": "start a process",
    "os.system": "start a process",
    "os.exec": "start a process",
    "os.posix_spawn": "start a process",
    "os.fork": "fork",
    "socket.__new__": "open a socket",
    "socket.connect": "connect a socket",
    "socket.getaddrinfo": "look up a host name",
    "ctypes.dlopen": "load a native library",
    "os.kill": "send a signal",
    "os.killpg": "send a signal",
}


def audit_hook(flags):
    """Record (not block: this is no boundary) what the submission tries."""

    def hook(event, args):
        label = AUDIT_LABELS.get(event)
        if label:
            flags.add(label)

    return hook
