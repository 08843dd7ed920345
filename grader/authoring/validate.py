"""``lstm-judge validate``: is a problem sound?

Like Kattis' verifyproblem: the spec loads, every test is listed and
implemented, every accepted solution is accepted with full points, every
wrong solution gets the verdict (and hint, and kind of failure) it declares,
the starter scores 0 without breaking the judge, and the slowest accepted
solution stays within a third of the time limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput
from ..grading import grade
from ..problem import Problem
from ..scoring.failures import Kind
from ..verdict import Verdict
from .headers import declared

MARGIN = 3  # accepted solutions must run within 1/MARGIN of each time limit
KINDS = tuple(k.name.lower() for k in Kind)  # what `# kind:` may declare (JSON's "kind")


@dataclass
class Row:
    solution: str
    expected: str
    got: str
    score: str
    time_s: float
    ok: bool
    note: str = ""


BAD_INPUT = "bad_input"  # a quiz's wrong answer file may declare it: refused, exit 2


def validate(problem: Problem, force_level: str | None = None, jobs: int = 1) -> list[Row]:
    """Grade every solution and the starter (``jobs`` at a time) and check
    each against what it must get.  A quiz's solutions are answer files
    (``*.yaml``), each graded on the seed it records (so accepted/ holds keys
    for several seeds); its starter is the blank answer file that `init`
    writes for each of ``validate_seeds``; a wrong answer file may declare
    ``# expect: bad_input`` (refused with exit 2, as a file that is not YAML is)."""
    if problem.quiz:
        return _validate_quiz(problem)
    accepted = sorted((problem.solutions_dir / "accepted").glob("*.py"))
    wrong = sorted((problem.solutions_dir / "wrong").glob("*.py"))
    rows, work = [], []
    if not accepted:
        rows.append(Row(str(problem.solutions_dir / "accepted"), "accepted", "-", "-", 0, False,
                        f"no accepted solutions: looked for *.py in"
                        f" {(problem.solutions_dir / 'accepted').resolve()}"))
    work += [("accepted", p, s) for p in accepted for s in problem.validate_seeds]
    for path in wrong:
        expect = declared(path).get("expect", "")
        if expect not in {v.value for v in Verdict} - {"accepted", "judge_error"}:
            rows.append(Row(str(path), expect or "?", "-", "-", 0, False,
                            "declares no verdict (`# expect: <verdict>` on a first line)"))
        else:
            work.append(("wrong", path, None))
    work.append(("starter", problem.starter, None))
    results = _grade_all(problem, [(path, seed) for _, path, seed in work], force_level, jobs)
    for (role, path, seed), result in zip(work, results):
        rows.append(_check(problem, role, path, seed, result))
    return rows


def _grade_all(problem: Problem, jobs_list, force_level, jobs: int):
    if jobs <= 1 or len(jobs_list) < 2:
        return [grade(problem, path, force_level=force_level, seed=seed) for path, seed in jobs_list]
    import concurrent.futures
    import multiprocessing

    # spawn, not fork: a judge that has run torch would deadlock its forked copies.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context) as pool:
        futures = [pool.submit(_grade_job, problem.root, path, seed, force_level)
                   for path, seed in jobs_list]
        results = []
        for future in futures:
            result = future.result()
            if isinstance(result, _Refused):  # a SpecError, say: the same one line as -j 1
                pool.shutdown(wait=True, cancel_futures=True)
                raise result.error_class(result.where, result.what)
            results.append(result)
        return results


@dataclass
class _Refused:
    """A ``BadInput`` raised in a worker, sent back as data: the exception
    itself does not survive pickling (its ``__init__`` takes two arguments),
    which would break the whole pool."""

    error_class: type
    where: str
    what: str


def _grade_job(root: Path, path: Path, seed, force_level):
    try:
        return grade(Problem.load(root), path, force_level=force_level, seed=seed)
    except BadInput as exc:
        return _Refused(type(exc), exc.where, exc.what)


def _check(problem: Problem, role: str, path: Path, seed, result) -> Row:
    """One solution's row: did it get what it must?"""
    limits = problem.limits
    if role == "starter":
        ok = result.score == 0 and result.verdict is not Verdict.JUDGE_ERROR
        return _row(path, "score 0", result, ok, "" if ok else _failures(result))
    if role == "accepted":
        ok = result.verdict is Verdict.ACCEPTED and result.score == result.max_score
        note = _failures(result) if not ok else ""
        if problem.kind == "application":
            # Training is meant to use its budget: only the total limit applies.
            if ok and result.time_s > limits.total_s:
                ok, note = False, f"took {result.time_s:.2f}s, over the {limits.total_s:g}s limit"
        elif ok and result.max_call_s > limits.call_s / MARGIN:
            ok, note = False, (f"slowest call {result.max_call_s:.2f}s is over 1/{MARGIN} of"
                               f" the {limits.call_s:g}s limit")
        elif ok and result.time_s > limits.total_s / MARGIN:
            ok, note = False, (f"took {result.time_s:.2f}s, over 1/{MARGIN} of the"
                               f" {limits.total_s:g}s total limit")
        label = "accepted" + (f" (seed {seed})" if len(problem.validate_seeds) > 1 else "")
        return _row(path, label, result, ok, note)
    want = declared(path)
    expect, hint = want["expect"], want.get("hint")
    ok = result.verdict.value == expect and result.score < result.max_score
    note = "" if ok else _failures(result)
    if ok and hint and not any(f"[{hint}]" in t.hint for t in result.tests):
        ok, note = False, f"no test gave the hint [{hint}]"
    kind = want.get("kind")
    if ok and kind and kind not in KINDS:
        ok, note = False, f"declares `# kind: {kind}`, not one of {', '.join(KINDS)}"
    elif ok and kind and not any(t.verdict is not Verdict.ACCEPTED and t.kind.name.lower() == kind
                                 for t in result.tests):
        ok, note = False, f"no test failed with the kind `{kind}`"
    ceiling = _ceiling(want.get("score"))
    if ok and ceiling is not None and result.score > ceiling:
        ok, note = False, f"scored {result.score:g}, over the declared `# score: <= {ceiling:g}`"
    label = expect + (f" [{hint}]" if hint else "") + (f" ({kind})" if kind else "")
    return _row(path, label, result, ok, note)


def _validate_quiz(problem: Problem) -> list[Row]:
    """A quiz's checks: nothing runs, so one at a time, in this process."""
    import tempfile

    from .quiz_starter import blank_answer_file

    folder = problem.solutions_dir
    accepted = sorted((folder / "accepted").glob("*.yaml"))
    rows = []
    if not accepted:
        rows.append(Row(str(folder / "accepted"), "accepted", "-", "-", 0, False,
                        f"no accepted answer files: looked for *.yaml in"
                        f" {(folder / 'accepted').resolve()}"))
    for path in accepted:
        result = grade(problem, path)
        rows.append(_check(problem, "accepted", path, result.seed, result))
    verdicts = {v.value for v in Verdict} - {"accepted", "judge_error"}
    for path in sorted((folder / "wrong").glob("*.yaml")):
        expect = declared(path).get("expect", "")
        if expect == BAD_INPUT:
            rows.append(_refused(problem, path))
        elif expect not in verdicts:
            rows.append(Row(str(path), expect or "?", "-", "-", 0, False,
                            "declares no verdict (`# expect: <verdict>` on a first line)"))
        else:
            rows.append(_check(problem, "wrong", path, None, grade(problem, path)))
    with tempfile.TemporaryDirectory(prefix="lstm-judge-validate-") as temp:
        for seed in problem.validate_seeds:
            path = Path(temp) / f"{problem.id}-seed{seed}.yaml"
            path.write_text(blank_answer_file(problem, seed), encoding="utf-8")
            row = _check(problem, "starter", path, None, grade(problem, path))
            row.solution = f"{problem.id}/init --seed {seed}"
            rows.append(row)
    return rows


def _refused(problem: Problem, path: Path) -> Row:
    """A wrong answer file that must be refused as bad input (exit 2), naming the line."""
    try:
        result = grade(problem, path)
    except BadInput as exc:
        return Row(str(path), BAD_INPUT, BAD_INPUT, "-", 0, True, "" if "line" in exc.what
                   else f"refused, but without naming a line: {exc.what}"[:300])
    return _row(path, BAD_INPUT, result, False, "was graded, not refused as bad input")


def _ceiling(text: str | None) -> float | None:
    """``# score: <= 5`` declares the most a (baseline) solution may score."""
    match = re.fullmatch(r"<=\s*([0-9.]+)", text or "")
    return float(match.group(1)) if match else None


def _row(path: Path, expected: str, result, ok: bool, note: str) -> Row:
    score = f"{result.score:g}/{result.max_score:g}"
    return Row(str(path), expected, result.verdict.value, score, result.time_s, ok, note)


def _failures(result) -> str:
    bad = [t for t in result.tests if t.verdict is not Verdict.ACCEPTED]
    if not bad:
        return "every test passed"
    first = bad[0]
    return f"{first.name}: {first.verdict.value}: {first.message(view='staff')}"[:300]


def render(problem: Problem, rows: list[Row]) -> str:
    width = max(len(Path(r.solution).name) for r in rows)
    lines = [f"validate {problem.id}: {len(rows)} checks"]
    for r in rows:
        mark = "ok  " if r.ok else "FAIL"
        lines.append(f"  {mark} {Path(r.solution).parent.name + '/' + Path(r.solution).name:<{width + 10}}"
                     f" expect {r.expected:<34} got {r.got:<22} {r.score:>8} {r.time_s:5.2f}s")
        if r.note:
            lines.append(f"       {r.note}")
    failed = sum(not r.ok for r in rows)
    lines.append(f"{problem.id}: " + ("sound" if not failed else f"{failed} check(s) failed"))
    return "\n".join(lines)
