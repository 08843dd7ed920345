"""Text rendering of results for people (``--format json`` is ``Result.to_json``)."""

from __future__ import annotations

import re

import click

from .result import Result
from .verdict import Verdict

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


def render_statement(text: str) -> str:
    """Markdown, lightly styled for a terminal: headings bold, code kept."""
    out, in_code = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            out.append("    " + click.style(line, fg="cyan"))
            continue
        heading = re.match(r"(#+)\s+(.*)", line)
        if heading:
            title = heading.group(2).replace("`", "")
            out.append(click.style(title.upper() if len(heading.group(1)) == 1 else title,
                                   bold=True, underline=len(heading.group(1)) <= 2))
            continue
        line = re.sub(r"\*\*(.+?)\*\*", lambda m: click.style(m.group(1), bold=True), line)
        line = re.sub(r"`([^`]+)`", lambda m: click.style(m.group(1), fg="cyan"), line)
        out.append(line)
    return "\n".join(out)
