"""One graded attempt, as the gradebook keeps it.

An ``Attempt`` is made from the staff view's JSON document (``--format json
--view staff``) and what only the caller knows: who, which bytes, when.  It
is plain data, so a worker process can send the document to the one process
that writes (a batch coordinator), which makes the ``Attempt`` there.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, fields
from datetime import datetime, timezone
from importlib import metadata


@dataclass(frozen=True)
class Attempt:
    """A row of the ``attempts`` table (its columns, in order, but ``id``)."""

    candidate: str
    problem: str
    problem_digest: str
    submission: str  # the path as given on the command line
    submission_sha256: str | None  # of the bytes graded; None if never read
    judge_version: str
    mode: str  # "submit" (a batch may record its own)
    seed: int | None  # None: the judge failed before it chose one
    key_fingerprint: str | None
    started_at: str  # UTC, ISO 8601 (utc_timestamp)
    ended_at: str
    verdict: str
    score: float
    max_score: float
    result: str  # the staff view's JSON document

    @classmethod
    def from_document(cls, document: dict, *, candidate: str, submission_sha256: str | None,
                      started_at: datetime, ended_at: datetime,
                      version: str | None = None) -> "Attempt":
        """The attempt that ``document`` (the staff view) reports."""
        if document.get("view") != "staff":
            raise ValueError("the gradebook keeps the staff view of a result")
        return cls(
            candidate=_utf8(candidate), problem=_utf8(document["problem"]),
            problem_digest=document["problem_digest"], submission=_utf8(document["submission"]),
            submission_sha256=submission_sha256, judge_version=version or judge_version(),
            mode=document["mode"], seed=document["seed"], key_fingerprint=document["key"],
            started_at=utc_timestamp(started_at), ended_at=utc_timestamp(ended_at),
            verdict=document["verdict"], score=float(document["score"]),
            max_score=float(document["max_score"]),
            result=json.dumps(document, separators=(",", ":")),  # ASCII: lone surrogates too
        )

    def values(self) -> tuple:
        return astuple(self)


COLUMNS = tuple(f.name for f in fields(Attempt))


def _utf8(text: str) -> str:
    """``text`` as SQLite can store it: a lone surrogate (an undecodable byte in
    a file name or argument) becomes a visible escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def utc_timestamp(moment: datetime | None = None) -> str:
    """``moment`` (default now) in UTC, ISO 8601 to the microsecond, ending in ``Z``
    (so that text order is time order)."""
    moment = (moment or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def judge_version() -> str:
    """The installed lstm-judge's version (what ``--version`` says)."""
    try:
        return metadata.version("lstm-judge")
    except metadata.PackageNotFoundError:
        return "unknown"
