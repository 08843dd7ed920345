"""The outcome of grading one submission, and its JSON form.

The JSON schema is documented in the README ("JSON output") and kept
stable: fields are only ever added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .verdict import Verdict, worst

SCHEMA_VERSION = 1


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

    def to_json(self, reveal: bool = False) -> dict:
        out = {
            "name": self.name,
            "visibility": self.visibility,
            "verdict": self.verdict.value,
            "score": self.score,
            "max_score": self.max_score,
            "message": self.message(reveal),
            "hint": self.hint or None,
            "time_s": self.shown_time(reveal),
        }
        if self.shows_detail(reveal):
            out["calls"] = self.calls
            out["output"] = self.output
        return out


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

    @property
    def verdict(self) -> Verdict:
        """The most severe verdict of the tests that carry points (a 0-point
        test, such as a generated sample, is feedback only); a judge error
        anywhere counts."""
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
        return sum(t.max_score for t in self.tests)

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA_VERSION,
            "problem": self.problem,
            "submission": self.submission,
            "mode": self.mode,
            "verdict": self.verdict.value,
            "score": self.score,
            "max_score": self.max_score,
            "message": self.message,
            "seed": self.seed,
            "isolation": self.isolation,
            "limits": self.limits,
            "time_s": round(self.time_s, 4),
            "max_call_s": round(self.max_call_s, 4),
            "flags": self.flags,
            "tests": [t.to_json(self.reveal) for t in self.tests],
        }
