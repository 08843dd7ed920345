"""Blame by provenance: what a test's exception means."""

import pytest

from grader.grading.classify import classify, judge_trace
from grader.scoring.failures import Kind, WrongAnswer
from grader.verdict import Verdict


def raised(exc):
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - the test wants the traceback
        return caught


def test_a_failure_keeps_its_verdict_kind_and_subject():
    out = classify(raised(WrongAnswer("h is off", kind=Kind.VALUES, subject="h")), "call", True)
    assert (out.verdict, out.kind, out.subject) == (Verdict.WRONG_ANSWER, Kind.VALUES, "h")


def test_an_assertion_in_the_body_is_a_wrong_answer():
    out = classify(raised(AssertionError("x")), "call", False)
    assert out.verdict is Verdict.WRONG_ANSWER and out.kind is Kind.WRONG


def test_an_exception_before_any_reply_is_the_judges_fault():
    out = classify(raised(KeyError("reference")), "call", child_replied=False)
    assert out.verdict is Verdict.JUDGE_ERROR and out.private


def test_an_exception_after_a_reply_is_the_submissions_fault():
    """The same exception, once the test has handled data from the child:
    the judge failed on the submission's data (e.g. copy_ of a parameter of
    another shape, float() of an absurd number)."""
    out = classify(raised(RuntimeError("size mismatch")), "call", child_replied=True)
    assert out.verdict is Verdict.RUNTIME_ERROR and out.kind is Kind.UNUSABLE and out.private


def test_the_judges_traceback_names_places_but_holds_no_source():
    def hidden_helper():
        secret_line = 1 / 0  # noqa: F841 - this source line must not be quoted
        return secret_line

    text = judge_trace(raised_from(hidden_helper))
    assert "test_classify.py" in text and "hidden_helper" in text
    assert "secret_line" not in text and "ZeroDivisionError" in text


def raised_from(func):
    try:
        func()
    except Exception as exc:  # noqa: BLE001
        return exc
    raise AssertionError("did not raise")


def test_interrupts_pass_through():
    with pytest.raises(KeyboardInterrupt):
        classify(raised(KeyboardInterrupt()), "call", True)


def defined_in(filename: str, source: str, name: str):
    """The function ``name`` of ``source``, compiled as if it lived in ``filename``."""
    namespace: dict = {}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def test_the_judges_traceback_drops_pytest_and_pluggy_frames(tmp_path):
    """pluggy calls pytest, pytest calls the author's test: only the test's
    frame is left, named relative to the problem's folder."""
    root = tmp_path / "problems" / "p"
    test = defined_in(str(root / "tests" / "test_p.py"),
                      "def test_p():\n    raise KeyError('oops')\n", "test_p")
    call = "def call(f):\n    return f()\n"
    pytest_call = defined_in("/site/_pytest/python.py", call, "call")
    pluggy_call = defined_in("/site/pluggy/_callers.py", call, "call")
    text = judge_trace(raised_from(lambda: pluggy_call(lambda: pytest_call(test))), root)
    assert "tests/test_p.py:2 in test_p" in text, text
    assert "_pytest" not in text and "pluggy" not in text and "_callers" not in text, text
    assert text.endswith("KeyError: 'oops'"), text
