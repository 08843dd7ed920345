"""Unit tests of grader/compare.py: the ``check`` fixture and ``compare``.

A failure's ``summary`` is shown for hidden tests, so it must name the kind
of failure without giving away expected values or the expected shape; its
``detail`` (sample tests, --reveal) carries them.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from grader.child.protocol import Handle, Tensor
from grader.problem import Tolerance
from grader.scoring.compare import Checker, Variant, compare, unchanged, unpack
from grader.scoring.failures import Kind, WrongAnswer

TOL64 = Tolerance(atol=1e-8, rtol=1e-6)
TOL32 = Tolerance(atol=1e-5, rtol=1e-4)


@pytest.fixture
def check():
    return Checker({"float64": TOL64, "float32": TOL32})


@pytest.fixture
def expected():
    # Distinctive values, so that a leak into the summary is easy to spot.
    return np.array([[0.123456789, -1.987654321, 3.14159265],
                     [2.71828182, -0.577215664, 1.41421356]])


def numbers_in(text: str) -> list[float]:
    return [float(m) for m in re.findall(r"-?\d+\.\d+(?:e[-+]?\d+)?", text)]


def assert_no_leak(summary: str, expected: np.ndarray) -> None:
    """The summary mentions neither the expected shape nor any expected value."""
    assert str(expected.shape) not in summary
    assert "x".join(map(str, expected.shape)) not in summary
    for value in numbers_in(summary):
        assert not np.isclose(expected, value, rtol=1e-3, atol=0).any(), (summary, value)
    for value in expected.flat:
        assert f"{value:.4g}" not in summary, summary


# --------------------------------------------------------------------------
# passing answers


def test_equal_arrays_pass(check, expected):
    check(expected.copy(), expected)
    check.outputs((expected.copy(), expected * 2), (expected, expected * 2), ("h", "c"))
    check.outputs([expected.copy(), expected * 2], (expected, expected * 2), ("h", "c"))


def test_empty_and_0d_arrays_pass_when_equal(check):
    check(np.zeros((0, 3)), np.zeros((0, 3)))
    check(np.array(1.5), np.array(1.5))


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_tolerance_boundary(check, expected, sign):
    bound = TOL64.atol + TOL64.rtol * np.abs(expected)
    check(expected + sign * 0.99 * bound, expected)
    with pytest.raises(WrongAnswer):
        check(expected + sign * 1.01 * bound, expected)


def test_one_element_outside_the_tolerance_fails(check, expected):
    got = expected.copy()
    got[1, 2] += 1e-3
    with pytest.raises(WrongAnswer) as info:
        check(got, expected, "h")
    failure = info.value
    assert "`h`" in failure.summary and "tolerance" in failure.summary
    assert_no_leak(failure.summary, expected)
    detail = failure.detail
    assert "[1, 2]" in detail  # where the worst element is
    assert f"{expected[1, 2]:.10g}" in detail  # expected value
    assert f"{got[1, 2]:.10g}" in detail  # got value
    assert "atol=1e-08" in detail and "rtol=1e-06" in detail
    assert "1 of 6" in detail
    assert "0.001" in detail  # max abs error


def test_worst_element_is_the_one_furthest_past_the_tolerance(check, expected):
    got = expected.copy()
    got[0, 0] += 1e-4
    got[1, 1] += 5e-3
    with pytest.raises(WrongAnswer) as info:
        check(got, expected)
    assert "worst at [1, 1]" in info.value.detail
    assert "2 of 6" in info.value.detail


def test_zero_tolerance_passes_only_exact_answers():
    strict = Checker({"float64": Tolerance(0.0, 0.0), "float32": Tolerance(0.0, 0.0)})
    x = np.array([1.0, 2.0])
    strict(x.copy(), x)
    with pytest.raises(WrongAnswer):
        strict(np.nextafter(x, 3.0), x)


# --------------------------------------------------------------------------
# shape, dtype, non-finite, type


def test_wrong_shape_fails_without_leaking_the_shape(check, expected):
    with pytest.raises(WrongAnswer) as info:
        check(expected.T.copy(), expected, "h")
    failure = info.value
    assert "shape" in failure.summary
    assert_no_leak(failure.summary, expected)
    assert str(expected.shape) in failure.detail and str(expected.T.shape) in failure.detail


def test_wrong_shape_with_the_same_size_fails(check):
    with pytest.raises(WrongAnswer, match="shape"):
        check(np.zeros(6), np.zeros((2, 3)))
    with pytest.raises(WrongAnswer, match="shape"):
        check(np.zeros((1, 3)), np.zeros(3))


def test_float32_answer_for_float64_input_fails(check, expected):
    with pytest.raises(WrongAnswer) as info:
        check(expected.astype(np.float32), expected, "h", dtype=np.float64)
    assert "dtype" in info.value.summary and "float32" in info.value.summary
    assert_no_leak(info.value.summary, expected)


@pytest.mark.parametrize("answer_dtype", [np.float32, np.float64])
def test_float32_or_float64_answer_for_float32_input_passes(check, expected, answer_dtype):
    check(expected.astype(answer_dtype), expected, dtype=np.float32)


def test_float32_input_uses_float32_tolerances(check, expected):
    off = expected + 5e-6  # over float64's tolerance, within float32's
    with pytest.raises(WrongAnswer):
        check(off, expected, dtype=np.float64)
    check(off, expected, dtype=np.float32)
    check(off.astype(np.float32), expected, dtype=np.float32)


def test_default_dtype_is_the_expected_arrays(check, expected):
    off = expected + 5e-6
    check(off.astype(np.float32), expected.astype(np.float32))
    with pytest.raises(WrongAnswer):
        check(off, expected)


@pytest.mark.parametrize("bad_dtype", [np.int64, np.float16, np.complex128, np.bool_])
def test_other_dtypes_fail(check, bad_dtype):
    expected = np.array([[1.0, 0.0]])
    with pytest.raises(WrongAnswer, match="dtype"):
        check(expected.astype(bad_dtype), expected)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_values_fail(check, expected, bad):
    got = expected.copy()
    got[1, 0] = bad
    with pytest.raises(WrongAnswer) as info:
        check(got, expected, "c")
    failure = info.value
    assert "non-finite" in failure.summary and "`c`" in failure.summary
    assert_no_leak(failure.summary, expected)
    assert "[1, 0]" in failure.detail and "1 non-finite value(s) of 6" in failure.detail


@pytest.mark.parametrize("got, kind", [
    ([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], "list"),
    (0.5, "float"),
    ((np.zeros(3),), "tuple"),
    (None, "NoneType"),
    (Tensor(np.zeros((2, 3))), "torch tensor"),
    (Handle(3, "Linear"), "Linear object"),
])
def test_not_an_array_fails(check, expected, got, kind):
    with pytest.raises(WrongAnswer) as info:
        check(got, expected, "h")
    failure = info.value
    assert kind in failure.summary and "numpy array" in failure.summary
    assert_no_leak(failure.summary, expected)
    assert_no_leak(failure.detail, expected)


def test_a_list_of_the_right_values_is_still_not_an_array(check, expected):
    with pytest.raises(WrongAnswer, match="list"):
        check(expected.tolist(), expected)


# --------------------------------------------------------------------------
# several outputs


def test_wrong_number_of_outputs(check, expected):
    names = ("h", "c")
    for got in ((expected,), (expected, expected, expected), []):
        with pytest.raises(WrongAnswer) as info:
            check.outputs(got, (expected, expected), names)
        assert f"returned {len(got)} value(s)" in info.value.summary
        assert "(h, c)" in info.value.summary
        assert_no_leak(info.value.summary, expected)


def test_single_array_where_a_tuple_is_expected(check, expected):
    with pytest.raises(WrongAnswer, match="expected a tuple of 2 arrays"):
        check.outputs(expected, (expected, expected), ("h", "c"))
    with pytest.raises(WrongAnswer, match="expected a tuple of 2 arrays"):
        unpack({"h": expected, "c": expected}, ("h", "c"))


def test_second_output_is_checked_and_named(check, expected):
    with pytest.raises(WrongAnswer) as info:
        check.outputs((expected, expected + 1), (expected, expected), ("h", "c"))
    assert "`c`" in info.value.summary and "`h`" not in info.value.summary


# --------------------------------------------------------------------------
# misconception hints


def variants_for(expected):
    return [
        Variant("plus-one", "everything off by one", (expected + 1, expected)),
        Variant("doubled", "everything doubled", (expected * 2, expected * 2)),
        Variant("swapped", "outputs swapped", (expected * 3, expected)),
    ]


def test_hint_names_the_matching_variant(check, expected):
    with pytest.raises(WrongAnswer) as info:
        check.outputs((expected * 2, expected * 2), (expected, expected * 3), ("h", "c"),
                      variants=variants_for(expected))
    assert "[doubled]" in info.value.hint
    assert "everything doubled" in info.value.hint
    assert "[plus-one]" not in info.value.hint


def test_hint_requires_every_output_to_match(check, expected):
    # h matches "doubled" but c does not: no hint.
    with pytest.raises(WrongAnswer) as info:
        check.outputs((expected * 2, expected * 5), (expected, expected * 3), ("h", "c"),
                      variants=variants_for(expected))
    assert info.value.hint == ""


def test_hint_matches_within_tolerance(check, expected):
    got = (expected + 1 + 1e-9, expected - 1e-9)
    with pytest.raises(WrongAnswer) as info:
        check.outputs(got, (expected, expected * 3), ("h", "c"), variants=variants_for(expected))
    assert "[plus-one]" in info.value.hint


def test_no_hint_when_two_bugs_compute_the_same(check, expected):
    # A second bug that computes what "doubled" does on these inputs: no telling which.
    variants = variants_for(expected) + [
        Variant("scaled-twice", "a scale applied twice", (expected * 2, expected * 2))]
    with pytest.raises(WrongAnswer) as info:
        check.outputs((expected * 2, expected * 2), (expected, expected * 3), ("h", "c"),
                      variants=variants)
    assert info.value.hint == ""


def test_one_bug_listed_twice_is_still_named(check, expected):
    variants = variants_for(expected) + [
        Variant("doubled", "everything doubled", (expected * 2, expected * 2))]
    with pytest.raises(WrongAnswer) as info:
        check.outputs((expected * 2, expected * 2), (expected, expected * 3), ("h", "c"),
                      variants=variants)
    assert "[doubled]" in info.value.hint


def test_no_hint_when_nothing_matches(check, expected):
    with pytest.raises(WrongAnswer) as info:
        check.outputs((expected * 7, expected), (expected, expected), ("h", "c"),
                      variants=variants_for(expected))
    assert info.value.hint == ""


def test_single_output_hint(check, expected):
    variants = [Variant("neg", "the sign flipped", (-expected,))]
    with pytest.raises(WrongAnswer) as info:
        check(-expected, expected, "h", variants=variants)
    assert "[neg]" in info.value.hint


def test_correct_answer_never_consults_variants(check, expected):
    # A variant equal to the right answer must not turn a pass into a failure.
    check.outputs((expected, expected), (expected, expected), ("h", "c"),
                  variants=[Variant("same", "identical", (expected, expected))])


# --------------------------------------------------------------------------
# compare() directly


def test_compare_names_the_output(expected):
    with pytest.raises(WrongAnswer, match="`gate_i`"):
        compare(expected + 1, expected, "gate_i", TOL64, np.float64)



# --------------------------------------------------------------------------
# unchanged(): inputs left as they were sent


def test_unchanged_passes_inputs_left_alone(expected):
    unchanged(("x", "c_prev"), [expected, expected * 2], [expected.copy(), expected * 2])


def test_unchanged_names_the_modified_input_and_where(expected):
    after = expected.copy()
    after.flat[1] = 0.25
    with pytest.raises(WrongAnswer) as info:
        unchanged(("x", "c_prev"), [expected, expected], [expected.copy(), after])
    failure = info.value
    assert failure.kind is Kind.MODIFIED and failure.subject == "c_prev"
    assert "`c_prev`" in failure.summary and "`x`" not in failure.summary
    assert "`c_prev[0, 1]` was sent as -1.987654321" in failure.detail and "0.25" in failure.detail


@pytest.mark.parametrize("after", [None, np.zeros(3), np.zeros((2, 3), dtype=bool)],
                         ids=["not-an-array", "other-shape", "bools"])
def test_unchanged_refuses_whatever_else_came_back(expected, after):
    with pytest.raises(WrongAnswer) as info:
        unchanged(("c_prev",), [expected], [after])
    assert info.value.kind is Kind.MODIFIED


def test_known_bugs_given_as_a_function_are_computed_only_for_a_wrong_answer(check):
    calls = []

    def variants():
        calls.append(1)
        return [Variant("doubled", "every value doubled", (np.array([2.0, 4.0]),))]

    expected = np.array([1.0, 2.0])
    check(np.array([1.0, 2.0]), expected, "h", variants=variants)
    assert calls == []  # a right answer costs no known bug
    with pytest.raises(WrongAnswer) as failure:
        check(np.array([2.0, 4.0]), expected, "h", variants=variants)
    assert calls == [1] and "[doubled]" in failure.value.hint
