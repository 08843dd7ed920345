"""``batch --seeds FILE``: each candidate's assigned seed, from a CSV with
the columns ``candidate,seed`` (a header row naming them; other columns are
ignored).  A candidate's submissions are graded as ``submit --seed`` grades
them: a quiz on the assigned seed's questions, whatever seed the answer
file records.  A malformed file is bad input naming the file and line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import BadInput
from ..files import Unreadable, read_bounded

MAX_BYTES = 4 << 20


def read_seeds(path: Path) -> dict[str, int]:
    try:
        data = read_bounded(path, MAX_BYTES)
    except Unreadable as exc:
        raise BadInput(str(path), exc.what) from None
    if len(data) > MAX_BYTES:
        raise BadInput(str(path), f"is larger than {MAX_BYTES >> 20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(str(path), "is not UTF-8 text") from None
    rows = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(rows, [])]
    if "candidate" not in header or "seed" not in header:
        raise BadInput(str(path), "line 1: needs a header naming the columns candidate and seed")
    who, which = header.index("candidate"), header.index("seed")
    seeds: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(who, which):
            raise BadInput(str(path), f"line {line}: has no candidate or seed")
        name, seed = row[who].strip(), row[which].strip()
        if not name or not seed.isdigit() or len(seed) > 18:
            raise BadInput(str(path), f"line {line}: needs a candidate and a whole-number seed")
        if name in seeds:
            raise BadInput(str(path), f"line {line}: assigns a second seed to {name}")
        seeds[name] = int(seed)
    return seeds
