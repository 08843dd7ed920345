"""Grading one submission against one problem.

``grade`` runs the pre-run source check, starts the sandboxed child, runs
the problem's tests (pytest, in this process, ``grading.runner``) against it,
and turns what happened into a ``Result``.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
import time
from pathlib import Path

from ..errors import BadInput
from ..problem import Problem, TestSpec
from ..problem.digest import digest
from ..sandbox import SandboxConfig
from ..scoring.result import Result
from ..scoring.tally import Outcome, combine
from ..verdict import Verdict
from .draws import PUBLIC_SEED, Draws
from .plugin import JudgePlugin
from .precheck import scan
from .runner import run_tests
from .submission import Submission


NOT_IN_A_KIT = ("is a candidate kit: it holds the sample tests only, and `submit` grades with"
                " the hidden tests, which are not in a kit; run the samples with `lstm-judge"
                " test`, and hand your file in to be graded")


def read_submission(path: Path, max_bytes: int) -> bytes:
    """The submission's source, read once and at most ``max_bytes`` + 1 bytes
    (more is over the limit, whatever the rest holds), or a ``BadInput``
    saying why not.  Only a regular file will do: a directory, a FIFO, a
    socket or a device (``/dev/zero``) is refused at once, without reading."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) and not path.is_dir():
            raise BadInput(str(path), "is not a regular file (a device, pipe or socket),"
                                      " expected a Python file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO must not block
    except FileNotFoundError:
        raise BadInput(str(path), "no such file") from None
    except IsADirectoryError:
        raise BadInput(str(path), "is a directory, expected a Python file") from None
    except OSError as exc:
        raise BadInput(str(path), f"cannot open ({exc.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise BadInput(str(path), "is a directory, expected a Python file")
        if not stat.S_ISREG(mode):
            raise BadInput(str(path), "is not a regular file (a device, pipe or socket),"
                                      " expected a Python file")
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise BadInput(str(path), f"cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)


def sandbox_config(problem: Problem, force_level: str | None = None, seed: int = 0) -> SandboxConfig:
    return SandboxConfig(
        entry_points=tuple(e.name for e in problem.entry_points),
        limits=problem.limits,
        allowed=problem.allowed,
        forbidden=problem.forbidden,
        torch_threads=problem.limits.threads if problem.kind in ("module", "application") else 0,
        seed=seed,
        force_level=force_level,
    )


def grade(problem: Problem, path: Path, *, mode: str = "submit", seed: int | None = None,
          force_level: str | None = None, user_series=None, key: bytes | None = None) -> Result:
    """Grade ``path``.  ``mode`` is submit (every test), test (samples) or
    study (only the problem's self_study test, on ``user_series``, no points).
    A candidate kit's problem has no hidden tests, so it cannot be submitted:
    a score of its samples alone would pass for a grade."""
    if mode == "submit" and problem.kit:
        raise BadInput(str(problem.root), NOT_IN_A_KIT)
    started = time.monotonic()
    source = read_submission(path, problem.limits.source_kb << 10)
    seed = PUBLIC_SEED if seed is None else seed
    draws = Draws(seed, key)
    if mode == "study":
        if not problem.self_study:
            raise BadInput(problem.id, "this problem takes no --data")
        tests = [TestSpec(problem.self_study, 0, "sample", problem.tolerances)]
    else:
        tests = [t for t in problem.tests if mode == "submit" or t.sample]
    config = sandbox_config(problem, force_level, seed)
    result = Result(problem=problem.id, submission=str(path), mode=mode, seed=seed,
                    key=draws.fingerprint, problem_dir=str(problem.root.resolve()),
                    problem_digest=digest(problem.root),
                    isolation={}, limits=dataclasses.asdict(problem.limits))

    failure = scan(source, problem.forbidden, problem.limits.source_kb)
    submission = None
    private = tempfile.TemporaryDirectory(prefix="lstm-judge-source-")
    try:
        if failure is None:
            # The child gets the bytes read above, never the file again (which
            # could have changed since).  It boots while pytest loads; the plugin
            # waits for its import once the tests are collected, and runs none
            # if it failed.
            copy = Path(private.name) / "submission.py"
            copy.write_bytes(source)
            submission = Submission(copy, config, problem.entry_points)
            submission.launch()
        plugin = JudgePlugin(problem, submission, draws,
                             selected=set() if failure else {t.name for t in tests},
                             user_series=user_series)
        run_tests(problem, plugin)
        failure = failure or plugin.import_failure
    finally:
        if submission is not None:
            submission.close()
        private.cleanup()
        if submission is not None:
            result.isolation = submission.isolation
            result.max_call_s = submission.max_call_s
            result.flags = sorted(submission.flags)
    if not result.isolation:  # refused before a child was started
        result.isolation = {"level": "none", "layers": [], "missing": [],
                            "note": "no child was started: the source was refused as it is"}

    if failure is not None:
        result.message = failure.summary
        outcome = Outcome(failure.verdict, "not run: " + failure.summary,
                          "not run: " + failure.detail, output=failure.output,
                          kind=failure.kind)
        plugin.outcomes = {t.name: [outcome] for t in tests}
    for spec in tests:
        outcomes = plugin.outcomes.get(spec.name) or [
            Outcome(Verdict.JUDGE_ERROR, "the test did not run (not your fault)")
        ]
        result.tests.append(combine(spec, outcomes))
    result.time_s = time.monotonic() - started
    return result
