# expect: accepted
# score: full
# why: checks every thread of the child (those the worker had before confining itself, and
#      a new one) for the seccomp filter and no_new_privs: seccomp and Landlock apply per
#      thread, so a thread started before confinement would be unconfined
# control: yes
import os
import threading

import numpy as np

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


SUCCEEDED = []


def audit(label):
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        if status.get("Seccomp", "").strip() != "2" or status.get("NoNewPrivs", "").strip() != "1":
            SUCCEEDED.append(f"{label}: thread {tid} is unconfined "
                             f"(Seccomp {status.get('Seccomp', '?').strip()})")


audit("at import")
done = threading.Event()
thread = threading.Thread(target=lambda: (audit("from a new thread"), done.set()))
thread.start()
thread.join()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
