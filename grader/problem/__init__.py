"""Problems: the spec of a problem folder (model and YAML reader), where
problems are found, and how a statement is shown."""

from .lookup import all_problems, find, problem_roots
from .spec import EntryPoint, Problem, TestSpec, Tolerance

__all__ = ["Problem", "TestSpec", "EntryPoint", "Tolerance", "find", "all_problems",
           "problem_roots"]
