"""Who submitted what: the candidates in a SUBMISSIONS folder (its layout
is ``grader.submissions_folder``'s, shared with `similarity`), and the
bytes of each submission, read once.

- A candidate whose file is missing or cannot be read (a folder without
  ``cell.py``, a broken link, a FIFO) gets a ``Missing`` entry with the
  reason: reported for that candidate, never graded, never a crash.  A file
  that is there is graded whatever it holds (a binary ``alice.py`` is
  ``submit``'s compile_error).
- An entry that is not a candidate (``README.md``, ``notes.txt`` at the top,
  a ``.py`` file when each candidate must be a folder, a second entry for a
  name already seen) is ``skipped`` with the reason, listed in the summary.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..files import Unreadable, read_bounded
from ..submissions_folder import layout


@dataclass(frozen=True)
class ProblemRef:
    """A problem as the batch needs it (read once, by the coordinator)."""

    arg: str            # as given on the command line: what each judge is told
    id: str
    digest: str
    max_score: float
    total_s: float      # the whole submission's wall-time limit
    source_kb: int      # the judge reads at most this much (+1 byte) of a file
    starter: Path
    root: str = ""      # the problem folder, resolved
    limits: dict = field(default_factory=dict, hash=False, compare=False)
    kind: str = ""      # the problem's kind; a quiz's answer files are .yaml

    @property
    def torch(self) -> bool:
        """Its tests use torch: its judges fork from a torch-loaded template."""
        return self.kind in ("module", "application")

    @property
    def suffix(self) -> str:
        return ".yaml" if self.kind == "quiz" else ".py"


@dataclass(frozen=True)
class Task:
    """One submission to grade."""

    candidate: str
    problem: ProblemRef
    path: Path          # as the judge is told: SUBMISSIONS/alice.py
    shown: str          # relative to SUBMISSIONS, for people: alice.py, bob/cell.py
    sha256: str         # of the bytes read at discovery (what resume keys on)
    seed: int | None = None  # the candidate's assigned seed (batch --seeds), else the batch's


@dataclass(frozen=True)
class Missing:
    """A candidate's submission to a problem that is not there to grade."""

    candidate: str
    problem: ProblemRef
    shown: str
    reason: str         # a phrase: "has no cell.py (it holds README.md)"

    @property
    def message(self) -> str:
        return f"{self.shown} {self.reason}"


@dataclass
class Found:
    candidates: list[str] = field(default_factory=list)   # sorted, each once
    tasks: list[Task] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)      # "notes.txt: not a candidate (...)"


def discover(folder: Path, problems: list[ProblemRef], seeds: dict[str, int] | None = None
             ) -> Found:
    """Every candidate in ``folder`` and what each submitted to ``problems``;
    ``seeds``, each candidate's assigned seed (``batch --seeds``)."""
    found_layout = layout(folder, [p.id for p in problems], {p.id: p.suffix for p in problems})
    by_id = {p.id: p for p in problems}
    found = Found(skipped=[f"{name} {why}" for name, why in found_layout.skipped])
    for entry in found_layout.entries:
        found.candidates.append(entry.candidate)
        for problem_id, (file, shown) in entry.files.items():
            _add(found, entry.candidate, by_id[problem_id], file, shown, entry.path,
                 (seeds or {}).get(entry.candidate))
    return found


def _add(found: Found, candidate: str, problem: ProblemRef, file: Path, shown: str,
         entry: Path, seed: int | None = None) -> None:
    try:
        source = read_bounded(file, problem.source_kb << 10)
    except Unreadable as exc:
        reason = str(exc)
        if file.parent == entry and not os.path.lexists(file):  # a folder without it
            shown, reason = f"{entry.name}/", f"has no {file.name}{_holding(entry)}"
        found.missing.append(Missing(candidate, problem, shown, reason))
        return
    found.tasks.append(Task(candidate, problem, file, shown, hashlib.sha256(source).hexdigest(),
                            seed))


def _holding(folder: Path, most: int = 5) -> str:
    """`` (it holds README.md, main.py)``: what a candidate's folder has instead."""
    try:
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
    except OSError:
        return ""
    if not names:
        return " (it is empty)"
    more = f", and {len(names) - most} more" if len(names) > most else ""
    return f" (it holds {', '.join(names[:most])}{more})"
