"""The text report: results for people, in a terminal.

Every string that could have come from a submission passes through
``printable`` (``reports.escape``), and the view decides what is there at
all (``Result.view``; see ``scoring.result``).
"""

from __future__ import annotations

import click

from ..scoring.result import STAFF, Result, coarse
from ..verdict import Verdict
from .escape import printable

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
    view = result.view
    iso = result.isolation.get("level", "?")
    key = f" · key {result.key}" if result.key else ""
    lines = [
        click.style(_line(result.problem), bold=True)
        + f" · {result.mode} {_line(result.submission)} · seed {result.seed}{key}"
        + f" · isolation: {_line(iso)} · {view} view",
    ]
    if result.problem_dir:
        lines.append(f"  problem {_line(result.problem_dir)} (sha256 {result.problem_digest[:16]})")
    lines.append("")
    width = max([len(t.name) for t in result.tests] + [4])
    for t in result.tests:
        score = f"{_points(t.score)}/{_points(t.max_score)}"
        # Times as precise as the view shows them: tenths for candidates, ms for staff.
        seconds = f"{t.shown_time(view):.{3 if view == STAFF else 1}f}s"
        lines.append(f"  {_mark(t)} {t.name:<{width}}  {t.visibility:<6}  {score:>7}"
                     f"  {t.verdict.value:<21} {seconds:>8}")
        if result.message:  # the whole submission failed: said once, below
            continue
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
    return "\n".join(lines)


def _whole_failure(result: Result) -> list[str]:
    """A failure of the whole submission (compile_error, ...), said once: the
    message, or where the view allows, the fuller detail and output that every
    test carries alike (the tests' own lines give only their verdicts)."""
    shown = next((t for t in result.tests if t.shows_detail(result.view)), None)
    text = result.message
    if shown is not None:
        detail = shown.message(result.view)
        text = detail.removeprefix("not run: ") or text
    lines = [_line(line) for line in text.splitlines()]
    if shown is not None and shown.output.strip():
        out = shown.output.rstrip().splitlines()
        lines.append("your output:")
        lines += ["| " + _line(line) for line in out[:MAX_OUTPUT_LINES]]
        if len(out) > MAX_OUTPUT_LINES:
            lines.append(f"| ... ({len(out) - MAX_OUTPUT_LINES} more lines)")
    return lines
