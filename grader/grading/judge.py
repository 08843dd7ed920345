"""Grading one submission against one problem.

``grade`` runs the pre-run source check, starts the sandboxed child, runs
the problem's tests (pytest, in this process, ``grading.runner``) against it,
and turns what happened into a ``Result``.  An ``Observer`` follows it as it
goes (the text report streams from one).
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BadInput
from ..files import Unreadable, read_bounded
from ..problem import Problem, TestSpec
from ..problem.digest import digest
from ..problem.requirements import ensure_installed
from ..sandbox.config import SandboxConfig
from ..sandbox.layers import no_child
from ..scoring.result import Result, TestResult
from ..scoring.tally import Outcome, combine
from ..verdict import Verdict
from .draws import PUBLIC_SEED, Draws, fingerprint
from .listener import Listener
from .precheck import scan

if TYPE_CHECKING:
    from .plugin import JudgePlugin
    from .submission import Submission


NOT_IN_A_KIT = ("is a candidate kit: it holds the sample tests only, and `submit` grades with"
                " the hidden tests, which are not in a kit; run the samples with `lstm-judge"
                " test`, and hand your file in to be graded")


class Observer:
    """Follows one grading as it goes; this one ignores it all."""

    def started(self, result: Result, names: list[str]) -> None:
        """The tests are about to run: ``result`` says what is graded (it has
        no tests yet), ``names`` are the tests in the order they run."""

    def test_started(self, name: str) -> None:
        """Test ``name`` is starting."""

    def test_finished(self, test: TestResult) -> None:
        """A test is over: ``test`` is what the result will hold for it."""


class _Relay(Listener):
    """The plugin's events as an observer's: a finished test's name becomes
    its ``TestResult``, kept for the result."""

    def __init__(self, observer: Observer, result: Result, specs: list[TestSpec]):
        self.observer, self.result = observer, result
        self.specs = {spec.name: spec for spec in specs}
        self.submission: Submission | None = None
        self.plugin: JudgePlugin | None = None
        self.judged: dict[str, TestResult] = {}

    def tests_starting(self) -> None:
        self.result.isolation = self.submission.isolation
        self.observer.started(self.result, list(self.specs))

    def test_started(self, name: str) -> None:
        self.observer.test_started(name)

    def test_finished(self, name: str) -> None:
        self.judged[name] = _judged(self.specs[name], self.plugin.outcomes.get(name))
        self.observer.test_finished(self.judged[name])


def _judged(spec: TestSpec, outcomes: list[Outcome] | None) -> TestResult:
    return combine(spec, outcomes or [
        Outcome(Verdict.JUDGE_ERROR, "the test did not run (not your fault)")])


def _launch(copy: Path, config: SandboxConfig):
    """Start the sandboxed child on ``copy``; ``Submission.adopt`` takes it over."""
    from ..sandbox import Sandbox

    sandbox = Sandbox(copy, config, total_deadline=time.monotonic() + config.limits.total_s)
    try:
        sandbox.launch()
    except BaseException:
        sandbox.close()
        raise
    return sandbox


def read_submission(path: Path, max_bytes: int) -> bytes:
    """The submission's source, read once and at most ``max_bytes`` + 1 bytes
    (more is over the limit, whatever the rest holds), or a ``BadInput``
    saying why not.  Only a regular file will do: a directory, a FIFO, a
    socket or a device (``/dev/zero``) is refused at once, without reading."""
    try:
        return read_bounded(path, max_bytes)
    except Unreadable as exc:
        raise BadInput(str(path), exc.what) from None


def sandbox_config(problem: Problem, force_level: str | None = None, seed: int = 0) -> SandboxConfig:
    return SandboxConfig(
        entry_points=tuple(e.name for e in problem.entry_points),
        limits=problem.limits,
        allowed=problem.allowed,
        forbidden=problem.forbidden,
        torch_threads=problem.limits.threads if problem.kind in ("module", "application") else 0,
        preload=("keras",) if "keras" in problem.allowed else (),
        seed=seed,
        force_level=force_level,
    )


def backend(problem: Problem) -> str:
    """Which Keras and torch the child runs, for a problem that allows Keras:
    the judge sets KERAS_BACKEND=torch and preloads Keras before the
    submission runs (sandbox.config), and binds these very packages."""
    if "keras" not in problem.allowed:
        return ""
    from importlib.metadata import version

    return f"keras {version('keras')}, torch backend (torch {version('torch')})"


def selected_tests(problem: Problem, mode: str) -> list[TestSpec]:
    """The tests a mode runs: every one (submit), the samples (test), or the
    problem's self_study test for no points (study)."""
    if mode == "study":
        return [TestSpec(problem.self_study, 0, "sample", problem.tolerances)]
    return [t for t in problem.run_order if mode == "submit" or t.sample]


def blank_result(problem: Problem, path: Path, mode: str, seed: int | None,
                 key: bytes | None, problem_digest: str | None = None) -> Result:
    """What a result says before any test runs: the problem, its folder and
    digest, the seed, the key's fingerprint and the limits."""
    if problem_digest is None:
        problem_digest = digest(problem.root)
    return Result(problem=problem.id, submission=str(path), mode=mode,
                  seed=PUBLIC_SEED if seed is None else seed, key=fingerprint(key),
                  problem_dir=str(problem.root.resolve()), problem_digest=problem_digest,
                  isolation={}, limits=dataclasses.asdict(problem.limits))


def unfinished(problem: Problem, path: Path, mode: str, seed: int | None,
               key: bytes | None, message: str) -> Result:
    """The judge_error result of a grading the judge could not finish (its
    tests did not load, or it was interrupted): every field a finished one
    has, no tests, and an isolation that says no result was graded."""
    try:
        result = blank_result(problem, path, mode, seed, key)
    except OSError:  # the problem's files are what failed: no digest to give
        result = blank_result(problem, path, mode, seed, key, problem_digest="")
    result.judge_error, result.message = True, message[:500]
    result.declared_max_score = sum(t.points for t in selected_tests(problem, mode))
    result.isolation = no_child("the grading did not finish: nothing was graded")
    return result


def grade(problem: Problem, path: Path, *, mode: str = "submit", seed: int | None = None,
          force_level: str | None = None, user_series=None, key: bytes | None = None,
          observer: Observer | None = None, explanations: bool = True) -> Result:
    """Grade ``path``.  ``mode`` is submit (every test), test (samples) or
    study (only the problem's self_study test, on ``user_series``, no points).
    ``observer`` hears of the tests as they start and finish.
    A candidate kit's problem has no hidden tests, so it cannot be submitted:
    a score of its samples alone would pass for a grade.
    A quiz's answer file is graded as data, with no child (``quiz_grading``;
    ``seed`` None there means the seed the file records; ``explanations``
    False leaves out the keys and explanations, for screening)."""
    if problem.quiz:
        if mode == "study":
            raise BadInput(problem.id, "this problem takes no --data")
        from .quiz_grading import grade_quiz

        return grade_quiz(problem, path, mode=mode, seed=seed, key=key,
                          observer=observer or Observer(), explanations=explanations)
    if mode == "submit" and problem.kit:
        raise BadInput(str(problem.root), NOT_IN_A_KIT)
    ensure_installed(problem)  # a Keras problem without the [keras] extra, say
    started = time.monotonic()
    source = read_submission(path, problem.limits.source_kb << 10)
    seed = PUBLIC_SEED if seed is None else seed
    draws = Draws(seed, key)
    if mode == "study" and not problem.self_study:
        raise BadInput(problem.id, "this problem takes no --data")
    tests = selected_tests(problem, mode)
    config = sandbox_config(problem, force_level, seed)
    result = blank_result(problem, path, mode, seed, key)
    result.source_sha256 = hashlib.sha256(source).hexdigest()
    result.backend = backend(problem)
    relay = _Relay(observer or Observer(), result, tests)

    failure = scan(source, problem.forbidden, problem.limits.source_kb)
    submission = early = None
    private = tempfile.TemporaryDirectory(prefix="lstm-judge-source-")
    try:
        if failure is None:
            # The child gets the bytes read above, never the file again (which
            # could have changed since).  It is started before the judge loads
            # numpy, pytest and the tests, and boots while they load; the plugin
            # waits for its import once the tests are collected, and runs none
            # if it failed.
            copy = Path(private.name) / "submission.py"
            copy.write_bytes(source)
            early = _launch(copy, config)
        from .plugin import JudgePlugin
        from .runner import run_tests
        from .submission import Submission

        if early is not None:
            submission = Submission(copy, config, problem.entry_points)
            submission.adopt(early)
            early = None
        plugin = JudgePlugin(problem, submission, draws,
                             selected=set() if failure else {t.name for t in tests},
                             user_series=user_series, listener=relay)
        relay.submission, relay.plugin = submission, plugin
        run_tests(problem, plugin)
        failure = failure or plugin.import_failure
    finally:
        if early is not None:  # the judge failed to load before it took the child over
            early.close()
        if submission is not None:
            submission.close()
        private.cleanup()
        if submission is not None:
            result.isolation = submission.isolation
            result.max_call_s = submission.max_call_s
            result.flags = sorted(submission.flags)
    if not result.isolation:  # refused before a child was started
        result.isolation = no_child("no child was started: the source was refused as it is")

    if failure is not None:
        result.message = failure.summary
        outcome = Outcome(failure.verdict, "not run: " + failure.summary,
                          "not run: " + failure.detail, output=failure.output,
                          kind=failure.kind)
        plugin.outcomes = {t.name: [outcome] for t in tests}
        relay.judged = {}
    result.tests = [relay.judged.get(spec.name) or _judged(spec, plugin.outcomes.get(spec.name))
                    for spec in tests]
    result.time_s = time.monotonic() - started
    return result
