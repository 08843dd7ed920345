"""A digest of what a problem grades with: its spec, tests and data, so a
result says exactly which problem it was graded against."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(root: Path) -> str:
    """sha256 over problem.yaml and every file under tests/, data/ and quiz/
    (a quiz's questions and code; names and contents, in a fixed order;
    caches left out)."""
    h = hashlib.sha256()
    files = [root / "problem.yaml"]
    for folder in ("tests", "data", "quiz"):
        files += sorted(p for p in (root / folder).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
