"""A failure of the whole submission (compile_error, forbidden_import, ...):
what every format says of it once, instead of under each test.

Raw text: each format escapes it its own way (``reports.escape``).
"""

from __future__ import annotations

from ..scoring.result import Result


def whole_failure(result: Result) -> tuple[str, str]:
    """(reason, output): ``result.message``, or where the view allows, the
    fuller detail and the output that every test carries alike (a sample
    test's, which no hidden data reached).  Empty when the failure is not
    of the whole submission."""
    if not result.message:
        return "", ""
    shown = next((t for t in result.tests if t.shows_detail(result.view)), None)
    if shown is None:
        return result.message, ""
    detail = shown.message(result.view).removeprefix("not run: ")
    return detail or result.message, shown.output
