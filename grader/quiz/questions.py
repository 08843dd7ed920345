"""The model of a quiz's questions, read and checked with the problem's spec.

A question is a mapping in the spec's ``questions`` (inline, or in the file
it names)::

    - id: params_stacked            # an identifier: the test's name in every report
      type: integer                 # single, multiple, numeric, integer, shape, text
      points: 5
      text: "How many parameters does nn.LSTM({I}, {H}, num_layers={L}) have?"
      params: {I: {int: [3, 24]}, H: {int: [4, 32]}, L: {choice: [2, 3]}}
      answer: {code: lstm_param_count}   # or a fixed answer of the type
      explanation: "4·(H·(I_k + H) + 2H) per layer ... here {answer}"

``params`` is either a mapping of name -> ``{int: [lo, hi]}`` (inclusive) or
``{choice: [...]}``, or ``{code: NAME}``: a function of the problem's code
module that takes a ``numpy.random.Generator`` and returns the parameters.
Choice questions list ``choices`` as ``{text, correct}`` mappings (drawn in
a seeded order unless ``shuffle: false``); ``multiple`` takes ``partial:``
off (all or nothing, the default), net-correct, coverage or each-answer, as
PrairieLearn's pl-checkbox defines them.  ``numeric`` takes ``rtol`` and
``atol``.  Texts are ``str.format`` templates over the parameters (and
``{answer}`` in an explanation).

A malformed question is a ``fail(where, what)`` error, raised at once, so a
broken quiz is refused when its spec is read, as any malformed spec is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

TYPES = ("single", "multiple", "numeric", "integer", "shape", "text")
SCHEMES = ("off", "net-correct", "coverage", "each-answer")
MAX_CHOICES = 12
FIELDS = {"id", "type", "points", "text", "explanation", "choices", "shuffle", "partial",
          "answer", "params", "rtol", "atol", "topic"}


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    points: float
    text: str
    explanation: str
    choices: tuple[Choice, ...] = ()
    shuffle: bool = True
    partial: str = "off"
    answer: object = None     # a fixed key, canonical for the type (None when code computes it)
    code: str = ""            # the code module's function that computes the key from the params
    params: dict = field(default_factory=dict)  # name -> ("int", lo, hi) or ("choice", values)
    params_code: str = ""     # or the code module's function that draws them
    rtol: float = 1e-2
    atol: float = 1e-8
    topic: str = ""

    @property
    def parametrised(self) -> bool:
        """Whether the question's numbers depend on the seed (its choices'
        order always does)."""
        return bool(self.params or self.params_code)

    @property
    def uses_code(self) -> bool:
        return bool(self.code or self.params_code)


def read_questions(value, fail: Callable[[str, str], Exception], where: str = "questions"
                   ) -> tuple[Question, ...]:
    """The questions in ``value`` (a list of mappings), or ``fail``'s error."""
    if not isinstance(value, list) or not value:
        raise fail(where, "must be a non-empty list of questions")
    out, seen = [], set()
    for k, item in enumerate(value):
        here = f"{where}[{k}]"
        if not isinstance(item, dict):
            raise fail(here, "must be a mapping with id, type, points, text and explanation")
        for key in item:
            if key not in FIELDS:
                raise fail(f"{here}.{key}", f"unknown field (known: {', '.join(sorted(FIELDS))})")
        qid = item.get("id")
        if not isinstance(qid, str) or not qid.isidentifier():
            raise fail(f"{here}.id", "must be an identifier (it names the question's test)")
        if qid in seen:
            raise fail(f"{here}.id", f"{qid!r} is listed twice")
        seen.add(qid)
        out.append(_question(item, qid, here, fail))
    return tuple(out)


def _question(item: dict, qid: str, here: str, fail) -> Question:
    qtype = item.get("type")
    if qtype not in TYPES:
        raise fail(f"{here}.type", f"must be one of {', '.join(TYPES)}")
    points = item.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise fail(f"{here}.points", "must be a positive number")
    texts = {}
    for key in ("text", "explanation"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{here}.{key}", "is required and must be a non-empty string")
        texts[key] = value.strip()
    params, params_code = _params(item.get("params", {}), f"{here}.params", fail)
    choices = _choices(item, qtype, here, fail)
    partial = item.get("partial", "off")
    if partial not in SCHEMES or (partial != "off" and qtype != "multiple"):
        raise fail(f"{here}.partial", f"must be one of {', '.join(SCHEMES)}, and only on a"
                                      " multiple-choice question")
    shuffle = item.get("shuffle", True)
    if not isinstance(shuffle, bool):
        raise fail(f"{here}.shuffle", "must be true or false")
    tolerances = {}
    for key, default in (("rtol", 1e-2), ("atol", 1e-8)):
        value = item.get(key, default)
        if key in item and qtype != "numeric":
            raise fail(f"{here}.{key}", "only a numeric question has a tolerance")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise fail(f"{here}.{key}", "must be a number, not negative")
        tolerances[key] = float(value)
    answer, code = _answer(item, qtype, here, fail)
    topic = item.get("topic", "")
    if not isinstance(topic, str):
        raise fail(f"{here}.topic", "must be a string")
    return Question(qid, qtype, points, texts["text"], texts["explanation"], choices, shuffle,
                    partial, answer, code, params, params_code, tolerances["rtol"],
                    tolerances["atol"], topic)


def _code_name(value) -> str | None:
    """``NAME`` of ``{code: NAME}``, else None."""
    if isinstance(value, dict) and set(value) == {"code"}:
        name = value["code"]
        return name if isinstance(name, str) and name.isidentifier() else ""
    return None


def _params(value, where: str, fail) -> tuple[dict, str]:
    name = _code_name(value)
    if name is not None:
        if not name:
            raise fail(f"{where}.code", "must name a function of the quiz's code module")
        return {}, name
    if not isinstance(value, dict):
        raise fail(where, "must map names to {int: [lo, hi]} or {choice: [...]}, or be {code: NAME}")
    out = {}
    for name, spec in value.items():
        here = f"{where}.{name}"
        if not isinstance(name, str) or not name.isidentifier() or name == "answer":
            raise fail(here, "a parameter's name must be an identifier (not `answer`)")
        if isinstance(spec, dict) and set(spec) == {"int"}:
            bounds = spec["int"]
            if (not isinstance(bounds, list) or len(bounds) != 2
                    or not all(type(b) is int for b in bounds) or bounds[0] > bounds[1]):
                raise fail(f"{here}.int", "must be [lo, hi], whole numbers, lo <= hi")
            out[name] = ("int", bounds[0], bounds[1])
        elif isinstance(spec, dict) and set(spec) == {"choice"}:
            values = spec["choice"]
            if not isinstance(values, list) or not values or not all(
                    isinstance(v, (str, int, float, bool)) for v in values):
                raise fail(f"{here}.choice", "must be a non-empty list of plain values")
            out[name] = ("choice", tuple(values))
        else:
            raise fail(here, "must be {int: [lo, hi]} or {choice: [...]}")
    return out, ""


def _choices(item: dict, qtype: str, here: str, fail) -> tuple[Choice, ...]:
    value = item.get("choices")
    if qtype not in ("single", "multiple"):
        if value is not None:
            raise fail(f"{here}.choices", f"a {qtype} question has no choices")
        return ()
    if not isinstance(value, list) or not 2 <= len(value) <= MAX_CHOICES:
        raise fail(f"{here}.choices", f"must list 2 to {MAX_CHOICES} choices")
    out = []
    for k, choice in enumerate(value):
        if (not isinstance(choice, dict) or set(choice) - {"text", "correct"}
                or not isinstance(choice.get("text"), str) or not choice["text"].strip()
                or not isinstance(choice.get("correct", False), bool)):
            raise fail(f"{here}.choices[{k}]", "must be {text: ..., correct: true|false}")
        out.append(Choice(choice["text"].strip(), choice.get("correct", False)))
    right = sum(c.correct for c in out)
    if qtype == "single" and right != 1:
        raise fail(f"{here}.choices", f"a single-choice question has exactly one correct"
                                      f" choice, not {right}")
    if qtype == "multiple" and not 1 <= right < len(out):
        raise fail(f"{here}.choices", "a multiple-choice question has at least one correct"
                                      " and one incorrect choice")
    return tuple(out)


def _answer(item: dict, qtype: str, here: str, fail) -> tuple[object, str]:
    """(a fixed key, canonical) or (None, the code's function name)."""
    value = item.get("answer")
    if qtype in ("single", "multiple"):
        if value is not None:
            raise fail(f"{here}.answer", "a choice question marks its answer with `correct:`")
        return None, ""
    name = _code_name(value)
    if name is not None:
        if not name:
            raise fail(f"{here}.answer.code", "must name a function of the quiz's code module")
        return None, name
    try:
        return canonical_key(qtype, value), ""
    except ValueError as exc:
        raise fail(f"{here}.answer", str(exc)) from None


def canonical_key(qtype: str, value):
    """A key of ``qtype`` as the checks compare it, or ``ValueError``: an
    integer (int), numeric (float), shape (tuple of ints) or text (tuple of
    accepted variants).  Also applied to what a question's code returns."""
    if qtype == "integer" and type(value) is int:
        return value
    if qtype == "numeric" and not isinstance(value, bool) and isinstance(value, (int, float)):
        number = float(value)
        if number == number and abs(number) != float("inf"):
            return number
    if qtype == "shape":
        try:
            dims = tuple(value)
        except TypeError:
            dims = None
        if dims is not None and all(type(d) is int and d >= 0 for d in dims):
            return dims
    if qtype == "text":
        variants = [value] if isinstance(value, str) else value
        if isinstance(variants, (list, tuple)) and variants and all(
                isinstance(v, str) and v.strip() for v in variants):
            return tuple(variants)
    raise ValueError(f"must be a key for a {qtype} question ({KEY_FORMS[qtype]}),"
                     " or {code: NAME}")


KEY_FORMS = {"integer": "a whole number", "numeric": "a finite number",
             "shape": "a list of whole numbers", "text": "a string, or a list of accepted variants"}
