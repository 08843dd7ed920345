"""Hidden stays hidden: attacks on the judge's feedback and bookkeeping.

The sandbox keeps a submission from reading hidden tests; these attacks take
the other way out: a submission *is sent* hidden inputs, and tries to get
them (or anything it learned from them) back to the candidate through what
the judge shows, or to turn its own failure into a judge_error.  Each file
under ``leaks/<problem>/`` is one attack on a *canary problem*: a copy of
``problems/<problem>`` whose first hidden test sends a canary string
(``CANARY-<24 hex>``) through the problem's ordinary interface.  Every file
is put after ``leaks/prelude.py`` (``look(*args)`` finds the canary and keeps
it in ``SECRET``) and the problem's ``_base.py`` (its correct code: ``_cell``,
``_Reference``), and starts with header lines:

``# expect: <verdict> | <verdict>``  the verdicts it may honestly get
``# why: ...``                      the channel it tries
``# control: canary | flags | time | escape | none``  what its control run shows

Each attack is graded in the candidate view (the default), as JSON and as
text, and must show no trace of what it learned: no canary, none of its
first 8 hex digits, not their value in decimal; no digit in a hidden test's
message outside a `subject` (the candidate vocabulary has none, and a subject
is a literal of the test's own code); no flags; every time in
whole tenths; no raw terminal escape from the child in the text report, even
on a terminal; and the verdict it expects (never judge_error).  The control
run reads it in the staff view, where the same thing *is* shown: proof that
the attack really obtained the hidden data and really used the channel.  The
control is the staff document of the *same* grading that gave the candidate
view's JSON (``submit`` records the staff view in the gradebook it is given),
so each attack is graded once for JSON, once for text, not a third time for
its control; the two tests share that grading through ``graded`` and either
runs alone.  The text grading runs at the same time as the JSON one, each
judge with a TMPDIR of its own, both checked empty after.
"""

from __future__ import annotations

import json
import os
import pty
import re
import secrets
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import judge_cli
from canary import CANARY_TESTS, add_canary_test
import pytest
import yaml

from grader.authoring.headers import declared

HERE = Path(__file__).resolve().parent
LEAKS = HERE / "leaks"
PRELUDE = (LEAKS / "prelude.py").read_text(encoding="utf-8")
REPO = judge_cli.REPO_ROOT
LIMITS = {
    "cell": {"call_s": 2, "total_s": 8},
    "network": {"call_s": 6, "total_s": 30},
    "sentiment": {"train_s": 2, "call_s": 6, "total_s": 30},
    "training": {},
}
RAW_ESCAPES = (b"\x1b[2J", b"\x1b]0;", b"\x1b[1A")  # what the escape attack prints

def cases():
    out = []
    for path in sorted(LEAKS.glob("*/[!_]*.py")):
        headers = declared(path)
        out.append(pytest.param(path, headers, id=f"{path.parent.name}/{path.stem}"))
    return out


CASES = cases()


def make_problem(root: Path, name: str, canary: str) -> Path:
    problem = root / "problems" / name
    shutil.copytree(REPO / "problems" / name, problem, ignore=shutil.ignore_patterns("__pycache__"))
    spec_file = problem / "problem.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    spec.setdefault("limits", {}).update(LIMITS[name])
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    if name in CANARY_TESTS:
        add_canary_test(problem, name, canary)
    return problem


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("leaks")
    canary = "CANARY-" + secrets.token_hex(12)
    problems = {name: make_problem(root, name, canary) for name in LIMITS}
    judge_tmp = root / "judge-tmp"
    judge_tmp.mkdir()
    text_tmp = root / "judge-tmp-text"  # the text grading's, which runs beside the JSON one
    text_tmp.mkdir()
    hexes = canary[len("CANARY-"):][:8]
    return {"root": root, "canary": canary, "problems": problems, "judge_tmp": judge_tmp,
            "text_tmp": text_tmp,
            "needles": [canary, "CANARY-", hexes, str(int(hexes, 16))]}


def materialise(world, path: Path) -> Path:
    target = world["root"] / "subs" / f"{path.parent.name}-{path.stem}.py"
    target.parent.mkdir(exist_ok=True)
    base = path.parent / "_base.py"  # the problem's correct code, which most attacks wrap
    parts = [PRELUDE, base.read_text(encoding="utf-8") if base.exists() else "",
             path.read_text(encoding="utf-8")]
    text = "\n\n".join(parts)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")  # (never under a judge reading it)
    return target


def grade(world, path: Path, problem: str, *options: str) -> judge_cli.CliResult:
    env = judge_cli.environment(TMPDIR=str(world["judge_tmp"]))
    result = judge_cli.run("submit", world["problems"][problem], path, *options, env=env,
                           timeout=120)
    left = list(world["judge_tmp"].iterdir())
    assert not left, f"the judge left {left} in its TMPDIR"
    return result


def start_text(world, path: Path, problem: str):
    """The text report's grading, started: it runs while the JSON grading
    runs (two judges, each with a TMPDIR of its own; its output goes to
    files, so that a full pipe never holds it up)."""
    env = judge_cli.environment(TMPDIR=str(world["text_tmp"]))
    out, err = (tempfile.TemporaryFile(dir=world["root"]) for _ in range(2))
    proc = judge_cli.start("submit", world["problems"][problem], path, env=env,
                           stdin=subprocess.DEVNULL, stdout=out, stderr=err)
    return proc, out, err


def finish_text(world, started) -> judge_cli.CliResult:
    proc, out, err = started
    try:
        proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(f"lstm-judge {' '.join(map(str, proc.args[3:]))} ran past 120 s")
    texts = []
    for f in (out, err):
        f.seek(0)
        texts.append(f.read().decode("utf-8", "replace"))
        f.close()
    left = list(world["text_tmp"].iterdir())
    assert not left, f"the judge left {left} in its TMPDIR"
    return judge_cli.CliResult(tuple(map(str, proc.args[3:])), proc.returncode, *texts)


@pytest.fixture(scope="module")
def graded(world):
    """``graded(path)`` -> (submission, candidate CliResult, staff document):
    the attack graded once in the candidate view as JSON, with a gradebook
    of its own, from which the staff view of that same result is read."""
    cache = {}

    def grade_once(path: Path):
        if path not in cache:
            problem = path.parent.name
            submission = materialise(world, path)
            book = world["root"] / "books" / f"{problem}-{path.stem}.sqlite3"
            result = grade(world, submission, problem, "--format", "json", "--gradebook", book)
            assert book.exists(), result
            cache[path] = submission, result, judge_cli.staff_document(book)
        return cache[path]

    return grade_once


def on_a_terminal(world, path: Path, problem: str) -> bytes:
    """The text report as a terminal gets it (click keeps escapes only for a tty)."""
    primary, secondary = pty.openpty()
    env = judge_cli.environment(TMPDIR=str(world["judge_tmp"]), COLUMNS="200")
    proc = subprocess.Popen(judge_cli.command("submit", world["problems"][problem], path),
                            cwd=REPO, env=env, stdin=secondary, stdout=secondary,
                            stderr=secondary)
    os.close(secondary)
    out = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 1)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the judge exited and the terminal closed
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(primary)
    return out


def whole_tenths(value) -> bool:
    return abs(value * 10 - round(value * 10)) < 1e-9


def leaks_in(world, result: judge_cli.CliResult, doc: dict) -> list[str]:
    """Everything the candidate view shows that it must not."""
    found = [f"{needle!r} is in the output" for needle in world["needles"]
             if needle in result.out + result.err]
    for test in doc.get("tests", []):
        # (a `subject` is a literal of the test's own code, which may hold digits)
        own_words = re.sub(r"`[^`]*`", "", test["message"] or "")
        if test["visibility"] == "hidden" and re.search(r"\d", own_words):
            found.append(f"a number in hidden test {test['name']}'s message: {test['message']!r}")
        if not whole_tenths(test["time_s"]):
            found.append(f"test {test['name']}'s time {test['time_s']} is finer than tenths")
    if doc.get("flags"):
        found.append(f"flags are shown: {doc['flags']}")
    for field in ("time_s", "max_call_s"):
        if not whole_tenths(doc.get(field, 0)):
            found.append(f"{field} {doc[field]} is finer than tenths")
    return found


@pytest.mark.parametrize("path, headers", CASES)
def test_the_candidate_view_shows_nothing_of_what_it_learned(world, graded, path, headers):
    problem = path.parent.name
    expected = {v.strip() for v in headers["expect"].split("|")}
    text_run = start_text(world, materialise(world, path), problem)
    try:
        submission, machine, _ = graded(path)
    finally:
        text = finish_text(world, text_run)
    doc = machine.json()
    assert machine.code in (0, 1), machine
    assert doc["verdict"] in expected, machine
    assert doc["view"] == "candidate"
    found = leaks_in(world, machine, doc)
    assert text.code == machine.code and "Traceback" not in text.err, text
    found += [f"(text) {needle!r} is in the output" for needle in world["needles"]
              if needle in text.out + text.err]
    if "tried to" in text.out:
        found.append("(text) the flags are shown")
    if headers.get("control") == "escape":
        screen = on_a_terminal(world, submission, problem)
        found += [f"(terminal) the raw escape {raw!r} reached the screen"
                  for raw in RAW_ESCAPES if raw in screen]
        assert b"verdict:" in screen, screen[-2000:]
    assert not found, "\n".join(found) + f"\n{machine}"


CONTROLS = [c for c in CASES if c.values[1].get("control", "none") != "none"]


@pytest.mark.parametrize("path, headers", CONTROLS)
def test_the_attack_works_in_the_staff_view(world, graded, path, headers):
    """The control: in the staff view (everything shown) the channel carries
    what the attack learned, so the candidate view's silence is the defence.
    The staff view is that of the grading the candidate view came from."""
    _, result, doc = graded(path)
    staff = json.dumps(doc, indent=2)  # as `--format json --view staff` prints it
    assert doc["view"] == "staff", result
    control = headers["control"]
    if control == "canary":
        assert any(needle in staff for needle in world["needles"]), f"{staff[-3000:]}\n{result}"
    elif control == "flags":
        assert doc["flags"], staff[-3000:]
    elif control == "time":
        times = [t["time_s"] for t in doc["tests"]] + [doc["time_s"], doc["max_call_s"]]
        assert not all(whole_tenths(t) for t in times), staff[-3000:]
    elif control == "escape":
        outputs = json.dumps([t.get("output", "") + t["message"] for t in doc["tests"]])
        assert "\\u001b[2J" in outputs, staff[-3000:]
    else:
        raise AssertionError(f"{path}: unknown control {control!r}")


ESCAPES = LEAKS / "cell" / "terminal_escapes_and_surrogates.py"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_the_text_report_survives_a_narrow_locale(world, encoding):
    """stdout in an encoding that cannot take the report's own marks (✓) nor
    what the child sent (a lone surrogate): the report is written whole, what
    does not fit escaped; it used to end as a judge_error, exit 3, with
    nothing printed.  The control is in the report itself: it holds
    characters that the encoding cannot take."""
    env = judge_cli.environment(TMPDIR=str(world["judge_tmp"]), PYTHONIOENCODING=encoding)
    proc = subprocess.run(judge_cli.command("test", world["problems"]["cell"],
                                            materialise(world, ESCAPES)),
                          cwd=REPO, env=env, capture_output=True, timeout=120)
    out, err = proc.stdout.decode(encoding), proc.stderr.decode(encoding)
    shown = f"exit {proc.returncode}\n{out[-3000:]}\n{err[-2000:]}"
    assert proc.returncode == 1 and "Traceback" not in err, shown
    assert "verdict: runtime_error" in out, shown
    assert "\\u2713" in out, shown  # the report's own ✓, escaped
    assert "\\udc80" in out, shown  # the child's surrogate, shown as an escape
    assert not list(world["judge_tmp"].iterdir())
