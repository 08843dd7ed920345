"""Where problems come from: a folder named by path, or an id looked up in
the problem roots."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BadInput, SpecError
from .spec import Problem

REPO = Path(__file__).resolve().parent.parent.parent
INSTALLED = REPO / "problems"  # the problems beside the installed package


def find(name: str) -> Problem:
    """A problem named by its folder, as a path (``problems/cell``, ``./cell``),
    or by its id (``cell``), which resolves only from trusted places
    (``problem_roots``): a folder that happens to be in the working
    directory is never picked up by id."""
    if is_path(name):
        path = Path(name)
        if (path / "problem.yaml").is_file():
            return Problem.load(path)
        if path.is_dir():
            raise BadInput(str(path), "not a problem folder (no problem.yaml)")
        raise BadInput(name, "no such problem folder")
    for base in problem_roots():
        if (base / name / "problem.yaml").is_file():
            return Problem.load(base / name)
    raise BadInput(name, "no such problem (try `lstm-judge list`; name a local folder as a path,"
                         " e.g. ./" + name + ")")


def is_path(name: str) -> bool:
    return "/" in name or name in (".", "..") or name.startswith("~")


def problem_roots() -> list[Path]:
    """Where problems are looked up by id: the folders in $LSTM_JUDGE_PROBLEMS
    (``:``-separated), then the problems installed with the judge.  Never
    the working directory."""
    roots = [Path(p) for p in os.environ.get("LSTM_JUDGE_PROBLEMS", "").split(os.pathsep) if p]
    roots.append(INSTALLED)
    seen, out = set(), []
    for root in roots:
        key = root.resolve()
        if key not in seen and root.is_dir():
            seen.add(key)
            out.append(root)
    return out


def all_problems(errors: list[SpecError] | None = None) -> list[Problem]:
    """Every problem found; with ``errors``, malformed ones are collected
    there instead of stopping the search."""
    found: dict[str, Problem] = {}
    for base in problem_roots():
        for spec in sorted(base.glob("*/problem.yaml")):
            if spec.parent.name in found:
                continue
            try:
                found[spec.parent.name] = Problem.load(spec.parent)
            except SpecError as exc:
                if errors is None:
                    raise
                errors.append(exc)
    return list(found.values())
