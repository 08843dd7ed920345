"""The SUBMISSIONS folder that `batch` and `similarity` read: who is a
candidate, and which file is theirs for each problem.

One problem: a file per candidate (``alice.py``: the candidate is the name
without ``.py``) or a folder per candidate (``alice/cell.py``, the file
named after the problem).  Several problems: a folder per candidate,
holding ``<problem>.py`` for each.  A quiz's answer files are ``.yaml``
instead (``alice.yaml``, ``alice/concepts.yaml``): ``suffixes`` says which
suffix each problem's files have.  An entry that is not a candidate
(``README.md``, a ``.py`` file when each candidate must be a folder, a
second entry for a name already seen) is skipped with the reason; names
starting with a dot and ``__pycache__`` are ignored.  Whether a
candidate's file is there and readable is the reader's to say.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BadInput


@dataclass(frozen=True)
class Entry:
    """One candidate: their file or folder, and per problem id the file that
    is theirs, with how it is shown (relative to the folder)."""

    candidate: str
    path: Path
    files: dict[str, tuple[Path, str]]

    def has_folder(self) -> bool:
        return self.path.is_dir()


@dataclass
class Layout:
    entries: list[Entry] = field(default_factory=list)             # sorted by name
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (entry, why: "is not ...")


def layout(folder: Path, problems: list[str], suffixes: dict[str, str] | None = None) -> Layout:
    """The candidates in ``folder`` for the problem ids ``problems`` (whose
    files end in ``suffixes[id]``, by default ``.py``)."""
    suffixes = suffixes or {}
    suffix = {p: suffixes.get(p, ".py") for p in problems}
    if not folder.is_dir():
        raise BadInput(str(folder), "no such folder" if not folder.exists() else
                       "is not a folder (give the folder that holds one .py file or one"
                       " folder per candidate)")
    try:
        names = sorted(e for e in os.listdir(folder)
                       if not e.startswith(".") and e != "__pycache__")
    except OSError as exc:
        raise BadInput(str(folder), f"cannot be read ({exc.strerror})") from None
    found, seen = Layout(), {}
    for name in names:
        path = folder / name
        if path.is_dir():
            candidate = name
            files = {p: (path / f"{p}{suffix[p]}", f"{name}/{p}{suffix[p]}") for p in problems}
        elif not any(name.endswith(s) and name != s for s in suffix.values()):
            kinds = " or ".join(sorted(set(suffix.values())))
            found.skipped.append((name, f"is not a candidate (a candidate is a {kinds} file"
                                        " or a folder)"))
            continue
        elif len(problems) > 1:
            found.skipped.append((name, "is not a candidate (with several problems, each"
                                        " candidate is a folder holding <problem>.py)"))
            continue
        else:
            candidate = name[:-len(suffix[problems[0]])]
            files = {problems[0]: (path, name)}
        if candidate in seen:
            found.skipped.append((name, f"is a second submission of {candidate}"
                                        f" ({seen[candidate]} is used)"))
            continue
        seen[candidate] = name
        found.entries.append(Entry(candidate, path, files))
    return found
