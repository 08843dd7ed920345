"""The numbers of a cohort report, computed from results.jsonl documents
(the staff JSON document of one grading plus ``candidate`` and provenance):
one record per candidate and problem, per-test pass rates across the cohort
(worst first) and score histograms.  Pure functions of data: a record that
lacks a field, or holds the wrong type, counts as missing, never as a crash."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..verdict import Verdict
from .escape import printable

ACCEPTED = Verdict.ACCEPTED.value
# Most severe first, as verdict.py declares them; unknown words sort after these.
SEVERITY = {v.value: i for i, v in enumerate(Verdict)}
UNNAMED = "(no candidate name)"
NO_PROBLEM = "(no problem)"


def number(value) -> float | None:
    """``value`` as a finite float, or None (booleans, strings, NaN are not scores)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def text(value, default: str = "") -> str:
    return value if isinstance(value, str) else default


def tests_of(record: dict) -> list[dict]:
    """The record's test documents (the ones that are objects with a name)."""
    tests = record.get("tests")
    if not isinstance(tests, list):
        return []
    return [t for t in tests if isinstance(t, dict) and isinstance(t.get("name"), str)]


@dataclass
class Cohort:
    """Every candidate and problem of a batch, and the record graded last for
    each pair (a resumed batch may append a pair twice; the later one stands)."""

    candidates: list[str]
    problems: list[str]
    records: dict[tuple[str, str], dict]
    superseded: int = 0  # records replaced by a later one for the same pair

    def record(self, candidate: str, problem: str) -> dict | None:
        return self.records.get((candidate, problem))

    def of_problem(self, problem: str) -> list[tuple[str, dict]]:
        return [(c, self.records[c, problem]) for c in self.candidates
                if (c, problem) in self.records]

    def named(self, shown: str) -> str | None:
        """The candidate a similarity document names ``shown`` (it writes
        names through ``printable``), or None if none of the cohort is."""
        for candidate in self.candidates:
            if printable(candidate, newlines=False) == shown:
                return candidate
        return None

    def total(self, candidate: str) -> tuple[float, float]:
        """Score and maximum summed over the candidate's problems."""
        score = maximum = 0.0
        for problem in self.problems:
            record = self.records.get((candidate, problem))
            if record is not None:
                score += number(record.get("score")) or 0.0
                maximum += number(record.get("max_score")) or 0.0
        return score, maximum


def cohort(records: list[dict]) -> Cohort:
    chosen: dict[tuple[str, str], dict] = {}
    superseded = 0
    for record in records:
        if not isinstance(record, dict):
            continue
        key = (text(record.get("candidate")) or UNNAMED, text(record.get("problem")) or NO_PROBLEM)
        superseded += key in chosen
        chosen[key] = record
    candidates = sorted({c for c, _ in chosen}, key=lambda c: (c.casefold(), c))
    problems = sorted({p for _, p in chosen})
    return Cohort(candidates, problems, chosen, superseded)


def fraction(record: dict) -> float | None:
    """The record's score as a share of its maximum (None without a maximum)."""
    score, maximum = number(record.get("score")), number(record.get("max_score"))
    if score is None or not maximum or maximum <= 0:
        return None
    return min(max(score / maximum, 0.0), 1.0)


def histogram(fractions: list[float], bins: int = 10) -> list[int]:
    """How many of ``fractions`` (0..1) fall in each of ``bins`` equal bins:
    [0, 0.1), [0.1, 0.2), ... [0.9, 1.0], the last one closed, so a full score
    counts in it.  Bin edges are taken in whole percent (0.1 * 3 is 0.3 here)."""
    counts = [0] * bins
    for f in fractions:
        percent = round(min(max(f, 0.0), 1.0) * 100, 6)
        counts[min(int(percent * bins // 100), bins - 1)] += 1
    return counts


@dataclass
class PassRate:
    """One test across the cohort: how many of the submissions that ran it passed."""

    name: str
    visibility: str
    max_score: float | None
    passed: int = 0
    ran: int = 0
    failures: Counter = field(default_factory=Counter)  # kind (or verdict) -> count

    @property
    def rate(self) -> float:
        return self.passed / self.ran if self.ran else 0.0


def pass_rates(c: Cohort, problem: str) -> tuple[list[PassRate], int]:
    """Per test of ``problem``: passed / ran over the cohort, worst first
    (ties in the problem's order), and how many submissions have no test
    results at all (a compile error or a judge error before any test)."""
    rates: dict[str, PassRate] = {}
    without_tests = 0
    for _, record in c.of_problem(problem):
        tests = tests_of(record)
        without_tests += not tests
        for t in tests:
            rate = rates.get(t["name"])
            if rate is None:
                rate = rates[t["name"]] = PassRate(t["name"], text(t.get("visibility"), "?"),
                                                   number(t.get("max_score")))
            rate.ran += 1
            verdict = text(t.get("verdict"), "?")
            if verdict == ACCEPTED:
                rate.passed += 1
            else:
                rate.failures[text(t.get("kind")) or verdict] += 1
    order = {name: i for i, name in enumerate(rates)}
    return sorted(rates.values(), key=lambda r: (r.rate, order[r.name])), without_tests


def verdicts(c: Cohort, problem: str) -> Counter:
    return Counter(text(r.get("verdict"), "?") for _, r in c.of_problem(problem))


def digests(c: Cohort, problem: str) -> set[str]:
    """The problem digests the cohort was graded against (more than one: the problem changed)."""
    return {text(r.get("problem_digest")) for _, r in c.of_problem(problem)} - {""}
