"""Reference LSTM computations in numpy (float64), in PyTorch's
parameterisation: gate blocks i, f, g, o; ``z = x W_ih^T + b_ih + h W_hh^T + b_hh``.

These run only in the judge.  ``tests/test_lstm_reference.py`` proves them
equal to ``torch.nn.LSTMCell``, so grading a numpy problem never has to
import torch.
"""

from __future__ import annotations

import numpy as np

GATES = "ifgo"


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function, finite and warning-free for any finite input."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def split_gates(z: np.ndarray, order: str = GATES) -> dict[str, np.ndarray]:
    """The four gate blocks of ``z (..., 4H)``, read in ``order``."""
    blocks = np.split(z, 4, axis=-1)
    return dict(zip(order, blocks))


def cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """One LSTM step: returns ``(h, c)`` in float64."""
    x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh = (
        np.asarray(a, dtype=np.float64) for a in (x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    )
    gates = split_gates(x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh)
    i, f, o = sigmoid(gates["i"]), sigmoid(gates["f"]), sigmoid(gates["o"])
    g = np.tanh(gates["g"])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
