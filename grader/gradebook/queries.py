"""Reading the gradebook: a candidate's attempts, best scores, every row."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from .attempt import COLUMNS
from .errors import GradebookError
from .location import ENV, locate
from .store import Gradebook

# What history shows of an attempt: not the result, which is the staff view.
HISTORY_COLUMNS = ("id", "started_at", "ended_at", "problem", "problem_digest", "verdict",
                   "score", "max_score", "submission", "submission_sha256", "seed",
                   "key_fingerprint", "judge_version")
# export's CSV columns, in order (stable: only ever added to).  The result
# document stays in the database: it is large, and the staff view.
EXPORT_COLUMNS = ("id",) + tuple(c for c in COLUMNS if c != "result")


@dataclass(frozen=True)
class Best:
    """A candidate's best attempt at one problem."""

    problem: str
    score: float
    max_score: float
    verdict: str
    attempt: int  # its id
    started_at: str  # when that score was first reached
    attempts: int  # how many attempts at the problem in all


def open_existing(option: Path | None) -> Gradebook:
    """The gradebook that history and export read: ``--gradebook``, else the
    environment's or the default; never made by reading it."""
    path = locate(option)
    if path is None:
        raise GradebookError("gradebook", f"it is off (${ENV}=off); name one with --gradebook PATH")
    return Gradebook.open(path, create=False)


def attempts(book: Gradebook, candidate: str, problem: str | None = None) -> list[dict]:
    """``candidate``'s attempts (at ``problem``, if given), oldest first."""
    where, args = "candidate = ?", [candidate]
    if problem is not None:
        where, args = where + " AND problem = ?", args + [problem]
    return _select(book, f"SELECT {', '.join(HISTORY_COLUMNS)} FROM attempts"
                         f" WHERE {where} ORDER BY started_at, id", args)


def best_scores(rows: list[dict]) -> list[Best]:
    """Per problem (by name), the highest score, the earliest attempt that
    reached it."""
    best: dict[str, Best] = {}
    counts: dict[str, int] = {}
    for row in rows:  # oldest first: a later equal score does not replace
        name = row["problem"]
        counts[name] = counts.get(name, 0) + 1
        if name not in best or row["score"] > best[name].score:
            best[name] = Best(name, row["score"], row["max_score"], row["verdict"], row["id"],
                              row["started_at"], 0)
    return [replace(b, attempts=counts[name]) for name, b in sorted(best.items())]


def every_attempt(book: Gradebook) -> list[dict]:
    """Every row for export, oldest first, without the result document."""
    return _select(book, f"SELECT {', '.join(EXPORT_COLUMNS)} FROM attempts"
                         " ORDER BY started_at, id", [])


def _select(book: Gradebook, sql: str, args: list) -> list[dict]:
    try:
        cursor = book.conn.execute(sql, args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    except sqlite3.Error as exc:
        raise GradebookError(str(book.path), f"cannot read ({exc})") from None
