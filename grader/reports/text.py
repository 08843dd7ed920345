"""The text report: results for people, in a terminal."""

from __future__ import annotations

import click

from ..scoring.result import Result
from ..verdict import Verdict

MAX_OUTPUT_LINES = 30


def _mark(verdict: Verdict) -> str:
    if verdict is Verdict.ACCEPTED:
        return click.style("✓", fg="green")
    return click.style("✗", fg="yellow" if verdict is Verdict.JUDGE_ERROR else "red")


def _points(x: float) -> str:
    return f"{x:g}"


def render(result: Result) -> str:
    iso = result.isolation.get("level", "?")
    lines = [
        click.style(f"{result.problem}", bold=True)
        + f" · {result.mode} {result.submission} · seed {result.seed} · isolation: {iso}",
        "",
    ]
    width = max([len(t.name) for t in result.tests] + [4])
    for t in result.tests:
        score = f"{_points(t.score)}/{_points(t.max_score)}"
        lines.append(f"  {_mark(t.verdict)} {t.name:<{width}}  {t.visibility:<6}  {score:>7}"
                     f"  {t.verdict.value:<21} {t.shown_time(result.reveal):7.3f}s")
        message = t.message(result.reveal)
        if message:
            lines += ["      " + line for line in message.splitlines()]
        if t.shows_detail(result.reveal) and t.verdict is not Verdict.ACCEPTED:
            if t.calls:
                lines.append("      called: " + "; ".join(t.calls[:3]))
            if t.output.strip():
                out = t.output.rstrip().splitlines()
                lines.append("      your output:")
                lines += ["      | " + line for line in out[:MAX_OUTPUT_LINES]]
                if len(out) > MAX_OUTPUT_LINES:
                    lines.append(f"      | ... ({len(out) - MAX_OUTPUT_LINES} more lines)")
    if result.flags:
        lines += ["", "note: the submission tried to " + ", ".join(result.flags)
                  + " (the sandbox does not allow it)"]
    verdict = result.verdict
    colour = "green" if verdict is Verdict.ACCEPTED else "red"
    lines += [
        "",
        click.style(f"verdict: {verdict.value}", fg=colour, bold=True)
        + f"   score: {_points(result.score)}/{_points(result.max_score)}"
        + f"   time: {result.time_s:.2f}s",
    ]
    if result.mode == "test":
        lines.append("(sample tests only; `lstm-judge submit` runs the hidden tests too)")
    if result.mode == "study":
        lines.append("(self-study on your own data: measured, not scored)")
    return "\n".join(lines)
