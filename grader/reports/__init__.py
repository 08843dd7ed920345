"""Report formats, one module each, looked up by name: ``render(result,
"text")``.  A format is a module here with ``render(result) -> str``; one
that cannot hold every view says so in ``VIEWS`` (and why, in ``WHY_VIEWS``).
``text.TextStream`` writes the text report as grading goes, and ``progress``
is the progress line a terminal shows meanwhile (not formats)."""

from __future__ import annotations

import importlib

from ..errors import BadInput

FORMATS = ("text", "json", "gradescope")
# Formats for machines: stdout holds one document whatever happens, a judge
# error or an interrupt included.
DOCUMENTS = ("json", "gradescope")


def _module(fmt: str):
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{fmt}")


def render(result, fmt: str = "text") -> str:
    return _module(fmt).render(result)


def check_view(fmt: str, view: str) -> None:
    """Refuse, as bad usage, a view that ``fmt`` cannot hold (before any grading)."""
    module = _module(fmt)
    if view not in getattr(module, "VIEWS", (view,)):
        raise BadInput(f"--format {fmt}", f"cannot hold the {view} view: {module.WHY_VIEWS}")
