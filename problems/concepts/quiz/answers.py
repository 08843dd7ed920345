"""The concepts quiz's code: draws each parametrised question's numbers and
computes its key.  Trusted code of the problem, run by the judge (never by
or with anything from an answer file); plain Python, no torch, so the key
cannot lean on the library it is checked against: the project's tests
(tests/quiz/test_concepts_torch.py) compare these formulas with real
``torch.nn.LSTM`` modules and forward passes for several seeds.

Conventions: ``D`` is 2 for a bidirectional LSTM, else 1; ``L`` the number
of layers; ``B``, ``T``, ``I``, ``H`` batch, time, input and hidden sizes.
"""

from __future__ import annotations

import math

GATES = ("i", "f", "g", "o")  # PyTorch's order of the blocks in weight_ih / weight_hh / biases
GATE_NAMES = {
    "i": ["i", "input", "input gate", "i_t"],
    "f": ["f", "forget", "forget gate", "f_t"],
    "g": ["g", "cell", "cell gate", "candidate", "candidates", "candidate values", "g_t"],
    "o": ["o", "output", "output gate", "o_t"],
}


def _sizes(rng) -> tuple[int, int]:
    """I and H, never equal (so an answer cannot confuse them unnoticed)."""
    I = int(rng.integers(3, 41))
    H = int(rng.integers(4, 65))
    if H == I:
        H += 1
    return I, H


def lstm_param_count(I: int, H: int, L: int = 1, D: int = 1, **_) -> int:
    """nn.LSTM's parameters: per layer and direction W_ih (4H, I_k), W_hh
    (4H, H) and two biases (4H each); I_0 = I, I_k = D*H above."""
    total = 0
    for k in range(L):
        inputs = I if k == 0 else D * H
        total += D * 4 * (H * (inputs + H) + 2 * H)
    return total


def keras_param_count(I: int, H: int, **_) -> int:
    """keras.layers.LSTM(H) on I features: one bias vector (4H)."""
    return 4 * (H * (I + H) + H)


# parameter draws -----------------------------------------------------------------

def sizes(rng) -> dict:
    I, H = _sizes(rng)
    return {"I": I, "H": H}


def stacked(rng) -> dict:
    I, H = _sizes(rng)
    return {"I": I, "H": H, "L": int(rng.integers(2, 4))}


def bidirectional(rng) -> dict:
    I, H = _sizes(rng)
    return {"I": I, "H": H, "L": int(rng.integers(1, 4)), "D": 2}


def layer_weight(rng) -> dict:
    I, H = _sizes(rng)
    L = int(rng.integers(2, 4))
    D = int(rng.integers(1, 3))
    return {"I": I, "H": H, "L": L, "D": D, "k": int(rng.integers(1, L)),
            "bidirectional": D == 2, "which": "ih" if rng.integers(2) else "hh"}


def lstm_config(rng) -> dict:
    """A whole nn.LSTM call: sizes, layers, direction, layout and the input."""
    I, H = _sizes(rng)
    L = int(rng.integers(1, 4))
    D = int(rng.integers(1, 3))
    batch_first = bool(rng.integers(2))
    B = int(rng.integers(2, 17))
    T = int(rng.integers(3, 41))
    if T == B:
        T += 1
    x_shape = (B, T, I) if batch_first else (T, B, I)
    return {"I": I, "H": H, "L": L, "D": D, "bidirectional": D == 2,
            "batch_first": batch_first, "B": B, "T": T,
            "x_shape": "(" + ", ".join(map(str, x_shape)) + ")"}


def hn_slot(rng) -> dict:
    L = int(rng.integers(2, 5))
    return {"L": L, "layer": int(rng.integers(0, L)),
            "direction": "reverse" if rng.integers(2) else "forward"}


def forget_chain(rng) -> dict:
    return {"f": float(rng.choice([0.5, 0.8, 0.9, 0.95, 0.97, 0.99])),
            "T": int(rng.integers(10, 61))}


def _two(x: float) -> float:
    return round(float(x), 2)


def cell_numbers(rng) -> dict:
    return {"f": _two(rng.uniform(0.05, 0.95)), "i": _two(rng.uniform(0.05, 0.95)),
            "g": _two(rng.uniform(-0.95, 0.95)), "c_prev": _two(rng.uniform(-2, 2))}


def hidden_numbers(rng) -> dict:
    return {"o": _two(rng.uniform(0.05, 0.95)), "c": _two(rng.uniform(-2.5, 2.5))}


def pre_activation(rng) -> dict:
    return {"z": _two(rng.uniform(-4, 4))}


def gate_rows(rng) -> dict:
    I, H = _sizes(rng)
    k = int(rng.integers(0, 4))
    return {"I": I, "H": H, "k": k, "start": k * H, "end": (k + 1) * H}


# keys ----------------------------------------------------------------------------

def output_shape(B, T, H, D, batch_first, **_) -> tuple[int, int, int]:
    return (B, T, D * H) if batch_first else (T, B, D * H)


def state_shape(B, H, L, D, **_) -> tuple[int, int, int]:
    """h_n and c_n: (D*L, B, H), whatever batch_first says."""
    return (D * L, B, H)


def weight_shape(H, D, k, which, **_) -> tuple[int, int]:
    """weight_ih_l{k} (k >= 1) takes the layer below's D*H outputs; weight_hh_l{k} takes H."""
    return (4 * H, D * H) if which == "ih" else (4 * H, H)


def hn_index(layer, direction, **_) -> int:
    """h_n is laid out (num_layers, num_directions) flattened: layer-major."""
    return 2 * layer + (1 if direction == "reverse" else 0)


def forget_product(f, T) -> float:
    return f ** T


def cell_update(f, i, g, c_prev) -> float:
    return f * c_prev + i * g


def hidden_update(o, c) -> float:
    return o * math.tanh(c)


def sigmoid(z) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def gate_name(k, **_) -> list[str]:
    return GATE_NAMES[GATES[k]]
