"""The pre-run source check: before anything runs, does the submission parse,
and does it import a module the problem forbids?"""

from __future__ import annotations

import ast
import io
import tokenize

from ..scoring.failures import SubmissionFailed
from ..verdict import Verdict

IMPORTERS = {"__import__", "import_module", "find_spec", "import_fresh_module"}


def scan(source: bytes, forbidden: tuple[str, ...],
         max_kb: int | None = None) -> SubmissionFailed | None:
    """A compile_error or forbidden_import found in ``source``, or None."""
    if max_kb is not None and len(source) > max_kb << 10:
        return SubmissionFailed(Verdict.COMPILE_ERROR,
                                f"the source is over the {max_kb} KiB limit for this problem")
    if b"\0" in source:  # a binary file: say so, not "line None"
        return SubmissionFailed(Verdict.COMPILE_ERROR,
                                "does not parse: the file contains a null byte"
                                " (it is not text; a binary file?)")
    if not _is_text(source):
        return SubmissionFailed(Verdict.COMPILE_ERROR,
                                "does not parse: the file is not text"
                                " (not valid UTF-8 or its declared encoding)")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        where = f"line {exc.lineno}: " if exc.lineno else ""
        return SubmissionFailed(Verdict.COMPILE_ERROR, f"does not parse: {where}{exc.msg}")
    except ValueError as exc:  # null bytes, bad encoding declarations
        return SubmissionFailed(Verdict.COMPILE_ERROR, f"does not parse: {exc}")
    banned = set(forbidden)
    for node in ast.walk(tree):
        for module in _imported(node):
            top = module.partition(".")[0]
            if top in banned:
                return SubmissionFailed(
                    Verdict.FORBIDDEN_IMPORT,
                    f"line {node.lineno}: imports {top!r}, which this problem forbids",
                )
    return None


def _is_text(source: bytes) -> bool:
    """Whether ``source`` decodes in the encoding Python would read it in.

    Decided here, before parsing, because the parser reports whichever fault
    it meets first: a binary file could otherwise read as "invalid character
    on line 1" rather than as what it is."""
    try:
        source.decode("utf-8")
        return True  # a bad coding cookie on UTF-8 text is the parser's to report
    except UnicodeDecodeError:
        pass
    try:  # not UTF-8: text only if a coding cookie declares what it is
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        source.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return False
    return True


def _imported(node: ast.AST):
    """Module names that ``node`` imports, statically or through a call with
    a literal string (``__import__("torch")``, ``importlib.import_module``)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
        yield node.module
    elif isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in IMPORTERS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value
