"""The commands that grade one submission: test and submit."""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from ..errors import BadInput
from ..reports import DOCUMENTS, FORMATS
from ..verdict import exit_code
from .guard import guarded
from .options import gradebook_option


def _grading_options(func):
    func = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
                        help="text for people; json for machines, gradescope for Gradescope's"
                             " results.json (stdout holds only the document).")(func)
    func = click.option("--seed", type=int, default=None,
                        help="Draw fresh hidden cases from this seed (default: the fixed seed 0).")(func)
    func = click.option("--view", type=click.Choice(["candidate", "staff"]), default="candidate",
                        help="candidate: hidden tests say only what kind of failure (default);"
                             " staff: everything, with exact times and flags.")(func)
    func = click.option("--reveal", is_flag=True,
                        help="Show hidden tests' inputs, expected values and output"
                             " (the staff view).")(func)
    func = click.option("--key-file", type=click.Path(path_type=Path),
                        help="The grader's secret key, mixed into every hidden draw"
                             " (default: $LSTM_JUDGE_KEY, or none).")(func)
    func = click.option("--no-explanations", is_flag=True,
                        help="A quiz: say right or wrong only, without the answers and their"
                             " explanations (for screening).")(func)
    func = click.option("--isolation", type=click.Choice(["auto", "namespaces", "process"]),
                        default="auto", help="Force an isolation level (default: the strongest).")(func)
    func = click.argument("submission", type=click.Path(path_type=Path))(func)
    return click.argument("problem")(func)


def _grade(problem, submission, mode, fmt, seed, view, isolation, key_file,
           data=None, column=None, book=None, explanations=True):
    """Grade, print the result, record it in the gradebook that ``book``'s
    options choose (only ``submit`` passes them) and exit with the verdict's code."""
    from ..grading import grade, unfinished
    from ..grading.draws import load_key
    from ..problem import find
    from ..reports import check_view, render

    check_view(fmt, view)
    spec = find(problem)
    key = None
    started = datetime.now(timezone.utc)
    stream = _text_stream(view) if fmt == "text" else None
    try:
        key = load_key(key_file)
        series = None
        if data is not None:
            from ..grading.user_series import load_series

            if not spec.self_study:
                raise BadInput(str(data), f"problem {spec.id} takes no --data")
            series, mode = load_series(data, column), "study"
        elif column is not None:
            raise BadInput("--column", "needs --data FILE")
        result = grade(spec, submission, mode=mode, seed=seed,
                       force_level=None if isolation == "auto" else isolation,
                       user_series=series, key=key, observer=stream,
                       explanations=explanations)
    except BadInput:
        raise
    except KeyboardInterrupt:
        if fmt in DOCUMENTS:  # (before the spec is read, there is no document to print)
            _interrupted_document(spec, submission, mode, seed, key, view, fmt)
        raise
    except Exception as exc:
        # Machines still get a document: the verdict is the judge's own fault.
        result = unfinished(spec, submission, mode, seed, key, f"{type(exc).__name__}: {exc}")
        if fmt not in DOCUMENTS:
            _record(book, result, started)
            raise
    finally:
        if stream is not None:
            stream.close()  # what was written stays; nothing is written twice
    result.view = view
    if stream is not None:
        stream.finish(result)
    else:
        _emit(render(result, fmt))
    _record(book, result, started)
    sys.exit(exit_code(result.verdict))


def _record(book: dict | None, result, started: datetime) -> None:
    """Record a submit's attempt in the gradebook (``book``: the options that
    choose it); a failure is a one-line warning: the result stands."""
    if book is None or result.mode != "submit":  # `test` and --data are not graded attempts
        return
    from ..gradebook.recording import record_submit
    from ..reports.escape import printable
    from ..reports.json import document

    staff = document(dataclasses.replace(result, view="staff"))
    warning = record_submit(staff, result.source_sha256, started, **book)
    if warning:
        click.echo(f"lstm-judge: warning: {printable(warning, newlines=False)}", err=True)


def _emit(document: str) -> None:
    """Print the result; a reader that left (`| head`) costs neither the
    verdict's exit code nor the gradebook's record."""
    from ..reports.text import silence

    try:
        click.echo(document)
    except BrokenPipeError:
        silence(sys.stdout)


def _text_stream(view):
    """The text report, written as the tests finish, on stdout; with a
    progress line on stderr if that is a terminal."""
    from ..reports.progress import Progress
    from ..reports.text import TextStream

    return TextStream(_own_stdout(), view, Progress.on_terminal())


def _own_stdout():
    """stdout on a descriptor of its own.  pytest, which runs the tests in
    this process, swaps fd 1 while it captures and puts back what it found:
    a closed pipe silenced on fd 1 would come back, and fail at exit."""
    try:
        fd = os.dup(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real stdout: keep what there is
        return sys.stdout
    # Whatever the locale: a character the encoding cannot take is written
    # as a backslash escape, never a crash of the report mid-grading.
    return os.fdopen(fd, "w", encoding=sys.stdout.encoding, errors="backslashreplace")


def _interrupted_document(spec, submission, mode, seed, key, view, fmt) -> None:
    """Machines still get one document when grading is interrupted: the
    judge_error document, in JSON with ``"message": "interrupted"`` and
    ``"interrupted": true`` (the caller re-raises, for the exit code)."""
    from ..grading import unfinished
    from ..reports import render

    for sig in (signal.SIGINT, signal.SIGTERM):  # a second signal must not cut it short
        signal.signal(sig, signal.SIG_IGN)
    result = unfinished(spec, submission, mode, seed, key, "interrupted")
    result.view, result.interrupted = view, True
    click.echo(render(result, fmt))


@click.command()
@_grading_options
@guarded
def test(problem, submission, fmt, seed, view, reveal, isolation, key_file, no_explanations):
    """Run PROBLEM's sample tests on SUBMISSION, with full detail."""
    if seed is not None:
        raise BadInput("--seed", "`test` runs the sample tests, which always use the fixed"
                                 " seed 0; `submit --seed N` draws fresh hidden cases")
    _grade(problem, submission, "test", fmt, seed, "staff" if reveal else view, isolation,
           key_file, explanations=not no_explanations)


@click.command()
@_grading_options
@click.option("--data", type=click.Path(path_type=Path),
              help="Self-study: run the problem's protocol on your own CSV series, for no points.")
@click.option("--column", help="The CSV column to use with --data (default: the only numeric one).")
@click.option("--candidate",
              help="Whom the gradebook records the attempt for (default: your user name).")
@click.option("--no-gradebook", is_flag=True, help="Record nothing in the gradebook.")
@gradebook_option
@guarded
def submit(problem, submission, fmt, seed, view, reveal, isolation, key_file, no_explanations,
           data, column, candidate, no_gradebook, gradebook):
    """Grade SUBMISSION on every test of PROBLEM, hidden ones too, and record
    the attempt in the gradebook.  For a quiz, SUBMISSION is the answer file
    and --seed requires that seed (default: the seed the file records)."""
    _grade(problem, submission, "submit", fmt, seed, "staff" if reveal else view, isolation,
           key_file, data, column, {"path": gradebook, "off": no_gradebook, "candidate": candidate},
           explanations=not no_explanations)


COMMANDS = (test, submit)
