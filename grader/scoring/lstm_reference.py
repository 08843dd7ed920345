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


# --------------------------------------------------------------------------- gradients and sequences
#
# ``tests/test_lstm_reference_more.py`` proves these equal to float64 autograd
# through ``torch.nn.LSTMCell`` / ``torch.nn.LSTM(batch_first=True)``.


def _float64(*arrays) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(a, dtype=np.float64) for a in arrays)


def _step(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """One float64 step: ``(h, c, gates)`` with ``gates = (i, f, g, o, tanh(c))``."""
    gates = split_gates(x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh)
    i, f, o = sigmoid(gates["i"]), sigmoid(gates["f"]), sigmoid(gates["o"])
    g = np.tanh(gates["g"])
    c = f * c_prev + i * g
    tc = np.tanh(c)
    return o * tc, c, (i, f, g, o, tc)


def _step_backward(c_prev, gates, dh, dc):
    """Gradients of one step w.r.t. its pre-activations ``z`` and ``c_prev``,
    given upstream ``dh`` and ``dc`` on its outputs ``h`` and ``c``."""
    i, f, g, o, tc = gates
    dc_total = dc + dh * o * (1.0 - tc * tc)
    dz = np.concatenate([
        dc_total * g * i * (1.0 - i),      # z_i
        dc_total * c_prev * f * (1.0 - f),  # z_f
        dc_total * i * (1.0 - g * g),       # z_g
        dh * tc * o * (1.0 - o),            # z_o
    ], axis=-1)
    return dz, dc_total * f


def cell_backward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc):
    """Backward pass of one LSTM step for ``loss = sum(h * dh) + sum(c * dc)``.

    Returns ``(dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh)`` in float64.
    """
    x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc = _float64(
        x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc)
    _, _, gates = _step(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    dz, dc_prev = _step_backward(c_prev, gates, dh, dc)
    db = dz.sum(axis=0)
    return dz @ W_ih, dz @ W_hh, dc_prev, dz.T @ x, dz.T @ h_prev, db, db.copy()


def forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """A single-layer LSTM over a batch-first sequence ``x (B, T, I)`` from
    ``(h0, c0)`` of shape ``(B, H)``.  Returns ``(out (B, T, H), h_n, c_n)``."""
    x, h, c, W_ih, W_hh, b_ih, b_hh = _float64(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    B, T, _ = x.shape
    out = np.empty((B, T, h.shape[1]))
    for t in range(T):
        h, c, _ = _step(x[:, t], h, c, W_ih, W_hh, b_ih, b_hh)
        out[:, t] = h
    return out, h, c


def backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n):
    """Backpropagation through time for ``forward`` with
    ``loss = sum(out * dout) + sum(h_n * dh_n) + sum(c_n * dc_n)``.

    Returns ``(dx, dh0, dc0, dW_ih, dW_hh, db_ih, db_hh)`` in float64.
    """
    x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh, dc = _float64(
        x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n)
    B, T, _ = x.shape
    hs, cs, caches = [h0], [c0], []
    for t in range(T):
        h, c, gates = _step(x[:, t], hs[-1], cs[-1], W_ih, W_hh, b_ih, b_hh)
        hs.append(h)
        cs.append(c)
        caches.append(gates)
    dx = np.empty_like(x)
    dW_ih, dW_hh, db = np.zeros_like(W_ih), np.zeros_like(W_hh), np.zeros_like(b_ih)
    for t in reversed(range(T)):
        dz, dc = _step_backward(cs[t], caches[t], dh + dout[:, t], dc)
        dx[:, t] = dz @ W_ih
        dh = dz @ W_hh
        dW_ih += dz.T @ x[:, t]
        dW_hh += dz.T @ hs[t]
        db += dz.sum(axis=0)
    return dx, dh, dc, dW_ih, dW_hh, db, db.copy()
