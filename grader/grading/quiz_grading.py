"""Grading a quiz's answer file (``kind: quiz``): ``judge.grade`` hands a
quiz here.  No child is started and nothing runs: the file is read once and
bounded, parsed as data (``quiz.answers``), the questions are drawn again
from a seed with the run's draws (``draws.Draws``: seed and grader's key),
and each answer is scored by ``quiz.grade``.

The seed is the one the file records, unless the caller requires one
(``submit --seed N``; ``batch --seeds``): then that one, and a file that
says another is graded on the required seed's questions (a candidate who
edits the seed gets other questions, not a free pass), with a note saying so.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from ..errors import BadInput
from ..problem import Problem
from ..quiz.answers import parse
from ..quiz.draw import QuizFault, draw_quiz
from ..quiz.grade import score_answers
from ..sandbox.layers import no_child
from ..scoring.result import Result
from .draws import Draws

NO_CHILD = "a quiz runs no child: its answers are data, checked by the judge"


def grade_quiz(problem: Problem, path: Path, *, mode: str, seed: int | None,
               key: bytes | None, observer, explanations: bool = True) -> Result:
    from .judge import blank_result, read_submission

    started = time.monotonic()
    source = read_submission(path, problem.limits.source_kb << 10)
    if len(source) > problem.limits.source_kb << 10:
        raise BadInput(str(path), f"is larger than {problem.limits.source_kb} KiB: not an"
                                  " answer file")
    answers = parse(source, str(path), problem.id)
    notes = []
    if seed is None:
        if answers.seed is None:
            raise BadInput(str(path), "says no `seed`: the questions are drawn from it (write"
                                      f" the file with `lstm-judge init {problem.id} --seed N`)")
        seed = answers.seed
    elif answers.seed != seed:
        said = "no seed" if answers.seed is None else f"seed {answers.seed}"
        notes.append(f"the file says {said}, but the seed required is {seed}: graded on"
                     f" seed {seed}'s questions")
    try:
        drawn = draw_quiz(problem.questions, problem.quiz_code, Draws(seed, key).generator)
    except QuizFault as exc:
        raise QuizBroken(str(exc)) from None
    result = blank_result(problem, path, mode, seed, key)
    result.source_sha256 = hashlib.sha256(source).hexdigest()
    result.isolation = no_child(NO_CHILD)
    tests = score_answers(drawn, answers, explanations=explanations, private=key is not None,
                          notes=notes)
    observer.started(result, [t.name for t in tests])
    for test in tests:
        observer.test_started(test.name)
        observer.test_finished(test)
    result.tests = tests
    result.time_s = time.monotonic() - started
    return result


class QuizBroken(Exception):
    """The quiz's own questions or code failed: a judge error (exit 3)."""
