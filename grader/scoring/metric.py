"""Partial credit: a test's metric mapped linearly between a baseline and a
target (the ``metric`` fixture of application tasks)."""

from __future__ import annotations

import math

from ..verdict import Verdict
from .failures import Kind
from .tally import Outcome


class Metric:
    """A test's partial credit: a metric mapped linearly from ``baseline``
    (0 points) to ``target`` (full points), clamped.  Lower or higher may be
    better: the direction follows from which of the two is larger."""

    def __init__(self):
        self.fraction: float | None = None
        self.message = ""
        self.value: float | None = None

    def score(self, name: str, value: float, baseline: float, target: float) -> float:
        value = float(value)
        if not value == value or baseline == target:  # nan, or a degenerate scale
            fraction = 0.0
        else:
            fraction = min(1.0, max(0.0, (value - baseline) / (target - baseline)))
            # Whole percent: the score is the submission's doing, and a finer one
            # would be a finer channel out of the sandbox.
            fraction = math.floor(round(fraction * 100, 6)) / 100
        self.fraction, self.value = fraction, value
        self.name, self.baseline = name, baseline
        self.message = (f"{name} {value:.4g} (baseline {baseline:.4g} scores 0,"
                        f" target {target:.4g} scores full): {fraction:.0%} of the points")
        return fraction


def credit(outcome: Outcome, metric: Metric | None, study: bool) -> None:
    """Apply a test's metric to its outcome: partial credit, or a note when
    the run is self-study (measured, not scored)."""
    if metric is None or metric.fraction is None:
        return
    if study:
        outcome.note = (f"{metric.name} {metric.value:.4g} against the baseline's"
                        f" {metric.baseline:.4g} (measured, not scored)")
        return
    outcome.fraction = metric.fraction if outcome.verdict is Verdict.ACCEPTED else 0.0
    if outcome.verdict is Verdict.ACCEPTED and metric.fraction < 1:
        outcome.verdict = Verdict.WRONG_ANSWER
        outcome.summary = outcome.detail = metric.message
        outcome.kind, outcome.subject = Kind.METRIC, metric.name
    elif outcome.verdict is Verdict.ACCEPTED:
        outcome.note = metric.message
