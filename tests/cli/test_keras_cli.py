"""The Keras problems through the CLI: the backend a result names, feedback
that names a Keras mistake, Keras kept in the child's own folder, a batch,
and what a judge installed without the [keras] extra says.

(`tests/authoring/test_problems_sound.py` validates both problems with every
bundled solution; `tests/test_keras_pin.py` checks the pinned version and the
layout the judge relies on.)
"""

from __future__ import annotations

import csv
import json
import shutil
from importlib.metadata import version

import pytest
import yaml
from judge_cli import REPO_ROOT, environment, run

SOLUTIONS = REPO_ROOT / "solutions" / "network_keras"
BACKEND = f"keras {version('keras')}, torch backend (torch {version('torch')})"


def test_a_result_names_the_backend_the_child_ran(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run("test", "network_keras", SOLUTIONS / "accepted" / "subclassed.py",
                 "--format", "json", env=environment(HOME=str(home)))
    assert result.code == 0, result
    doc = result.json()
    assert doc["verdict"] == "accepted" and doc["score"] == doc["max_score"] == 10
    assert doc["backend"] == BACKEND
    # Keras wrote its keras.json in the child's folder (KERAS_HOME), not the judge's home.
    assert not (home / ".keras").exists()
    text = run("test", "network_keras", SOLUTIONS / "accepted" / "subclassed.py")
    assert f"  backend {BACKEND}" in text.out.splitlines()


def test_a_numpy_problem_names_no_backend():
    result = run("test", "cell", REPO_ROOT / "solutions" / "cell" / "accepted" / "reference.py",
                 "--format", "json")
    assert result.code == 0, result
    assert "backend" not in result.json()
    assert "backend" not in run("test", "cell", REPO_ROOT / "solutions" / "cell" / "accepted"
                                / "reference.py").out


def test_the_feedback_names_the_keras_mistake():
    result = run("test", "network_keras", SOLUTIONS / "wrong" / "return_sequences_on_top.py")
    assert result.code == 1, result
    assert "[return-sequences-on-top]" in result.out
    assert "verdict: wrong_answer" in result.out


def test_keras_refusing_a_layer_is_named_in_the_candidate_view():
    """A hidden test's runtime_error shows judge words only: no Keras message, but the hint."""
    result = run("submit", "network_keras", SOLUTIONS / "wrong" / "return_sequences_missing.py",
                 "--format", "json")
    doc = result.json()
    assert doc["verdict"] == "runtime_error", result
    failed = [t for t in doc["tests"] if t["verdict"] == "runtime_error"]
    assert failed and all("[return-sequences-missing]" in t["message"] for t in failed)
    hidden = [t for t in failed if t["visibility"] == "hidden"]
    assert hidden and not any("ndim" in t["message"].split("(hint:")[0] for t in hidden)


def test_a_batch_of_keras_submissions(tmp_path):
    folder = tmp_path / "in"
    for who, path in (("ada", SOLUTIONS / "accepted" / "functional.py"),
                      ("bob", SOLUTIONS / "wrong" / "first_time_step.py")):
        (folder / who).mkdir(parents=True)
        shutil.copy(path, folder / who / "network_keras.py")
    out = tmp_path / "out"
    result = run("batch", "network_keras", folder, "--out", out, "-j", "2", "--no-gradebook",
                 timeout=300)
    assert result.code == 0, result
    rows = {r["candidate"]: r for r in csv.DictReader((out / "results.csv").open())}
    assert rows["ada"]["network_keras_verdict"] == "accepted"
    assert float(rows["ada"]["network_keras_score"]) == 100
    assert rows["bob"]["network_keras_verdict"] == "wrong_answer"
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(records) == 2 and {r["backend"] for r in records} == {BACKEND}


# ------------------------------------------------------------ without the package


@pytest.fixture
def needs_a_missing_package(tmp_path):
    """network_keras, copied, allowing one more distribution that is not installed."""
    root = tmp_path / "problems"
    shutil.copytree(REPO_ROOT / "problems" / "network_keras", root / "network_keras",
                    ignore=shutil.ignore_patterns("__pycache__"))
    spec_path = root / "network_keras" / "problem.yaml"
    spec = yaml.safe_load(spec_path.read_text())
    spec["imports"]["allow"].append("lstm-judge-no-such-dist")
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return root


def test_a_problem_whose_packages_are_missing_says_what_to_install(needs_a_missing_package):
    folder = needs_a_missing_package / "network_keras"
    for command in ("submit", "test"):
        result = run(command, folder, SOLUTIONS / "accepted" / "reference.py")
        assert result.code == 2, result
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.err, result
        assert str(folder) in lines[0]
        assert "needs lstm-judge-no-such-dist, which is not installed: " \
               "pip install lstm-judge-no-such-dist" in lines[0]
    result = run("validate", folder)
    assert result.code == 2 and "pip install lstm-judge-no-such-dist" in result.err, result


def test_list_still_lists_it_and_says_what_it_needs(needs_a_missing_package):
    result = run("list", env=environment(LSTM_JUDGE_PROBLEMS=str(needs_a_missing_package)))
    assert result.code == 0, result
    line = next(x for x in result.out.splitlines() if x.startswith("network_keras "))
    assert "(needs lstm-judge-no-such-dist, which is not installed: pip install " \
           "lstm-judge-no-such-dist)" in line
    assert any(x.startswith("cell ") for x in result.out.splitlines())


def test_a_batch_refuses_it_before_grading_anything(needs_a_missing_package, tmp_path):
    folder = tmp_path / "in" / "ada"
    folder.mkdir(parents=True)
    shutil.copy(SOLUTIONS / "accepted" / "reference.py", folder / "network_keras.py")
    result = run("batch", needs_a_missing_package / "network_keras", tmp_path / "in",
                 "--out", tmp_path / "out", "--no-gradebook")
    assert result.code == 2, result
    assert "pip install lstm-judge-no-such-dist" in result.err
    assert not (tmp_path / "out" / "results.jsonl").exists()


def test_keras_is_installed_through_the_judges_own_extra():
    from grader.problem.requirements import install_command

    assert install_command(["keras"]) == "pip install 'lstm-judge[keras]'"
    assert install_command(["Keras"]) == "pip install 'lstm-judge[keras]'"
    assert install_command(["keras", "lstm-judge-no-such-dist"]) == \
        "pip install keras lstm-judge-no-such-dist"
