"""The commands for problem authors and the machine's owner: validate, kit, doctor."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import BadInput
from ..verdict import Exit
from .guard import guarded


@click.command()
@click.argument("problems", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Validate every problem.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Solutions graded at once (default: the number of CPUs).")
@guarded
def validate(problems, every, jobs):
    """Check that PROBLEMS are sound: spec, tests, solutions, starter, time margins."""
    from ..authoring.validate import render, validate as run
    from ..problem import all_problems, find
    from ..problem.requirements import why_unavailable

    specs = all_problems() if every or not problems else [find(p) for p in problems]
    failed = 0
    for spec in specs:
        why = why_unavailable(spec)
        if why and not (every or not problems):
            raise BadInput(str(spec.root), why)
        if why:  # --all: the others are still validated
            click.echo(f"validate {spec.id}: not validated: it {why}")
            continue
        rows = run(spec, jobs=jobs or os.cpu_count() or 1)
        click.echo(render(spec, rows))
        failed += sum(not r.ok for r in rows)
    sys.exit(Exit.NOT_ACCEPTED if failed else Exit.ACCEPTED)


@click.command()
@click.argument("problems", nargs=-1, required=True)
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path),
              help="A new or empty folder to write the kit to.")
@guarded
def kit(problems, out):
    """Write a candidate kit of PROBLEMS to a folder: statements, starters,
    sample tests and specs; no hidden tests, solutions or held-out data."""
    from ..authoring.kit import write_kit
    from ..problem import find

    specs = [find(p) for p in problems]
    write_kit(specs, out)
    click.echo(f"wrote a candidate kit of {', '.join(s.id for s in specs)} to {out}"
               f" (what is in it, and how to use it: {out / 'README.md'})")


@click.command()
@guarded
def doctor():
    """Show which isolation layers work on this machine, and why any are missing."""
    from ..sandbox.doctor import render

    text, healthy = render()
    click.echo(text)
    sys.exit(Exit.ACCEPTED if healthy else Exit.JUDGE_ERROR)


COMMANDS = (validate, kit, doctor)
