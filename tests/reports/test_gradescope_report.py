"""The Gradescope document from a Result: Gradescope's fields, the candidate
view for everything students read, partial credit as numbers, escaping."""

import json

import pytest
from gradescope_schema import check, problems

from grader.reports import render
from grader.scoring.failures import Kind
from grader.scoring.result import Result, TestResult
from grader.verdict import Verdict

NASTY = "\x1b[2J<script>alert(1)</script>\r\udc80\u202e\x00"
SECRET = "expected 0.123456789 at [3, 1]"


def result(*tests: TestResult, view: str = "candidate", **fields) -> Result:
    return Result("forecast", "f.py", "submit", 0, {"level": "namespaces"}, {},
                  tests=list(tests), view=view, **fields)


def document(res: Result) -> dict:
    doc = json.loads(render(res, "gradescope"))
    check(doc)
    return doc


def partial() -> TestResult:
    return TestResult("walk_forward", "hidden", Verdict.WRONG_ANSWER, 78.85, 85,
                      detail=SECRET, kind=Kind.METRIC, subject="RMSE", time_s=1.4567)


def sample(verdict=Verdict.RUNTIME_ERROR, **fields) -> TestResult:
    return TestResult("example", "sample", verdict, 0, 5, detail=NASTY, output=NASTY,
                      kind=Kind.RAISED, calls=["lstm_cell(x: float64 (1, 1))"], **fields)


def test_the_schema_refuses_what_gradescope_would_not_take():
    good = {"score": 1, "output": "", "output_format": "text", "stdout_visibility": "hidden",
            "tests": [{"name": "a", "status": "passed", "output": "", "output_format": "text",
                       "visibility": "visible", "score": 1, "max_score": 1}]}
    assert problems(good) == []
    for in_test, key, value in [(False, "score", "1"), (False, "stdout_visibility", "students"),
                                (False, "output_format", "html"), (False, "scores", 1),
                                (True, "status", "ok"), (True, "visibility", "public"),
                                (True, "score", True), (True, "score", 2),
                                (True, "output", "a\x1b[2Jb")]:
        doc = json.loads(json.dumps(good))
        (doc["tests"][0] if in_test else doc)[key] = value
        assert problems(doc), (in_test, key, value)


def test_partial_credit_stays_a_number_and_fails():
    doc = document(result(partial()))
    (test,) = doc["tests"]
    assert test["score"] == 78.85 and test["max_score"] == 85 and test["status"] == "failed"
    assert doc["score"] == 78.85
    assert test["visibility"] == "after_published"
    assert test["output"] == "wrong_answer\n`RMSE` did not reach the target"
    assert isinstance(doc["execution_time"], int)


def test_a_hidden_test_shows_only_judge_owned_words():
    doc = document(result(partial(), sample()))
    text = json.dumps(doc)
    assert "0.123456789" not in text and "[3, 1]" not in text
    assert doc["extra_data"]["lstm_judge"]["view"] == "candidate"


def test_a_sample_shows_its_detail_escaped():
    doc = document(result(sample()))
    output = doc["tests"][0]["output"]
    assert doc["tests"][0]["visibility"] == "visible"
    assert "\\x1b[2J<script>" in output and "your output:" in output and "called: " in output
    assert "\x1b" not in output and "\x00" not in output and "\udc80" not in output


def test_a_sample_that_hidden_data_reached_says_only_its_kind():
    doc = document(result(sample(tainted=True)))
    assert doc["tests"][0]["output"] == "runtime_error\nraised an exception"


def test_the_overall_verdict_waits_for_the_hidden_tests():
    accepted = TestResult("example", "sample", Verdict.ACCEPTED, 5, 5)
    doc = document(result(accepted, partial()))
    assert "wrong_answer" not in doc["output"] and "83.85" not in doc["output"]
    assert doc["output"].startswith("sample tests: 1 of 1 passed (5/5 points)")
    only_samples = document(result(accepted))
    assert only_samples["output"] == "verdict: accepted   score: 5/5"


def test_the_staff_view_is_refused():
    with pytest.raises(ValueError, match="candidate view only"):
        render(result(partial(), view="staff"), "gradescope")
