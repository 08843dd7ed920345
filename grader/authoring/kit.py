"""``lstm-judge kit``: what a candidate may have of some problems, in a folder.

For each problem, a folder named by its id holding its statement, starter,
sample tests (cut out of its test modules by ``sample_tests``), the data
files those tests name (with the data's ``PROVENANCE.md``), and its spec
listing only the sample tests, marked ``kit: true`` so that ``submit``
refuses it; and the kit's README.md.  Never the hidden tests, the
solutions, or data that only hidden tests read.  Everything is planned in
memory before anything is written, so a refused problem leaves no
half-written kit.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import BadInput
from ..problem import Problem
from .kit_readme import readme
from .sample_tests import sample_modules

PROVENANCE = "PROVENANCE.md"  # the data's source and licence: goes wherever the data goes
SPEC_HEADER = ("# A candidate kit's copy of this problem, written by `lstm-judge kit`: its sample\n"
               "# tests only (kit: true), so `lstm-judge submit` refuses it.\n")


def write_kit(problems: list[Problem], out: Path) -> dict[str, bytes]:
    """Write the kit of ``problems`` into ``out`` (a new or empty folder);
    return what was written, by path relative to ``out``."""
    files = plan(problems)
    _prepare(out)
    for rel, content in files.items():
        target = out / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as exc:
            raise BadInput(str(target), f"cannot write ({exc.strerror})") from None
    for problem in problems:
        Problem.load(out / problem.id)  # what was written reads as a kit's spec
    return files


def plan(problems: list[Problem]) -> dict[str, bytes]:
    """Every file of the kit, by path relative to its folder."""
    seen: dict[str, Problem] = {}
    for problem in problems:
        if problem.id in seen:
            raise BadInput(problem.id, f"named twice ({seen[problem.id].root} and"
                                       f" {problem.root}); a kit holds one folder per id")
        seen[problem.id] = problem
        if problem.quiz:
            raise BadInput(problem.id, "is a quiz: it has no kit (its key code must not leave"
                                       f" the judge); hand the candidate the answer file"
                                       f" `lstm-judge init {problem.id} --seed N` writes")
    files: dict[str, bytes] = {}
    for problem in problems:
        files.update(problem_files(problem))
    files["README.md"] = readme(problems).encode("utf-8")
    return files


def problem_files(problem: Problem) -> dict[str, bytes]:
    """One problem's files in a kit, under ``<id>/``."""
    modules = sample_modules(problem)
    out = {f"{problem.id}/problem.yaml": kit_spec(problem)}
    for path in (problem.statement, problem.starter):
        out[f"{problem.id}/{_inside(problem, path)}"] = _read(path)
    for name, (source, _) in modules.items():
        out[f"{problem.id}/tests/{name}"] = source.encode("utf-8")
    named = set().union(*(constants for _, constants in modules.values()))
    for path in sample_data(problem, named):
        out[f"{problem.id}/{_inside(problem, path)}"] = _read(path)
    return out


def kit_spec(problem: Problem) -> bytes:
    """The spec with its sample tests only, marked ``kit: true`` (comments,
    which may speak of hidden tests, are not kept)."""
    data = yaml.safe_load(problem.spec_file.read_text(encoding="utf-8"))
    data["tests"] = [t for t in data["tests"] if t.get("visibility") == "sample"]
    data = {"id": data.pop("id"), "kit": True, **data}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=None)
    return (SPEC_HEADER + text).encode("utf-8")


def sample_data(problem: Problem, named: set[str]) -> list[Path]:
    """The files in ``data/`` that the kept tests name in a string (by file
    name or by path), and the folder's PROVENANCE.md when any is kept."""
    folder = problem.root / "data"
    if not folder.is_dir():
        return []
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    kept = [p for p in files if {p.name, p.relative_to(folder).as_posix(),
                                 p.relative_to(problem.root).as_posix()} & named]
    notes = folder / PROVENANCE
    if kept and notes.is_file() and notes not in kept:
        kept.append(notes)
    return kept


def _prepare(out: Path) -> None:
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise BadInput(str(out), "is not a folder; --out must name a new or empty folder")
        if any(out.iterdir()):
            raise BadInput(str(out), "is not empty; --out must name a new or empty folder"
                                     " (a kit overwrites nothing)")
        return
    try:
        out.mkdir(parents=True)
    except OSError as exc:
        raise BadInput(str(out), f"cannot create the folder ({exc.strerror})") from None


def _inside(problem: Problem, path: Path) -> str:
    try:
        return path.resolve().relative_to(problem.root.resolve()).as_posix()
    except ValueError:
        raise BadInput(str(path), f"is outside {problem.root}; a kit copies only the"
                                  " problem's own files") from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BadInput(str(path), f"cannot read ({exc.strerror})") from None
