"""Unit tests of reading an answer file (grader/quiz/answers.py) and of the
file `init` writes (grader/quiz/answer_file.py)."""

from __future__ import annotations

import pytest
import yaml

from grader.authoring.quiz_starter import blank_answer_file
from grader.errors import BadInput
from grader.problem import find
from grader.quiz.answers import parse


def test_init_file_round_trips_with_blank_answers():
    problem = find("concepts")
    text = blank_answer_file(problem, 17)
    found = parse(text.encode(), "concepts.yaml", "concepts")
    assert found.seed == 17 and not found.notes
    assert list(found.answers) == [q.id for q in problem.questions]
    assert all(v is None for v in found.answers.values())


def test_the_draw_depends_on_seed_and_key_only():
    problem = find("concepts")
    assert blank_answer_file(problem, 3) == blank_answer_file(problem, 3)
    assert blank_answer_file(problem, 3) != blank_answer_file(problem, 4)
    keyed = blank_answer_file(problem, 3, key=b"k" * 32)
    assert keyed != blank_answer_file(problem, 3)
    assert keyed == blank_answer_file(problem, 3, key=b"k" * 32)


@pytest.mark.parametrize("text, line", [
    ("seed: 3\nquestions:\n- id: a\n  answer: [1, 2\n", "line 5"),
    ("seed: 3\nquestions:\n\t- id: a\n", "line 3"),
    ("seed: 3\n  bad: indentation\n", "line 2"),
])
def test_not_yaml_names_the_line(text, line):
    with pytest.raises(BadInput) as caught:
        parse(text.encode(), "answers.yaml", "concepts")
    assert caught.value.where == "answers.yaml" and line in caught.value.what


@pytest.mark.parametrize("text, what", [
    ("just text", "not a quiz answer file"),
    ("quiz: other\nseed: 1\n", "for other, not for concepts"),
    ("seed: -1\n", "`seed`"), ("seed: [1]\n", "`seed`"),
    ("seed: 1\nquestions: {a: 1}\n", "`questions`"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_files_that_are_no_answer_file_are_bad_input(text, what):
    with pytest.raises(BadInput) as caught:
        parse(text if isinstance(text, bytes) else text.encode(), "f.yaml", "concepts")
    assert what in caught.value.what


def test_yaml_12_booleans_keep_no_and_on_as_text():
    found = parse(b"seed: 1\nquestions:\n- {id: a, answer: no}\n- {id: b, answer: true}\n",
                  "f", "concepts")
    assert found.answers == {"a": "no", "b": True}


def test_entries_that_cannot_be_read_are_noted_not_fatal():
    found = parse(b"seed: 1\nquestions:\n- 7\n- {answer: 3}\n- {id: a, answer: 1}\n"
                  b"- {id: a, answer: 2}\n", "f", "concepts")
    assert found.answers == {"a": 1}
    assert len(found.notes) == 3 and "answered twice" in found.notes[2]


def test_key_files_in_solutions_are_the_fresh_key():
    """The accepted answer files are what the quiz's code computes today."""
    problem = find("concepts")
    folder = problem.solutions_dir / "accepted"
    files = sorted(folder.glob("key_seed*.yaml"))
    assert len(files) >= 3
    for path in files:
        seed = yaml.safe_load(path.read_text())["seed"]
        fresh = yaml.safe_load(blank_answer_file(problem, seed, with_key=True))
        assert yaml.safe_load(path.read_text())["questions"] == fresh["questions"], path
