"""The text report: partial credit looks partial, times are as precise as the
view shows them, and the report written as tests finish is the whole report."""

import dataclasses
import io

import click
import pytest

from grader.reports import render
from grader.reports.text import TextStream
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


def graded(view: str, message: str = "") -> Result:
    sample = TestResult("example", "sample", Verdict.WRONG_ANSWER, 0, 5,
                        detail="expected 1.0, got 2.0", output="debug print\n", time_s=0.2)
    hidden = TestResult("random_float64", "hidden", Verdict.WRONG_ANSWER, 0, 30,
                        detail="HIDDEN-INPUTS", kind=Kind.WRONG, subject="h", time_s=0.31)
    return Result("cell", "c.py", "submit", 0, {"level": "namespaces"}, {},
                  tests=[sample, hidden], view=view, message=message,
                  problem_dir="/p/cell", problem_digest="ab" * 32)


def streamed(result: Result, view: str, stream_tests: bool = True) -> str:
    """What ``TextStream`` writes for ``result``: the header and each test
    as it finishes (unless ``stream_tests`` is False: none ran), then the rest."""
    out = io.StringIO()
    stream = TextStream(out, view)
    if stream_tests:
        stream.started(dataclasses.replace(result, tests=[], view="candidate"),
                       [t.name for t in result.tests])
        for test in result.tests:
            stream.test_finished(test)
    stream.finish(result)
    return out.getvalue()


@pytest.mark.parametrize("view", ["candidate", "staff"])
def test_the_streamed_report_is_the_whole_report(view):
    result = graded(view)
    text = streamed(result, view)
    assert text == click.unstyle(render(result, "text")) + "\n"
    assert text.index("example") < text.index("random_float64") < text.index("verdict:")
    assert ("HIDDEN-INPUTS" in text) == (view == "staff")  # the view's words only


def test_a_submission_that_failed_as_a_whole_is_reported_at_the_end():
    result = graded("candidate", message="does not parse: line 3")
    text = streamed(result, "candidate", stream_tests=False)
    assert text == click.unstyle(render(result, "text")) + "\n"
    assert text.count("expected 1.0, got 2.0") == 1  # said once, below the tests


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
