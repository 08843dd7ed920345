"""Recording one ``submit`` in the gradebook, without ever losing its result.

The grading is done and printed by then: a gradebook that cannot take the
attempt is one line of warning for the caller to print, not an error.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from ..errors import BadInput
from .attempt import Attempt
from .location import default_candidate, locate
from .store import Gradebook


def record_submit(document: dict, source_sha256: str | None, started: datetime, *,
                  path: Path | None, off: bool, candidate: str | None) -> str | None:
    """Record the attempt that ``document`` (the staff view) reports, in the
    gradebook that ``path`` / ``off`` / the environment choose, for
    ``candidate`` (default: the user).  Returns None, or why it was not recorded."""
    where = ""
    try:
        target = locate(path, off)
        if target is None:
            return None
        where = f"{target}: "
        attempt = Attempt.from_document(
            document, candidate=candidate or default_candidate(),
            submission_sha256=source_sha256, started_at=started,
            ended_at=datetime.now(timezone.utc))
        with Gradebook.open(target) as book:
            book.record(attempt)
        return None
    except Exception as exc:  # whatever it is, the result must survive it
        why = str(exc) if isinstance(exc, BadInput) else f"{where}{type(exc).__name__}: {exc}"
        return f"attempt not recorded in the gradebook: {why}"
