"""How cases add up: a test's outcome per case (a parametrized test has
several), and one ``TestResult`` from them.  How tests add up to the
submission's verdict is ``Result.verdict``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..verdict import Verdict, worst
from .failures import DEFAULT_KIND, Kind
from .result import TestResult


@dataclass
class Outcome:
    verdict: Verdict
    summary: str = ""
    detail: str = ""
    hint: str = ""
    output: str = ""
    calls: list[str] = field(default_factory=list)
    time_s: float = 0.0
    fraction: float | None = None  # partial credit, for metric-scored tests
    note: str = ""  # what a passing metric test measured
    detail_note: str = ""  # notes a test attached (may quote the child): shown with details only
    kind: Kind | None = None  # the fixed-vocabulary failure (default: by verdict)
    subject: str = ""  # a judge-owned name for the kind's phrase
    private: bool = False  # the detail is about the judge: staff only
    tainted: bool = False  # ran after hidden data reached the child


def combine(spec, outcomes: list[Outcome]) -> TestResult:
    """One spec test from its (possibly parametrized) outcomes."""
    verdict = worst(o.verdict for o in outcomes)
    first = next((o for o in outcomes if o.verdict is verdict), outcomes[0])
    fractions = [o.fraction for o in outcomes if o.fraction is not None]
    if fractions:  # metric-scored: the mean of its cases' partial credit
        score = spec.points * sum(fractions) / len(outcomes)
    else:
        score = spec.points if verdict is Verdict.ACCEPTED else 0
    return TestResult(
        name=spec.name,
        visibility=spec.visibility,
        verdict=verdict,
        score=round(score, 3),
        note="; ".join(o.note for o in outcomes if o.note),
        detail_note="\n".join(o.detail_note for o in outcomes if o.detail_note),
        max_score=spec.points,
        summary=first.summary,
        detail=first.detail,
        hint=first.hint or next((o.hint for o in outcomes if o.hint), ""),
        output="".join(o.output for o in outcomes)[-(64 << 10):],
        calls=[c for o in outcomes for c in o.calls][:20],
        time_s=sum(o.time_s for o in outcomes),
        kind=first.kind or DEFAULT_KIND[first.verdict],
        subject=first.subject,
        private=any(o.private for o in outcomes),
        tainted=any(o.tainted for o in outcomes),
    )
