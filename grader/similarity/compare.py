"""Score every pair of submissions by the fingerprints they share, once the
boilerplate's are taken out, and flag the pairs above the threshold."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

from .tokens import NotComparable, fragments
from .winnow import all_kgrams, fingerprints

METHOD = ("winnowing (Schleimer, Wilkerson and Aiken 2003) over normalized Python tokens:"
          " identifiers become V and literals their kind; comments, docstrings and layout"
          " are dropped; k-grams never span two functions; every k-gram of the starter is"
          " removed; score = shared fingerprints / fingerprints of the smaller submission")


@dataclass(frozen=True)
class Params:
    """k: tokens per k-gram (shorter matches never count); w: the winnowing
    window (any match of k + w - 1 tokens or more is always seen).  A pair is
    flagged when its score is at least ``threshold`` and it shares at least
    ``min_shared`` fingerprints: two files with almost no code beyond the
    starter can share all of it by chance (``return h, c``)."""

    k: int = 6
    w: int = 4
    threshold: float = 0.5
    min_shared: int = 8

    def as_dict(self) -> dict:
        return {"k": self.k, "w": self.w, "threshold": self.threshold,
                "min_shared": self.min_shared, "guarantee_tokens": self.k + self.w - 1}

    def rule(self) -> str:
        """The flagging rule, in words."""
        return (f"flagged when score >= {self.threshold:g} and at least {self.min_shared}"
                f" fingerprints are shared (k={self.k} tokens, window w={self.w})")


@dataclass(frozen=True)
class Pair:
    """Two candidates (in name order) and how much of their code they share."""

    a: str
    b: str
    score: float      # shared / min(|A|, |B|): 1.0 when one's fingerprints all occur in the other
    jaccard: float    # shared / |A ∪ B|
    shared: int       # fingerprints in common
    flagged: bool


@dataclass
class Comparison:
    """What ``compare`` found: every pair, most similar first."""

    params: Params
    pairs: list[Pair]
    fingerprints: dict[str, int]  # per candidate compared, after the boilerplate's removal
    skipped: dict[str, str] = field(default_factory=dict)  # candidate -> why (`is not text`)
    boilerplate_kgrams: int = 0

    @property
    def flagged(self) -> list[Pair]:
        return [p for p in self.pairs if p.flagged]


def fingerprint(source: bytes, params: Params, boilerplate: frozenset[int] = frozenset()) -> set[int]:
    """``source``'s fingerprints less any k-gram of the boilerplate.  Raises
    ``NotComparable`` for a file that is not text, is empty or does not tokenize."""
    return fingerprints(fragments(source), params.k, params.w) - boilerplate


def boilerplate_kgrams(source: bytes | None, params: Params) -> frozenset[int]:
    """Every k-gram hash of a boilerplate file (a problem's starter)."""
    if source is None:
        return frozenset()
    return frozenset(all_kgrams(fragments(source), params.k))


def score(a: set[int], b: set[int], params: Params) -> tuple[float, float, int, bool]:
    """score, jaccard, shared and flagged, for ``Pair``."""
    shared = len(a & b)
    smaller = min(len(a), len(b))
    containment = shared / smaller if smaller else 0.0
    jaccard = shared / len(a | b) if a or b else 0.0
    return containment, jaccard, shared, (containment >= params.threshold
                                          and shared >= params.min_shared)


def compare(sources: Mapping[str, bytes], boilerplate: bytes | None = None,
            params: Params = Params()) -> Comparison:
    """Compare every pair of ``sources`` (candidate -> file contents), less
    what they share with ``boilerplate`` (a problem's starter).  A source
    that cannot be compared, or has no fingerprint left, is listed in
    ``skipped``, never raised; a ``boilerplate`` that cannot be read as code
    is ``NotComparable``."""
    removed = boilerplate_kgrams(boilerplate, params)
    prints: dict[str, set[int]] = {}
    skipped: dict[str, str] = {}
    for name in sorted(sources):
        try:
            prints[name] = fingerprint(sources[name], params, removed)
        except NotComparable as exc:
            skipped[name] = str(exc)
            continue
        if not prints[name]:  # it would score 0 with everyone: say why instead
            del prints[name]
            skipped[name] = ("has no code of its own beyond the starter" if boilerplate
                             else "is too short to compare")
    pairs = [Pair(a, b, *score(prints[a], prints[b], params))
             for a, b in itertools.combinations(sorted(prints), 2)]
    pairs.sort(key=lambda p: (-p.score, -p.jaccard, p.a, p.b))
    return Comparison(params, pairs, {n: len(f) for n, f in prints.items()}, skipped,
                      len(removed))
