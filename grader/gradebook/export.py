"""``lstm-judge export``: the gradebook as CSV, one row per attempt.

Text cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) are prefixed with ``'``.  The
file is written beside its target and renamed over it, so a reader never sees
half of it; like the gradebook, it is the user's alone (0600).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import BadInput
from ..files import write_atomically
from ..reports.escape import spreadsheet_cell
from .queries import EXPORT_COLUMNS, every_attempt, open_existing



def export(option: Path | None, out: Path) -> int:
    """Write the chosen gradebook to ``out`` as CSV; returns how many attempts."""
    with open_existing(option) as book:
        if Path(out).resolve() == book.path.resolve():
            raise BadInput(str(out), "is the gradebook itself; not writing over it")
        rows = every_attempt(book)
    try:
        write_atomically(Path(out), render(rows))
    except OSError as exc:
        raise BadInput(str(out), f"cannot write ({exc.strerror or exc})") from None
    return len(rows)


def render(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(["" if row[c] is None else spreadsheet_cell(row[c]) for c in EXPORT_COLUMNS])
    return out.getvalue()
