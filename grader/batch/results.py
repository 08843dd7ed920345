"""results.jsonl: one record per graded submission, appended as each
arrives (written, flushed and synced, so a ``kill -9`` loses at most the
line being written) and never rewritten.

``load`` reads what an earlier run left: a half-written last line (a run
killed while writing it) is cut off, so that the next record starts on a
line of its own, and reported; any other line that is not a record is
left where it is, ignored and reported.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

NAME = "results.jsonl"


@dataclass
class Loaded:
    records: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load(path: Path) -> Loaded:
    """The records in ``path`` (none if it does not exist)."""
    loaded = Loaded()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return loaded
    complete = data.rfind(b"\n") + 1
    if complete < len(data):
        with open(path, "r+b") as f:  # only the unfinished tail goes; finished lines stay
            f.truncate(complete)
            f.flush()
            os.fsync(f.fileno())
        loaded.notes.append(f"{path.name}: removed a half-written last line"
                            f" ({len(data) - complete} bytes; a run was killed while"
                            " writing it, and that submission is graded again)")
    for number, line in enumerate(data[:complete].splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            rec = None
        if isinstance(rec, dict):
            loaded.records.append(rec)
        else:
            loaded.notes.append(f"{path.name}: line {number} is not a record; ignored")
    return loaded


class Log:
    """results.jsonl, open for appending."""

    def __init__(self, path: Path):
        # the staff view of every result: the user's alone, as the gradebook is
        self._file = open(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC,
                                  0o600), "ab")

    def append(self, rec: dict) -> None:
        line = json.dumps(rec, separators=(",", ":")) + "\n"  # ASCII: lone surrogates too
        self._file.write(line.encode("ascii"))
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()
