"""Every command's guard: one line and an exit code, never a traceback."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import signal
import sys
import tempfile
import traceback
from pathlib import Path

import click

from ..errors import BadInput, JudgeFault
from ..verdict import Exit


def fail(message: str, code: Exit) -> None:
    """Print ``lstm-judge: message`` (escaped) on stderr and exit with ``code``."""
    from ..reports.escape import printable

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
            fail(f"error: {exc}", Exit.BAD_INPUT)
        except KeyboardInterrupt:
            if _terminated:
                fail("terminated", Exit.TERMINATED)
            fail("interrupted", Exit.INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except JudgeFault as exc:  # it names the place itself: the problem's tests
            fail(f"judge_error: {exc} (not your submission's fault)", Exit.JUDGE_ERROR)
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            fail(f"judge_error: {type(exc).__name__}: {exc} "
                 f"(at {Path(where.filename).name}:{where.lineno}; not your submission's fault)",
                 Exit.JUDGE_ERROR)

    return wrapper
