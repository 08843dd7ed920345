"""What may be said of a submission's exception: text safe for hidden
tests, and the submission's own traceback for details.

Everything in an error report comes from the child, which could hide data
in any string or number, so the safe text keeps only what the judge can
check itself: a builtin exception name, a line that exists in the
submission, a function it defines.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from pathlib import Path

BUILTIN_EXCEPTIONS = frozenset(
    name for name, obj in vars(builtins).items()
    if isinstance(obj, type) and issubclass(obj, BaseException)
)


@dataclass(frozen=True)
class SourceFacts:
    """What the judge itself knows of the submission's source."""

    lines: int
    functions: frozenset

    @classmethod
    def of(cls, path: Path) -> "SourceFacts":
        source = path.read_bytes()
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return cls(source.count(b"\n") + 1, frozenset())
        names = {n.name for n in ast.walk(tree)
                 if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        return cls(source.count(b"\n") + 1, frozenset(names | {"<module>"}))


def short_error(error: dict, source: SourceFacts, with_message: bool = False) -> str:
    """The exception type and the submission's line, safe for hidden tests.
    The message is left out unless ``with_message`` (import errors, before
    any hidden data reached the child)."""
    name = error.get("type")
    name = name if name in BUILTIN_EXCEPTIONS else "an exception of its own type"
    text = f"raised {name}"
    frames = error.get("frames") or []
    frame = frames[-1] if frames and isinstance(frames[-1], list) and len(frames[-1]) >= 2 else None
    if frame and isinstance(frame[0], int) and 1 <= frame[0] <= source.lines:
        text += f" at line {frame[0]}"
        if frame[1] in source.functions:
            text += f" in {frame[1]}"
    if with_message:
        text += f": {str(error.get('message', ''))[:300]}"
    return text


def traceback_text(error: dict) -> str:
    """The submission's own frames, trimmed, then the exception (details only)."""
    lines = ["Traceback (submission frames only):"]
    for frame in (error.get("frames") or [])[-8:]:
        if isinstance(frame, list) and len(frame) == 3:
            lines.append(f"  line {frame[0]}, in {frame[1]}")
            if frame[2]:
                lines.append(f"    {frame[2]}")
    lines.append(f"{error.get('type', 'Exception')}: {str(error.get('message', ''))[:1000]}")
    return "\n".join(lines)
