# expect: time_limit_exceeded
# score: 0
# why: four threads multiplying big matrices in native code (the GIL released, so they use
#      every core) plus a spinning main thread: CPU seconds pile up faster than wall time, so
#      the CPU limit (SIGXCPU) or the wall-clock deadline ends it, either way a time limit
import threading

import numpy as np


def burn():
    a = np.ones((400, 400))
    while True:
        a = (a @ a) / 400.0


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    for _ in range(4):
        threading.Thread(target=burn, daemon=True).start()
    while True:
        pass
