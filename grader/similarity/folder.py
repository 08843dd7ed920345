"""Compare a folder of submissions: one file per candidate (``alice.py``,
the candidate is the name without ``.py``) or one folder per candidate
(``alice/cell.py``, the file named after the problem).  A file that cannot
be used is listed with the reason, never raised; a folder that cannot be
read, or holds fewer than two usable submissions, is bad input."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInput
from .compare import Comparison, Params, compare
from .tokens import NotComparable

MAX_BYTES = 1 << 20  # a submission is a short program; this bounds the work


@dataclass(frozen=True)
class Skipped:
    """A file left out of the comparison: ``f"skipped: {file} {reason}"``."""

    candidate: str
    file: str      # relative to the submissions folder
    reason: str    # a phrase: "is not text", "has no cell.py"

    def __str__(self) -> str:
        return f"{self.file} {self.reason}"


@dataclass
class Run:
    """One comparison, with where its inputs came from."""

    comparison: Comparison
    problem: str
    submissions: str            # the folder, as given
    boilerplate: str            # the starter's path
    files: dict[str, str]       # candidate -> file, relative to the folder
    skipped: list[Skipped]      # by collect and by compare, together


def compare_folder(folder: Path, problem: str, starter: Path, params: Params = Params()) -> Run:
    """Compare the submissions in ``folder`` to each other, less ``starter``."""
    found = collect(folder, f"{problem}.py")
    try:
        comparison = compare(found.sources, starter.read_bytes(), params)
    except NotComparable as exc:  # the problem's fault, as a malformed spec is
        raise BadInput(str(starter), f"the starter {exc}") from None
    skipped = found.skipped + [Skipped(n, found.files[n], why)
                               for n, why in comparison.skipped.items()]
    if len(comparison.fingerprints) < 2:
        because = "; ".join(map(str, skipped)) or "it is empty"
        raise BadInput(str(folder), f"{len(comparison.fingerprints)} usable submission(s),"
                                    f" at least 2 are needed to compare ({because})")
    return Run(comparison, problem, str(folder), str(starter), found.files, skipped)


@dataclass
class Submissions:
    sources: dict[str, bytes] = field(default_factory=dict)  # candidate -> contents
    files: dict[str, str] = field(default_factory=dict)      # candidate -> file, as shown
    skipped: list[Skipped] = field(default_factory=list)


def collect(folder: Path, filename: str) -> Submissions:
    """Every candidate in ``folder``; ``filename`` (``cell.py``) is the file
    read from a candidate's own folder.  Names starting with a dot are
    ignored (``.DS_Store``, ``.git``)."""
    if not folder.exists():
        raise BadInput(str(folder), "no such folder")
    if not folder.is_dir():
        raise BadInput(str(folder), "is not a folder (give the folder that holds one .py file"
                                    " or one folder per candidate)")
    try:
        entries = sorted(e for e in os.listdir(folder) if not e.startswith("."))
    except OSError as exc:
        raise BadInput(str(folder), f"cannot be read ({exc.strerror})") from None
    found = Submissions()
    for entry in entries:
        if entry == "__pycache__":
            continue
        path = folder / entry
        if path.is_dir():
            candidate, shown, path = entry, f"{entry}/{filename}", path / filename
            if not path.exists() and not path.is_symlink():
                found.skipped.append(Skipped(candidate, f"{entry}/", f"has no {filename}"))
                continue
        else:  # a file not named .py is reported under its whole name
            candidate, shown = entry.removesuffix(".py"), entry
        if candidate in found.files:
            found.skipped.append(Skipped(candidate, shown, f"is a second submission of"
                                         f" {candidate} ({found.files[candidate]} is used)"))
            continue
        source, reason = _read(path, shown.endswith(".py"))
        if source is None:
            found.skipped.append(Skipped(candidate, shown, reason))
        else:
            found.sources[candidate], found.files[candidate] = source, shown
    return found


def _read(path: Path, is_python: bool) -> tuple[bytes | None, str]:
    """The file's contents, or None and why not."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None, "is a broken link" if path.is_symlink() else "is missing"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(mode):  # a fifo would block, a device would never end
        return None, "is not a regular file"
    if not is_python:
        return None, "is not a Python file (.py)"
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    if len(data) > MAX_BYTES:
        return None, f"is over {MAX_BYTES >> 20} MiB"
    return data, ""
