"""``lstm-judge report OUT``: rebuild OUT/report.html from the files a batch
leaves in OUT, results.jsonl (one document a line) and any
similarity*.json, and write it whole or not at all (a temp file renamed
over the old one).  A file that is missing or malformed is bad input,
named with its line."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import BadInput
from ..files import write_atomically
from .cohort import render

RESULTS = "results.jsonl"
REPORT = "report.html"
SIMILARITY = "similarity*.json"


def read_results(path: Path) -> list[dict]:
    """Every document of a results.jsonl, in order; blank lines are skipped."""
    try:
        lines = path.read_bytes().split(b"\n")
    except FileNotFoundError:
        raise BadInput(str(path), "does not exist (is this a batch's output folder?)") from None
    except OSError as exc:
        raise BadInput(str(path), f"cannot be read ({exc.strerror})") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadInput(f"{path}:{number}", f"is not a JSON document ({exc})") from None
        if not isinstance(record, dict):
            raise BadInput(f"{path}:{number}", "is not a JSON object")
        for key in ("candidate", "problem"):
            if not isinstance(record.get(key), str):
                raise BadInput(f"{path}:{number}", f"has no {key!r} (a string)")
        records.append(record)
    return records


def read_similarity(folder: Path) -> dict[str, dict]:
    """The similarity.json documents in ``folder`` by their problem."""
    found: dict[str, dict] = {}
    for path in sorted(folder.glob(SIMILARITY)):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadInput(str(path), f"is not a readable JSON document ({exc})") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("problem"), str):
            raise BadInput(str(path), "is not a similarity document (no 'problem')")
        if doc["problem"] in found:
            raise BadInput(str(path), f"is a second similarity document for {doc['problem']}")
        found[doc["problem"]] = doc
    return found



def rebuild(folder: Path) -> tuple[Path, int]:
    """Write ``folder``/report.html from its results; return it and how many results it read."""
    if not folder.is_dir():
        raise BadInput(str(folder), "is not a folder")
    records = read_results(folder / RESULTS)
    page = render(records, read_similarity(folder))
    try:
        return write_atomically(folder / REPORT, page), len(records)
    except OSError as exc:
        raise BadInput(str(folder / REPORT), f"cannot be written ({exc.strerror})") from None
