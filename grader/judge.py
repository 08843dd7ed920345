"""Grading: one submission against one problem.

``grade`` runs the static check, starts the sandboxed child, runs the
problem's tests (pytest, in this process) against it, and turns what
happened into a ``Result``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import time
from pathlib import Path

from .errors import BadInput, SpecError
from .outcome import SubmissionFailed
from .plugin import DEFAULT_SEED, JudgePlugin, Outcome
from .problem import Problem, TestSpec
from .remote import Submission
from .result import Result, TestResult
from .sandbox import SandboxConfig
from .static import scan
from .verdict import Verdict, worst

MODES = ("submit", "test", "study")


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
        result.tests.append(_test_result(spec, outcomes))
    result.time_s = time.monotonic() - started
    return result


def run_tests(problem: Problem, plugin: JudgePlugin) -> None:
    """Run the problem's tests with ``plugin``; check the listing both ways."""
    if not problem.tests_dir.is_dir():
        raise SpecError(str(problem.tests_dir), "the problem has no tests/ folder")
    import pytest

    args = [
        str(problem.tests_dir), "-c", os.devnull, "--rootdir", str(problem.tests_dir),
        "--import-mode=importlib", "-p", "no:cacheprovider", "-p", "no:terminal",
        "-p", "no:stepwise", "-W", "ignore::pytest.PytestAssertRewriteWarning",
        # Start-up cost, not function: these plugins gc.collect() at the end, and
        # rewriting asserts compiles every test module afresh.
        "-p", "no:unraisableexception", "-p", "no:threadexception", "--assert=plain",
    ]
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = pytest.main(args, plugins=[plugin])
    finally:
        if saved is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved
    if plugin.errors:  # (pytest reports these as INTERRUPTED too)
        raise JudgeFault(f"{problem.tests_dir}: the tests do not load: {plugin.errors[0]}")
    if code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt  # pytest swallowed Ctrl-C or SIGTERM; pass it on
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        raise JudgeFault(f"{problem.tests_dir}: pytest failed ({code.name})")
    check_listing(problem, plugin.collected)


def check_listing(problem: Problem, collected: dict[str, str]) -> None:
    if problem.self_study and problem.self_study not in collected:
        raise SpecError(f"{problem.spec_file}: self_study",
                        f"names test_{problem.self_study}, which is not in {problem.tests_dir}")
    for k, spec in enumerate(problem.tests):
        if spec.name not in collected:
            raise SpecError(f"{problem.spec_file}: tests[{k}]",
                            f"{spec.name!r} has no test_{spec.name} in {problem.tests_dir}")
    listed = {t.name for t in problem.tests} | {problem.self_study}
    for name, file in sorted(collected.items()):
        if name not in listed:
            raise SpecError(f"{problem.tests_dir / file}",
                            f"test_{name} is not listed in {problem.spec_file.name}")


class JudgeFault(Exception):
    """The judge (or a problem's tests) failed: judge_error, exit 3."""


def _test_result(spec, outcomes: list[Outcome]) -> TestResult:
    """One spec test from its (possibly parametrized) outcomes."""
    verdict = worst(o.verdict for o in outcomes)
    first = next((o for o in outcomes if o.verdict is verdict), outcomes[0])
    fractions = [o.fraction for o in outcomes if o.fraction is not None]
    if fractions:  # metric-scored: the mean of its cases' partial credit
        score = spec.points * sum(fractions) / len(outcomes)
    else:
        score = spec.points if verdict is Verdict.ACCEPTED else 0
    return TestResult(
        name=spec.name,
        visibility=spec.visibility,
        verdict=verdict,
        score=round(score, 3),
        note="; ".join(o.note for o in outcomes if o.note),
        detail_note="\n".join(o.detail_note for o in outcomes if o.detail_note),
        max_score=spec.points,
        summary=first.summary,
        detail=first.detail,
        hint=first.hint or next((o.hint for o in outcomes if o.hint), ""),
        output="".join(o.output for o in outcomes)[-(64 << 10):],
        calls=[c for o in outcomes for c in o.calls][:20],
        time_s=sum(o.time_s for o in outcomes),
    )


__all__ = ["grade", "run_tests", "JudgeFault", "SubmissionFailed", "MODES"]
