"""Who submitted what: the candidates in a SUBMISSIONS folder.

One problem: a file per candidate (``alice.py``: the candidate is the name
without ``.py``) or a folder per candidate (``alice/cell.py``, the file
named after the problem).  Several problems (``--problems``): a folder per
candidate, holding ``<problem>.py`` for each.

- A candidate whose file is missing or cannot be read (a folder without
  ``cell.py``, a broken link, a FIFO) gets a ``Missing`` entry with the
  reason: reported for that candidate, never graded, never a crash.  A file
  that is there is graded whatever it holds (a binary ``alice.py`` is
  ``submit``'s compile_error).
- An entry that is not a candidate (``README.md``, ``notes.txt`` at the top,
  a ``.py`` file when each candidate must be a folder, a second entry for a
  name already seen) is ``skipped`` with the reason, listed in the summary.
- Names starting with a dot and ``__pycache__`` are ignored.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInput
from ..files import Unreadable, read_bounded


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


@dataclass(frozen=True)
class Task:
    """One submission to grade."""

    candidate: str
    problem: ProblemRef
    path: Path          # as the judge is told: SUBMISSIONS/alice.py
    shown: str          # relative to SUBMISSIONS, for people: alice.py, bob/cell.py
    sha256: str         # of the bytes read at discovery (what resume keys on)


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


def discover(folder: Path, problems: list[ProblemRef]) -> Found:
    """Every candidate in ``folder`` and what each submitted to ``problems``."""
    if not folder.is_dir():
        raise BadInput(str(folder), "no such folder" if not folder.exists() else
                       "is not a folder (give the folder that holds one .py file or one"
                       " folder per candidate)")
    try:
        entries = sorted(e for e in os.listdir(folder)
                         if not e.startswith(".") and e != "__pycache__")
    except OSError as exc:
        raise BadInput(str(folder), f"cannot be read ({exc.strerror})") from None
    found, seen = Found(), {}
    for entry in entries:
        path = folder / entry
        if path.is_dir():
            candidate = entry
            files = {p: (path / f"{p.id}.py", f"{entry}/{p.id}.py") for p in problems}
        elif not entry.endswith(".py"):
            found.skipped.append(f"{entry}: not a candidate (a candidate is a .py file"
                                 " or a folder)")
            continue
        elif len(problems) > 1:
            found.skipped.append(f"{entry}: not a candidate (with several problems, each"
                                 " candidate is a folder holding <problem>.py)")
            continue
        else:
            candidate = entry[:-3]
            files = {problems[0]: (path, entry)}
        if candidate in seen:
            found.skipped.append(f"{entry}: a second submission of {candidate}"
                                 f" ({seen[candidate]} is used)")
            continue
        seen[candidate] = entry
        found.candidates.append(candidate)
        for problem, (file, shown) in files.items():
            _add(found, candidate, problem, file, shown, path)
    return found


def _add(found: Found, candidate: str, problem: ProblemRef, file: Path, shown: str,
         entry: Path) -> None:
    try:
        source = read_bounded(file, problem.source_kb << 10)
    except Unreadable as exc:
        reason = str(exc)
        if file.parent == entry and not os.path.lexists(file):  # a folder without it
            shown, reason = f"{entry.name}/", f"has no {file.name}{_holding(entry)}"
        found.missing.append(Missing(candidate, problem, shown, reason))
        return
    found.tasks.append(Task(candidate, problem, file, shown, hashlib.sha256(source).hexdigest()))


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
