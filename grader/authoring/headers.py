"""The header comments that declare what a solution must get.

A solution (or a hostile submission in the project's own tests) starts with
lines such as::

    # expect: wrong_answer
    # hint: no-b_hh
    # why: leaves out the hidden-to-hidden bias b_hh
    #      (a value may continue on following comment lines)

``declared`` reads them, with one grammar for every caller; what each key
means is the caller's business.
"""

from __future__ import annotations

import re
from pathlib import Path

_KEY = re.compile(r"^#\s*([a-z][a-z-]*):\s*(.*?)\s*$")


def declared(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines at the top of ``path``, up to the first
    line that is not a comment; a comment line without a key continues the
    previous value."""
    out: dict[str, str] = {}
    key = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("#"):
            break
        match = _KEY.match(line)
        if match:
            key = match.group(1)
            out[key] = match.group(2)
        elif key:
            out[key] = f"{out[key]} {line.lstrip('#').strip()}".strip()
    return out
