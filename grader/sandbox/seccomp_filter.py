"""The seccomp filter for the child, compiled in the judge with libseccomp
(through ``pyseccomp``) and loaded by the worker (``child/confine.py``) just
before it imports the submission.

Default allow; these fail with EPERM: starting programs, new processes
(threads are allowed: a clone without CLONE_THREAD is refused), every
socket, tracing other processes, mounts and namespaces, kernel keyrings,
BPF, io_uring (whose operations would bypass this filter), device nodes and
file metadata, host settings, System V IPC, and the like.
"""

from __future__ import annotations

import errno
import functools
import tempfile

CLONE_THREAD = 0x00010000

DENIED = (
    "execve", "execveat", "fork", "vfork",
    "socket", "socketpair",
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig", "fspick", "mount_setattr",
    "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key",
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "reboot", "swapon", "swapoff", "acct", "quotactl", "syslog", "personality",
    "open_by_handle_at", "name_to_handle_at", "settimeofday", "clock_settime",
    "fanotify_init", "lookup_dcookie", "vhangup",
    # The host's settings and System V IPC objects, which outlive the process.
    "sethostname", "setdomainname", "sched_setscheduler", "sched_setattr", "setpriority",
    "ioperm", "iopl", "shmget", "msgget", "semget",
)

# Where the child keeps uid 0 (the process level with Python under /root), it
# owns every root file it can name: file metadata and device nodes are refused.
ROOT_ONLY = (
    "mknod", "mknodat", "chmod", "fchmod", "fchmodat", "fchmodat2",
    "chown", "fchown", "lchown", "fchownat", "utime", "utimes", "futimesat", "utimensat",
    "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr",
)


@functools.lru_cache(maxsize=2)
def compile_filter(keeps_root: bool = False) -> tuple[bytes, str]:
    """(BPF program, "") or (b"", why the filter is unavailable)."""
    try:
        import pyseccomp as seccomp
    except Exception as exc:  # not installed, or libseccomp missing
        return b"", f"pyseccomp/libseccomp unavailable ({type(exc).__name__}: {exc})"
    try:
        deny = seccomp.ERRNO(errno.EPERM)
        flt = seccomp.SyscallFilter(seccomp.ALLOW)
        for name in DENIED + (ROOT_ONLY if keeps_root else ()):
            try:
                flt.add_rule(deny, name)
            except Exception:  # a syscall this architecture does not have
                pass
        # clone: threads yes, processes no.  clone3 passes its flags in memory,
        # which a filter cannot read: ENOSYS makes libc fall back to clone.
        flt.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
        flt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
        with tempfile.TemporaryFile() as out:
            flt.export_bpf(out)
            out.seek(0)
            return out.read(), ""
    except Exception as exc:
        return b"", f"the seccomp filter did not compile ({type(exc).__name__}: {exc})"
