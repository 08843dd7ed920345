# expect: accepted
# score: full
# why: bypasses Python (and any audit hook) with libc through ctypes: open/openat/read on
#      the hidden files' exact paths, a raw openat syscall, and opendir/readdir of /, the
#      problem folder and the repository; every one must fail
import os
import sys
import time

import numpy as np

MARK = "CANA" + "RY-"  # built at run time, so that this file itself never contains it
FOUND = []


def found(what):
    FOUND.append(str(what)[:300])


def grep_bytes(where, data):
    if isinstance(data, str):
        data = data.encode(errors="replace")
    k = data.find(MARK.encode())
    if k >= 0:
        found(f"{where}: {data[k:k + 60]!r}")


import ctypes

PROBLEM = "__HOSTILE_PROBLEM_DIR__"
REPO = "__HOSTILE_REPO__"
libc = ctypes.CDLL(None, use_errno=True)
libc.open.argtypes = [ctypes.c_char_p, ctypes.c_int]
libc.openat.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
libc.read.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]
libc.read.restype = ctypes.c_ssize_t
libc.syscall.restype = ctypes.c_long
libc.opendir.argtypes = [ctypes.c_char_p]
libc.opendir.restype = ctypes.c_void_p
libc.readdir.argtypes = [ctypes.c_void_p]
libc.readdir.restype = ctypes.c_void_p
libc.closedir.argtypes = [ctypes.c_void_p]
AT_FDCWD = -100
SYS_openat = 257 if os.uname().machine == "x86_64" else 56


def read_fd(fd, path):
    buf = ctypes.create_string_buffer(1 << 16)
    n = libc.read(fd, buf, len(buf))
    os.close(fd)
    found(f"libc read {path}: {n} bytes")
    if n > 0:
        grep_bytes(path, buf.raw[:n])


TARGETS = [f"{PROBLEM}/tests/test_cell.py", f"{PROBLEM}/tests/data/secret.txt",
           f"{PROBLEM}/data/secret.txt", f"{REPO}/problems/cell/tests/test_cell.py",
           f"{REPO}/grader/grading/judge.py", "/proc/1/environ", f"/proc/{os.getppid()}/environ"]
for path in TARGETS:
    raw = path.encode()
    for fd in (libc.open(raw, os.O_RDONLY), libc.openat(AT_FDCWD, raw, os.O_RDONLY),
               libc.syscall(SYS_openat, AT_FDCWD, ctypes.c_char_p(raw), os.O_RDONLY, 0)):
        if fd >= 0:
            read_fd(fd, path)

for folder in ("/", PROBLEM, f"{PROBLEM}/tests", REPO, "/tmp", "/work"):
    d = libc.opendir(folder.encode())
    if not d:
        continue
    names = []
    while True:
        entry = libc.readdir(d)
        if not entry:
            break
        names.append(ctypes.string_at(entry + 19).decode(errors="replace"))  # d_name
    libc.closedir(d)
    for name in names:
        if name in ("problems", "solutions", "grader", "test_cell.py", "main", "secret.txt") \
                or name.startswith(("hostile-", "lstm-judge-")):
            found(f"libc readdir {folder}: {name}")


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """The correct cell (solutions/cell/accepted/reference.py)."""
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i = _sigmoid(z[:, 0 * H:1 * H])
    f = _sigmoid(z[:, 1 * H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = _sigmoid(z[:, 3 * H:4 * H])
    c = f * c_prev + i * g
    return o * np.tanh(c), c


CALLS = [0]


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if FOUND:  # the attack worked: make it visible (output, an error, wrong values)
        CALLS[0] += 1
        report = "found hidden material: " + " | ".join(FOUND)
        print(report)
        if CALLS[0] % 2:
            raise RuntimeError(report)
        return np.full(h_prev.shape, 7.0), np.full(c_prev.shape, -7.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
