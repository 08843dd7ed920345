"""Verdicts, their severity order, and the CLI's exit codes."""

from __future__ import annotations

import enum


class Verdict(str, enum.Enum):
    """The outcome of one test or of a whole submission.

    Members are declared from most to least severe; the overall verdict of a
    submission is the most severe verdict among its tests.
    """

    JUDGE_ERROR = "judge_error"  # our fault, never the submission's
    FORBIDDEN_IMPORT = "forbidden_import"
    COMPILE_ERROR = "compile_error"  # does not parse, import or define the entry points
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
    RUNTIME_ERROR = "runtime_error"
    WRONG_ANSWER = "wrong_answer"
    ACCEPTED = "accepted"

    @property
    def severity(self) -> int:
        return len(SEVERITY) - SEVERITY.index(self)

    def __str__(self) -> str:
        return self.value


SEVERITY = list(Verdict)


def worst(verdicts) -> Verdict:
    """The most severe of ``verdicts`` (accepted when there are none)."""
    return max(verdicts, key=lambda v: v.severity, default=Verdict.ACCEPTED)


class Exit(enum.IntEnum):
    """Exit codes of the ``lstm-judge`` command."""

    ACCEPTED = 0  # accepted; for validate: the problem is sound
    NOT_ACCEPTED = 1  # any other verdict; for validate: a check failed
    BAD_INPUT = 2  # bad usage, unknown problem, unreadable file, malformed spec
    JUDGE_ERROR = 3  # the judge itself failed
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM)


def exit_code(verdict: Verdict) -> Exit:
    if verdict is Verdict.ACCEPTED:
        return Exit.ACCEPTED
    if verdict is Verdict.JUDGE_ERROR:
        return Exit.JUDGE_ERROR
    return Exit.NOT_ACCEPTED
