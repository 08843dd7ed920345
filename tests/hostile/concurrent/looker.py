# expect: accepted
# score: full
# why: run while another judge's sandbox exists in the same TMPDIR (the test gives its
#      path): lists that folder, /tmp, the parent and grandparent of its working directory
#      and /proc, looking for any lstm-judge-* folder but its own
import os

import numpy as np

JUDGE_TMP = "__HOSTILE_JUDGE_TMP__"
FOUND = []
own = os.path.realpath(os.path.dirname(os.getcwd()))  # process level: its own lstm-judge-*
cwd = os.getcwd()
for folder in (JUDGE_TMP, "/tmp", os.path.dirname(cwd), os.path.dirname(os.path.dirname(cwd)),
               "..", "../..", "/"):
    try:
        names = os.listdir(folder)
    except OSError:
        continue
    for name in names:
        full = os.path.realpath(os.path.join(folder, name))
        if name.startswith("lstm-judge-") and full != own:
            FOUND.append(f"{folder}/{name}")
            try:
                FOUND.append(f"  holding {os.listdir(full)}")
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
