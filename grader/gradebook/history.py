"""``lstm-judge history``: a candidate's attempts over time and best score
per problem, as a table for people or a JSON document for machines."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..reports.escape import printable
from .location import default_candidate
from .queries import Best, attempts, best_scores, open_existing

HASH_SHOWN = 12  # hex digits of the submission's SHA-256 in the table


def show(option: Path | None, candidate: str | None, problem: str | None, fmt: str) -> str:
    """The history of ``candidate`` (default: the user) at ``problem`` (an id or
    its folder; default: every problem) in the chosen gradebook, as ``fmt``."""
    candidate = candidate or default_candidate()
    problem = Path(problem).name if problem else None  # a folder's name is its id
    with open_existing(option) as book:
        rows = attempts(book, candidate, problem)
        args = (book.path, candidate, problem, rows, best_scores(rows))
    return render_json(*args) if fmt == "json" else render_text(*args)


def document(path: Path, candidate: str, problem: str | None, rows: list[dict],
             best: list[Best]) -> dict:
    return {"gradebook": str(path), "candidate": candidate, "problem": problem,
            "attempts": rows, "best": [asdict(b) for b in best]}


def render_json(*args) -> str:
    return json.dumps(document(*args), indent=2)


def render_text(path: Path, candidate: str, problem: str | None, rows: list[dict],
                best: list[Best]) -> str:
    who = _safe(candidate) + (f" at {_safe(problem)}" if problem else "")
    if not rows:
        return f"no attempts recorded for {who} in {_safe(str(path))}"
    lines = [f"attempts of {who} (times in UTC; gradebook {_safe(str(path))})", ""]
    lines += _table(("time", "problem", "verdict", "score", "submission"), [
        (_when(r["started_at"]), _safe(r["problem"]), r["verdict"],
         _score(r["score"], r["max_score"]), (r["submission_sha256"] or "-")[:HASH_SHOWN])
        for r in rows])
    lines += ["", "best score per problem", ""]
    lines += _table(("problem", "best", "verdict", "attempts", "first reached"), [
        (_safe(b.problem), _score(b.score, b.max_score), b.verdict, str(b.attempts),
         _when(b.started_at)) for b in best])
    return "\n".join(lines)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
            for row in (header, *rows)]


def _when(stamp: str) -> str:
    """``2025-01-02T03:04:05.678901Z`` as ``2025-01-02 03:04:05``."""
    return stamp[:19].replace("T", " ")


def _score(score: float, max_score: float) -> str:
    return f"{score:g}/{max_score:g}"


def _safe(text: str) -> str:
    return printable(text, newlines=False)
