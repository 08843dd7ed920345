# expect: runtime_error | wrong_answer
# why: makes the worker send errors whose frames are a number; a malformed reply is the child's failure
#      (runtime_error or wrong_answer), never a judge_error
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


def tamper(change):
    """Wrap the worker's own protocol.encode (the worker's modules are the child's to
    change), so that the worker itself sends every reply with ``change`` applied: a
    well-formed frame with fields the judge does not expect."""
    proto = sys.modules["protocol"]
    original = proto.encode

    def encode(message, *args, **kwargs):
        if isinstance(message, dict) and "ok" in message:
            change(message)
        return original(message, *args, **kwargs)

    proto.encode = encode



def change(message):
    message.get("error", {})["frames"] = 7


tamper(change)


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    raise ValueError("nothing to see")
