"""The spec's listing of tests and the test functions must match both ways."""

from __future__ import annotations

from ..errors import SpecError
from ..problem import Problem


def check_listing(problem: Problem, collected: dict[str, str]) -> None:
    """A ``SpecError`` unless every listed test has a function and every
    function (``collected``: test name -> file) is listed."""
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
