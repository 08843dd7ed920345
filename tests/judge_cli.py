"""The one way the project's tests run the ``lstm-judge`` command.

``run(*args)`` runs it to the end and returns a ``CliResult`` (``run_once``: a
grading of repository files that several tests share); ``start(*args)``
returns the running ``Popen`` (for interrupts, memory sampling, concurrency);
``shell(script, ...)`` runs a shell script that calls ``lstm-judge`` (a README's
commands, verbatim); ``staff_document(book)`` reads back the staff view that a
``submit --gradebook BOOK`` recorded.  All run ``python -m grader`` (from the repository root
unless told otherwise), with an environment that looks problems up only in
the repository.  ``VERDICTS`` is the one
list of verdict names, taken from the judge itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.verdict import Verdict

REPO_ROOT = Path(__file__).resolve().parent.parent
CLI_TIMEOUT_S = 120
VERDICTS = frozenset(v.value for v in Verdict)
GRADEBOOK_ENV = "LSTM_JUDGE_GRADEBOOK"
# The gradebook every judge the tests start records in: never the user's own.
# "off" until tests/conftest.py names the session's, under pytest's temp folder.
gradebook = "off"


def command(*args) -> list[str]:
    return [sys.executable, "-m", "grader", *(str(a) for a in args)]


def environment(**extra: str) -> dict[str, str]:
    """The judge's environment: the test's own, without problem roots or
    pytest's variables, with this checkout first on the path and the
    session's gradebook, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYTEST_") and k != "LSTM_JUDGE_PROBLEMS"}
    # This checkout's judge, whatever the working directory and whatever is installed.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    env[GRADEBOOK_ENV] = gradebook
    env.update(extra)
    return env


@dataclass
class CliResult:
    """What one ``lstm-judge`` run did."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def json(self):
        """stdout parsed as one JSON document (fails the test if it is anything else)."""
        try:
            return json.loads(self.out)
        except json.JSONDecodeError as exc:
            pytest.fail(f"stdout of `lstm-judge {' '.join(self.args)}` is not one JSON document"
                        f" ({exc}):\n{self.out[:2000]}\nstderr:\n{self.err[:2000]}")

    def __str__(self) -> str:  # shown in assertion failures
        return (f"lstm-judge {' '.join(self.args)} -> exit {self.code}\n"
                f"--- stdout ---\n{self.out[-3000:]}\n--- stderr ---\n{self.err[-3000:]}")


def run(*args, cwd: Path | None = None, env: dict | None = None,
        timeout: float = CLI_TIMEOUT_S) -> CliResult:
    """Run ``lstm-judge *args`` to the end."""
    argv = command(*args)
    try:
        proc = subprocess.run(argv, cwd=cwd or REPO_ROOT, env=env or environment(),
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"lstm-judge {' '.join(argv[3:])} ran past {timeout} s:\n"
                    f"{(exc.stdout or b'')[-2000:]!r}\n{(exc.stderr or b'')[-2000:]!r}")
    return CliResult(tuple(argv[3:]), proc.returncode, proc.stdout, proc.stderr)


def staff_document(book: Path) -> dict:
    """The staff view's JSON document of the one attempt that ``submit ...
    --gradebook BOOK`` recorded.  ``submit`` records the staff view of the
    result it prints in any view, so a test that needs both views of a
    grading (a candidate view and its control) grades once, not twice."""
    import sqlite3

    conn = sqlite3.connect(book)
    try:
        rows = conn.execute("SELECT result FROM attempts").fetchall()
    finally:
        conn.close()
    assert len(rows) == 1, f"{book} holds {len(rows)} attempts, not the one"
    return json.loads(rows[0][0])


_ONCE: dict[tuple[str, ...], CliResult] = {}


def run_once(*args) -> CliResult:
    """``run(*args)`` with the default environment and working folder, run
    once per session: for a grading of the repository's own problem and
    solution files (which no test changes) that several tests read, each
    asserting its own things of the one result."""
    key = tuple(str(a) for a in args)
    if key not in _ONCE:
        _ONCE[key] = run(*args)
    return _ONCE[key]


def start(*args, cwd: Path | None = None, env: dict | None = None,
          **popen) -> subprocess.Popen:
    """Start ``lstm-judge *args`` and return it running (stdout and stderr
    are pipes unless ``popen`` says otherwise)."""
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(command(*args), cwd=cwd or REPO_ROOT, env=env or environment(),
                            **popen)


def shell(script: str, cwd: Path, bin_dir: Path, **extra: str):
    """Run ``script`` with bash, as a user would type it, with ``lstm-judge``
    on the PATH as this checkout's judge (a shim in ``bin_dir``).  Returns
    the finished process and, for each ``lstm-judge`` command it ran, its
    exit code and arguments."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    log = bin_dir / "lstm-judge.log"
    shim = bin_dir / "lstm-judge"
    shim.write_text(f'#!/bin/sh\n"{sys.executable}" -m grader "$@"\ncode=$?\n'
                    f'echo "$code $*" >> "{log}"\nexit $code\n')
    shim.chmod(0o755)
    env = environment(**extra)
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    proc = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=CLI_TIMEOUT_S)
    lines = log.read_text().splitlines() if log.exists() else []
    return proc, [(int(code), args) for code, _, args in (line.partition(" ") for line in lines)]
