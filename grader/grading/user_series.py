"""A user's own series for ``--data`` (self-study mode): one numeric column
of a CSV file."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from ..errors import BadInput


def load_series(path: Path, column: str | None = None, minimum: int = 20) -> np.ndarray:
    """The numeric values of ``column`` (or of the only numeric column)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInput(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(str(path), f"cannot read it as text ({exc})") from None
    rows = [r for r in csv.reader(text.splitlines()) if any(cell.strip() for cell in r)]
    if not rows:
        raise BadInput(str(path), "is empty")
    header_is_names = not all(_number(c) is not None for c in rows[0])
    names = [c.strip() for c in rows[0]] if header_is_names else [str(i) for i in range(len(rows[0]))]
    body = rows[1:] if header_is_names else rows
    if column is not None:
        if column not in names:
            raise BadInput(str(path), f"has no column {column!r} (columns: {', '.join(names)})")
        index = names.index(column)
    elif len(names) == 1:
        index = 0
    else:
        numeric = [i for i in range(len(names))
                   if all(i < len(r) and _number(r[i]) is not None for r in body)]
        if len(numeric) != 1:
            found = ", ".join(names[i] for i in numeric) or "none"
            raise BadInput(str(path), f"needs --column NAME: numeric columns found: {found}")
        index = numeric[0]
    values = []
    for line, row in enumerate(body, start=2 if header_is_names else 1):
        value = _number(row[index]) if index < len(row) else None
        if value is None:
            raise BadInput(f"{path}:{line}", f"column {names[index]!r} is not a number here")
        values.append(value)
    if len(values) < minimum:
        raise BadInput(str(path), f"has {len(values)} values; at least {minimum} are needed")
    return np.asarray(values, dtype=np.float64)


def _number(cell: str) -> float | None:
    try:
        value = float(cell.strip().replace(",", ""))
    except ValueError:
        return None
    return value if np.isfinite(value) else None
