"""The commands over many submissions and attempts: batch, report, similarity, history, export."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import BadInput
from .guard import guarded
from .options import gradebook_option


@click.command()
@click.argument("args", nargs=-1, metavar="[PROBLEM] SUBMISSIONS")
@click.option("--problems", help="Several problems, comma-separated (cell,network); then only"
                                 " SUBMISSIONS is given, one folder per candidate in it.")
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The folder for results.jsonl, results.csv, junit.xml, ... (new or empty,"
                   " or with --resume an earlier batch's).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Submissions graded at once (default: the number of CPUs).")
@click.option("--resume", is_flag=True, help="Finish the batch in OUT: grade only what is missing.")
@click.option("--dask", metavar="ADDRESS",
              help="Grade on a Dask cluster instead: a scheduler's address (tcp://HOST:8786), or"
                   " local:N to start N worker processes here (pip install 'lstm-judge[dask]').")
@click.option("--seed", type=int, default=None, help="As submit's --seed, for every submission.")
@click.option("--seeds", type=click.Path(path_type=Path),
              help="A CSV of candidate,seed: each candidate's assigned seed, as submit's --seed"
                   " for their submissions (a quiz is graded on it, whatever the file says).")
@click.option("--key-file", type=click.Path(path_type=Path),
              help="The grader's secret key, as submit's (default: $LSTM_JUDGE_KEY, or none).")
@click.option("--no-gradebook", is_flag=True, help="Record nothing in the gradebook.")
@gradebook_option
@guarded
def batch(args, problems, out, jobs, resume, dask, seed, seeds, key_file, no_gradebook,
          gradebook):
    """Grade every candidate's submission in SUBMISSIONS, each as submit does,
    several at once; results are written to OUT as they arrive (README,
    "Batch grading").  Exit 0 when all were graded, 1 when some could not be."""
    from ..batch.run import Options, run

    names = [p.strip() for p in problems.split(",") if p.strip()] if problems else list(args[:1])
    if len(args) != (1 if problems else 2) or not names:
        raise click.UsageError("give PROBLEM SUBMISSIONS, or --problems A,B SUBMISSIONS")
    if seed is not None and seeds is not None:
        raise BadInput("--seeds", "give --seed (one for all) or --seeds (one per candidate),"
                                  " not both")
    sys.exit(run(Options(names, Path(args[-1]), out, jobs or os.cpu_count() or 1, resume, seed,
                         key_file, gradebook, no_gradebook, dask, seeds)))


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@guarded
def report(out):
    """Rebuild OUT/report.html from a batch's OUT/results.jsonl (and any
    OUT/similarity*.json): the cohort report, in the staff view."""
    from ..reports.cohort_files import rebuild

    path, count = rebuild(out)
    click.echo(f"wrote {path} from {count} results")


def _similarity_help() -> str:
    from ..similarity import METHOD, Params

    return f"""Flag pairs of SUBMISSIONS that look copied from each other.

    SUBMISSIONS is a folder with one file per candidate (alice.py) or one folder
    per candidate (alice/<problem>.py). Writes OUT/similarity.json and
    OUT/similarity.csv and prints the flagged pairs, most similar first.

    Method: {METHOD}.

    Rule: {Params().rule()}.

    A flag asks a person to compare the two files; it is not proof of copying.
    """


class _LazyHelp(click.Command):
    """A command whose long help is built only when it is shown: the
    similarity method's description imports the similarity package, which
    no other command should pay for at start-up."""

    def __init__(self, *args, make_help, **kwargs):
        super().__init__(*args, **kwargs)
        self._make_help = make_help

    def format_help_text(self, ctx, formatter):
        if self.help is None:
            self.help = self._make_help()
        super().format_help_text(ctx, formatter)


@click.command(cls=_LazyHelp, make_help=_similarity_help,
               short_help="Flag pairs of SUBMISSIONS that look copied from each other.")
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option("--problem", required=True,
              help="The problem (id or folder); its starter is removed as boilerplate.")
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The folder to write similarity.json and similarity.csv in (made if missing).")
@guarded
def similarity(submissions, problem, out):
    from ..problem import find
    from ..similarity.folder import compare_folder
    from ..similarity.report import summary, write

    spec = find(problem)
    if spec.quiz:
        raise BadInput(spec.id, "is a quiz: its answers are data, drawn per seed; similarity"
                                " compares code")
    if out.exists() and not out.is_dir():
        raise BadInput(str(out), "is not a folder")
    run = compare_folder(submissions, spec.id, spec.starter)
    try:
        written = write(run, out)
    except OSError as exc:
        raise BadInput(str(out), f"cannot write there ({exc.strerror})") from None
    click.echo(summary(run, written))


@click.command()
@click.argument("problem", required=False)
@click.option("--candidate", help="Whose attempts (default: your user name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text for people, json for machines.")
@gradebook_option
@guarded
def history(problem, candidate, fmt, gradebook):
    """Your attempts over time (at PROBLEM, if given) and best score per problem."""
    from ..gradebook.history import show

    click.echo(show(gradebook, candidate, problem, fmt))


@click.command()
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The CSV file to write (replaced whole, never half-written).")
@gradebook_option
@guarded
def export(out, gradebook):
    """Write the gradebook as CSV, one row per attempt."""
    from ..gradebook.export import export as write

    click.echo(f"wrote {write(gradebook, out)} attempts to {out}")


COMMANDS = (batch, report, similarity, history, export)
