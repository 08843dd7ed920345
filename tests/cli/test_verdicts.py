"""Every verdict end to end through the CLI, the JSON schema, and what
hidden tests may (not) show.  A grading of a repository solution that
several tests read is run once (``judge_cli.run_once``)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from judge_cli import VERDICTS, run_once

from grader.authoring.headers import declared as headers

REPO = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((REPO / "problems" / "cell" / "problem.yaml").read_text(encoding="utf-8"))
SOLUTIONS = REPO / "solutions" / "cell"
ACCEPTED = sorted((SOLUTIONS / "accepted").glob("*.py"))
WRONG = sorted((SOLUTIONS / "wrong").glob("*.py"))
SAMPLE = [t["name"] for t in SPEC["tests"] if t["visibility"] == "sample"]
HIDDEN = [t["name"] for t in SPEC["tests"] if t["visibility"] == "hidden"]
DECIMAL = re.compile(r"\d\.\d")  # any printed float, e.g. an expected value


def wrong_cases():
    for path in WRONG:
        slow = headers(path).get("expect") == "time_limit_exceeded"
        yield pytest.param(path, id=path.stem, marks=[pytest.mark.slow] if slow else [])


def by_name(doc: dict) -> dict[str, dict]:
    return {t["name"]: t for t in doc["tests"]}


def write(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


# A correct cell that prints during each call.
CORRECT_BODY = """
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i, f = _sigmoid(z[:, :H]), _sigmoid(z[:, H:2 * H])
    g, o = np.tanh(z[:, 2 * H:3 * H]), _sigmoid(z[:, 3 * H:])
    c = f * c_prev + i * g
    return o * np.tanh(c), c
"""
PRINTS = """\
import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    print("MARKER-FROM-SUBMISSION", x.shape)
""" + textwrap.indent(textwrap.dedent(CORRECT_BODY), "    ")


# --------------------------------------------------------------------------- the solution folders


def test_solution_folders_are_populated():
    assert len(ACCEPTED) >= 2
    assert len(WRONG) >= 5
    for path in WRONG:
        assert headers(path).get("expect") in VERDICTS - {"accepted", "judge_error"}, path


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda p: p.stem)
def test_accepted_solutions(path):
    res = run_once("submit", "cell", path, "--format", "json")
    doc = res.json()
    assert res.code == 0, res
    assert doc["verdict"] == "accepted"
    assert doc["score"] == doc["max_score"] == 100
    assert [t["verdict"] for t in doc["tests"]] == ["accepted"] * len(SPEC["tests"])
    assert all(t["message"] == "" for t in doc["tests"])


@pytest.mark.parametrize("path", list(wrong_cases()))
def test_wrong_solutions(path):
    want = headers(path)
    res = run_once("submit", "cell", path, "--format", "json")
    doc = res.json()
    assert res.code == 1, res
    assert doc["verdict"] == want["expect"], res
    assert doc["score"] < doc["max_score"]
    assert any(t["verdict"] == want["expect"] for t in doc["tests"])
    failing = [t for t in doc["tests"] if t["verdict"] != "accepted"]
    assert failing and all(t["message"] for t in failing), "every failing test says why"
    if "hint" in want:
        assert any(f"[{want['hint']}]" in (t["hint"] or "") for t in doc["tests"]), res
        assert any(f"[{want['hint']}]" in t["message"] for t in failing)
    if "kind" in want:
        assert any(t["kind"] == want["kind"] for t in failing), res


# --------------------------------------------------------------------------- judge_error


def test_judge_error_in_a_test_body_is_not_the_submissions_fault(cli, make_problem_copy):
    copy = make_problem_copy()
    copy.edit_tests("def test_batch_one(submission, check, rng):\n",
                    "def test_batch_one(submission, check, rng):\n"
                    "    {}['a key the judge forgot']  # the judge's own bug\n")
    reference = SOLUTIONS / "accepted" / "reference.py"

    res = cli("submit", copy.root, reference, "--format", "json")
    doc = res.json()
    assert res.code == 3, res
    assert doc["verdict"] == "judge_error"
    tests = by_name(doc)
    assert tests["batch_one"]["verdict"] == "judge_error"
    assert "not your fault" in tests["batch_one"]["message"]
    # Every other test still judges the (correct) submission correct.
    others = [t for t in doc["tests"] if t["name"] != "batch_one"]
    assert others and all(t["verdict"] == "accepted" for t in others)
    assert doc["score"] == sum(t["max_score"] for t in others)

    text = cli("submit", copy.root, reference)
    assert text.code == 3, text
    assert "judge_error" in text.out and "not your fault" in text.out


# --------------------------------------------------------------------------- JSON schema


def test_json_schema():
    res = run_once("submit", "cell", SOLUTIONS / "wrong" / "no_b_hh.py", "--format", "json")
    doc = res.json()  # the whole of stdout is the document
    assert res.code == 1, res
    assert res.out.lstrip().startswith("{") and res.out.rstrip().endswith("}")

    assert doc["problem"] == "cell"
    assert doc["verdict"] in VERDICTS
    assert isinstance(doc["seed"], int)
    assert isinstance(doc["isolation"], dict)
    assert isinstance(doc["isolation"]["level"], str) and doc["isolation"]["level"]
    assert isinstance(doc["score"], (int, float)) and isinstance(doc["max_score"], (int, float))
    assert doc["max_score"] == sum(t["points"] for t in SPEC["tests"])

    assert [t["name"] for t in doc["tests"]] == [t["name"] for t in SPEC["tests"]]
    for test, spec in zip(doc["tests"], SPEC["tests"]):
        for key in ("name", "visibility", "verdict", "score", "max_score", "message", "time_s"):
            assert key in test, (key, test)
        assert test["visibility"] == spec["visibility"]
        assert test["max_score"] == spec["points"]
        assert test["verdict"] in VERDICTS
        assert test["score"] == (spec["points"] if test["verdict"] == "accepted" else 0)
        assert isinstance(test["message"], str)
        assert isinstance(test["time_s"], (int, float)) and test["time_s"] >= 0
    assert doc["score"] == sum(t["score"] for t in doc["tests"])


# --------------------------------------------------------------------------- test vs submit, detail


def test_test_runs_only_sample_tests_with_detail(cli):
    path = SOLUTIONS / "wrong" / "no_b_hh.py"
    res = run_once("test", "cell", path, "--format", "json")
    doc = res.json()
    assert res.code == 1, res
    assert [t["name"] for t in doc["tests"]] == SAMPLE
    assert all(t["visibility"] == "sample" for t in doc["tests"])
    assert doc["max_score"] == sum(t["points"] for t in SPEC["tests"] if t["visibility"] == "sample")

    text = cli("test", "cell", path)
    assert text.code == 1, text
    assert "expected" in text.out and "got" in text.out
    assert not any(name in text.out for name in HIDDEN)


def test_test_accepts_a_correct_cell_on_the_samples():
    res = run_once("test", "cell", SOLUTIONS / "accepted" / "reference.py", "--format", "json")
    doc = res.json()
    assert res.code == 0, res
    assert doc["verdict"] == "accepted" and doc["score"] == doc["max_score"] > 0


@pytest.mark.parametrize("problem, solution, name", [
    ("cell", "inplace_c_prev.py", "c_prev"),
    ("sequence", "inplace_c0.py", "c0"),
    ("cell_backward", "inplace_dc.py", "dc"),
    ("bptt", "modifies_dout.py", "dout"),
], ids=lambda v: v if "." not in v else "")
def test_test_reports_an_input_modified_in_place(cli, problem, solution, name):
    """`test` (sample tests only) already catches an in-place update of an
    input, and says which input, where and how it changed."""
    path = REPO / "solutions" / problem / "wrong" / solution
    assert headers(path).get("kind") == "modified", "the solution declares what it is for"
    res = cli("test", problem, path, "--format", "json")
    assert res.code == 1, res
    doc = res.json()
    assert doc["mode"] == "test" and doc["verdict"] == "wrong_answer"
    for test in doc["tests"]:
        assert test["visibility"] == "sample"
        assert test["verdict"] == "wrong_answer" and test["kind"] == "modified", test
        assert f"modified its input `{name}` in place" in test["message"], test
        assert f"`{name}[0, " in test["message"] and "after the call" in test["message"], test

    text = cli("test", problem, path)
    assert f"modified its input `{name}` in place" in text.out, text


def test_hidden_tests_show_no_detail_unless_revealed(cli):
    path = SOLUTIONS / "wrong" / "no_b_hh.py"
    plain = by_name(run_once("submit", "cell", path, "--format", "json").json())
    revealed = by_name(run_once("submit", "cell", path, "--format", "json", "--reveal").json())

    hidden_failed = [n for n in HIDDEN if plain[n]["verdict"] == "wrong_answer"]
    assert hidden_failed, "no_b_hh.py should fail some hidden test"
    for name in hidden_failed:
        message = plain[name]["message"]
        assert message, name
        assert "expected" not in message, (name, message)
        assert not DECIMAL.search(message), (name, message)
        assert "expected" in revealed[name]["message"], (name, revealed[name]["message"])
        assert DECIMAL.search(revealed[name]["message"])
    for name in SAMPLE:  # sample tests show detail either way
        assert plain[name]["verdict"] == "wrong_answer"
        assert "expected" in plain[name]["message"] and "got" in plain[name]["message"]


# --------------------------------------------------------------------------- seeds


def test_seed_is_reported_and_a_correct_cell_passes_any_seed(cli):
    reference = SOLUTIONS / "accepted" / "reference.py"
    default = run_once("submit", "cell", reference, "--format", "json")
    seeded = cli("submit", "cell", reference, "--format", "json", "--seed", "5")
    assert default.code == 0 and seeded.code == 0, (default, seeded)
    assert default.json()["seed"] == 0
    assert seeded.json()["seed"] == 5
    assert seeded.json()["verdict"] == "accepted"
    assert seeded.json()["score"] == seeded.json()["max_score"]


def test_seed_changes_hidden_cases_but_not_samples(cli):
    path = SOLUTIONS / "wrong" / "no_b_hh.py"
    a = by_name(run_once("submit", "cell", path, "--format", "json", "--reveal").json())
    b = by_name(cli("submit", "cell", path, "--format", "json", "--reveal", "--seed", "5").json())
    assert a["random_float64"]["message"] != b["random_float64"]["message"]
    for name in SAMPLE:
        assert a[name]["message"] == b[name]["message"]


# --------------------------------------------------------------------------- leaks


LEAKS_INPUT = """\
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    raise ValueError(repr(x.tolist()))
"""


def test_hidden_inputs_do_not_leak_through_exception_messages(cli, tmp_path):
    path = write(tmp_path, "leaks.py", LEAKS_INPUT)
    res = cli("submit", "cell", path, "--format", "json")
    doc = res.json()
    assert res.code == 1, res
    assert doc["verdict"] == "runtime_error"
    tests = by_name(doc)
    for name in HIDDEN:
        message = tests[name]["message"]
        assert tests[name]["verdict"] == "runtime_error"
        # Not even the exception's type or line: the submission chooses both.
        assert message == "raised an exception in `lstm_cell`", message
    # Sample tests may show the message: their inputs are public.
    assert "ValueError: [[" in tests["small_batch"]["message"]

    text = cli("submit", "cell", path)
    assert text.code == 1, text
    assert text.out.count("ValueError: [[") == len(SAMPLE)
    assert text.out.count("raised an exception in `lstm_cell`") == len(HIDDEN)
    staff = cli("submit", "cell", path, "--view", "staff")
    assert staff.out.count("ValueError: [[") == len(SAMPLE) + len(HIDDEN), staff


def test_output_is_shown_for_sample_tests_only(cli, tmp_path):
    path = write(tmp_path, "prints.py", PRINTS)
    res = cli("submit", "cell", path, "--format", "json")
    doc = res.json()  # the submission's prints do not get into the judge's stdout
    assert res.code == 0, res
    assert doc["verdict"] == "accepted"
    tests = by_name(doc)
    for name in SAMPLE:
        assert "MARKER-FROM-SUBMISSION" in tests[name]["output"]
    for name in HIDDEN:
        assert "output" not in tests[name], tests[name]
        assert "MARKER" not in tests[name]["message"]
    assert res.out.count("MARKER-FROM-SUBMISSION") == len(SAMPLE)


def test_runtime_error_traceback_has_only_submission_frames(cli):
    res = cli("submit", "cell", SOLUTIONS / "wrong" / "runtime_error.py", "--format", "json")
    doc = res.json()
    assert res.code == 1, res
    errors = [t for t in doc["tests"] if t["verdict"] == "runtime_error" and t["visibility"] == "sample"]
    assert errors, "runtime_error.py should raise in a sample test"
    for test in errors:
        message = test["message"]
        assert "ValueError" in message and "lstm_cell" in message and "line " in message
        for forbidden in ("grader/", "worker.py", "protocol.py", "site-packages", 'File "'):
            assert forbidden not in message, (forbidden, message)


def test_import_time_traceback_has_only_submission_frames(cli, tmp_path):
    path = write(tmp_path, "import_fails.py", """\
        import numpy as np


        def helper():
            return np.zeros(3) @ np.zeros(4)


        helper()


        def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
            pass
        """)
    res = cli("submit", "cell", path, "--format", "json")
    doc = res.json()
    assert res.code == 1, res
    assert doc["verdict"] == "compile_error"
    message = by_name(doc)["example"]["message"]
    assert "line 8" in message and "line 5" in message and "helper" in message, message
    for forbidden in ("grader/", "worker.py", "importlib", "site-packages", 'File "'):
        assert forbidden not in message, (forbidden, message)
