"""The JSON report: one document for machines (``--format json``).

The schema is documented in the README ("JSON output") and kept stable:
fields are only ever added.  This is the one place the document is built.
"""

from __future__ import annotations

import json

from ..scoring.result import Result, TestResult

SCHEMA_VERSION = 1


def render(result: Result) -> str:
    return json.dumps(document(result), indent=2)


def document(result: Result) -> dict:
    out = {
        "schema": SCHEMA_VERSION,
        "problem": result.problem,
        "submission": result.submission,
        "mode": result.mode,
        "verdict": result.verdict.value,
        "score": result.score,
        "max_score": result.max_score,
        "message": result.message,
        "seed": result.seed,
        "isolation": result.isolation,
        "limits": result.limits,
        "time_s": round(result.time_s, 4),
        "max_call_s": round(result.max_call_s, 4),
        "flags": result.flags,
        "tests": [test_document(t, result.reveal) for t in result.tests],
    }
    return out


def test_document(test: TestResult, reveal: bool = False) -> dict:
    out = {
        "name": test.name,
        "visibility": test.visibility,
        "verdict": test.verdict.value,
        "score": test.score,
        "max_score": test.max_score,
        "message": test.message(reveal),
        "hint": test.hint or None,
        "time_s": test.shown_time(reveal),
    }
    if test.shows_detail(reveal):
        out["calls"] = test.calls
        out["output"] = test.output
    return out
