"""Errors the CLI turns into one-line messages and exit codes."""

from __future__ import annotations


class BadInput(Exception):
    """Bad usage or input: an unknown problem, an unreadable file, a
    malformed spec.  Exit code 2.  ``str()`` is the whole message."""

    def __init__(self, where: str, what: str):
        super().__init__(f"{where}: {what}" if where else what)
        self.where = where
        self.what = what


class SpecError(BadInput):
    """A problem's spec or folder is malformed."""


class JudgeFault(Exception):
    """The judge (or a problem's tests) failed: judge_error, exit 3.
    ``str()`` names the place (the tests folder, the file and line)."""
