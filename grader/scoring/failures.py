"""How a test fails: exceptions raised inside hidden tests.

Each carries a verdict and two messages: ``summary`` says only the kind of
failure and is safe to show for a hidden test; ``detail`` may quote inputs,
expected values and the submission's output, and is shown only for sample
tests (or with ``--reveal``).
"""

from __future__ import annotations

from ..verdict import Verdict


class Failed(Exception):
    verdict = Verdict.WRONG_ANSWER

    def __init__(self, summary: str, detail: str = "", hint: str = "", output: str = ""):
        super().__init__(summary)
        self.summary = summary
        self.detail = detail or summary
        self.hint = hint
        self.output = output  # what the submission printed while failing


class WrongAnswer(Failed):
    verdict = Verdict.WRONG_ANSWER


class SubmissionFailed(Failed):
    """The submission raised, ran out of time or memory, or broke a rule."""

    def __init__(self, verdict: Verdict, summary: str, detail: str = "", output: str = ""):
        # The detail repeats the summary, then adds the submission's traceback.
        super().__init__(summary, f"{summary}\n{detail}" if detail else summary, output=output)
        self.verdict = verdict
