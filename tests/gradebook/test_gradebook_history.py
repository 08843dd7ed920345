"""history: a candidate's attempts in time order, best score per problem."""

from __future__ import annotations

from gradebook_helpers import attempt

from grader.gradebook import Gradebook
from grader.gradebook.history import render_text
from grader.gradebook.queries import attempts, best_scores


def test_best_is_the_highest_score_first_reached_per_problem(tmp_path):
    with Gradebook.open(tmp_path / "book.sqlite3") as book:
        book.record(attempt(minutes=3, score=60.0, verdict="wrong_answer"))
        book.record(attempt(minutes=1, score=60.0, verdict="wrong_answer"))
        book.record(attempt(minutes=2, score=15.0, verdict="runtime_error"))
        book.record(attempt(minutes=0, problem="bptt", score=0.0, verdict="compile_error"))
        book.record(attempt(candidate="bob", minutes=9, score=100.0))
        found = attempts(book, "ada")
        only_cell = attempts(book, "ada", "cell")
    assert [r["started_at"][11:16] for r in found] == ["12:00", "12:01", "12:02", "12:03"]
    assert [r["id"] for r in only_cell] == [2, 3, 1]
    best = {b.problem: b for b in best_scores(found)}
    assert list(best) == ["bptt", "cell"]
    assert (best["cell"].score, best["cell"].attempt, best["cell"].attempts) == (60.0, 2, 3)
    assert best["cell"].started_at.startswith("2025-03-01T12:01")
    assert (best["bptt"].score, best["bptt"].verdict) == (0.0, "compile_error")


def test_the_table_escapes_names(tmp_path):
    with Gradebook.open(tmp_path / "book.sqlite3") as book:
        book.record(attempt(candidate="ada\x1b[2J"))
        found = attempts(book, "ada\x1b[2J")
    text = render_text(book.path, "ada\x1b[2J", None, found, best_scores(found))
    assert "\x1b" not in text and "ada\\x1b[2J" in text
    assert "2025-03-01 12:00:00  cell     accepted  100/100  aaaaaaaaaaaa" in text
