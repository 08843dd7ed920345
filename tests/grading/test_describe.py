"""Values in a learner's words: what is written out, what is described, and
that nothing the child chose (type names, strings) is repeated."""

import numpy as np
import pytest

from grader.child.protocol import Handle, Tensor
from grader.grading.describe import data, listing, literal


@pytest.mark.parametrize("value, written", [
    (3, "3"), (0.05, "0.05"), (True, "True"), (None, "None"), ("ROMEO:", "'ROMEO:'"),
    (np.int64(7), "7"), (np.float32(0.5), "0.5"), (float("nan"), "float('nan')"),
])
def test_small_arguments_are_written_as_in_a_call(value, written):
    assert literal(value) == written


@pytest.mark.parametrize("value", [
    np.zeros(3), Tensor(np.zeros(3)), "x" * 41, "two\nlines", [1, 2], {"a": 1}, Handle(1, "M"),
])
def test_data_is_described_not_written(value):
    assert literal(value) is None


@pytest.mark.parametrize("value, said", [
    (Tensor(np.zeros((2, 4, 3), np.float32)), "float32 tensor of shape (2, 4, 3)"),
    (np.zeros(4), "float64 array of shape (4,)"),
    (Tensor(np.float64(1.0) * np.ones(())), "float64 tensor of shape ()"),
    (np.float64(2.0), "numpy float64 scalar"),
    (1.5, "float"), (None, "None"), ("é" * 500, "str of 500 characters"),
    (["a", "b", "c"], "list of 3 str"), ({"k": 1}, "dict of 1 item"), ([], "list of 0 items"),
    ((np.zeros((1, 2)), 3.0), "tuple of 2: float64 array of shape (1, 2), float"),
    (tuple(range(3)) + ("a",), "tuple of 4: int, int, int, str of 1 character"),
    ((1.0,) * 3 + ([1, "a"],), "tuple of 4: float, float, float, list of 2 items"),
    (tuple(np.zeros(1) for _ in range(6)), "tuple of 6: " + ", ".join(
        ["float64 array of shape (1,)"] * 4) + ", ..."),
])
def test_data_says_kind_dtype_and_shape(value, said):
    assert data(value) == said


def test_a_childs_type_names_and_strings_are_never_repeated():
    said = data((Handle(1, "\x1b[2Jevil"), "\x1b[2Jsecret", {"\x1b[2J": 1}))
    assert "\x1b" not in said and "evil" not in said and "secret" not in said
    assert said == "tuple of 3: object, str of 10 characters, dict of 1 item"


def test_arrays_of_one_dtype_share_the_words():
    x, h = np.zeros((2, 3)), np.zeros((2, 4))
    assert listing([("x", x), ("h", h)]) == "float64 arrays of shapes x (2, 3), h (2, 4)"
    assert listing([("x", Tensor(x))]) == "x: float64 tensor of shape (2, 3)"


def test_mixed_dtypes_or_kinds_are_said_one_by_one():
    x32, x64 = np.zeros(2, np.float32), np.zeros(2)
    assert listing([("x", x32), ("y", x64)]) == ("x: float32 array of shape (2,), "
                                                 "y: float64 array of shape (2,)")
    assert listing([("x", Tensor(x64)), ("y", x64)]).startswith("x: float64 tensor")
    assert listing([("vocab", ["a"]), ("x", x64)]) == ("vocab: list of 1 str, "
                                                       "x: float64 array of shape (2,)")
