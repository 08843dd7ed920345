"""The commands that read problems: list, show, init."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import BadInput
from ..verdict import Exit
from .guard import guarded


@click.command("list")
@guarded
def list_():
    """The problems, with title, kind and points."""
    from ..problem import all_problems

    errors: list[BadInput] = []
    problems = all_problems(errors)
    width = max([len(p.id) for p in problems] + [2])
    kind_width = max([len(p.kind) for p in problems] + [4])
    click.echo(f"{'id':<{width}}  {'kind':<{kind_width}} {'tests':>5} {'points':>6}  title")
    for p in problems:
        click.echo(f"{p.id:<{width}}  {p.kind:<{kind_width}} {len(p.tests):>5}"
                   f" {p.max_score:>6g}  {p.title}")
    for error in errors:  # the others are still listed
        click.echo(f"lstm-judge: error: {error}", err=True)
    if errors:
        sys.exit(Exit.BAD_INPUT)


@click.command()
@click.argument("problem")
@guarded
def show(problem):
    """Print PROBLEM's statement."""
    from ..problem import find
    from ..problem.statement import render_statement

    click.echo(render_statement(find(problem).statement.read_text(encoding="utf-8")))


@click.command()
@click.argument("problem")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write (default ./<id>.py).")
@guarded
def init(problem, output):
    """Write PROBLEM's starter stub to ./<id>.py (never overwrites)."""
    from ..problem import find

    spec = find(problem)
    target = output or Path(f"{spec.id}.py")
    if target.exists() or target.is_symlink():
        raise BadInput(str(target), "already exists; not overwriting it")
    try:
        target.write_text(spec.starter.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError as exc:
        raise BadInput(str(target), f"cannot write ({exc.strerror})") from None
    click.echo(f"wrote {target}; test it with: lstm-judge test {problem} {target}")


COMMANDS = (list_, show, init)
