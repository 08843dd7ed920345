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
    from ..problem.requirements import why_unavailable

    errors: list[BadInput] = []
    problems = all_problems(errors)
    width = max([len(p.id) for p in problems] + [2])
    kind_width = max([len(p.kind) for p in problems] + [4])
    click.echo(f"{'id':<{width}}  {'kind':<{kind_width}} {'tests':>5} {'points':>6}  title")
    for p in problems:
        why = why_unavailable(p)
        click.echo(f"{p.id:<{width}}  {p.kind:<{kind_width}} {len(p.tests):>5}"
                   f" {p.max_score:>6g}  {p.title}" + (f"  ({why})" if why else ""))
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
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write (default ./<id>.py; a quiz's answer file ./<id>.yaml).")
@click.option("--seed", type=click.IntRange(0, 2 ** 63 - 1), default=None,
              help="A quiz: the seed that draws the questions (default: a random one).")
@click.option("--key-file", type=click.Path(path_type=Path),
              help="A quiz: the grader's key, mixed into the draw (default: $LSTM_JUDGE_KEY,"
                   " or none).")
@guarded
def init(problem, output, seed, key_file):
    """Write PROBLEM's starter stub to ./<id>.py (never overwrites); for a
    quiz, the answer file for a seed, ./<id>.yaml."""
    from ..problem import find

    spec = find(problem)
    if not spec.quiz and (seed is not None or key_file is not None):
        raise BadInput("--seed" if seed is not None else "--key-file",
                       f"only a quiz's answer file is drawn from a seed; {spec.id} has a starter")
    target = output or Path(f"{spec.id}.{'yaml' if spec.quiz else 'py'}")
    if target.exists() or target.is_symlink():
        raise BadInput(str(target), "already exists; not overwriting it")
    if spec.quiz:
        text, seed = _answer_file(spec, seed, key_file)
    else:
        text = spec.starter.read_text(encoding="utf-8")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(str(target), f"cannot write ({exc.strerror})") from None
    if spec.quiz:
        click.echo(f"wrote {target} (seed {seed}); answer it, then grade it with:"
                   f" lstm-judge submit {problem} {target}")
    else:
        click.echo(f"wrote {target}; test it with: lstm-judge test {problem} {target}")


def _answer_file(spec, seed, key_file) -> tuple[str, int]:
    """A quiz's blank answer file for ``seed`` (a random one if None)."""
    import secrets

    from ..grading.draws import Draws, load_key
    from ..quiz.answer_file import render
    from ..quiz.draw import draw_quiz

    key = load_key(key_file)
    seed = secrets.randbelow(1_000_000) if seed is None else seed
    drawn = draw_quiz(spec.questions, spec.quiz_code, Draws(seed, key).generator)
    return render(spec.id, spec.title, seed, drawn, key), seed


COMMANDS = (list_, show, init)
