"""``--format gradescope`` end to end: every document is a valid results.json,
students read the candidate view (hidden tests after publication, in
judge-owned words), a judge error is a notice plus staff-only details, and
the exit codes are JSON's."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from canary import add_canary_test
from gradescope_schema import check

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions" / "cell"
REFERENCE = SOLUTIONS / "accepted" / "reference.py"
SPEC = yaml.safe_load((REPO / "problems" / "cell" / "problem.yaml").read_text(encoding="utf-8"))
POINTS = {t["name"]: t["points"] for t in SPEC["tests"]}
HIDDEN = {t["name"] for t in SPEC["tests"] if t["visibility"] == "hidden"}
STUDENTS_SEE = ("visible", "after_published")


def gradescope(cli, *args, code: int) -> dict:
    res = cli("submit", *args, "--format", "gradescope")
    assert res.code == code, res
    doc = res.json()  # the whole of stdout is the document
    check(doc)
    return doc


def by_name(doc: dict) -> dict[str, dict]:
    return {t["name"]: t for t in doc["tests"]}


def seen_by_students(doc: dict) -> str:
    return json.dumps([doc["output"]] + [t for t in doc["tests"] if t["visibility"] in STUDENTS_SEE])


def test_accepted_scores_every_point(cli):
    doc = gradescope(cli, "cell", REFERENCE, code=0)
    tests = by_name(doc)
    assert list(tests) == list(POINTS)
    assert doc["score"] == sum(POINTS.values()) == 100
    for name, test in tests.items():
        assert test["status"] == "passed" and test["score"] == test["max_score"] == POINTS[name]
        assert test["visibility"] == ("after_published" if name in HIDDEN else "visible")
        assert test["output"] == "accepted"
    assert doc["output_format"] == "text" and doc["stdout_visibility"] == "hidden"
    assert doc["extra_data"]["lstm_judge"]["view"] == "candidate"


def test_wrong_answer_keeps_its_partial_score_and_says_what_the_candidate_view_says(cli):
    path = SOLUTIONS / "wrong" / "no_b_hh.py"
    doc = gradescope(cli, "cell", path, code=1)
    machine = {t["name"]: t for t in cli("submit", "cell", path, "--format", "json").json()["tests"]}
    assert 0 < doc["score"] < 100 and doc["score"] == sum(t["score"] for t in doc["tests"])
    for name, test in by_name(doc).items():
        assert test["score"] == machine[name]["score"]
        assert test["status"] == ("passed" if machine[name]["verdict"] == "accepted" else "failed")
        if name in HIDDEN and test["status"] == "failed":
            assert test["output"] == f"wrong_answer\n{machine[name]['message']}"
            assert "[no-b_hh]" in test["output"] and "expected" not in test["output"]
    # The overall score waits for the hidden tests, as Gradescope's own total does.
    assert f"{doc['score']:g}/100" not in doc["output"] and "wrong_answer" not in doc["output"]
    assert "sample tests: 0 of 2 passed" in doc["output"]


@pytest.mark.slow
def test_a_metric_scored_test_keeps_a_fractional_score(cli, tmp_path):
    path = tmp_path / "shrunk_ar.py"
    path.write_text(textwrap.dedent("""\
        import numpy as np


        def train(series, budget_s):
            s = np.asarray(series, dtype=float)
            X = np.column_stack([s[i:len(s) - 3 + i] for i in range(3)] + [np.ones(len(s) - 3)])
            return np.linalg.lstsq(X, s[3:], rcond=None)[0].tolist()


        def predict(model, history):  # persistence, nudged a fifth of the way to an AR(3)
            h = list(history)[-3:]
            if len(h) < 3:
                return float(history[-1])
            return float(h[-1] + 0.2 * (np.dot(model[:3], h) + model[3] - h[-1]))
        """))
    doc = gradescope(cli, "forecast", path, code=1)
    walk = by_name(doc)["walk_forward"]
    assert 0 < walk["score"] < walk["max_score"] and walk["score"] != int(walk["score"]), walk
    assert walk["status"] == "failed" and walk["visibility"] == "after_published"
    assert walk["output"] == "wrong_answer\n`RMSE/persistence` did not reach the target"
    assert doc["score"] == pytest.approx(sum(t["score"] for t in doc["tests"]))


@pytest.mark.parametrize("path, verdict, reason", [
    (SOLUTIONS / "wrong" / "syntax_error.py", "compile_error", "does not parse"),
    (SOLUTIONS / "wrong" / "import_torch.py", "forbidden_import", "which this problem forbids"),
], ids=["compile_error", "forbidden_import"])
def test_a_whole_failure_fails_every_test_and_says_why_once(cli, path, verdict, reason):
    doc = gradescope(cli, "cell", path, code=1)
    assert doc["score"] == 0 and len(doc["tests"]) == len(POINTS)
    assert all(t["status"] == "failed" and t["output"] == verdict for t in doc["tests"])
    assert doc["output"].startswith(f"verdict: {verdict}   score: 0/100")
    assert json.dumps(doc).count(reason) == 1


def test_a_judge_error_in_a_test_is_a_notice_and_staff_only_details(cli, make_problem_copy):
    copy = make_problem_copy()
    copy.edit_tests("def test_batch_one(submission, check, rng):\n",
                    "def test_batch_one(submission, check, rng):\n"
                    "    {}['a key the judge forgot']  # the judge's own bug\n")
    doc = gradescope(cli, copy.root, REFERENCE, code=3)
    notice, details, *tests = doc["tests"]
    assert notice["visibility"] == "visible" and notice["score"] == 0
    assert notice["status"] == "failed" and "not your fault" in notice["output"]
    assert "contact the course staff" in notice["output"]
    assert details["visibility"] == "hidden" and "score" not in details
    assert "KeyError: 'a key the judge forgot'" in details["output"]
    assert "test_cell.py" in details["output"] and "test batch_one:" in details["output"]
    graded = by_name({"tests": tests})
    assert graded["batch_one"]["output"] == ("judge_error\nthe judge failed while running"
                                             " this test (not your fault)")
    assert all(t["status"] == "passed" for n, t in graded.items() if n != "batch_one")
    assert doc["score"] == 100 - POINTS["batch_one"]
    students = seen_by_students(doc)
    assert "KeyError" not in students and "Traceback" not in students and ".py" not in students
    assert doc["output"].startswith("verdict: judge_error\n")


def test_a_judge_error_before_any_test_still_writes_a_document(cli, make_problem_copy):
    copy = make_problem_copy()
    copy.tests_file.write_text("import no_such_module_for_the_judge\n"
                               + copy.tests_file.read_text(encoding="utf-8"))
    doc = gradescope(cli, copy.root, REFERENCE, code=3)
    assert doc["score"] == 0
    assert [t["visibility"] for t in doc["tests"]] == ["visible", "hidden"]
    assert "no_such_module_for_the_judge" in doc["tests"][1]["output"]
    assert "no_such_module_for_the_judge" not in seen_by_students(doc)


HOSTILE_OUTPUT = """\
import os

PAINT = "<script>alert('x')</script>\\x1b[2J\\x1b]0;all tests passed\\x07\\x1b[1A\\u202e"


def lstm_cell(*args):
    print(PAINT)
    os.write(1, PAINT.encode() + b"\\x00\\n")
    raise ValueError("\\udc80 " + PAINT)
"""


def test_what_a_submission_prints_is_plain_escaped_text(cli, tmp_path):
    path = tmp_path / "paints.py"
    path.write_text(HOSTILE_OUTPUT, encoding="utf-8")
    res = cli("submit", "cell", path, "--format", "gradescope")
    assert res.code == 1, res
    doc = res.json()
    check(doc)  # no control character in any name or output; every format is text
    tests = by_name(doc)
    for name, test in tests.items():
        if name in HIDDEN:
            assert test["output"] == "runtime_error\nraised an exception in `lstm_cell`"
        else:  # a sample shows what it printed: as text, escaped
            assert "<script>alert('x')</script>\\x1b[2J" in test["output"], test
            assert "\\u202e" in test["output"] and "\\x00" in test["output"]
    assert "\\u001b" not in res.out and "\\u0000" not in res.out  # not even JSON-escaped


LEAKS = REPO / "tests" / "hostile" / "leaks"
ATTACKS = ["count_and_exception_type", "class_name_of_answer", "print_in_later_calls"]


@pytest.fixture(scope="module")
def canary_problem(tmp_path_factory):
    """problems/cell with a first hidden test that sends a canary (as
    tests/hostile/test_leaks.py builds it), and the needles to look for."""
    import shutil

    root = tmp_path_factory.mktemp("canary") / "problems" / "cell"
    shutil.copytree(REPO / "problems" / "cell", root, ignore=shutil.ignore_patterns("__pycache__"))
    canary = "CANARY-" + "5eed" * 6
    add_canary_test(root, "cell", canary)
    hexes = canary[len("CANARY-"):][:8]
    return root, [canary, "CANARY-", hexes, str(int(hexes, 16))]


@pytest.mark.parametrize("attack", ATTACKS)
def test_hidden_data_a_submission_saw_stays_out_of_the_document(cli, tmp_path, canary_problem,
                                                                 attack):
    problem, needles = canary_problem
    path = tmp_path / f"{attack}.py"
    path.write_text("\n\n".join((LEAKS / name).read_text(encoding="utf-8") for name in
                                ("prelude.py", "cell/_base.py", f"cell/{attack}.py")))
    res = cli("submit", problem, path, "--format", "gradescope")
    assert res.code in (0, 1), res
    doc = res.json()
    check(doc)
    assert not [n for n in needles if n in res.out + res.err], res
    for test in doc["tests"]:
        own_words = re.sub(r"`[^`]*`", "", test["output"])
        if test["name"] in HIDDEN | {"canary"}:
            assert not re.search(r"\d", own_words), test
    # The control: the staff view shows what the attack got hold of.
    staff = cli("submit", problem, path, "--format", "json", "--view", "staff")
    assert any(n in staff.out for n in needles), staff


@pytest.mark.parametrize("option", [["--view", "staff"], ["--reveal"]], ids=["staff", "reveal"])
def test_the_staff_view_is_refused_before_grading(cli, option):
    res = cli("submit", "cell", REFERENCE, "--format", "gradescope", *option)
    assert res.code == 2 and res.out == "", res
    assert len(res.err.strip().splitlines()) == 1 and "staff view" in res.err, res
