"""The README's JSON example is a document `submit --format json` really
prints: the same fields (recursively, tests by name) and the same types, so
the documented schema cannot drift from grader/reports/json.py."""

from __future__ import annotations

import json

from readme_blocks import json_example, mismatches

from grader.reports import render
from grader.scoring.result import Result, TestResult
from grader.verdict import Verdict


def real(cli, solution: str) -> dict:
    res = cli("submit", "cell", f"solutions/cell/{solution}", "--format", "json")  # (from the root)
    doc = res.json()
    doc["isolation"].pop("reason", None)  # only at the process level (README says so)
    return doc


def test_the_example_is_the_document_its_submission_gets(cli):
    example, doc = json_example(), real(cli, "wrong/no_b_hh.py")
    assert mismatches(example, doc) == []
    for field in ("view", "problem", "submission", "mode", "verdict", "score", "max_score",
                  "message", "seed", "key", "limits", "flags"):
        assert example[field] == doc[field], field
    tests = {t["name"]: t for t in doc["tests"]}
    for shown in example["tests"]:
        for field in shown.keys() - {"message", "calls", "time_s"}:  # (abridged; load-dependent)
            assert shown[field] == tests[shown["name"]][field], (shown["name"], field)


def test_the_example_has_an_accepted_documents_fields(cli):
    """Accepted, ``kind`` and ``hint`` are null: the only difference allowed."""
    assert mismatches(json_example(), real(cli, "accepted/reference.py"),
                      nullable={"kind", "hint"}) == []


def test_the_examples_times_are_what_its_view_prints():
    example = json_example()
    assert example["view"] == "candidate"
    times = [example["time_s"], example["max_call_s"], *(t["time_s"] for t in example["tests"])]
    assert all(round(t, 1) == t for t in times), times  # whole tenths


def test_scores_are_numbers_that_may_be_fractional():
    test = TestResult("forecast", "hidden", Verdict.WRONG_ANSWER, 22.8, 30)
    whole = TestResult("example", "sample", Verdict.ACCEPTED, 70, 70)
    doc = json.loads(render(Result("p", "s.py", "submit", 0, {}, {}, tests=[test, whole]), "json"))
    assert doc["score"] == 92.8 and doc["max_score"] == 100
    assert [t["score"] for t in doc["tests"]] == [22.8, 70]
