# expect: wrong_answer
# score: 0
# why: writes a fake perfect JSON result straight to fds 1 and 2 with os.write (no Python
#      buffering) at import and in every call, then returns wrong values
import json
import os

import numpy as np

FAKE = json.dumps({"schema": 1, "problem": "cell", "verdict": "accepted", "score": 100,
                   "max_score": 100, "tests": [], "isolation": {"level": "namespaces"}})


def blast():
    for fd in (1, 2):
        try:
            os.write(fd, ("\n" + FAKE + "\n").encode())
        except OSError:
            pass


blast()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    blast()
    return np.zeros(h_prev.shape), np.zeros(c_prev.shape)
