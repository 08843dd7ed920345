"""The text report: results for people, in a terminal.

It is made of parts (``header``, ``test_lines``, ``tail``), so that
``render`` (the whole report) and ``TextStream`` (the same report, written
as the tests finish) say the same words.

Every string that could have come from a submission passes through
``printable`` (``reports.escape``), and the view decides what is there at
all (``Result.view``; see ``scoring.result``).
"""

from __future__ import annotations

import dataclasses
import os

import click

from ..scoring.result import STAFF, Result, TestResult, coarse
from ..verdict import Verdict
from .escape import printable
from .whole import whole_failure

MAX_OUTPUT_LINES = 30
MAX_CALL_LINES = 8


def _mark(test) -> str:
    """✓ accepted, ◐ part of the points (a metric below its target), ✗ none."""
    if test.verdict is Verdict.ACCEPTED:
        return click.style("✓", fg="green")
    if 0 < test.score < test.max_score:
        return click.style("◐", fg="yellow")
    return click.style("✗", fg="yellow" if test.verdict is Verdict.JUDGE_ERROR else "red")


def _points(x: float) -> str:
    return f"{x:g}"


def _line(text: str) -> str:
    return printable(text, newlines=False)


def render(result: Result) -> str:
    """The whole report: the header, each test's lines, the tail."""
    width = name_width(t.name for t in result.tests)
    lines = header(result)
    for t in result.tests:
        lines += test_lines(t, result.view, width, details=not result.message)
    return "\n".join(lines + tail(result))


def header(result: Result) -> list[str]:
    """What is graded: problem, mode, submission, seed, key, isolation, view,
    the problem folder; then a blank line."""
    iso = result.isolation.get("level", "?")
    key = f" · key {result.key}" if result.key else ""
    lines = [
        click.style(_line(result.problem), bold=True)
        + f" · {result.mode} {_line(result.submission)} · seed {result.seed}{key}"
        + f" · isolation: {_line(iso)} · {result.view} view",
    ]
    if result.problem_dir:
        lines.append(f"  problem {_line(result.problem_dir)} (sha256 {result.problem_digest[:16]})")
    if result.backend:
        lines.append(f"  backend {_line(result.backend)}")
    return lines + [""]


def name_width(names) -> int:
    """The width of the name column for tests with these names."""
    return max([len(name) for name in names] + [4])


def test_lines(t: TestResult, view: str, width: int, details: bool = True) -> list[str]:
    """One test's line and, below it, what ``view`` shows of it (none of
    that with ``details`` False: the whole submission failed, said once)."""
    score = f"{_points(t.score)}/{_points(t.max_score)}"
    # Times as precise as the view shows them: tenths for candidates, ms for staff.
    seconds = f"{t.shown_time(view):.{3 if view == STAFF else 1}f}s"
    lines = [f"  {_mark(t)} {t.name:<{width}}  {t.visibility:<6}  {score:>7}"
             f"  {t.verdict.value:<21} {seconds:>8}"]
    if not details:
        return lines
    message = t.message(view)
    if message:
        lines += ["      " + _line(line) for line in message.splitlines()]
    if t.shows_detail(view) and t.verdict is not Verdict.ACCEPTED:
        if t.calls:
            lines.append("      calls:")
            lines += ["        " + _line(call) for call in t.calls[:MAX_CALL_LINES]]
            if len(t.calls) > MAX_CALL_LINES:
                lines.append(f"        ... ({len(t.calls) - MAX_CALL_LINES} more lines)")
        if t.output.strip():
            out = t.output.rstrip().splitlines()
            lines.append("      your output:")
            lines += ["      | " + _line(line) for line in out[:MAX_OUTPUT_LINES]]
            if len(out) > MAX_OUTPUT_LINES:
                lines.append(f"      | ... ({len(out) - MAX_OUTPUT_LINES} more lines)")
    return lines


def tail(result: Result) -> list[str]:
    """What follows the tests: flags (staff), a whole-submission failure,
    the verdict, score and time, and what the mode leaves out."""
    view = result.view
    lines = []
    if result.flags and view == STAFF:
        lines += ["", "note: the submission tried to " + ", ".join(result.flags)
                  + " (the sandbox does not allow it)"]
    if result.message:
        lines += [""] + _whole_failure(result)
    verdict = result.verdict
    colour = "green" if verdict is Verdict.ACCEPTED else "red"
    seconds = result.time_s if view == STAFF else coarse(result.time_s)
    lines += [
        "",
        click.style(f"verdict: {verdict.value}", fg=colour, bold=True)
        + f"   score: {_points(result.score)}/{_points(result.max_score)}"
        + f"   time: {seconds:.{2 if view == STAFF else 1}f}s",
    ]
    if result.mode == "test":
        lines.append("(sample tests only; `lstm-judge submit` runs the hidden tests too)")
    if result.mode == "study":
        lines.append("(self-study on your own data: measured, not scored)")
    return lines


def _whole_failure(result: Result) -> list[str]:
    """A failure of the whole submission (compile_error, ...), said once
    (``reports.whole``); the tests' own lines give only their verdicts."""
    reason, output = whole_failure(result)
    lines = [_line(line) for line in reason.splitlines()]
    if output.strip():
        out = output.rstrip().splitlines()
        lines.append("your output:")
        lines += ["| " + _line(line) for line in out[:MAX_OUTPUT_LINES]]
        if len(out) > MAX_OUTPUT_LINES:
            lines.append(f"| ... ({len(out) - MAX_OUTPUT_LINES} more lines)")
    return lines


class TextStream:
    """The text report written as grading goes (a ``grading.Observer``): the
    header when the tests start, each test's lines as it finishes, the rest
    at the end.  Read top to bottom, that is ``render``'s report.  While a
    test runs, ``progress`` (if any) shows that it does."""

    def __init__(self, out, view: str, progress=None):
        self._out, self._view, self._progress = out, view, progress
        self._width = 0  # the name column's, once the header is written
        self._written: set[str] = set()  # the tests whose lines are written

    def started(self, result: Result, names: list[str]) -> None:
        self._width = name_width(names)
        self._write(header(dataclasses.replace(result, view=self._view)))

    def test_started(self, name: str) -> None:
        if self._progress is not None:
            self._progress.begin(name)

    def test_finished(self, test: TestResult) -> None:
        if self._progress is not None:
            self._progress.end()
        self._write(test_lines(test, self._view, self._width))
        self._written.add(test.name)

    def finish(self, result: Result) -> None:
        """The rest of the report: what was not written yet, and the tail."""
        self.close()
        lines = [] if self._width else header(result)
        width = self._width or name_width(t.name for t in result.tests)
        for t in result.tests:
            if t.name not in self._written:
                lines += test_lines(t, result.view, width, details=not result.message)
        self._write(lines + tail(result))

    def close(self) -> None:
        """No more progress: erase its line and stop it."""
        if self._progress is not None:
            self._progress.stop()

    def _write(self, lines: list[str]) -> None:
        if self._out is None:
            return
        try:
            click.echo("\n".join(lines), file=self._out)  # (echo flushes)
        except BrokenPipeError:
            # The reader left (`| head`): grading goes on to its verdict and
            # its record, unread, as a killed pipe's writer would not.
            silence(self._out)
            self._out = None


def silence(out) -> None:
    """Point ``out``'s descriptor at /dev/null, so that the flush at exit
    does not fail on the closed pipe too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, out.fileno())
    finally:
        os.close(devnull)

