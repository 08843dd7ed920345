# expect: accepted
# score: full
# why: a numpy problem's child imports torch and Keras anyway: it removes the import
#      guard from sys.meta_path (so only the package view can stop it), hides the names
#      from the static check, and also puts every site-packages it can think of on
#      sys.path (the interpreter's own, the repository's .venv, site's and sysconfig's);
#      the child's view binds numpy alone, so there is nothing to import
# control: yes
import glob
import importlib
import os
import sys

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


REPO = "__HOSTILE_REPO__"
os.environ.setdefault("KERAS_BACKEND", "torch")  # as the judge sets it for a Keras problem
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "ImportGuard"]
places = [*glob.glob(f"{REPO}/.venv/lib/python3*/site-packages"),
          *glob.glob(f"{sys.base_prefix}/lib/python3*/site-packages"),
          *glob.glob("/usr/lib/python3/dist-packages"),
          *glob.glob("/usr/local/lib/python3*/site-packages")]
try:
    import site
    import sysconfig

    places += [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
except Exception:
    pass
sys.path += [p for p in places if p not in sys.path]

SUCCEEDED = []
for name in ("to" + "rch", "ke" + "ras"):
    try:
        importlib.import_module(name)
        SUCCEEDED.append(f"imported {name}")
    except Exception:
        pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
