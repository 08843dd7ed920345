"""A problem's statement (Markdown), shown in a terminal."""

from __future__ import annotations

import re

import click


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
