# expect: accepted
# score: full
# why: starts, on its first call, a thread that spins and counts in Python, and keeps
#      running after the call returns; every later call reads how far the counter (and
#      the thread's CPU clock) moved since the previous call returned.  Frozen between
#      calls, the thread gets at most a few ms around each reply; had it computed for
#      more than GAP_CPU_S while the judge worked, it returns wrong values
#      (tests/sandbox/test_freezer.py runs this file with freezing off: the control)
# also-process: yes
import sys
import threading
import time

import numpy as np

GAP_CPU_S = 0.05  # CPU seconds the thread may get between two calls (the reply, the GIL)


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


COUNTER = [0]
STATE = {"clock": None, "left_cpu": 0.0, "left_count": 0, "stolen": []}


def _count():
    while True:
        COUNTER[0] += 1


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if STATE["clock"] is None:
        sys.setswitchinterval(0.0001)  # the worker gets the GIL back at once: a fair measure
        thread = threading.Thread(target=_count, daemon=True)
        thread.start()
        STATE["clock"] = time.pthread_getcpuclockid(thread.ident)
    else:
        cpu = time.clock_gettime(STATE["clock"]) - STATE["left_cpu"]
        if cpu > GAP_CPU_S:
            STATE["stolen"].append((round(cpu, 3), COUNTER[0] - STATE["left_count"]))
    if STATE["stolen"]:  # the attack worked: make it visible
        print("attack succeeded: the thread ran between calls (CPU s, counts):", STATE["stolen"])
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    h, c = _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    STATE["left_cpu"], STATE["left_count"] = time.clock_gettime(STATE["clock"]), COUNTER[0]
    return h, c
