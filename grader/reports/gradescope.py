"""The Gradescope report: the ``results.json`` that Gradescope's autograder
harness reads (``--format gradescope``; fields as in Gradescope's autograder
specification, https://gradescope-autograders.readthedocs.io/en/latest/specs/).

Students read it, so it holds the candidate view only: sample tests are
``visible`` with their teaching detail, hidden tests ``after_published`` with
judge-owned words (``TestResult.message``), and the overall verdict and score
wait for the hidden tests (Gradescope withholds the total while tests are
hidden).  The one staff part is a judge error's detail, in a test whose
visibility is ``hidden``: never shown to students.  Every string is plain
text (``output_format: text``: no HTML is rendered) with control characters
escaped (``reports.escape``).
"""

from __future__ import annotations

import json

from ..scoring.result import CANDIDATE, STAFF, Result, TestResult
from ..verdict import Verdict
from .escape import printable
from .whole import whole_failure

VIEWS = (CANDIDATE,)
WHY_VIEWS = ("students read its tests once grades are published: the staff view would show"
             " them hidden inputs; use --format json --view staff")
VISIBILITY = {"sample": "visible", "hidden": "after_published"}
TEXT = "text"  # Gradescope's plain text: no HTML, markdown or ANSI is rendered
MAX_OUTPUT_LINES = 30
JUDGE_ERROR_NOTICE = ("The autograder failed while grading this submission. This is not your"
                      " fault: please contact the course staff, who can regrade it.")


def render(result: Result) -> str:
    return json.dumps(document(result), indent=2)


def document(result: Result) -> dict:
    if result.view not in VIEWS:
        raise ValueError(f"the Gradescope document holds the candidate view only ({WHY_VIEWS})")
    tests = [_test(t, result) for t in result.tests]
    if result.verdict is Verdict.JUDGE_ERROR:
        tests = _judge_error_tests(result) + tests
    return {
        "score": result.score,
        "execution_time": round(result.time_s),  # whole seconds: coarser than the view's tenths
        "output": printable(_summary(result)),
        "output_format": TEXT,
        "test_output_format": TEXT,
        "test_name_format": TEXT,
        "stdout_visibility": "hidden",
        "extra_data": {"lstm_judge": {
            "view": result.view, "problem": result.problem, "mode": result.mode,
            "seed": result.seed, "key": result.key, "problem_digest": result.problem_digest,
            "isolation": result.isolation.get("level"),
        }},
        "tests": tests,
    }


def _entry(name: str, output: str, visibility: str, status: str, **points) -> dict:
    return {"name": printable(name, newlines=False), "name_format": TEXT, **points,
            "status": status, "output": printable(output), "output_format": TEXT,
            "visibility": visibility}


def _test(test: TestResult, result: Result) -> dict:
    status = "passed" if test.verdict is Verdict.ACCEPTED else "failed"
    return _entry(test.name, _test_output(test, result), VISIBILITY.get(test.visibility,
                  "after_published"), status, score=test.score, max_score=test.max_score)


def _test_output(test: TestResult, result: Result) -> str:
    if result.message:  # a failure of the whole submission: said once, in the summary
        return test.verdict.value
    message = test.message(CANDIDATE)
    lines = [test.verdict.value] + ([message] if message else [])
    if test.shows_detail(CANDIDATE) and test.verdict is not Verdict.ACCEPTED:
        if test.calls:
            lines.append("called: " + "; ".join(test.calls[:3]))
        lines += _output_lines(test.output)
    return "\n".join(lines)


def _output_lines(output: str) -> list[str]:
    if not output.strip():
        return []
    out = output.rstrip().splitlines()
    more = [f"| ... ({len(out) - MAX_OUTPUT_LINES} more lines)"] if len(out) > MAX_OUTPUT_LINES else []
    return ["your output:"] + ["| " + line for line in out[:MAX_OUTPUT_LINES]] + more


def _summary(result: Result) -> str:
    """The verdict line; while hidden tests wait for publication, only what the
    sample tests say (the overall verdict and score would give them away)."""
    verdict = result.verdict
    if verdict is Verdict.JUDGE_ERROR:
        return f"verdict: judge_error\n{JUDGE_ERROR_NOTICE}"
    line = f"verdict: {verdict.value}   score: {result.score:g}/{result.max_score:g}"
    if result.message:
        reason, output = whole_failure(result)
        return "\n".join([line, "", reason] + _output_lines(output))
    hidden = [t for t in result.tests if t.visibility != "sample"]
    if not hidden:
        return line
    samples = [t for t in result.tests if t.visibility == "sample"]
    passed = sum(t.verdict is Verdict.ACCEPTED for t in samples)
    return (f"sample tests: {passed} of {len(samples)} passed"
            f" ({sum(t.score for t in samples):g}/{sum(t.max_score for t in samples):g} points)\n"
            f"hidden tests ({len(hidden)}): results are shown when grades are published")


def _judge_error_tests(result: Result) -> list[dict]:
    """A visible notice for the student, and the details for staff alone."""
    notice = _entry("autograder error", JUDGE_ERROR_NOTICE, "visible", "failed",
                    score=0, max_score=0)
    return [notice, _entry("autograder error: details (staff only)", _staff_details(result),
                           "hidden", "failed")]


def _staff_details(result: Result) -> str:
    where = f" ({result.problem_dir}, sha256 {result.problem_digest})" if result.problem_dir else ""
    seed = f", seed {result.seed}" if result.seed is not None else ""
    lines = [f"problem {result.problem}{where}{seed}"]
    if result.message:
        lines.append(result.message)
    for test in result.tests:
        if test.verdict is Verdict.JUDGE_ERROR:
            lines += ["", f"test {test.name}:", test.message(STAFF)] + _output_lines(test.output)
    return "\n".join(lines)
