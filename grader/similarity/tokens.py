"""Python source to normalized tokens, cut into fragments, for fingerprinting.

What two copies share survives, what a copier changes cheaply does not:
comments, docstrings, whitespace and line breaks are dropped; identifiers
become ``V`` and literals their kind (``INT``, ``FLOAT``, ``IMAG``, ``STR``).
Kept verbatim: keywords, operators, builtins (``range``, ``zip``) and
attribute names (``np.tanh``, ``x.T``, ``np.split``), which are the
library's API and cannot be renamed without changing the program, except
attributes the file assigns or defines itself (``self.fc = ...``,
``self.helper()``), which are the author's names.

The token stream is cut into fragments at the start and end of every
``def`` and ``class`` (decorators included), so that k-grams never span two
functions: reordering functions or methods leaves every fingerprint as it
was.
"""

from __future__ import annotations

import builtins
import io
import keyword
import tokenize

_DROPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
            tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
_KEPT_NAMES = frozenset(keyword.kwlist) | frozenset(dir(builtins))
# Python 3.12 tokenizes f-strings into parts; 3.11 gives one STRING token.
_FSTRING_START = getattr(tokenize, "FSTRING_START", None)
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)


class NotComparable(Exception):
    """A source that cannot be fingerprinted; ``str()`` says why, as a
    phrase that follows the file's name (``is not text``)."""


def decode(source: bytes) -> str:
    """``source`` as text, decoded as Python would read it."""
    if b"\0" in source:
        raise NotComparable("is not text (it contains a null byte)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        return source.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        raise NotComparable("is not text (not valid UTF-8 or its declared encoding)") from None


Line = tuple[int, list[tokenize.TokenInfo]]  # indentation depth, significant tokens


def logical_lines(text: str) -> list[Line]:
    """The significant tokens of ``text``, grouped by logical line."""
    lines: list[Line] = []
    line: list[tokenize.TokenInfo] = []
    depth = line_depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.INDENT:
                depth += 1
            elif tok.type == tokenize.DEDENT:
                depth -= 1
            elif tok.type == tokenize.NEWLINE or tok.type == tokenize.ENDMARKER:
                if line:
                    lines.append((line_depth, line))
                line = []
            elif tok.type not in _DROPPED:
                if not line:
                    line_depth = depth
                line.append(tok)
    except (tokenize.TokenError, SyntaxError) as exc:  # IndentationError is a SyntaxError
        message = exc.args[0] if exc.args else type(exc).__name__
        where = exc.args[1] if isinstance(exc, tokenize.TokenError) and len(exc.args) > 1 else None
        lineno = where[0] if where else getattr(exc, "lineno", None)
        raise NotComparable(f"does not tokenize (line {lineno}: {message})"
                            if lineno else f"does not tokenize ({message})") from None
    return lines


def _is_docstring(tokens: list[tokenize.TokenInfo]) -> bool:
    """A statement of string literals alone: a docstring or a string used as a comment."""
    return all(t.type == tokenize.STRING for t in tokens)


def _own_attributes(lines) -> set[str]:
    """Attribute names the file assigns (``self.fc = ...``) or defines (``def helper``)."""
    own = set()
    for _, tokens in lines:
        for before, tok, after in zip(tokens, tokens[1:], tokens[2:] + [None]):
            if before.string in ("def", "class") and tok.type == tokenize.NAME:
                own.add(tok.string)
            elif (before.string == "." and tok.type == tokenize.NAME and after is not None
                  and after.type == tokenize.OP and after.string.endswith("=")
                  and after.string not in ("==", "<=", ">=", "!=")):
                own.add(tok.string)
    return own


def _normal(tok: tokenize.TokenInfo, previous: str, own: set[str]) -> str:
    if tok.type == tokenize.NAME:
        if tok.string in _KEPT_NAMES or (previous == "." and tok.string not in own):
            return tok.string
        return "V"
    if tok.type == tokenize.NUMBER:
        text = tok.string.lower()
        if text.endswith("j"):
            return "IMAG"
        is_float = not text.startswith("0x") and any(c in text for c in ".e")
        return "FLOAT" if is_float else "INT"
    if tok.type == tokenize.STRING:
        return "STR"
    return tok.string


def fragments(source: bytes) -> list[list[str]]:
    """``source``'s normalized tokens, one list per fragment (see the module's
    docstring).  Raises ``NotComparable`` for a file that is not text, has
    no code, or does not tokenize."""
    lines = [(d, t) for d, t in logical_lines(decode(source)) if not _is_docstring(t)]
    if not lines:
        raise NotComparable("is empty (no code)")
    own = _own_attributes(lines)
    out: list[list[str]] = [[]]
    open_defs: list[int] = []  # the depths of the defs and classes whose bodies we are in
    after_decorator = False
    for depth, tokens in lines:
        first = tokens[0].string
        starts_def = first in ("def", "class") or (
            first == "async" and len(tokens) > 1 and tokens[1].string == "def")
        cut = False
        while open_defs and depth <= open_defs[-1]:
            open_defs.pop()
            cut = True
        if first == "@" or starts_def:
            cut = cut or not after_decorator
            if starts_def:
                open_defs.append(depth)
        after_decorator = first == "@"
        if cut and out[-1]:
            out.append([])
        out[-1].extend(_tokens_of(tokens, own))
    return [f for f in out if f]


def _tokens_of(tokens, own: set[str]) -> list[str]:
    normal, previous, fstring_depth = [], "", 0
    for tok in tokens:
        if _FSTRING_START is not None and tok.type in (_FSTRING_START, _FSTRING_END):
            fstring_depth += 1 if tok.type == _FSTRING_START else -1
            if tok.type == _FSTRING_START and fstring_depth == 1:
                normal.append("STR")
        elif not fstring_depth:
            normal.append(_normal(tok, previous, own))
        previous = tok.string
    return normal
