"""The outcome of grading one submission: its tests' verdicts and points,
and what each view of it may show.

Report formats (``grader.reports``) render a ``Result``; none of them adds
to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..verdict import Verdict, worst


@dataclass
class TestResult:
    name: str
    visibility: str  # sample or hidden
    verdict: Verdict
    score: float
    max_score: float
    summary: str = ""  # the kind of failure: safe to show for hidden tests
    detail: str = ""  # inputs, expected values, output: sample tests and --reveal only
    hint: str = ""  # the misconception the answer matches, if any
    output: str = ""  # what the submission printed during this test
    calls: list[str] = field(default_factory=list)
    time_s: float = 0.0
    note: str = ""  # what a metric-scored test measured, when it passed
    detail_note: str = ""  # what a test attached with `note`: shown with details only

    def shows_detail(self, reveal: bool) -> bool:
        return reveal or self.visibility == "sample"

    def shown_time(self, reveal: bool = False) -> float:
        # A submission could encode hidden data in how long it takes; a hidden
        # test's time is shown to a tenth of a second only.
        return round(self.time_s, 4 if self.shows_detail(reveal) else 1)

    def message(self, reveal: bool = False) -> str:
        if self.verdict is Verdict.ACCEPTED:
            extra = self.detail_note if self.shows_detail(reveal) else ""
            return "\n".join(t for t in (self.note, extra) if t)
        text = self.detail if self.shows_detail(reveal) else self.summary
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
    message: str = ""  # a failure that concerns the whole submission
    reveal: bool = False
    time_s: float = 0.0  # wall time of the whole grading
    max_call_s: float = 0.0  # the submission's slowest call
    flags: list[str] = field(default_factory=list)  # what it tried that the sandbox blocks
    judge_error: bool = False  # the judge failed before any test had a verdict
    declared_max_score: float | None = None  # the spec's points, where no test was graded

    @classmethod
    def of_judge_error(cls, problem, submission: str, mode: str, seed, message: str) -> "Result":
        """The result of a grading the judge itself could not finish (``problem``
        is the spec); still a whole document for machines."""
        return cls(problem=problem.id, submission=submission, mode=mode, seed=seed,
                   isolation={}, limits={}, message=message[:500], judge_error=True,
                   declared_max_score=problem.max_score)

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
