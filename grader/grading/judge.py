"""Grading one submission against one problem.

``grade`` runs the pre-run source check, starts the sandboxed child, runs
the problem's tests (pytest, in this process, ``grading.runner``) against it,
and turns what happened into a ``Result``.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from ..errors import BadInput
from ..problem import Problem, TestSpec
from ..sandbox import SandboxConfig
from ..scoring.result import Result
from ..scoring.tally import Outcome, combine
from ..verdict import Verdict
from .plugin import DEFAULT_SEED, JudgePlugin
from .precheck import scan
from .runner import run_tests
from .submission import Submission


def read_submission(path: Path) -> bytes:
    """The submission's source, or a ``BadInput`` saying why not."""
    if not path.exists():
        raise BadInput(str(path), "no such file")
    if path.is_dir():
        raise BadInput(str(path), "is a directory, expected a Python file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BadInput(str(path), f"cannot read ({exc.strerror})") from None


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
          reveal: bool = False, force_level: str | None = None,
          user_series=None) -> Result:
    """Grade ``path``.  ``mode`` is submit (every test), test (samples) or
    study (only the problem's self_study test, on ``user_series``, no points)."""
    started = time.monotonic()
    source = read_submission(path)
    seed = DEFAULT_SEED if seed is None else seed
    if mode == "study":
        if not problem.self_study:
            raise BadInput(problem.id, "this problem takes no --data")
        tests = [TestSpec(problem.self_study, 0, "sample", problem.tolerances)]
    else:
        tests = [t for t in problem.tests if mode == "submit" or t.sample]
    config = sandbox_config(problem, force_level, seed)
    result = Result(problem=problem.id, submission=str(path), mode=mode, seed=seed,
                    isolation={}, limits=dataclasses.asdict(problem.limits), reveal=reveal)

    failure = scan(source, problem.forbidden, problem.limits.source_kb)
    submission = None
    try:
        if failure is None:
            # The child boots while pytest loads; the plugin waits for its import
            # once the tests are collected, and runs none if it failed.
            submission = Submission(path, config, problem.entry_points)
            submission.launch()
        plugin = JudgePlugin(problem, submission, seed,
                             selected=set() if failure else {t.name for t in tests},
                             user_series=user_series)
        run_tests(problem, plugin)
        failure = failure or plugin.import_failure
    finally:
        if submission is not None:
            submission.close()
            result.isolation = submission.isolation
            result.max_call_s = submission.max_call_s
            result.flags = sorted(submission.flags)
    if not result.isolation:  # refused before a child was started
        result.isolation = {"level": "none", "layers": [], "missing": [],
                            "note": "no child was started: the source was refused as it is"}

    if failure is not None:
        result.message = failure.summary
        outcome = Outcome(failure.verdict, "not run: " + failure.summary,
                          "not run: " + failure.detail, output=failure.output)
        plugin.outcomes = {t.name: [outcome] for t in tests}
    for spec in tests:
        outcomes = plugin.outcomes.get(spec.name) or [
            Outcome(Verdict.JUDGE_ERROR, "the test did not run (not your fault)")
        ]
        result.tests.append(combine(spec, outcomes))
    result.time_s = time.monotonic() - started
    return result
