"""The outcome of grading one submission: its tests' verdicts and points,
and what each view of it may show.

Report formats (``grader.reports``) render a ``Result``; none of them adds
to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..verdict import Verdict, worst
from .failures import Kind


CANDIDATE, STAFF = "candidate", "staff"
VIEWS = (CANDIDATE, STAFF)


def coarse(seconds: float) -> float:
    """A time as the candidate view shows it: whole tenths of a second (a
    submission could encode hidden data in how long it takes)."""
    return round(seconds, 1)


@dataclass
class TestResult:
    __test__ = False  # not a pytest test class, despite the name

    name: str
    visibility: str  # sample or hidden
    verdict: Verdict
    score: float
    max_score: float
    summary: str = ""  # the failure in the raiser's words (may quote the child)
    detail: str = ""  # inputs, expected values, output: where details are shown
    hint: str = ""  # the misconception the answer matches, if any (judge-owned)
    output: str = ""  # what the submission printed during this test
    calls: list[str] = field(default_factory=list)
    time_s: float = 0.0
    note: str = ""  # what a metric-scored test measured, when it passed
    detail_note: str = ""  # what a test attached with `note`: shown with details only
    kind: Kind = Kind.WRONG  # the fixed-vocabulary failure, for the candidate view
    subject: str = ""  # a judge-owned name for the kind's phrase
    private: bool = False  # detail about the judge itself: staff only, samples too
    tainted: bool = False  # ran after hidden data reached the child: details staff only

    def shows_detail(self, view: str) -> bool:
        """Details (the raiser's words, inputs, output, notes) are for the staff
        view, and for a sample test that no hidden data could have reached."""
        if view == STAFF:
            return True
        return self.visibility == "sample" and not self.tainted and not self.private

    def shown_time(self, view: str = CANDIDATE) -> float:
        return round(self.time_s, 4) if view == STAFF else coarse(self.time_s)

    def message(self, view: str = CANDIDATE) -> str:
        detail = self.shows_detail(view)
        if self.verdict is Verdict.ACCEPTED:
            # A metric's value is the submission's doing: not in a hidden test's message.
            shown = [self.note, self.detail_note] if detail else []
            return "\n".join(t for t in shown if t)
        text = self.detail if detail else self.kind.phrase(self.subject)
        return f"{text} (hint: {self.hint})" if self.hint else text


@dataclass
class Result:
    problem: str
    submission: str
    mode: str  # "submit" (every test) or "test" (sample tests only)
    seed: int
    isolation: dict
    limits: dict
    tests: list[TestResult] = field(default_factory=list)
    message: str = ""  # a failure that concerns the whole submission (before any test ran)
    view: str = CANDIDATE  # which view the reports render: candidate or staff
    key: str | None = None  # the fingerprint of the grader's key, if one was set
    problem_dir: str = ""  # the problem folder that was graded against
    problem_digest: str = ""  # sha256 of its spec, tests and data
    time_s: float = 0.0  # wall time of the whole grading
    max_call_s: float = 0.0  # the submission's slowest call
    flags: list[str] = field(default_factory=list)  # what it tried that the sandbox blocks
    judge_error: bool = False  # the judge failed before any test had a verdict
    #                            (``grading.unfinished`` makes such a result)
    interrupted: bool = False  # Ctrl-C or SIGTERM ended the grading
    declared_max_score: float | None = None  # the spec's points, where no test was graded
    source_sha256: str | None = None  # of the bytes graded (None if never read)
    backend: str = ""  # the framework the child ran, where a problem has a choice (Keras's)

    @property
    def verdict(self) -> Verdict:
        """The most severe verdict of the tests that carry points (a 0-point
        test, such as a generated sample, is feedback only); a judge error
        anywhere counts."""
        if self.judge_error:
            return Verdict.JUDGE_ERROR
        scored = [t for t in self.tests if t.max_score > 0] or self.tests
        verdicts = [t.verdict for t in scored]
        if any(t.verdict is Verdict.JUDGE_ERROR for t in self.tests):
            verdicts.append(Verdict.JUDGE_ERROR)
        return worst(verdicts)

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tests)

    @property
    def max_score(self) -> float:
        if self.declared_max_score is not None:
            return self.declared_max_score
        return sum(t.max_score for t in self.tests)
