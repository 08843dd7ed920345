"""Compare a folder of submissions, laid out as for `batch`
(``grader.submissions_folder``).  A file that cannot be used is listed with
the reason, never raised; a folder that cannot be read, or holds fewer than
two usable submissions, is bad input."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInput
from ..files import Unreadable, read_bounded
from ..submissions_folder import layout
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
    found = collect(folder, problem)
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


def collect(folder: Path, problem: str) -> Submissions:
    """Every candidate in ``folder`` (laid out as ``grader.submissions_folder``
    says) and the source of their submission to ``problem``."""
    found_layout = layout(folder, [problem])
    found = Submissions(skipped=[Skipped(name.removesuffix(".py"), name, why)
                                 for name, why in found_layout.skipped])
    for entry in found_layout.entries:
        file, shown = entry.files[problem]
        try:
            source = read_bounded(file, MAX_BYTES)
        except Unreadable as exc:
            if entry.has_folder() and not os.path.lexists(file):
                found.skipped.append(Skipped(entry.candidate, f"{entry.candidate}/",
                                             f"has no {file.name}"))
            else:
                found.skipped.append(Skipped(entry.candidate, shown, exc.what))
            continue
        if len(source) > MAX_BYTES:
            found.skipped.append(Skipped(entry.candidate, shown, f"is over {MAX_BYTES >> 20} MiB"))
            continue
        found.sources[entry.candidate], found.files[entry.candidate] = source, shown
    return found
