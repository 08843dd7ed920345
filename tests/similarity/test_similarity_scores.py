"""Scores on realistic LSTM cells: independent right answers in different
styles are not flagged; disguised copies are; the starter is not evidence."""

from __future__ import annotations

import io
import itertools
import tokenize
from pathlib import Path

import pytest

from grader.similarity import Params, compare

HERE = Path(__file__).parent
SUBMISSIONS = HERE / "submissions"
GUIDED = HERE / "guided"  # a starter that gives most of the code, and two fill-ins
CELL_STARTER = HERE.parents[1] / "problems" / "cell" / "starter.py"
INDEPENDENT = ["fused_slices", "np_split", "per_gate_weights", "einsum", "loop_over_gates"]
COPIES = {  # copy -> original
    "per_gate_weights_disguised": "per_gate_weights",  # renamed, functions reordered, comments
    "np_split_whitespace": "np_split",                   # layout only
    "einsum_edited": "einsum",                           # renamed, a few statements changed
}


def source(name: str) -> bytes:
    return (SUBMISSIONS / f"{name}.py").read_bytes()


@pytest.fixture(scope="module")
def everyone():
    names = INDEPENDENT + list(COPIES) + ["starter_fill_a", "starter_fill_b"]
    result = compare({n: source(n) for n in names}, CELL_STARTER.read_bytes())
    return {frozenset((p.a, p.b)): p for p in result.pairs}, result


def test_every_pair_is_scored_most_similar_first(everyone):
    pairs, result = everyone
    assert len(result.pairs) == 10 * 9 // 2 and not result.skipped
    scores = [p.score for p in result.pairs]
    assert scores == sorted(scores, reverse=True)


def test_independent_right_answers_are_not_flagged(everyone):
    pairs, _ = everyone
    for a, b in itertools.combinations(INDEPENDENT, 2):
        pair = pairs[frozenset((a, b))]
        assert not pair.flagged and pair.score < 0.3, pair  # measured: at most 0.21


def test_a_copy_is_flagged_and_each_independent_answer_is_not_flagged_with_it(everyone):
    pairs, _ = everyone
    for copy, original in COPIES.items():
        assert pairs[frozenset((copy, original))].flagged, (copy, original)
        for other in INDEPENDENT:
            if other != original:
                assert not pairs[frozenset((copy, other))].flagged, (copy, other)


def names(name: str) -> list[str]:
    """The NAME tokens of a submission, in order (keywords included)."""
    toks = tokenize.tokenize(io.BytesIO(source(name)).readline)
    return [t.string for t in toks if t.type == tokenize.NAME]


def defined(name: str) -> list[str]:
    """The functions a submission defines, in order."""
    found = names(name)
    return [after for before, after in zip(found, found[1:]) if before == "def"]


def test_renamed_reordered_recommented_copy_scores_one(everyone):
    pairs, _ = everyone
    copy, original = "per_gate_weights_disguised", "per_gate_weights"
    # The disguise is real: other names for every function but the entry
    # point and for every parameter and variable, the functions in another
    # order, other comments and docstrings.
    assert set(defined(copy)) & set(defined(original)) == {"lstm_cell"}
    assert defined(original)[-1] == "lstm_cell" and defined(copy)[0] == "lstm_cell"
    for variable in ("x", "h_prev", "c_prev", "W_ih", "args", "i", "f", "g", "o", "c", "h"):
        assert variable in names(original) and variable not in names(copy), variable
    assert b"#" not in source(original) and b"#" in source(copy)
    assert pairs[frozenset((copy, original))].score == 1.0


def test_a_layout_only_copy_scores_one(everyone):
    pairs, _ = everyone
    copy, original = source("np_split_whitespace"), source("np_split")
    assert copy != original and copy.split() != original.split()
    assert b"".join(copy.split()) == b"".join(original.split())
    pair = pairs[frozenset(("np_split_whitespace", "np_split"))]
    assert pair.score == 1.0 and pair.jaccard == 1.0


def test_an_edited_copy_still_scores_high(everyone):
    pairs, _ = everyone
    pair = pairs[frozenset(("einsum_edited", "einsum"))]
    assert 0.7 < pair.score < 1.0, pair  # measured: 0.83


def test_two_starter_fill_ins_are_not_flagged(everyone):
    pairs, _ = everyone
    pair = pairs[frozenset(("starter_fill_a", "starter_fill_b"))]
    assert not pair.flagged and pair.score < 0.3, pair


def test_the_starter_is_not_evidence_but_it_would_be_without_its_removal():
    """Two fill-ins of a starter that gives most of the code: removing the
    starter's k-grams is what keeps them apart."""
    fills = {n: (GUIDED / f"{n}.py").read_bytes() for n in ("alice", "bob")}
    starter = (GUIDED / "starter.py").read_bytes()
    (with_removal,) = compare(fills, starter).pairs
    (without,) = compare(fills, None).pairs
    assert not with_removal.flagged and with_removal.score < 0.2, with_removal  # measured: 0.04
    assert without.flagged and without.score >= 0.5, without                   # measured: 0.75


def test_almost_nothing_of_ones_own_is_not_enough_to_flag():
    """Two files that add one line to the starter can share all of it."""
    starter = CELL_STARTER.read_text()
    stub = '    raise NotImplementedError("write your LSTM cell here")\n'
    a = starter.replace(stub, "    return h_prev, c_prev\n")
    b = starter.replace(stub, "    return h_prev.copy(), c_prev.copy()\n")
    (pair,) = compare({"a": a.encode(), "b": b.encode()}, starter.encode()).pairs
    assert pair.score == 1.0 and pair.shared < Params().min_shared and not pair.flagged


def test_what_cannot_be_compared_is_skipped_with_the_reason_and_the_rest_compared():
    starter = CELL_STARTER.read_bytes()
    result = compare({"alice": source("np_split"), "bob": b"\x89PNG\r\n\x1a\n\x00\x00",
                      "carol": b"", "dave": b"def f(:\n", "erin": starter,
                      "frank": source("np_split_whitespace")}, starter)
    # (where the tokenizer gives up differs between Python versions)
    assert result.skipped.pop("dave").startswith("does not tokenize (line ")
    assert result.skipped == {
        "bob": "is not text (it contains a null byte)",
        "carol": "is empty (no code)",
        "erin": "has no code of its own beyond the starter",
    }
    assert [(p.a, p.b, p.flagged) for p in result.pairs] == [("alice", "frank", True)]


def test_the_result_does_not_depend_on_the_order_of_the_sources():
    names = INDEPENDENT + list(COPIES)
    forward = compare({n: source(n) for n in names}, CELL_STARTER.read_bytes())
    backward = compare({n: source(n) for n in reversed(names)}, CELL_STARTER.read_bytes())
    assert forward.pairs == backward.pairs
