"""What a batch writes at the end: the similarity files per problem and
report.html.

Similarity compares the bytes of every submission found (``grader.similarity``,
the problem's starter removed as boilerplate): with one problem into
``similarity.json`` and ``similarity.csv`` (what ``lstm-judge similarity``
writes), with several into ``similarity-<problem>.json`` and ``.csv``.
report.html is rendered by ``grader.reports.cohort`` where that module
exists; where it does not, it is skipped with a note.  Each returns notes
for the summary and never fails the batch.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..files import write_atomically
from ..similarity import NotComparable, Params, compare
from ..similarity.folder import MAX_BYTES, Run, Skipped
from ..similarity.report import document, table
from ..files import Unreadable, read_bounded
from .candidates import Found, ProblemRef


def similarity(found: Found, problems: list[ProblemRef], submissions: Path,
               out: Path) -> tuple[dict[str, dict], list[str]]:
    """Compare each problem's submissions; returns problem id -> the
    similarity document, and notes (flagged pairs, what was not written)."""
    documents, notes = {}, []
    for problem in problems:
        if problem.kind == "quiz":
            notes.append(f"similarity of {problem.id} not written: it is a quiz (its answers"
                         " are data, each candidate's drawn from their own seed)")
            continue
        sources, files, skipped = {}, {}, []
        for task in found.tasks:
            if task.problem.id != problem.id:
                continue
            try:
                sources[task.candidate] = read_bounded(task.path, MAX_BYTES)
                files[task.candidate] = task.shown
            except Unreadable as exc:
                skipped.append(Skipped(task.candidate, task.shown, str(exc)))
        skipped += [Skipped(m.candidate, m.shown, m.reason)
                    for m in found.missing if m.problem.id == problem.id]
        try:
            comparison = compare(sources, problem.starter.read_bytes(), Params())
        except (NotComparable, OSError) as exc:
            notes.append(f"similarity of {problem.id} not written: its starter {exc}")
            continue
        if len(comparison.fingerprints) < 2:
            notes.append(f"similarity of {problem.id} not written: fewer than 2 submissions"
                         " could be compared")
            continue
        skipped += [Skipped(n, files[n], why) for n, why in comparison.skipped.items()]
        run = Run(comparison, problem.id, str(submissions), str(problem.starter), files, skipped)
        doc = document(run)
        stem = "similarity" if len(problems) == 1 else f"similarity-{problem.id}"
        try:
            write_atomically(out / f"{stem}.json", json.dumps(doc, indent=2) + "\n")
            write_atomically(out / f"{stem}.csv", table(comparison))
        except OSError as exc:
            notes.append(f"similarity of {problem.id} not written: {exc}")
            continue
        documents[problem.id] = doc
        notes.append(f"similarity of {problem.id}: {len(comparison.flagged)} flagged pair(s)"
                     f" of {len(comparison.pairs)} ({stem}.json)")
    return documents, notes


def report_html(records: list[dict], similarity_docs: dict[str, dict], out: Path) -> str:
    """Write report.html with ``grader.reports.cohort`` if it is there; a note."""
    try:
        from ..reports import cohort
    except ImportError:
        return "report.html not written: this judge has no HTML report (grader.reports.cohort)"
    try:
        write_atomically(out / "report.html", cohort.render(records, similarity_docs))
    except Exception as exc:  # the results are on disk; the report is extra
        return f"report.html not written: {type(exc).__name__}: {exc}"
    return "wrote report.html"
