"""A quiz end to end, through the CLI: init, each question type right and
wrong, a file that is not YAML (exit 2 naming the line), an answer of the
wrong type (named, the others scored), blank and another seed's answers,
--no-explanations and the grader's key, every --format, list, and batch."""

from __future__ import annotations

import json

import pytest
import yaml

from grader.authoring.quiz_starter import blank_answer_file
from grader.problem import find
from judge_cli import run

PROBLEM = find("concepts")
ONE_OF_EACH = {"single": "cell_state_path", "multiple": "lstm_vs_rnn", "numeric": "forget_chain",
               "integer": "params_stacked", "shape": "output_shape", "text": "clip_function"}


def answers(tmp_path, seed, edit=None, name="answers.yaml", key=True):
    data = yaml.safe_load(blank_answer_file(PROBLEM, seed, with_key=key))
    for entry in data["questions"]:
        if edit and entry["id"] in edit:
            entry["answer"] = edit[entry["id"]]
    ids = {entry["id"] for entry in data["questions"]}
    data["questions"] += [{"id": q, "answer": v} for q, v in (edit or {}).items() if q not in ids]
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def by_name(result):
    return {t["name"]: t for t in result.json()["tests"]}


def test_list_shows_the_quiz():
    result = run("list")
    line = next(line for line in result.out.splitlines() if line.startswith("concepts"))
    assert line.split()[1] == "quiz" and result.code == 0


def test_init_writes_the_seeds_blank_file_and_it_scores_zero(tmp_path):
    result = run("init", "concepts", "--seed", "42", cwd=tmp_path)
    assert result.code == 0 and "seed 42" in result.out
    text = (tmp_path / "concepts.yaml").read_text()
    assert "seed: 42" in text and text == blank_answer_file(PROBLEM, 42)
    assert run("init", "concepts", "--seed", "42", cwd=tmp_path).code == 2  # never overwrites
    graded = run("submit", "concepts", tmp_path / "concepts.yaml", "--format", "json")
    doc = graded.json()
    assert graded.code == 1 and doc["score"] == 0 and doc["seed"] == 42
    assert doc["isolation"]["level"] == "none"
    assert {t["kind"] for t in doc["tests"]} == {"unanswered"}
    assert run("init", "cell", "--seed", "3", cwd=tmp_path).code == 2  # only a quiz has a seed


def test_the_key_is_accepted(tmp_path):
    result = run("submit", "concepts", answers(tmp_path, 8), "--format", "json")
    assert result.code == 0, result
    assert result.json()["verdict"] == "accepted" and result.json()["score"] == PROBLEM.max_score


@pytest.mark.parametrize("qtype, wrong", [
    ("single", "zz"), ("multiple", ["a", "b", "c", "d", "e"]), ("numeric", 123.0),
    ("integer", 1), ("shape", "(1, 2, 3)"), ("text", "clip_grad_value_")])
def test_each_type_right_and_wrong_through_the_cli(tmp_path, qtype, wrong):
    qid = ONE_OF_EACH[qtype]
    result = run("submit", "concepts", answers(tmp_path, 11, {qid: wrong}), "--format", "json")
    test = by_name(result)[qid]
    assert test["score"] < test["max_score"] and test["verdict"] == "wrong_answer"
    others = [t for t in result.json()["tests"] if t["name"] != qid]
    assert all(t["verdict"] == "accepted" for t in others)
    assert result.code == 1


def test_shapes_in_every_form_through_the_cli(tmp_path):
    key = yaml.safe_load(blank_answer_file(PROBLEM, 11, with_key=True))
    shape = next(q["answer"] for q in key["questions"] if q["id"] == "output_shape")
    dims = shape.strip("()").split(", ")
    for form in (f"({', '.join(dims)})", ", ".join(dims), [int(d) for d in dims],
                 f"torch.Size([{', '.join(dims)}])"):
        result = run("submit", "concepts", answers(tmp_path, 11, {"output_shape": form}),
                     "--format", "json")
        assert by_name(result)["output_shape"]["verdict"] == "accepted", form


def test_not_yaml_is_exit_2_naming_file_and_line(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("seed: 3\nquestions:\n- id: params_stacked\n  answer: [1, 2\n")
    result = run("submit", "concepts", path)
    assert result.code == 2 and result.out == ""
    assert str(path) in result.err and "line 5" in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_wrong_type_names_its_question_and_the_rest_is_scored(tmp_path):
    path = answers(tmp_path, 12, {"params_stacked": [1, 2, 3], "no_such_question": 4})
    result = run("submit", "concepts", path)
    assert result.code == 1
    assert "invalid: `params_stacked` (integer) expects a whole number, not a list" in result.out
    assert "`no_such_question`" in result.out
    doc = run("submit", "concepts", path, "--format", "json").json()
    tests = {t["name"]: t for t in doc["tests"]}
    assert tests["params_stacked"]["kind"] == "invalid" and tests["params_stacked"]["score"] == 0
    assert tests["answer_file"]["max_score"] == 0
    assert doc["score"] == PROBLEM.max_score - tests["params_stacked"]["max_score"]


def test_another_seeds_answers_score_about_guessing(tmp_path):
    """Seed 20's key under seed 21's number: the choice letters and the
    numbers are another candidate's; it must score about what guessing
    does, far from the key's full points."""
    scores = []
    for seed in (20, 22, 24):
        path = answers(tmp_path, seed, name=f"s{seed}.yaml")
        path.write_text(path.read_text().replace(f"seed: {seed}\n", f"seed: {seed + 1}\n", 1))
        doc = run("submit", "concepts", path, "--format", "json").json()
        assert doc["seed"] == seed + 1
        scores.append(doc["score"] / doc["max_score"])
    # guessing: about a quarter of the choice questions' points, nearly nothing else
    assert sum(scores) / len(scores) < 0.35, scores


def test_a_required_seed_overrides_the_files(tmp_path):
    path = answers(tmp_path, 30)
    doc = run("submit", "concepts", path, "--seed", "31", "--format", "json",
              "--view", "staff").json()
    assert doc["seed"] == 31 and doc["score"] < PROBLEM.max_score / 2
    note = {t["name"]: t for t in doc["tests"]}["answer_file"]["message"]
    assert "the file says seed 30, but the seed required is 31" in note


def test_explanations_for_learners_none_for_screening(tmp_path):
    path = answers(tmp_path, 13, {"params_one_layer": 5})
    learner = run("submit", "concepts", path).out
    assert "the answer: " in learner and "why: 4 blocks" in learner
    screening = run("submit", "concepts", path, "--no-explanations").out
    assert "wrong: you answered 5" in screening
    assert "the answer: " not in screening and "why:" not in screening


def test_under_a_key_the_candidate_sees_no_key_or_explanation(tmp_path):
    key = tmp_path / "grader.key"
    key.write_text("k" * 40)
    result = run("init", "concepts", "--seed", "5", "--key-file", key, "-o",
                 tmp_path / "keyed.yaml", cwd=tmp_path)
    assert result.code == 0
    data = yaml.safe_load((tmp_path / "keyed.yaml").read_text())
    data["questions"][13]["answer"] = 7  # params_one_layer, surely wrong
    (tmp_path / "keyed.yaml").write_text(yaml.safe_dump(data))
    candidate = run("submit", "concepts", tmp_path / "keyed.yaml", "--key-file", key)
    assert "why:" not in candidate.out and "the answer:" not in candidate.out
    assert "the answer is wrong" in candidate.out and "not answered" in candidate.out
    staff = run("submit", "concepts", tmp_path / "keyed.yaml", "--key-file", key,
                "--view", "staff")
    assert "why:" in staff.out and "the answer:" in staff.out
    # without the key, the same seed draws other questions
    assert (tmp_path / "keyed.yaml").read_text() != blank_answer_file(PROBLEM, 5)


@pytest.mark.parametrize("fmt", ["text", "json", "gradescope"])
def test_every_format(tmp_path, fmt):
    path = answers(tmp_path, 14, {"packing": ["a"], "params_keras": "many"})
    result = run("submit", "concepts", path, "--format", fmt)
    assert result.code == 1, result
    if fmt == "text":
        assert "concepts · submit" in result.out and "◐ packing" in result.out
        assert "verdict: wrong_answer" in result.out
    else:
        doc = result.json()
        names = [t["name"] for t in doc["tests"]]
        assert "packing" in names and "params_keras" in names
        if fmt == "gradescope":
            assert doc["tests"][0]["visibility"] == "visible"
            packing = next(t for t in doc["tests"] if t["name"] == "packing")
            assert 0 < packing["score"] < packing["max_score"]
        else:
            assert doc["verdict"] == "wrong_answer"


def test_batch_of_answer_files_with_assigned_seeds(tmp_path):
    subs = tmp_path / "subs"
    (subs / "carol").mkdir(parents=True)
    answers(subs, 1, name="alice.yaml")
    answers(subs, 2, name="bob.yaml")
    answers(subs / "carol", 3, name="concepts.yaml")
    (subs / "dave.yaml").write_text("seed: [\n")
    seeds = tmp_path / "seeds.csv"
    seeds.write_text("candidate,seed\nalice,1\nbob,9\ncarol,3\ndave,4\n")
    out = tmp_path / "out"
    result = run("batch", "concepts", subs, "--out", out, "-j", "2", "--seeds", seeds,
                 "--no-gradebook")
    assert result.code == 0, result
    rows = {line.split(",")[0]: line.split(",") for line in
            (out / "results.csv").read_text().splitlines()[1:]}
    assert rows["alice"][3] == "accepted" and rows["carol"][3] == "accepted"
    assert rows["bob"][3] == "wrong_answer"  # bob answered seed 2's questions; 9 was his
    assert rows["dave"][3] == "compile_error"
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert {r["candidate"]: r["seed"] for r in records} == {"alice": 1, "bob": 9, "carol": 3,
                                                           "dave": 4}
    assert (out / "report.html").is_file() and (out / "junit.xml").is_file()
    again = run("batch", "concepts", subs, "--out", out, "--resume", "--seeds", seeds,
                "--no-gradebook")
    assert "graded now 0, already graded 4" in again.out
    seeds.write_text("candidate,seed\nalice,1\n")
    missing = run("batch", "concepts", subs, "--out", tmp_path / "o2", "--seeds", seeds)
    assert missing.code == 2 and "assigns no seed to 3 candidate(s)" in missing.err
