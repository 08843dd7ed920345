"""A quiz's starter: the blank answer file `lstm-judge init` writes for a
seed, as `validate` grades it (it must score 0)."""

from __future__ import annotations

from ..grading.draws import Draws
from ..problem import Problem
from ..quiz.answer_file import render
from ..quiz.draw import draw_quiz


def blank_answer_file(problem: Problem, seed: int, key: bytes | None = None,
                      with_key: bool = False) -> str:
    drawn = draw_quiz(problem.questions, problem.quiz_code, Draws(seed, key).generator)
    return render(problem.id, problem.title, seed, drawn, key, with_key=with_key)
