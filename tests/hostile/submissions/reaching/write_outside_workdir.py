# expect: accepted
# score: full
# why: writes files outside its working directory: /tmp, /dev/shm, /var/tmp, the
#      repository, its own submission's folder, the canary problem, the judge's TMPDIR,
#      ../ and ../../, /root (every path written into this file, with the run's token in
#      the name); whatever it manages inside its own view, the test checks that nothing
#      appears outside
# also-process: yes
import os

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


TOKEN = "__HOSTILE_TOKEN__"
FOLDERS = ["/tmp", "/dev/shm", "/var/tmp", "__HOSTILE_REPO__", "__HOSTILE_SUBMISSION_DIR__",
           "__HOSTILE_PROBLEM_DIR__", "__HOSTILE_PROBLEM_DIR__/tests", "__HOSTILE_JUDGE_TMP__",
           "..", "../..", "/root", "/"]
for folder in FOLDERS:
    path = os.path.join(folder, f"escape-{TOKEN}")
    try:
        with open(path, "w") as f:
            f.write("escaped")
    except OSError:
        pass
    try:
        os.mkdir(path + "-dir")
    except OSError:
        pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
