"""The pytest plugin that runs a problem's tests against a submission.

A problem's tests are ordinary pytest functions named ``test_<name>`` after
the tests in ``problem.yaml``.  They take these fixtures:

``submission``  the sandboxed submission: ``submission.lstm_cell(...)``
``check``       compares answers under the test's tolerances (``grader.scoring.compare``)
``rng``         a ``numpy.random.Generator`` seeded for this test
``seed``        the run's seed
``problem``, ``user_series``, ``note``, ``metric``  (see each fixture)

Each test's outcome becomes a verdict (``classify``).  Sample tests run
first: once a hidden test has started, the child has seen hidden data, and
anything a later test shows of it is staff-only (``tainted``).  A failure's
subject is shown only if the test's own code holds it as a string literal,
so that a candidate-visible phrase never carries a name the child chose.

A ``Listener`` hears when the tests start and when each spec test (all its
cases) starts and finishes, so that feedback can arrive as it happens.
"""

from __future__ import annotations

import ast
import re
from collections import Counter

import pytest

from ..errors import SpecError
from ..problem import Problem, TestSpec
from ..scoring import metric as metrics
from ..scoring.compare import Checker
from ..scoring.failures import Kind
from ..scoring.tally import Outcome
from ..verdict import Verdict
from .classify import MACHINERY, classify, frame_file
from .draws import Draws
from .listener import Listener
from .listing import check_listing
from .submission import Submission


COLLECT_FRAME = re.compile(r"^(\S+):(\d+): in (\S+)$")  # a frame in pytest's report


class JudgePlugin:
    def __init__(self, problem: Problem, submission: Submission | None, draws: Draws,
                 selected: set[str], user_series=None, listener: Listener | None = None):
        self._problem = problem
        self._user_series = user_series
        self._submission = submission
        self.draws = draws
        self.run_seed = draws.seed
        self.selected = selected  # spec test names to run; empty: collect only
        self.collected: dict[str, str] = {}  # test name -> file it is in
        self.outcomes: dict[str, list[Outcome]] = {}
        self.errors: list[str] = []  # collection errors (the problem author's fault)
        self.import_failure = None  # why the submission did not import, once known
        self._metrics: dict[str, metrics.Metric] = {}
        self._notes: dict[str, list[str]] = {}
        self._judge_names = {e.name for e in problem.entry_points} | {
            p for e in problem.entry_points for p in e.params}
        self._replies_before = 0  # the child's replies when the current test began
        self._hidden_started = False  # hidden data has reached the child
        self._blamed: list[BaseException] = []  # exceptions blamed on child data
        self._listener = listener or Listener()
        self._names: dict[str, str] = {}  # node id -> spec test name, of the tests to run
        self._cases_left: Counter[str] = Counter()  # spec test name -> cases still to finish
        self._started: set[str] = set()  # spec tests whose first case has started

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
        """A generator for this test's inputs: public for sample tests; from
        the run's seed and the grader's key for hidden ones (``draws``)."""
        return self.draws.generator(request.node.name, public=self._spec(request.node).sample)

    @pytest.fixture(scope="session")
    def draw(self):
        """``draw(name)``: a generator for a hidden draw shared by several tests
        (held-out data made in a session fixture), from the run's seed and
        the grader's key; ``draw(name, public=True)`` for sample data.

        Under a key, what such a draw makes is secret (the training text less
        the held-out passages says where they are), so from then on the child
        may have seen hidden data: later tests' details are staff-only."""

        def generator(name: str, public: bool = False):
            if not public and self.draws.key is not None:
                self._hidden_started = True
            return self.draws.generator(name, public=public)

        return generator

    @pytest.fixture(scope="session")
    def seed(self):
        return self.run_seed

    @pytest.fixture
    def note(self, request):
        """``note(text)`` attaches text to the test's feedback (e.g. a sample the
        submission generated).  Shown only where details are (sample tests,
        the staff view): the text may come from the child."""
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
            # One line: the last line of pytest's report is the error itself,
            # and its last "file:line: in function" is where the author's code raised.
            lines = [line for line in report.longreprtext.splitlines() if line.strip()]
            last = lines[-1].strip().lstrip("E").strip() if lines else "collection failed"
            places = [m for m in map(COLLECT_FRAME.match, lines)
                      if m and not MACHINERY.intersection(re.split(r"[\\/]", m[1]))]
            where = report.nodeid or "tests"
            if places:
                file, line, function = places[-1].groups()
                file = self._problem.tests_dir / file  # (pytest names it from there)
                where = f"{frame_file(str(file), self._problem.root)}:{line} in {function}"
            self.errors.append(f"{where}: {last[:300]}")

    def pytest_collection_modifyitems(self, session, config, items):
        for item in items:
            self.collected.setdefault(_spec_name(item), item.path.name)
        for path in {item.path for item in items}:
            self._judge_names |= _string_literals(path)
        listed = {t.name for t in self._problem.tests} | {self._problem.self_study} - {""}
        keep = [i for i in items if _spec_name(i) in self.selected and _spec_name(i) in listed]
        try:
            check_listing(self._problem, self.collected)
        except SpecError:
            keep = []  # run nothing: the runner reports the error once pytest is done
        if keep and self._submission is not None:
            self.import_failure = self._submission.wait_ready()
            if self.import_failure is not None:
                keep = []
        deselected = [i for i in items if i not in keep]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
        # The spec's run order; a test's cases (parametrized) stay together, as collected.
        position = {t.name: k for k, t in enumerate(self._problem.run_order)}
        items[:] = sorted(keep, key=lambda item: position.get(_spec_name(item), len(position)))
        self._names = {item.nodeid: _spec_name(item) for item in items}
        self._cases_left = Counter(self._names.values())
        if items:
            self._listener.tests_starting()

    def pytest_runtest_logstart(self, nodeid, location):
        name = self._names.get(nodeid)
        if name is not None and name not in self._started:
            self._started.add(name)
            self._listener.test_started(name)

    def pytest_runtest_logfinish(self, nodeid, location):
        name = self._names.get(nodeid)
        if name is None:
            return
        self._cases_left[name] -= 1
        if self._cases_left[name] == 0:
            self._listener.test_finished(name)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        if not self._spec(item).sample:
            self._hidden_started = True
        if self._submission is not None:
            self._submission.begin_test()
            self._replies_before = self._submission.replies

    def pytest_runtest_makereport(self, item, call):
        if call.when != "call" and call.excinfo is None:
            return
        exc = call.excinfo.value if call.excinfo is not None else None
        replied = self._submission is not None and self._submission.replies > self._replies_before
        outcome = classify(exc, call.when, replied or any(exc is e for e in self._blamed),
                           self._problem.root)
        if outcome.kind is Kind.UNUSABLE:
            self._blamed.append(exc)  # a cached fixture error re-raised later: the same blame
        if outcome.subject not in self._judge_names:
            outcome.subject = ""
        outcome.tainted = self._hidden_started and self._spec(item).sample
        if call.when == "call":
            study = _spec_name(item) == self._problem.self_study
            metrics.credit(outcome, self._metrics.get(item.nodeid), study)
        log = self._submission.log if self._submission else None
        if log is not None:
            outcome.calls = log.lines()
            outcome.output = "".join(log.output)
        outcome.time_s = call.duration
        if call.when == "call":
            outcome.detail_note = "\n".join(self._notes.get(item.nodeid, []))
        if call.when == "call" or outcome.verdict is not Verdict.ACCEPTED:
            self.outcomes.setdefault(_spec_name(item), []).append(outcome)


def _spec_name(item) -> str:
    name = getattr(item, "originalname", None) or item.name
    return name[len("test_"):] if name.startswith("test_") else name


def _string_literals(path) -> set[str]:
    """The short string constants in a test module: the names its author chose."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    return {n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) <= 60}
