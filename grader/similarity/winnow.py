"""Winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003): from the hashes
of every k-gram of tokens, keep the smallest in each window of w
consecutive ones.  Any run of at least ``k + w - 1`` tokens that two files
share yields at least one fingerprint they share; runs shorter than ``k``
never do.  The hash is blake2b, so fingerprints are the same in every
process (Python's ``hash()`` of a string is salted per process)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence


def kgram_hashes(tokens: Sequence[str], k: int) -> list[int]:
    """The 64-bit hash of each run of ``k`` consecutive tokens, in order."""
    return [int.from_bytes(hashlib.blake2b("\x1f".join(tokens[i:i + k]).encode(),
                                           digest_size=8).digest(), "big")
            for i in range(len(tokens) - k + 1)]


def winnow(hashes: Sequence[int], w: int) -> set[int]:
    """The minimum of every window of ``w`` hashes (of all of them when
    there are fewer).  Of equal minima the rightmost is taken, as in the
    paper; a set of values keeps that choice from mattering."""
    if not hashes:
        return set()
    if len(hashes) <= w:
        return {min(hashes)}
    return {min(hashes[i:i + w]) for i in range(len(hashes) - w + 1)}


def fingerprints(fragments: Iterable[Sequence[str]], k: int, w: int) -> set[int]:
    """The winnowed fingerprints of each fragment, together.  Neither
    k-grams nor windows span two fragments, so the fragments' order does
    not matter."""
    out: set[int] = set()
    for tokens in fragments:
        out |= winnow(kgram_hashes(tokens, k), w)
    return out


def all_kgrams(fragments: Iterable[Sequence[str]], k: int) -> set[int]:
    """Every k-gram hash of the fragments (not only the winnowed ones): what
    a boilerplate file contributes, so that none of it can count, whichever
    of its k-grams a submission's windows happen to select."""
    out: set[int] = set()
    for tokens in fragments:
        out.update(kgram_hashes(tokens, k))
    return out
