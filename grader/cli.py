"""The ``lstm-judge`` command: a thin layer over the library.

Exit codes (``grader.verdict.Exit``): 0 accepted, 1 not accepted, 2 bad
usage or input, 3 judge error, 130 interrupted (Ctrl-C), 143 terminated.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import os
import shutil
import signal
import sys
import tempfile
import traceback
from datetime import datetime, timezone
from pathlib import Path

import click

from .errors import BadInput, JudgeFault
from .reports import DOCUMENTS, FORMATS
from .verdict import Exit, exit_code


def _fail(message: str, code: Exit) -> None:
    from .reports.escape import printable

    click.echo(f"lstm-judge: {printable(message, newlines=False)}", err=True)
    sys.exit(code)


_terminated = False


def _on_sigterm(signum, frame):
    """SIGTERM is raised like Ctrl-C, so that every ``finally`` cleans up."""
    global _terminated
    _terminated = True
    raise KeyboardInterrupt()


def _private_torch_cache() -> None:
    """torch makes its compiler cache in $TMPDIR when ``torch._dynamo`` is
    imported (any optimizer does, e.g. in the training problem's tests): give
    it a folder of this process's own, removed at exit, so that the judge
    leaves nothing in $TMPDIR.  A cache the user chose is left alone."""
    if "TORCHINDUCTOR_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="lstm-judge-torch-")
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = folder
        atexit.register(shutil.rmtree, folder, True)


def _escaping_streams() -> None:
    """stdout and stderr write what their encoding cannot take (an ascii or
    latin-1 locale, a lone surrogate) as a backslash escape: no string a
    report or a one-line error holds can crash the judge."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a TextIOWrapper: leave it
            pass


def guarded(func):
    """One line and an exit code for bad input and for the judge's own faults;
    never a traceback.  Ctrl-C and SIGTERM end every child and remove every
    temporary directory (through the ``finally`` blocks) before exiting."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        signal.signal(signal.SIGTERM, _on_sigterm)
        _escaping_streams()
        _private_torch_cache()
        try:
            return func(*args, **kwargs)
        except BadInput as exc:
            _fail(f"error: {exc}", Exit.BAD_INPUT)
        except KeyboardInterrupt:
            if _terminated:
                _fail("terminated", Exit.TERMINATED)
            _fail("interrupted", Exit.INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except JudgeFault as exc:  # it names the place itself: the problem's tests
            _fail(f"judge_error: {exc} (not your submission's fault)", Exit.JUDGE_ERROR)
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            _fail(f"judge_error: {type(exc).__name__}: {exc} "
                  f"(at {Path(where.filename).name}:{where.lineno}; not your submission's fault)",
                  Exit.JUDGE_ERROR)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lstm-judge")
def main():
    """Grade LSTM exercises in a sandbox.

    A PROBLEM is named by its id (cell), looked up in $LSTM_JUDGE_PROBLEMS and the
    installed problems, or by its folder as a path (problems/cell, ./cell).
    """


@main.command("list")
@guarded
def list_():
    """The problems, with title, kind and points."""
    from .problem import all_problems

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


@main.command()
@click.argument("problem")
@guarded
def show(problem):
    """Print PROBLEM's statement."""
    from .problem import find
    from .problem.statement import render_statement

    click.echo(render_statement(find(problem).statement.read_text(encoding="utf-8")))


@main.command()
@click.argument("problem")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write (default ./<id>.py).")
@guarded
def init(problem, output):
    """Write PROBLEM's starter stub to ./<id>.py (never overwrites)."""
    from .problem import find

    spec = find(problem)
    target = output or Path(f"{spec.id}.py")
    if target.exists() or target.is_symlink():
        raise BadInput(str(target), "already exists; not overwriting it")
    try:
        target.write_text(spec.starter.read_text(encoding="utf-8"), encoding="utf-8")
    except OSError as exc:
        raise BadInput(str(target), f"cannot write ({exc.strerror})") from None
    click.echo(f"wrote {target}; test it with: lstm-judge test {problem} {target}")


def _gradebook_option(func):
    return click.option("--gradebook", type=click.Path(path_type=Path),
                        help="The gradebook file (default: $LSTM_JUDGE_GRADEBOOK, else"
                             " $XDG_DATA_HOME/lstm-judge/gradebook.sqlite3).")(func)


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
    func = click.option("--isolation", type=click.Choice(["auto", "namespaces", "process"]),
                        default="auto", help="Force an isolation level (default: the strongest).")(func)
    func = click.argument("submission", type=click.Path(path_type=Path))(func)
    return click.argument("problem")(func)


def _grade(problem, submission, mode, fmt, seed, view, isolation, key_file,
           data=None, column=None, book=None):
    """Grade, print the result, record it in the gradebook that ``book``'s
    options choose (only ``submit`` passes them) and exit with the verdict's code."""
    from .grading import grade, unfinished
    from .grading.draws import load_key
    from .problem import find
    from .reports import check_view, render

    check_view(fmt, view)
    spec = find(problem)
    key = None
    started = datetime.now(timezone.utc)
    stream = _text_stream(view) if fmt == "text" else None
    try:
        key = load_key(key_file)
        series = None
        if data is not None:
            from .grading.user_series import load_series

            if not spec.self_study:
                raise BadInput(str(data), f"problem {spec.id} takes no --data")
            series, mode = load_series(data, column), "study"
        elif column is not None:
            raise BadInput("--column", "needs --data FILE")
        result = grade(spec, submission, mode=mode, seed=seed,
                       force_level=None if isolation == "auto" else isolation,
                       user_series=series, key=key, observer=stream)
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
    from .gradebook.recording import record_submit
    from .reports.escape import printable
    from .reports.json import document

    staff = document(dataclasses.replace(result, view="staff"))
    warning = record_submit(staff, result.source_sha256, started, **book)
    if warning:
        click.echo(f"lstm-judge: warning: {printable(warning, newlines=False)}", err=True)


def _emit(document: str) -> None:
    """Print the result; a reader that left (`| head`) costs neither the
    verdict's exit code nor the gradebook's record."""
    from .reports.text import silence

    try:
        click.echo(document)
    except BrokenPipeError:
        silence(sys.stdout)


def _text_stream(view):
    """The text report, written as the tests finish, on stdout; with a
    progress line on stderr if that is a terminal."""
    from .reports.progress import Progress
    from .reports.text import TextStream

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
    from .grading import unfinished
    from .reports import render

    for sig in (signal.SIGINT, signal.SIGTERM):  # a second signal must not cut it short
        signal.signal(sig, signal.SIG_IGN)
    result = unfinished(spec, submission, mode, seed, key, "interrupted")
    result.view, result.interrupted = view, True
    click.echo(render(result, fmt))


@main.command()
@_grading_options
@guarded
def test(problem, submission, fmt, seed, view, reveal, isolation, key_file):
    """Run PROBLEM's sample tests on SUBMISSION, with full detail."""
    if seed is not None:
        raise BadInput("--seed", "`test` runs the sample tests, which always use the fixed"
                                 " seed 0; `submit --seed N` draws fresh hidden cases")
    _grade(problem, submission, "test", fmt, seed, "staff" if reveal else view, isolation,
           key_file)


@main.command()
@_grading_options
@click.option("--data", type=click.Path(path_type=Path),
              help="Self-study: run the problem's protocol on your own CSV series, for no points.")
@click.option("--column", help="The CSV column to use with --data (default: the only numeric one).")
@click.option("--candidate",
              help="Whom the gradebook records the attempt for (default: your user name).")
@click.option("--no-gradebook", is_flag=True, help="Record nothing in the gradebook.")
@_gradebook_option
@guarded
def submit(problem, submission, fmt, seed, view, reveal, isolation, key_file, data, column,
           candidate, no_gradebook, gradebook):
    """Grade SUBMISSION on every test of PROBLEM, hidden ones too, and record
    the attempt in the gradebook."""
    _grade(problem, submission, "submit", fmt, seed, "staff" if reveal else view, isolation,
           key_file, data, column, {"path": gradebook, "off": no_gradebook, "candidate": candidate})


@main.command()
@click.argument("problem", required=False)
@click.option("--candidate", help="Whose attempts (default: your user name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text for people, json for machines.")
@_gradebook_option
@guarded
def history(problem, candidate, fmt, gradebook):
    """Your attempts over time (at PROBLEM, if given) and best score per problem."""
    from .gradebook.history import show

    click.echo(show(gradebook, candidate, problem, fmt))


@main.command()
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The CSV file to write (replaced whole, never half-written).")
@_gradebook_option
@guarded
def export(out, gradebook):
    """Write the gradebook as CSV, one row per attempt."""
    from .gradebook.export import export as write

    click.echo(f"wrote {write(gradebook, out)} attempts to {out}")


@main.command()
@click.argument("problems", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Validate every problem.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Solutions graded at once (default: the number of CPUs).")
@guarded
def validate(problems, every, jobs):
    """Check that PROBLEMS are sound: spec, tests, solutions, starter, time margins."""
    import os

    from .authoring.validate import render, validate as run
    from .problem import all_problems, find

    specs = all_problems() if every or not problems else [find(p) for p in problems]
    failed = 0
    for spec in specs:
        rows = run(spec, jobs=jobs or os.cpu_count() or 1)
        click.echo(render(spec, rows))
        failed += sum(not r.ok for r in rows)
    sys.exit(Exit.NOT_ACCEPTED if failed else Exit.ACCEPTED)


@main.command()
@click.argument("problems", nargs=-1, required=True)
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path),
              help="A new or empty folder to write the kit to.")
@guarded
def kit(problems, out):
    """Write a candidate kit of PROBLEMS to a folder: statements, starters,
    sample tests and specs; no hidden tests, solutions or held-out data."""
    from .authoring.kit import write_kit
    from .problem import find

    specs = [find(p) for p in problems]
    write_kit(specs, out)
    click.echo(f"wrote a candidate kit of {', '.join(s.id for s in specs)} to {out}"
               f" (what is in it, and how to use it: {out / 'README.md'})")


@main.command()
@guarded
def doctor():
    """Show which isolation layers work on this machine, and why any are missing."""
    from .sandbox.doctor import render

    text, healthy = render()
    click.echo(text)
    sys.exit(Exit.ACCEPTED if healthy else Exit.JUDGE_ERROR)


def _similarity_help() -> str:
    from .similarity import METHOD, Params

    return f"""Flag pairs of SUBMISSIONS that look copied from each other.

    SUBMISSIONS is a folder with one file per candidate (alice.py) or one folder
    per candidate (alice/<problem>.py). Writes OUT/similarity.json and
    OUT/similarity.csv and prints the flagged pairs, most similar first.

    Method: {METHOD}.

    Rule: {Params().rule()}.

    A flag asks a person to compare the two files; it is not proof of copying.
    """


@main.command(help=_similarity_help())
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option("--problem", required=True,
              help="The problem (id or folder); its starter is removed as boilerplate.")
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="The folder to write similarity.json and similarity.csv in (made if missing).")
@guarded
def similarity(submissions, problem, out):
    from .problem import find
    from .similarity.folder import compare_folder
    from .similarity.report import summary, write

    spec = find(problem)
    if out.exists() and not out.is_dir():
        raise BadInput(str(out), "is not a folder")
    run = compare_folder(submissions, spec.id, spec.starter)
    try:
        written = write(run, out)
    except OSError as exc:
        raise BadInput(str(out), f"cannot write there ({exc.strerror})") from None
    click.echo(summary(run, written))


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@guarded
def report(out):
    """Rebuild OUT/report.html from a batch's OUT/results.jsonl (and any
    OUT/similarity*.json): the cohort report, in the staff view."""
    from .reports.cohort_files import rebuild

    path, count = rebuild(out)
    click.echo(f"wrote {path} from {count} results")


@main.command()
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
@click.option("--key-file", type=click.Path(path_type=Path),
              help="The grader's secret key, as submit's (default: $LSTM_JUDGE_KEY, or none).")
@click.option("--no-gradebook", is_flag=True, help="Record nothing in the gradebook.")
@_gradebook_option
@guarded
def batch(args, problems, out, jobs, resume, dask, seed, key_file, no_gradebook, gradebook):
    """Grade every candidate's submission in SUBMISSIONS, each as submit does,
    several at once; results are written to OUT as they arrive (README,
    "Batch grading").  Exit 0 when all were graded, 1 when some could not be."""
    from .batch.run import Options, run

    names = [p.strip() for p in problems.split(",") if p.strip()] if problems else list(args[:1])
    if len(args) != (1 if problems else 2) or not names:
        raise click.UsageError("give PROBLEM SUBMISSIONS, or --problems A,B SUBMISSIONS")
    sys.exit(run(Options(names, Path(args[-1]), out, jobs or os.cpu_count() or 1, resume, seed,
                         key_file, gradebook, no_gradebook, dask)))
