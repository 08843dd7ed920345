"""Text that is safe to print: whatever came from a submission (its output,
exception messages, names) can hold terminal control sequences that redraw
the screen, or lone surrogates that no encoder takes.  ``printable`` shows
every such character as an escape, so a report can neither crash nor be
repainted; ``html`` also escapes markup, for HTML reports."""

from __future__ import annotations

import html as _html
import re

# C0 controls but tab and newline, DEL, C1 controls, and the invisible marks
# that reorder or break lines (bidi overrides and isolates, line separators).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, newlines: bool = True) -> str:
    """``text`` with every unsafe character escaped (newlines kept unless
    ``newlines`` is false)."""
    text = _UNSAFE.sub(_escape, str(text))
    return text if newlines else text.replace("\n", "\\n")


def html(text) -> str:
    """``text`` safe anywhere in an HTML page's text or in a quoted attribute
    value: printable (above), then ``&``, ``<``, ``>``, ``"`` and ``'``
    escaped.  Never safe inside a ``<script>`` or ``<style>`` element: those
    hold none of a submission's text."""
    return _html.escape(printable(text), quote=True)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """A CSV cell no spreadsheet runs: text starting like a formula
    (``=HYPERLINK(...)``) gets a leading ``'``; numbers and None stay."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
