"""Drawing a quiz for a seed: each question's parameters, its choices'
order, and its key, computed in the judge by the problem's own code.

Every draw comes from ``generator(name)``, the run's seeded draws
(``grading.draws.Draws.generator``: the seed and, when set, the grader's
key), one name per question and purpose, so a question's numbers do not
depend on the others and the whole draw is a pure function of the seed (and
key).  The problem's code module (``code:`` in the spec) is trusted, as a
problem's tests are; an answer file never reaches it.  A question the code
cannot draw (a missing function, a template naming an unknown parameter, a
key of the wrong type) is the problem's fault: ``QuizFault``, a judge error.
"""

from __future__ import annotations

import importlib.util
import string
import sys
from dataclasses import dataclass
from pathlib import Path

from .checks import show
from .questions import Question, canonical_key

LABELS = string.ascii_lowercase


class QuizFault(Exception):
    """The quiz (its spec or code) is broken: the judge's fault, never the candidate's."""


@dataclass(frozen=True)
class Drawn:
    question: Question
    params: dict
    text: str
    choices: tuple[tuple[str, str, bool], ...]  # (label, text, correct), in the drawn order
    key: object        # single: a label; multiple: frozenset of labels; else canonical_key's
    explanation: str

    @property
    def key_shown(self) -> str:
        return show(self.question.type, self.key)


def load_code(path: Path | None):
    """The quiz's code module, loaded from ``path`` (None: no module)."""
    if path is None:
        return None
    name = f"_lstm_judge_quiz_{abs(hash(str(path.resolve())))}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise QuizFault(f"{path}: the quiz's code does not load: {type(exc).__name__}: {exc}"
                        ) from None
    sys.modules.pop(name, None)
    return module


def draw_quiz(questions: tuple[Question, ...], code_path: Path | None, generator
              ) -> list[Drawn]:
    """Every question as ``generator`` draws it."""
    code = load_code(code_path) if any(q.uses_code for q in questions) else None
    return [draw_question(q, code, generator) for q in questions]


def _function(code, name: str, qid: str):
    func = getattr(code, name, None) if code is not None else None
    if not callable(func):
        raise QuizFault(f"question {qid}: the quiz's code has no function {name}")
    return func


def draw_question(q: Question, code, generator) -> Drawn:
    params = _draw_params(q, code, generator(f"quiz/{q.id}/params"))
    order = list(range(len(q.choices)))
    if q.choices and q.shuffle:
        order = [int(i) for i in generator(f"quiz/{q.id}/order").permutation(len(q.choices))]
    choices = tuple((LABELS[k], _format(q.choices[i].text, params, q.id), q.choices[i].correct)
                    for k, i in enumerate(order))
    if q.type == "single":
        key = next(label for label, _, right in choices if right)
    elif q.type == "multiple":
        key = frozenset(label for label, _, right in choices if right)
    elif q.code:
        try:
            value = _function(code, q.code, q.id)(**params)
            key = canonical_key(q.type, value)
        except QuizFault:
            raise
        except Exception as exc:
            raise QuizFault(f"question {q.id}: {q.code}{params} failed or returned no key:"
                            f" {type(exc).__name__}: {exc}") from None
    else:
        key = q.answer
    text = _format(q.text, params, q.id)
    explanation = _format(q.explanation, {**params, "answer": show(q.type, key)}, q.id)
    return Drawn(q, params, text, choices, key, explanation)


def _draw_params(q: Question, code, rng) -> dict:
    if q.params_code:
        try:
            params = _function(code, q.params_code, q.id)(rng)
        except QuizFault:
            raise
        except Exception as exc:
            raise QuizFault(f"question {q.id}: {q.params_code}(rng) failed:"
                            f" {type(exc).__name__}: {exc}") from None
        if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
            raise QuizFault(f"question {q.id}: {q.params_code}(rng) must return a dict")
        return params
    out = {}
    for name, spec in q.params.items():
        if spec[0] == "int":
            out[name] = int(rng.integers(spec[1], spec[2] + 1))
        else:
            out[name] = spec[1][int(rng.integers(len(spec[1])))]
    return out


def _format(template: str, params: dict, qid: str) -> str:
    try:
        return template.format_map(params)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise QuizFault(f"question {qid}: the text {template[:40]!r}... cannot be filled in"
                        f" ({type(exc).__name__}: {exc})") from None
