"""What a test's exception means: its verdict, kind and texts.

``Failed`` exceptions carry their own.  A bare ``AssertionError`` in the
test body is a wrong answer.  Anything else is decided by provenance: if
the test (or a fixture it needs) had received data from the child before it
failed, the judge failed on the submission's data, which is the
submission's runtime_error ("sent an answer the tests could not use");
before any reply, it is the judge's own fault (judge_error).  Either way the
judge's traceback is staff-only detail, and holds file names, lines and
functions, never source text.
"""

from __future__ import annotations

import os
import traceback

from ..scoring.failures import Failed, Kind
from ..scoring.tally import Outcome
from ..verdict import Verdict


def classify(exc: BaseException | None, when: str, child_replied: bool) -> Outcome:
    if exc is None:
        return Outcome(Verdict.ACCEPTED)
    if isinstance(exc, Failed):  # in a fixture too: a failed training fails its dependents
        return Outcome(exc.verdict, exc.summary, exc.detail, exc.hint, exc.output,
                       kind=exc.kind, subject=exc.subject)
    if isinstance(exc, (KeyboardInterrupt, SystemExit)):
        raise exc
    if isinstance(exc, AssertionError) and when == "call":
        text = str(exc).split("\n")[0][:300]
        return Outcome(Verdict.WRONG_ANSWER, "failed a check of the answer",
                       f"failed a check: {text}" if text else "failed a check of the answer",
                       kind=Kind.WRONG)
    trace = judge_trace(exc)
    if child_replied:
        return Outcome(Verdict.RUNTIME_ERROR, Kind.UNUSABLE.phrase(),
                       f"the judge could not use the submission's answer in {when}:\n{trace}",
                       kind=Kind.UNUSABLE, private=True)
    return Outcome(Verdict.JUDGE_ERROR, Kind.JUDGE.phrase(),
                   f"the judge failed in {when}:\n{trace}", kind=Kind.JUDGE, private=True)


def judge_trace(exc: BaseException, limit: int = 12) -> str:
    """The exception and where it happened: file, line, function per frame."""
    frames = traceback.extract_tb(exc.__traceback__)[-limit:]
    lines = [f"  {os.path.basename(f.filename)}:{f.lineno} in {f.name}" for f in frames]
    head = f"{type(exc).__name__}: {str(exc)[:500]}"
    return "\n".join(["Traceback (frames only):", *lines, head])
