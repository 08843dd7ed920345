"""What ``lstm-judge similarity`` writes: ``similarity.json`` (everything),
``similarity.csv`` (every pair, most similar first) and a text summary of
the flagged pairs.  Files are written whole or not at all (a temp file
renamed over the old one).  Candidate names come from file names, so they
are escaped like anything from a submission."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..files import write_atomically
from ..reports.escape import printable, spreadsheet_cell
from .compare import METHOD, Comparison, Pair
from .folder import Run

SCHEMA = 1
NOT_PROOF = ("A flag means: a person should compare the two files side by side."
             " It is not proof of copying; short or heavily guided exercises"
             " share code by nature.")


def _name(text: str) -> str:
    return printable(text, newlines=False)


def _pair(p: Pair) -> dict:
    return {"a": _name(p.a), "b": _name(p.b), "score": round(p.score, 4),
            "jaccard": round(p.jaccard, 4), "shared": p.shared, "flagged": p.flagged}


def document(run: Run) -> dict:
    """Everything, for machines: method, parameters, every pair, flagged pairs, skipped files."""
    c = run.comparison
    return {
        "schema": SCHEMA,
        "problem": run.problem,
        "submissions": _name(run.submissions),
        "boilerplate": _name(run.boilerplate),
        "method": METHOD,
        "parameters": c.params.as_dict(),
        "rule": c.params.rule(),
        "note": NOT_PROOF,
        "candidates": {_name(n): {"file": _name(run.files[n]), "fingerprints": count}
                       for n, count in c.fingerprints.items()},
        "boilerplate_kgrams": c.boilerplate_kgrams,
        "pairs": [_pair(p) for p in c.pairs],
        "flagged": [_pair(p) for p in c.flagged],
        "skipped": [{"candidate": _name(s.candidate), "file": _name(s.file), "reason": s.reason}
                    for s in run.skipped],
    }


def table(comparison: Comparison) -> str:
    """Every pair, most similar first, with a flagged column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["a", "b", "score", "jaccard", "shared", "flagged"])
    for p in comparison.pairs:
        writer.writerow([spreadsheet_cell(_name(p.a)), spreadsheet_cell(_name(p.b)),
                         f"{p.score:.4f}", f"{p.jaccard:.4f}", p.shared,
                         "yes" if p.flagged else "no"])
    return out.getvalue()


def write(run: Run, out: Path) -> list[Path]:
    """similarity.json and similarity.csv in ``out`` (made if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("similarity.json", json.dumps(document(run), indent=2) + "\n"),
                       ("similarity.csv", table(run.comparison))):
        written.append(write_atomically(out / name, text))
    return written



def summary(run: Run, written: list[Path]) -> str:
    """For people: the flagged pairs, most similar first, and how they were found."""
    c = run.comparison
    lines = [f"similarity of {len(c.fingerprints)} submissions to {run.problem}:"
             f" {len(c.pairs)} pairs, {len(c.flagged)} flagged",
             f"method: {METHOD}",
             f"rule: {c.params.rule()}",
             f"boilerplate removed: {_name(run.boilerplate)}"]
    if c.flagged:
        lines.append("flagged pairs, most similar first (score, shared fingerprints):")
        width = max(len(_name(p.a)) for p in c.flagged)
        lines += [f"  {p.score:.2f}  {_name(p.a):<{width}}  {_name(p.b)}  ({p.shared} shared)"
                  for p in c.flagged]
    else:
        lines.append("no pair flagged")
    lines += [f"skipped: {_name(str(s))}" for s in run.skipped]
    lines.append("wrote " + ", ".join(_name(str(p)) for p in written))
    lines.append(NOT_PROOF)
    return "\n".join(lines)
