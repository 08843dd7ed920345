"""Report formats, one module each, looked up by name: ``render(result,
"text")``.  A format is a module here with ``render(result) -> str``;
``text.TextStream`` writes the text report as grading goes, and ``progress``
is the progress line a terminal shows meanwhile (not formats)."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json")


def render(result, fmt: str = "text") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{fmt}").render(result)
