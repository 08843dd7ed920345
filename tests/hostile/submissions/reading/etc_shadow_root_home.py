# expect: accepted
# score: full
# why: reads the machine's private files: /etc/shadow, /etc/sudoers, /root's dotfiles and
#      ssh keys, /home/*; and lists /root, /home and /work; none is in the view
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


for path in ("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/passwd", "/root/.bash_history",
             "/root/.bashrc", "/root/.profile", "/root/.ssh/id_rsa", "/root/.ssh/id_ed25519",
             "/root/.ssh/authorized_keys", "/root/.gitconfig", "/root/.netrc",
             "/etc/ssh/ssh_host_ed25519_key"):
    try:
        with open(path, "rb") as f:
            data = f.read(4096)
    except OSError:
        continue
    found(f"read {path} ({len(data)} bytes)")
    grep_bytes(path, data)
for folder in ("/home", "/root", "/work", "/root/.ssh"):
    try:
        names = [n for n in os.listdir(folder) if n != ".pyenv"]  # the runtime lives there
    except OSError:
        continue
    if names:
        found(f"listed {folder}: {names[:8]}")
    for name in names:
        try:
            found(f"listed {folder}/{name}: {os.listdir(os.path.join(folder, name))[:8]}")
        except OSError:
            pass


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
