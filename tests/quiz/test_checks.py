"""Unit tests of a quiz's answer checks (grader/quiz/checks.py): every form
a type accepts, what it refuses as invalid, and PrairieLearn's partial-credit
schemes on the numbers its own documentation and tests give."""

from __future__ import annotations

import pytest

from grader.quiz.checks import (BLANK, INVALID, PARTIAL, RIGHT, WRONG, check,
                                multiple_fraction, normal_text)
from grader.quiz.draw import Drawn
from grader.quiz.questions import Choice, Question


def drawn(qtype, key, choices=(), partial="off", rtol=1e-2, atol=1e-8):
    q = Question("q1", qtype, 4, "text", "why", tuple(Choice(t, c) for t, c in choices),
                 partial=partial, rtol=rtol, atol=atol)
    labelled = tuple((chr(97 + k), t, c) for k, (t, c) in enumerate(choices))
    return Drawn(q, {}, "text", labelled, key, "why")


SHAPE = drawn("shape", (2, 8, 20))


@pytest.mark.parametrize("answer", ["(2, 8, 20)", "2, 8, 20", [2, 8, 20], "[2, 8, 20]",
                                    "torch.Size([2, 8, 20])", "(2,8,20)", " ( 2 , 8 , 20 ) "])
def test_a_shape_is_read_in_every_form_people_type(answer):
    assert check(SHAPE, answer).status == RIGHT


@pytest.mark.parametrize("answer", ["(2, 20, 8)", [8, 2, 20], "2, 8", "torch.Size([2, 8, 21])"])
def test_a_wrong_shape_is_wrong(answer):
    assert check(SHAPE, answer).status == WRONG


@pytest.mark.parametrize("answer", ["(2, 8, x)", [2, 8, -1], [2, [8], 20], {"a": 1}, True,
                                    "2.5, 8", "x" * 1000])
def test_a_shape_that_is_not_one_is_invalid(answer):
    result = check(SHAPE, answer)
    assert result.status == INVALID and result.fraction == 0
    assert "shape" in result.message or "text" in result.message


def test_one_dimensional_shapes():
    assert check(drawn("shape", (20,)), "(20,)").status == RIGHT
    assert check(drawn("shape", (20,)), 20).status == RIGHT
    assert check(drawn("shape", (20,)), "torch.Size([20])").status == RIGHT


def test_integers_exact_with_thousands_separators():
    q = drawn("integer", 2560)
    for answer in (2560, "2560", "2,560", "2 560", 2560.0):
        assert check(q, answer).status == RIGHT, answer
    assert check(q, 2561).status == WRONG
    for answer in ("2560.5", 2560.5, True, [2560], "two thousand", "25,60"):
        assert check(q, answer).status == INVALID, answer


def test_numeric_within_rtol_and_atol():
    q = drawn("numeric", 0.25, rtol=0.01, atol=0.0)
    assert check(q, 0.2524).status == RIGHT
    assert check(q, "2.5e-1").status == RIGHT
    assert check(q, 0.26).status == WRONG
    for answer in ("nan", ".inf", "a quarter", True, [0.25]):
        assert check(q, answer).status == INVALID, answer
    assert check(drawn("numeric", 0.0, rtol=0.01, atol=1e-3), 0.0009).status == RIGHT


def test_text_ignores_case_and_spacing_only():
    q = drawn("text", ("clip_grad_norm_", "i, f, g, o"))
    assert check(q, "  CLIP_GRAD_NORM_ ").status == RIGHT
    assert check(q, "i,f,g,o").status == RIGHT
    assert check(q, "I ,  F, G,O").status == RIGHT
    assert check(q, "clip_grad_value_").status == WRONG
    assert check(q, ["clip_grad_norm_"]).status == INVALID


CHOICES = [("right", True), ("wrong", False), ("right too", True), ("wrong too", False)]


def test_single_choice_takes_one_letter():
    q = drawn("single", "b", [("x", False), ("y", True), ("z", False)])
    for answer in ("b", "B", "(b)", "b)", " b "):
        assert check(q, answer).status == RIGHT, answer
    assert check(q, "a").status == WRONG
    assert check(q, ["b"]).status == INVALID
    assert check(q, "y").status == INVALID  # a choice's text is not an answer
    assert check(q, "e").status == INVALID


@pytest.mark.parametrize("scheme, picked, expected", [
    # PrairieLearn's pl-checkbox: 4 choices, a and c right
    ("off", "a, c", 1.0), ("off", "a", 0.0),
    ("net-correct", "a", 0.5), ("net-correct", "a, b", 0.0), ("net-correct", "a, c, b", 0.5),
    ("coverage", "a", 0.5), ("coverage", "a, b", 0.25), ("coverage", "a, c, b", 2 / 3),
    ("each-answer", "a", 0.75), ("each-answer", "a, b", 0.5), ("each-answer", "b, d", 0.0),
])
def test_multiple_choice_partial_credit_schemes(scheme, picked, expected):
    q = drawn("multiple", frozenset("ac"), CHOICES, partial=scheme)
    result = check(q, picked)
    assert result.fraction == pytest.approx(expected)
    assert result.status == (RIGHT if expected == 1 else PARTIAL if expected else WRONG)
    assert check(q, picked.split(", ")).fraction == pytest.approx(expected)  # a YAML list too


def test_blank_scores_nothing_under_every_scheme():
    """each-answer would give a blank submission credit for every unticked
    wrong choice; a blank answer is not an answer."""
    for scheme in ("off", "net-correct", "coverage", "each-answer"):
        q = drawn("multiple", frozenset("ac"), CHOICES, partial=scheme)
        for answer in (None, [], "", "  "):
            assert check(q, answer).status == BLANK and check(q, answer).fraction == 0


def test_prairielearn_documented_formulas():
    assert multiple_fraction("coverage", frozenset("ab"), frozenset("abc"), "abcde") == \
        pytest.approx((2 / 3) * 1)
    assert multiple_fraction("each-answer", frozenset("ac"), frozenset("ab"), "abcd") == 0.5
    assert multiple_fraction("net-correct", frozenset("cd"), frozenset("ab"), "abcd") == 0.0


def test_normal_text():
    assert normal_text("  Input ,  Forget  ") == "input,forget"
