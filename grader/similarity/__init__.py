"""Similarity checks: flag pairs of submissions that look copied from each
other, for a person to look at (``lstm-judge similarity``).

``compare(sources, boilerplate)`` takes candidate -> source bytes and a
problem's starter and returns every pair's score; it reads no files and runs
nothing, so any command (a future ``batch``) can call it.  ``tokens``
normalizes a source, ``winnow`` fingerprints it; ``folder`` reads a folder
of submissions and ``report`` writes what was found."""

from .compare import METHOD, Comparison, Pair, Params, compare
from .tokens import NotComparable

__all__ = ["METHOD", "Comparison", "NotComparable", "Pair", "Params", "compare"]
