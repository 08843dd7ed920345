"""Checking one answer against its question's key, by the question's type.

An answer is YAML data the candidate wrote, so every value is checked
before use: its type, its size (strings up to ``MAX_TEXT`` characters, lists
up to ``MAX_ITEMS`` items of plain scalars), and its form.  An answer that
is not of its question's form is ``invalid`` with a message in the judge's
words (what form was expected, and what kind of value came), never the
value itself; a blank answer (none, ``~``, an empty string or list) scores
nothing.  Nothing here walks a structure further than ``MAX_ITEMS`` items.

Multiple choice follows PrairieLearn's pl-checkbox: ``off`` (all or nothing),
``net-correct`` (right picks less wrong picks, over the right choices, not
below 0), ``coverage`` ((t/c)·(t/n): right picks t of c right choices, of n
picked) and ``each-answer`` (every choice decided right, over all choices).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MAX_TEXT = 300
MAX_ITEMS = 16

BLANK, RIGHT, WRONG, PARTIAL, INVALID = "blank", "right", "wrong", "partial", "invalid"


@dataclass(frozen=True)
class Checked:
    status: str          # blank, right, wrong, partial, invalid
    fraction: float      # of the question's points
    shown: str = ""      # the answer as the judge read it (for feedback)
    message: str = ""    # why invalid, in the judge's words


class Invalid(Exception):
    pass


def kind_of(value) -> str:
    """A few words for the kind of a YAML value, never its contents."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value of another kind (a date?)"


def blank(value) -> bool:
    return value is None or (isinstance(value, (str, list)) and not value
                             ) or (isinstance(value, str) and not value.strip())


def check(drawn, value) -> Checked:
    """``value`` (raw YAML data) against the drawn question ``drawn``."""
    if blank(value):
        return Checked(BLANK, 0.0)
    try:
        got = READERS[drawn.question.type](drawn, value)
    except Invalid as exc:
        return Checked(INVALID, 0.0, message=str(exc))
    return SCORERS[drawn.question.type](drawn, got)


# readers: raw YAML value -> the canonical answer, or Invalid ---------------------------

def _text(value, expected: str) -> str:
    if not isinstance(value, str):
        raise Invalid(f"expects {expected}, not {kind_of(value)}")
    if len(value) > MAX_TEXT:
        raise Invalid(f"expects {expected}, not a text of over {MAX_TEXT} characters")
    return value.strip()


def _label(drawn, item) -> str:
    labels = [label for label, _, _ in drawn.choices]
    if not isinstance(item, str):
        raise Invalid(f"takes the letters of choices ({labels[0]}–{labels[-1]}),"
                      f" not {kind_of(item)}")
    label = item.strip().lower().strip("().").strip()
    if label not in labels:
        raise Invalid(f"takes the letters of its choices, {labels[0]} to {labels[-1]};"
                      " a choice's text is not an answer")
    return label


def read_single(drawn, value) -> str:
    if isinstance(value, list):
        raise Invalid("is a single-choice question: one letter, not a list")
    label = _label(drawn, _text(value, "one letter"))
    return label


def read_multiple(drawn, value) -> frozenset[str]:
    if isinstance(value, str):
        items = [p for p in re.split(r"[\s,;]+", _text(value, "letters")) if p]
    elif isinstance(value, list):
        items = value
    else:
        raise Invalid(f"takes a list of letters, such as [a, c], not {kind_of(value)}")
    if len(items) > MAX_ITEMS:
        raise Invalid(f"takes at most {MAX_ITEMS} letters")
    return frozenset(_label(drawn, item) for item in items)


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,_ ]\d{3})+$")


def read_integer(drawn, value) -> int:
    if isinstance(value, bool):
        raise Invalid("expects a whole number, not true/false")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        raise Invalid("expects a whole number, not a fraction")
    text = _text(value, "a whole number")
    if re.fullmatch(r"[+-]?\d{1,40}", text) or _THOUSANDS.fullmatch(text):
        return int(re.sub(r"[,_ ]", "", text))
    raise Invalid("expects a whole number such as 2560 (digits only; 2,560 is read too)")


def read_numeric(drawn, value) -> float:
    if isinstance(value, bool):
        raise Invalid("expects a number, not true/false")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = _text(value, "a number").replace("_", "")
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?", text):
            raise Invalid("expects a number such as 0.25 or 1.5e-3")
        number = float(text)
    if not math.isfinite(number):
        raise Invalid("expects a finite number")
    return number


_SIZE = re.compile(r"^torch\.Size\(\s*(\[.*\]|\(.*\))\s*\)$", re.S)


def read_shape(drawn, value) -> tuple[int, ...]:
    if isinstance(value, bool):
        raise Invalid("expects a shape such as (2, 8, 20), not true/false")
    if isinstance(value, int):
        items = [value]
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise Invalid(f"expects a shape of at most {MAX_ITEMS} sizes")
        items = value
    else:
        text = _text(value, "a shape such as (2, 8, 20)")
        size = _SIZE.match(text)
        if size:
            text = size.group(1)
        if text[:1] + text[-1:] in ("()", "[]"):
            text = text[1:-1]
        parts = [p.strip() for p in text.split(",")]
        if parts and parts[-1] == "" and len(parts) > 1:  # (20,)
            parts.pop()
        if len(parts) > MAX_ITEMS or not all(re.fullmatch(r"\d{1,12}", p) for p in parts):
            raise Invalid("expects a shape: sizes separated by commas, as in (2, 8, 20),"
                          " [2, 8, 20], 2, 8, 20 or torch.Size([2, 8, 20])")
        items = [int(p) for p in parts]
    if not all(type(d) is int and d >= 0 for d in items):
        raise Invalid("expects a shape: whole sizes, none negative")
    return tuple(items)


def normal_text(text: str) -> str:
    """Case and spacing do not count: lower case, runs of space as one, and
    no space around , ; / ( ) or at either end."""
    text = " ".join(text.lower().split())
    return re.sub(r"\s*([,;/()])\s*", r"\1", text).strip(" .")


def read_text(drawn, value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return normal_text(_text(value, "a word or a short phrase"))


READERS = {"single": read_single, "multiple": read_multiple, "integer": read_integer,
           "numeric": read_numeric, "shape": read_shape, "text": read_text}


# scorers: canonical answer -> Checked -----------------------------------------------

def _all_or_nothing(right: bool, shown: str) -> Checked:
    return Checked(RIGHT if right else WRONG, 1.0 if right else 0.0, shown)


def score_single(drawn, got: str) -> Checked:
    return _all_or_nothing(got == drawn.key, got)


def multiple_fraction(scheme: str, picked: frozenset, right: frozenset, labels) -> float:
    """The share of the points that ``picked`` earns under ``scheme``."""
    t = len(picked & right)
    wrong = len(picked - right)
    if scheme == "off":
        return 1.0 if picked == right else 0.0
    if scheme == "net-correct":
        return max(0.0, (t - wrong) / len(right))
    if scheme == "coverage":
        return (t / len(right)) * (t / len(picked)) if picked else 0.0
    if scheme == "each-answer":
        decided = sum((label in picked) == (label in right) for label in labels)
        return decided / len(labels)
    raise ValueError(scheme)


def score_multiple(drawn, got: frozenset) -> Checked:
    labels = [label for label, _, _ in drawn.choices]
    fraction = multiple_fraction(drawn.question.partial, got, drawn.key, labels)
    shown = ", ".join(sorted(got))
    status = RIGHT if fraction >= 1.0 else PARTIAL if fraction > 0 else WRONG
    return Checked(status, fraction, shown)


def score_exact(drawn, got) -> Checked:
    return _all_or_nothing(got == drawn.key, show(drawn.question.type, got))


def score_numeric(drawn, got: float) -> Checked:
    q = drawn.question
    return _all_or_nothing(abs(got - drawn.key) <= q.atol + q.rtol * abs(drawn.key), f"{got:g}")


def score_text(drawn, got: str) -> Checked:
    return _all_or_nothing(got in {normal_text(v) for v in drawn.key}, got)


SCORERS = {"single": score_single, "multiple": score_multiple, "integer": score_exact,
           "numeric": score_numeric, "shape": score_exact, "text": score_text}


def show(qtype: str, key) -> str:
    """A key (or a canonical answer) as a person writes it."""
    if qtype == "shape":
        return "(" + ", ".join(map(str, key)) + ("," if len(key) == 1 else "") + ")"
    if qtype == "multiple":
        return ", ".join(sorted(key))
    if qtype == "text":
        return key[0] if isinstance(key, tuple) else key
    if qtype == "numeric":
        return f"{key:.6g}"
    return str(key)
