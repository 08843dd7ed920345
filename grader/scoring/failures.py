"""How a test fails: exceptions raised inside hidden tests, and the fixed
vocabulary a candidate may be told of a hidden test's failure.

Each failure carries a verdict, a ``kind`` (a member of ``Kind``) with an
optional ``subject`` (a name the test chose, such as ``h``), and two texts:
``summary`` and ``detail`` may quote inputs, expected values and whatever
the submission returned, so they are shown only where details are (sample
tests, and the staff view).  What the candidate view shows of a hidden test
is ``Kind.phrase(subject)`` and nothing else: judge-owned words by
construction, whatever the texts say.
"""

from __future__ import annotations

import enum

from ..verdict import Verdict


class Kind(enum.Enum):
    """What may be said of a hidden test's failure: (phrase with a subject,
    phrase without one)."""

    WRONG = ("{} is wrong", "the answer is wrong")
    VALUES = ("values of {} are outside the tolerance", "values are outside the tolerance")
    SHAPE = ("{} has the wrong shape", "an output has the wrong shape")
    DTYPE = ("{} has the wrong dtype", "an output has the wrong dtype")
    NON_FINITE = ("{} has non-finite values (nan or inf)", "an output has non-finite values")
    NOT_ARRAY = ("{} is not an array", "returned something that is not an array")
    TYPE = ("{} has the wrong type", "returned a value of the wrong type")
    COUNT = ("{} returned the wrong number of values", "returned the wrong number of values")
    MODIFIED = ("modified its input {} in place", "modified an input in place")
    METRIC = ("{} did not reach the target", "did not reach the target")
    RAISED = ("raised an exception in {}", "raised an exception")
    CRASHED = ("the process crashed or exited in {}", "the process crashed or exited")
    TIME = ("took too long in {}", "took too long")
    CPU = ("used up its CPU time", "used up its CPU time")
    MEMORY = ("ran out of memory", "ran out of memory")
    FORBIDDEN = ("imported a module this problem forbids", "imported a module this problem forbids")
    MALFORMED = ("sent a malformed reply", "sent a malformed reply")
    UNUSABLE = ("sent an answer the tests could not use", "sent an answer the tests could not use")
    COMPILE = ("not run: the submission does not load", "not run: the submission does not load")
    NOT_RUN = ("not run", "not run")
    # A quiz's answers (grader.quiz): a question left blank, an answer not in
    # its question's form, a multiple choice with part of its points.
    UNANSWERED = ("{} is not answered", "not answered")
    INVALID = ("the answer to {} is not in a form its question takes",
               "the answer is not in a form its question takes")
    PARTIAL = ("{} is partly right", "partly right")
    JUDGE = ("the judge failed while running this test (not your fault)",) * 2

    def phrase(self, subject: str = "") -> str:
        with_subject, without = self.value
        return with_subject.format(f"`{subject}`") if subject else without


# The kind a failure has when its raiser named none.
DEFAULT_KIND = {
    Verdict.WRONG_ANSWER: Kind.WRONG,
    Verdict.RUNTIME_ERROR: Kind.RAISED,
    Verdict.TIME_LIMIT_EXCEEDED: Kind.TIME,
    Verdict.MEMORY_LIMIT_EXCEEDED: Kind.MEMORY,
    Verdict.COMPILE_ERROR: Kind.COMPILE,
    Verdict.FORBIDDEN_IMPORT: Kind.FORBIDDEN,
    Verdict.JUDGE_ERROR: Kind.JUDGE,
    Verdict.ACCEPTED: Kind.WRONG,
}


class Failed(Exception):
    verdict = Verdict.WRONG_ANSWER

    def __init__(self, summary: str, detail: str = "", hint: str = "", output: str = "",
                 kind: Kind | None = None, subject: str = ""):
        super().__init__(summary)
        self.summary = summary
        self.detail = detail or summary
        self.hint = hint
        self.output = output  # what the submission printed while failing
        self.kind = kind
        self.subject = subject  # a name the test chose; shown only if the test's code holds it


class WrongAnswer(Failed):
    verdict = Verdict.WRONG_ANSWER


class SubmissionFailed(Failed):
    """The submission raised, ran out of time or memory, or broke a rule."""

    def __init__(self, verdict: Verdict, summary: str, detail: str = "", output: str = "",
                 kind: Kind | None = None, subject: str = ""):
        # The detail repeats the summary, then adds the submission's traceback.
        super().__init__(summary, f"{summary}\n{detail}" if detail else summary, output=output,
                         kind=kind, subject=subject)
        self.verdict = verdict
