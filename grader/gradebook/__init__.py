"""The gradebook: every graded attempt, kept in an embedded SQLite file.

``location`` says where it lives, ``attempt`` what one row holds, ``schema``
its tables and migrations, ``store`` opens it and writes (one transaction per
attempt), ``queries`` reads it, ``history`` and ``export`` render it.  It
imports nothing of grading, scoring or the sandbox: an attempt is built from
the staff view's JSON document, so a process that only receives documents
(a batch coordinator) can be the one writer.
"""

from .attempt import Attempt, judge_version, utc_timestamp
from .location import ENV, default_candidate, locate
from .store import Gradebook, GradebookError

__all__ = ["Attempt", "ENV", "Gradebook", "GradebookError", "default_candidate",
           "judge_version", "locate", "utc_timestamp"]
