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
