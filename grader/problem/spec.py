"""The model of a problem: its spec, ``problem.yaml``, as data.

``Problem.load`` reads and checks a folder's spec (``grader.problem.reader``);
the format is documented in the README ("Problem format").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..limits import Limits

# module: PyTorch problems (the child preloads torch); application: train on a
# task within a budget, scored by a metric (see README, "Application tasks");
# quiz: concept questions answered in a YAML file, graded as data with no
# child process (grader.quiz; README, "Quizzes").
KINDS = ("function", "module", "application", "quiz")
VISIBILITIES = ("sample", "hidden")
DTYPES = ("float64", "float32")
DEFAULT_TOLERANCES = {"float64": (1e-8, 1e-6), "float32": (1e-5, 1e-4)}
DEFAULT_FORBIDDEN = ("torch", "tensorflow", "jax", "jaxlib", "keras", "flax", "sklearn",
                     "scipy", "theano", "mxnet", "paddle", "autograd", "cupy")


@dataclass(frozen=True)
class Tolerance:
    atol: float
    rtol: float


@dataclass(frozen=True)
class EntryPoint:
    name: str
    params: tuple[str, ...]
    returns: str = ""
    keywords: tuple[str, ...] = ()  # of params, those the tests pass by keyword
    optional: tuple[str, ...] = ()  # of params, those a submission may leave out (the tests
    #                                 then grade what it can do without them)

    @property
    def required(self) -> "EntryPoint":
        """This entry point without its optional parameters."""
        return EntryPoint(self.name, tuple(p for p in self.params if p not in self.optional),
                          self.returns, tuple(k for k in self.keywords if k not in self.optional))

    @property
    def signature(self) -> str:
        return f"{self.name}({', '.join(self.params)})"


@dataclass(frozen=True)
class TestSpec:
    name: str
    points: float
    visibility: str
    tolerances: dict[str, Tolerance]
    description: str = ""

    @property
    def sample(self) -> bool:
        return self.visibility == "sample"


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    kind: str
    root: Path
    statement: Path
    starter: Path | None  # None for a quiz: `init` draws its answer file from a seed
    entry_points: tuple[EntryPoint, ...]
    allowed: tuple[str, ...]
    forbidden: tuple[str, ...]
    limits: Limits
    tolerances: dict[str, Tolerance]
    tests: tuple[TestSpec, ...]
    spec_file: Path = field(repr=False, default=None)
    self_study: str = ""  # a test run only with --data, on the user's own data, for no points
    validate_seeds: tuple[int, ...] = (0,)  # seeds `validate` grades accepted solutions with
    kit: bool = False  # a candidate kit's copy (`lstm-judge kit`): sample tests only, no submit
    questions: tuple = ()  # a quiz's questions (grader.quiz.questions.Question), one test each
    quiz_code: Path | None = None  # a quiz's code module: draws parameters, computes keys

    @property
    def quiz(self) -> bool:
        return self.kind == "quiz"

    @property
    def tests_dir(self) -> Path:
        return self.root / "tests"

    @property
    def solutions_dir(self) -> Path:
        return self.root.parent.parent / "solutions" / self.id

    @property
    def max_score(self) -> float:
        return sum(t.points for t in self.tests)

    @property
    def run_order(self) -> tuple[TestSpec, ...]:
        """Samples first, then hidden tests, each in the spec's order: the order
        the tests run in (no sample runs in a child that has seen hidden data)
        and are reported in."""
        return tuple(sorted(self.tests, key=lambda t: not t.sample))

    def test(self, name: str) -> TestSpec:
        return next(t for t in self.tests if t.name == name)

    @classmethod
    def load(cls, root: Path) -> "Problem":
        """Read and check the spec in ``root``; a ``SpecError`` if malformed."""
        from .reader import SpecReader

        return SpecReader(Path(root)).problem()
