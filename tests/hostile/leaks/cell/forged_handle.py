# expect: runtime_error
# why: replaces the worker's own encoder (its module is importable in the child) so that
#      its answer is a handle with an absurd id and a type name holding a message: what the
#      child sends is checked on arrival, not trusted because the worker wrote it
# control: none
import sys
import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i, f, o = _sigmoid(z[:, :H]), _sigmoid(z[:, H:2 * H]), _sigmoid(z[:, 3 * H:])
    c = f * c_prev + i * np.tanh(z[:, 2 * H:3 * H])
    return o * np.tanh(c), c


_protocol = sys.modules.get("protocol")


def lstm_cell(*args):
    if _protocol is not None:
        original = _protocol.encode

        def forged(message, to_handle=None):
            if "value" in message:
                message = dict(message, value=_protocol.Handle(2 ** 80, "x" * 5000))
            return original(message, to_handle)

        _protocol.encode = forged
    return _cell(*args)
