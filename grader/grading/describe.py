"""Values in a learner's words, for the call log of a test's feedback.

``literal`` writes a small argument the way it would be typed in a call
(``3``, ``0.05``, ``'ROMEO:'``); ``data`` says what anything else is
(``float32 tensor of shape (2, 4, 3)``, ``str of 5000 characters``).  Both
use a fixed vocabulary plus numbers: a child's type names, strings and
reprs never appear, and nested values are described only so deep.
"""

from __future__ import annotations

import numpy as np

from ..child.protocol import Handle, Tensor

MAX_LITERAL = 40  # a longer string is described, not written out
MAX_ITEMS = 4  # the items of a tuple or list that are described one by one


def literal(value) -> str | None:
    """``value`` as written in a call, or None where it is data to describe."""
    if isinstance(value, np.generic) and value.dtype.kind in "biuf":
        value = value.item()
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if np.isfinite(value) else f"float({str(value)!r})"
    if isinstance(value, str) and len(value) <= MAX_LITERAL and value.isprintable():
        return repr(value)
    return None


def listing(named: list[tuple[str, object]]) -> str:
    """Named values said at once: ``x: float32 tensor of shape (2, 4, 3), n: int``;
    several arrays of one kind and dtype share the words:
    ``float64 arrays of shapes x (2, 3), h (2, 4)``."""
    arrays = [_array(value) for _, value in named]
    if len(named) > 1 and all(arrays) and len({a[:2] for a in arrays}) == 1:
        dtype, noun, _ = arrays[0]
        shapes = ", ".join(f"{name} {a[2]}" for (name, _), a in zip(named, arrays))
        return f"{dtype} {noun}s of shapes {shapes}"
    return ", ".join(f"{name}: {data(value)}" for name, value in named)


def data(value, depth: int = 0) -> str:
    """What ``value`` is: its kind, dtype and shape (or length)."""
    if (array := _array(value)) is not None:
        dtype, noun, shape = array
        return f"{dtype} {noun} of shape {shape}"
    if isinstance(value, np.generic):
        return f"numpy {value.dtype} scalar"
    if isinstance(value, Handle):
        return "object"
    if value is None:
        return "None"
    if isinstance(value, (bool, int, float)):
        return type(value).__name__
    if isinstance(value, str):
        return f"str of {_count(len(value), 'character')}"
    if isinstance(value, dict):
        return f"dict of {_count(len(value), 'item')}"
    if isinstance(value, (tuple, list)):
        return _sequence(value, depth)
    return "value"


def _sequence(value, depth: int) -> str:
    kind = type(value).__name__
    kinds = {_scalar_kind(v) for v in value}
    if len(kinds) == 1 and None not in kinds and value:
        return f"{kind} of {len(value)} {kinds.pop()}"
    if depth > 0 or not value:
        return f"{kind} of {_count(len(value), 'item')}"
    items = [data(v, depth + 1) for v in value[:MAX_ITEMS]]
    more = ", ..." if len(value) > MAX_ITEMS else ""
    return f"{kind} of {len(value)}: {', '.join(items)}{more}"


def _scalar_kind(value) -> str | None:
    """The builtin scalar type shared by a list's items, for 'list of 28 str'."""
    for kind in (bool, int, float, str):
        if type(value) is kind:
            return kind.__name__
    return None


def _array(value) -> tuple[str, str, str] | None:
    """(dtype, "tensor" or "array", shape) of a tensor or an array, else None."""
    if isinstance(value, Tensor):
        value, noun = value.array, "tensor"
    elif isinstance(value, np.ndarray):
        noun = "array"
    else:
        return None
    return str(value.dtype), noun, str(tuple(int(n) for n in value.shape))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
