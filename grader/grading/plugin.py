"""The pytest plugin that runs a problem's tests against a submission.

A problem's tests are ordinary pytest functions named ``test_<name>`` after
the tests in ``problem.yaml``.  They take these fixtures:

``submission``  the sandboxed submission: ``submission.lstm_cell(...)``
``check``       compares answers under the test's tolerances (``grader.scoring.compare``)
``rng``         a ``numpy.random.Generator`` seeded for this test
``seed``        the run's seed
``problem``, ``user_series``, ``note``, ``metric``  (see each fixture)

Each test's outcome becomes a verdict: passing is accepted; ``Failed``
exceptions carry their own verdict; a bare ``AssertionError`` is a wrong
answer; anything else is the judge's fault (judge_error).
"""

from __future__ import annotations

import traceback
import zlib
import numpy as np
import pytest

from ..problem import Problem, TestSpec
from ..scoring import metric as metrics
from ..scoring.compare import Checker
from ..scoring.failures import Failed
from ..scoring.tally import Outcome
from ..verdict import Verdict
from .submission import Submission

DEFAULT_SEED = 0


class JudgePlugin:
    def __init__(self, problem: Problem, submission: Submission | None, seed: int,
                 selected: set[str], user_series=None):
        self._problem = problem
        self._user_series = user_series
        self._submission = submission
        self.run_seed = seed
        self.selected = selected  # spec test names to run; empty: collect only
        self.collected: dict[str, str] = {}  # test name -> file it is in
        self.outcomes: dict[str, list[Outcome]] = {}
        self.errors: list[str] = []  # collection errors (the problem author's fault)
        self.import_failure = None  # why the submission did not import, once known
        self._metrics: dict[str, metrics.Metric] = {}
        self._notes: dict[str, list[str]] = {}

    # ------------------------------------------------------------- fixtures

    @pytest.fixture(scope="session")
    def submission(self):
        return self._submission

    @pytest.fixture(scope="session")
    def problem(self):
        """The problem's spec (limits, tolerances) as grader.problem.Problem."""
        return self._problem

    @pytest.fixture(scope="session")
    def user_series(self):
        """The user's own series (``--data``), for a problem's self_study test."""
        return self._user_series

    @pytest.fixture
    def check(self, request):
        return Checker(self._spec(request.node).tolerances)

    def _spec(self, node):
        name = _spec_name(node)
        if name == self._problem.self_study:
            return TestSpec(name, 0, "sample", self._problem.tolerances)
        return self._problem.test(name)

    @pytest.fixture
    def rng(self, request):
        seed = DEFAULT_SEED if self._spec(request.node).sample else self.run_seed
        return np.random.default_rng([seed, zlib.crc32(request.node.name.encode())])

    @pytest.fixture(scope="session")
    def seed(self):
        return self.run_seed

    @pytest.fixture
    def note(self, request):
        """``note(text)`` attaches text to the test's feedback (e.g. a sample the
        submission generated).  Shown only where details are (sample tests,
        --reveal): the text may come from the child."""
        notes = self._notes.setdefault(request.node.nodeid, [])
        return lambda text: notes.append(str(text)[:4000])

    @pytest.fixture
    def metric(self, request):
        """Partial credit: ``metric.score(name, value, baseline, target)``."""
        metric = metrics.Metric()
        self._metrics[request.node.nodeid] = metric
        return metric

    # ------------------------------------------------------------- hooks

    def pytest_collectreport(self, report):
        if report.failed:
            # One line: the last line of pytest's report is the error itself.
            lines = [line for line in report.longreprtext.splitlines() if line.strip()]
            last = lines[-1].strip().lstrip("E").strip() if lines else "collection failed"
            self.errors.append(f"{report.nodeid or 'tests'}: {last[:300]}")

    def pytest_collection_modifyitems(self, session, config, items):
        for item in items:
            self.collected.setdefault(_spec_name(item), item.path.name)
        listed = {t.name for t in self._problem.tests} | {self._problem.self_study} - {""}
        keep = [i for i in items if _spec_name(i) in self.selected and _spec_name(i) in listed]
        if keep and self._submission is not None:
            self.import_failure = self._submission.wait_ready()
            if self.import_failure is not None:
                keep = []
        deselected = [i for i in items if i not in keep]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
        items[:] = keep

    def pytest_runtest_setup(self, item):
        if self._submission is not None:
            self._submission.begin_test()

    def pytest_runtest_makereport(self, item, call):
        if call.when == "call" or call.excinfo is not None:
            outcome = _classify(call.excinfo, call.when)
            if call.when == "call":
                study = _spec_name(item) == self._problem.self_study
                metrics.credit(outcome, self._metrics.get(item.nodeid), study)
            log = self._submission.log if self._submission else None
            if log is not None:
                outcome.calls = list(log.calls)
                outcome.output = "".join(log.output)
            outcome.time_s = call.duration
            if call.when == "call":
                outcome.detail_note = "\n".join(self._notes.get(item.nodeid, []))
            if call.when == "call" or outcome.verdict is not Verdict.ACCEPTED:
                self.outcomes.setdefault(_spec_name(item), []).append(outcome)


def _spec_name(item) -> str:
    name = getattr(item, "originalname", None) or item.name
    return name[len("test_"):] if name.startswith("test_") else name


def _classify(excinfo, when: str) -> Outcome:
    if excinfo is None:
        return Outcome(Verdict.ACCEPTED)
    exc = excinfo.value
    if isinstance(exc, Failed):  # in a fixture too: a failed training fails its dependents
        return Outcome(exc.verdict, exc.summary, exc.detail, exc.hint, exc.output)
    if isinstance(exc, AssertionError) and when == "call":
        text = str(exc).split("\n")[0][:300]
        return Outcome(Verdict.WRONG_ANSWER, "failed a check of the answer",
                       f"failed a check: {text}" if text else "failed a check of the answer")
    if isinstance(exc, (KeyboardInterrupt, SystemExit)):
        raise exc
    trace = "".join(traceback.format_exception(exc)).strip()[-3000:]
    return Outcome(Verdict.JUDGE_ERROR,
                   "the judge failed while running this test (not your fault)",
                   f"the judge failed in {when}: {type(exc).__name__}: {exc}\n{trace}")
