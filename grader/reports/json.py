"""The JSON report: one document for machines (``--format json``).

The schema is documented in the README ("JSON output") and kept stable:
fields are only ever added.  This is the one place the document is built.
"""

from __future__ import annotations

import json

from ..scoring.result import STAFF, Result, TestResult, coarse

SCHEMA_VERSION = 1


def render(result: Result) -> str:
    return json.dumps(document(result), indent=2)


def document(result: Result) -> dict:
    """The result as its view shows it: in the candidate view, times are
    whole tenths and ``flags`` is empty (which rules a submission tried to
    break is its own choice, so a channel); hidden tests say only their kind
    of failure."""
    staff = result.view == STAFF
    out = {
        "schema": SCHEMA_VERSION,
        "view": result.view,
        "problem": result.problem,
        "submission": result.submission,
        "mode": result.mode,
        "verdict": result.verdict.value,
        "score": result.score,
        "max_score": result.max_score,
        "message": result.message,
        "seed": result.seed,
        "key": result.key,
        "problem_dir": result.problem_dir,
        "problem_digest": result.problem_digest,
        "isolation": result.isolation,
        "limits": result.limits,
        "time_s": round(result.time_s, 4) if staff else coarse(result.time_s),
        "max_call_s": round(result.max_call_s, 4) if staff else coarse(result.max_call_s),
        "flags": result.flags if staff else [],
        "tests": [test_document(t, result.view) for t in result.tests],
    }
    if result.backend:
        out["backend"] = result.backend
    if result.interrupted:
        out["interrupted"] = True
    return out


def test_document(test: TestResult, view: str) -> dict:
    out = {
        "name": test.name,
        "visibility": test.visibility,
        "verdict": test.verdict.value,
        "score": test.score,
        "max_score": test.max_score,
        "message": test.message(view),
        "kind": None if test.verdict.value == "accepted" else test.kind.name.lower(),
        "hint": test.hint or None,
        "time_s": test.shown_time(view),
    }
    if test.shows_detail(view):
        out["calls"] = test.calls
        out["output"] = test.output
    return out
