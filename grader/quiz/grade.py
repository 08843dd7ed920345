"""A quiz's answers scored: one ``TestResult`` per question, in the order
of the quiz, so that every report, the gradebook and ``batch`` take a quiz
as they take any other result.

Each question is a ``sample`` test: its text is public (the candidate holds
it).  Its feedback (``detail``) is in the judge's words: right, partly
right, wrong, not answered or invalid (with what form was expected), the
answer as the judge read it, and, with explanations, the key and why.
Under a grader's key the details are ``private`` (the staff view only): a
candidate then sees each question's verdict and points and a phrase from
the fixed vocabulary, never the key or the explanation.  What could not be
read of the file (an unknown question, an entry answered twice, a seed
other than the one required) is a 0-point ``answer_file`` test that names
it: feedback that never changes the score.
"""

from __future__ import annotations

from ..scoring.failures import Kind
from ..scoring.result import TestResult
from ..verdict import Verdict
from .answers import AnswerFile
from .checks import BLANK, INVALID, PARTIAL, RIGHT, Checked, check
from .draw import Drawn

FILE_TEST = "answer_file"  # the 0-point test that lists what could not be read
KINDS = {BLANK: Kind.UNANSWERED, INVALID: Kind.INVALID, PARTIAL: Kind.PARTIAL}


def score_answers(drawn: list[Drawn], answers: AnswerFile, *, explanations: bool = True,
                  private: bool = False, notes: list[str] = ()) -> list[TestResult]:
    """The quiz's tests: each drawn question against its answer, then the
    ``answer_file`` test if anything of the file could not be used."""
    tests = [question_result(d, check(d, answers.answers.get(d.question.id)),
                             explanations, private) for d in drawn]
    known = {d.question.id for d in drawn}
    unknown = [qid for qid in answers.answers if qid not in known]
    problems = list(notes) + list(answers.notes)
    if unknown:
        shown = ", ".join(f"`{q}`" for q in unknown[:10]) + (" ..." if len(unknown) > 10 else "")
        problems.append(f"not questions of this quiz (their answers are not scored): {shown}")
    if problems:
        tests.append(TestResult(FILE_TEST, "sample", Verdict.WRONG_ANSWER, 0, 0,
                                summary=problems[0], detail="\n".join(problems),
                                kind=Kind.INVALID, subject=""))
    return tests


def question_result(d: Drawn, checked: Checked, explanations: bool, private: bool
                    ) -> TestResult:
    q = d.question
    points = q.points
    score = round(points * checked.fraction, 2)
    verdict = Verdict.ACCEPTED if checked.status == RIGHT else Verdict.WRONG_ANSWER
    detail = feedback(d, checked, explanations)
    return TestResult(q.id, "sample", verdict, score, points, summary=detail.split("\n")[0],
                      detail=detail, kind=KINDS.get(checked.status, Kind.WRONG),
                      subject=q.id if checked.status == INVALID else "", private=private)


def feedback(d: Drawn, checked: Checked, explanations: bool) -> str:
    """What a learner is told of one question."""
    q = d.question
    status = checked.status
    if status == RIGHT:
        lines = [f"right: {checked.shown}"]
    elif status == BLANK:
        lines = ["not answered"]
    elif status == INVALID:
        lines = [f"invalid: `{q.id}` ({q.type}) {checked.message}"]
    elif status == PARTIAL:
        lines = [f"partly right ({checked.fraction:.0%} of the points, scored as"
                 f" {q.partial}): you chose {checked.shown}"]
    else:
        lines = [f"wrong: you answered {checked.shown}"]
    if d.params:
        lines.append("your numbers: " + ", ".join(f"{k}={v}" for k, v in d.params.items()))
    if explanations and status != RIGHT:
        lines.append(f"the answer: {d.key_shown}")
        lines.append(f"why: {d.explanation}")
    return "\n".join(lines)
