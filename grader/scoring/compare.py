"""Numeric comparison of a submission's answers with the reference.

An element passes when ``|got - expected| <= atol + rtol * |expected|``.
Type, shape, dtype and non-finite values are reported apart from value
errors; value errors say how far off, where, and by how much past the
tolerance.  When a wrong answer matches exactly one known bug variant, the
failure names it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .failures import Kind, WrongAnswer
from ..problem.spec import Tolerance
from ..child.protocol import Handle, Tensor


@dataclass(frozen=True)
class Variant:
    """What a known misconception computes, for the hint."""

    id: str
    description: str
    outputs: tuple


def describe_type(value) -> str:
    if isinstance(value, Tensor):
        return "a torch tensor"
    if isinstance(value, Handle):
        return f"a {value.type} object"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


class Checker:
    """The ``check`` fixture: compares answers under a test's tolerances."""

    def __init__(self, tolerances: dict[str, Tolerance]):
        self.tolerances = tolerances

    def tolerance(self, dtype) -> Tolerance:
        return self.tolerances["float32" if np.dtype(dtype) == np.float32 else "float64"]

    def __call__(self, got, expected, name: str = "result", dtype=None,
                 variants: list[Variant] = ()) -> None:
        """Check one array."""
        self.outputs((got,), (expected,), (name,), dtype, variants, single=True)

    def outputs(self, got, expected, names, dtype=None, variants: list[Variant] = (),
                single: bool = False) -> None:
        """Check a tuple of arrays returned together, e.g. ``(h, c)``.
        ``variants`` (the known bugs, for a hint) may be a function that
        returns them: it is called only when the answer is wrong."""
        expected = tuple(np.asarray(e) for e in expected)
        dtype = np.dtype(dtype or expected[0].dtype)
        if not single:
            got = unpack(got, names)
        try:
            for g, e, name in zip(got, expected, names):
                compare(g, e, name, self.tolerance(dtype), dtype)
        except WrongAnswer as failure:
            if callable(variants):  # known bugs computed only for a wrong answer
                variants = variants()
            variant = self.misconception(got, variants, dtype)
            if variant:
                failure.hint = f"this looks like {variant.description} [{variant.id}]"
            raise

    def misconception(self, got, variants: list[Variant], dtype) -> Variant | None:
        """The one known bug that ``got`` matches.  None when it matches
        several: on these inputs they compute the same (one bug's effect
        vanishes, e.g. in saturated gates), so naming either could be wrong."""
        matched: dict[str, Variant] = {}
        for variant in variants:
            if variant.id not in matched and self.matches(got, variant.outputs, dtype):
                matched[variant.id] = variant
        return next(iter(matched.values())) if len(matched) == 1 else None

    def matches(self, got, outputs, dtype) -> bool:
        tol = self.tolerance(dtype)
        try:
            for g, e in zip(got, outputs):
                compare(g, np.asarray(e), "x", tol, dtype)
        except WrongAnswer:
            return False
        return True


def unchanged(names, before, after) -> None:
    """Raise ``WrongAnswer`` if any argument the child held after a call
    (``submission.call_echo``) differs from what it was sent."""
    for name, sent, now in zip(names, before, after):
        if isinstance(now, np.ndarray) and now.shape == sent.shape and np.array_equal(now, sent):
            continue
        summary = f"modified its input `{name}` in place; inputs must not change"
        detail = summary
        if isinstance(now, np.ndarray) and now.shape == sent.shape:
            first = int(np.argmax((now != sent).ravel()))
            detail = (f"{summary}: `{name}{_index(first, sent.shape)}` was sent as"
                      f" {sent.flat[first]} and held {now.flat[first]} after the call"
                      f" (`{name} *= ...`, `{name} += ...` or `{name}[...] = ...` write into the"
                      f" caller's array; compute into a new one)")
        raise WrongAnswer(summary, detail, kind=Kind.MODIFIED, subject=name)


def unpack(got, names) -> tuple:
    """``got`` as a tuple of len(names), or a wrong answer saying what came back."""
    want = f"a tuple of {len(names)} arrays ({', '.join(names)})"
    if not isinstance(got, (tuple, list)):
        raise WrongAnswer(f"returned {describe_type(got)}, expected {want}", kind=Kind.TYPE)
    if len(got) != len(names):
        raise WrongAnswer(f"returned {len(got)} value(s), expected {want}", kind=Kind.COUNT)
    return tuple(got)


def compare(got, expected: np.ndarray, name: str, tol: Tolerance, input_dtype) -> None:
    """Raise ``WrongAnswer`` unless ``got`` equals ``expected`` within ``tol``."""
    if not isinstance(got, np.ndarray):
        raise WrongAnswer(f"`{name}` is {describe_type(got)}, expected a numpy array",
                          kind=Kind.NOT_ARRAY, subject=name)
    if got.shape != expected.shape:
        raise WrongAnswer(f"`{name}` has the wrong shape",
                          f"`{name}` has shape {got.shape}, expected {expected.shape}",
                          kind=Kind.SHAPE, subject=name)
    allowed = {np.dtype(input_dtype), np.dtype(np.float64)}
    if got.dtype not in allowed:
        names = " or ".join(sorted(str(d) for d in allowed))
        raise WrongAnswer(f"`{name}` has dtype {got.dtype}, expected {names}",
                          kind=Kind.DTYPE, subject=name)
    got64 = got.astype(np.float64)
    exp64 = expected.astype(np.float64)
    same = (got64 == exp64) | (np.isnan(got64) & np.isnan(exp64))
    bad = (~np.isfinite(got64) | ~np.isfinite(exp64)) & ~same
    if bad.any():
        where = _index(np.argmax(bad), got.shape)
        raise WrongAnswer(
            f"`{name}` has non-finite values (nan or inf)",
            f"`{name}` has {int(bad.sum())} non-finite value(s) of {got.size}, first at {where}",
            kind=Kind.NON_FINITE, subject=name,
        )
    finite = np.isfinite(exp64)
    got64, exp64 = np.where(finite, got64, 0.0), np.where(finite, exp64, 0.0)
    err = np.abs(got64 - exp64)
    bound = tol.atol + tol.rtol * np.abs(exp64)
    over = err - bound
    if got.size == 0 or not (over > 0).any():
        return
    worst = int(np.argmax(over))
    where = _index(worst, got.shape)
    rel = err / np.maximum(np.abs(exp64), np.finfo(np.float64).tiny)
    detail = (
        f"values of `{name}` differ: {int((over > 0).sum())} of {got.size} elements outside"
        f" tolerance; max abs error {err.max():.3g}, max rel error {rel.max():.3g};"
        f" worst at {where}: expected {exp64.flat[worst]:.10g}, got {got64.flat[worst]:.10g}"
        f" (over atol={tol.atol:g} + rtol={tol.rtol:g}*|expected| by {over.flat[worst]:.3g})"
    )
    raise WrongAnswer(f"values of `{name}` are outside the tolerance", detail,
                      kind=Kind.VALUES, subject=name)


def _index(flat: int, shape) -> str:
    return "[" + ", ".join(str(int(i)) for i in np.unravel_index(flat, shape)) + "]" if shape else "[]"
