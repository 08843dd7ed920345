"""Report formats, one module each, looked up by name: ``render(result,
"text")``.  A format is a module here with ``render(result) -> str``."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json")


def render(result, fmt: str = "text") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{fmt}").render(result)
