"""What a test's exception means: its verdict, kind and texts.

``Failed`` exceptions carry their own.  A bare ``AssertionError`` in the
test body is a wrong answer.  Anything else is decided by provenance: if
the test (or a fixture it needs) had received data from the child before it
failed, the judge failed on the submission's data, which is the
submission's runtime_error ("sent an answer the tests could not use");
before any reply, it is the judge's own fault (judge_error).  Either way the
judge's traceback is staff-only detail, and holds file names, lines and
functions, never source text: the test's own frames and the helpers it
called, without pytest's and pluggy's machinery (which is the same for every
test and hides the author's frame).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from ..scoring.failures import Failed, Kind
from ..scoring.tally import Outcome
from ..verdict import Verdict


GRADER_HOME = Path(__file__).resolve().parents[2]  # the folder that holds grader/
MACHINERY = frozenset({"_pytest", "pluggy"})  # packages whose frames say nothing of a test


def classify(exc: BaseException | None, when: str, child_replied: bool,
             problem_root: Path | None = None) -> Outcome:
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
    trace = judge_trace(exc, problem_root)
    if child_replied:
        return Outcome(Verdict.RUNTIME_ERROR, Kind.UNUSABLE.phrase(),
                       f"the judge could not use the submission's answer in {when}:\n{trace}",
                       kind=Kind.UNUSABLE, private=True)
    return Outcome(Verdict.JUDGE_ERROR, Kind.JUDGE.phrase(),
                   f"the judge failed in {when}:\n{trace}", kind=Kind.JUDGE, private=True)


def judge_trace(exc: BaseException, problem_root: Path | None = None, limit: int = 12) -> str:
    """The exception and where it happened: file, line, function per frame,
    outermost first, without pytest's and pluggy's frames.  Files in the
    problem's folder are named relative to it (``tests/test_cell.py``)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if not MACHINERY.intersection(Path(f.filename).parts)][-limit:]
    lines = [f"  {frame_file(f.filename, problem_root)}:{f.lineno} in {f.name}" for f in frames]
    head = f"{type(exc).__name__}: {str(exc)[:500]}"
    return "\n".join(["Traceback (frames only):", *lines, head])


def frame_file(filename: str, problem_root: Path | None) -> str:
    """A frame's file as an author reads it: relative to the problem folder,
    else to the import root it was loaded from (``grader/testing.py``,
    ``numpy/...``), else as it is."""
    path = Path(filename).resolve()
    roots = [problem_root.resolve()] if problem_root is not None else []
    roots += [GRADER_HOME, *sorted((Path(p).resolve() for p in sys.path if p),
                                   key=lambda r: -len(r.parts))]
    for root in roots:
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return str(path)
