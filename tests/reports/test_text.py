"""The text report: partial credit looks partial, times are as precise as the
view shows them."""

import click

from grader.reports import render
from grader.scoring.failures import Kind
from grader.scoring.result import Result, TestResult
from grader.verdict import Verdict


def report(view: str, score: float) -> str:
    test = TestResult("walk_forward", "hidden", Verdict.WRONG_ANSWER, score, 85,
                      kind=Kind.METRIC, subject="RMSE", time_s=1.4567)
    text = render(Result("forecast", "f.py", "submit", 0, {"level": "namespaces"}, {},
                         tests=[test], view=view), "text")
    return click.unstyle(text)


def test_a_test_with_part_of_its_points_is_marked_partial():
    partial = report("candidate", 78.85)
    assert "◐ walk_forward" in partial and "78.85/85" in partial
    assert "✗ walk_forward" in report("candidate", 0)


def test_times_are_as_precise_as_the_view_shows():
    assert " 1.5s" in report("candidate", 0) and "1.457s" not in report("candidate", 0)
    assert " 1.457s" in report("staff", 0)


def sample_with_calls(calls: list[str], view: str = "candidate") -> str:
    test = TestResult("example", "sample", Verdict.WRONG_ANSWER, 0, 5, detail="wrong",
                      calls=calls)
    return click.unstyle(render(Result("network", "n.py", "test", 0, {"level": "namespaces"},
                                       {}, tests=[test], view=view), "text"))


def test_a_samples_calls_are_one_to_a_line_and_capped():
    calls = [f"out = model(x) with x: float32 tensor of shape ({n}, 4, 3)" for n in range(12)]
    text = sample_with_calls(calls)
    first = "        out = model(x) with x: float32 tensor of shape (0, 4, 3)\n"
    assert "      calls:\n" + first in text
    assert "shape (7, 4, 3)" in text and "shape (8, 4, 3)" not in text
    assert "        ... (4 more lines)" in text


def test_calls_are_escaped():
    text = sample_with_calls(["model(x)\x1b[2J\nforged line"])
    assert "\x1b" not in text and "model(x)\\x1b[2J\\nforged line" in text
