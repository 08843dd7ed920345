"""A problem's own test raising: judge_error, with a traceback an author can
act on in the staff view (their file and line, no pytest or pluggy
machinery), and nothing of it in the candidate view."""

from __future__ import annotations

import re

import pytest
from judge_cli import REPO_ROOT

REFERENCE = REPO_ROOT / "solutions" / "cell" / "accepted" / "reference.py"
BROKEN = "    raise KeyError('oops')  # the author's bug\n"
JUDGE_PHRASE = "the judge failed while running this test (not your fault)"
FRAME = re.compile(r"^\s+(\S+):(\d+) in (\S+)$", re.M)


@pytest.fixture
def broken(make_problem_copy):
    """A copy of cell whose test_batch_one raises KeyError('oops'); returns
    (the copy, the line of the raise)."""
    copy = make_problem_copy()
    header = "def test_batch_one(submission, check, rng):\n"
    copy.edit_tests(header, header + BROKEN)
    line = copy.tests_file.read_text().splitlines().index(BROKEN.rstrip("\n")) + 1
    return copy, line


def batch_one(doc: dict) -> dict:
    return next(t for t in doc["tests"] if t["name"] == "batch_one")


def test_the_staff_traceback_names_the_authors_line_and_no_machinery(cli, broken):
    copy, line = broken
    res = cli("submit", copy.root, REFERENCE, "--view", "staff", "--format", "json")
    assert res.code == 3, res
    doc = res.json()
    assert doc["verdict"] == "judge_error", res
    message = batch_one(doc)["message"]
    assert FRAME.findall(message) == [("tests/test_cell.py", str(line), "test_batch_one")], message
    assert message.rstrip().endswith("KeyError: 'oops'"), message
    assert "_pytest" not in message and "pluggy" not in message, message

    text = cli("submit", copy.root, REFERENCE, "--view", "staff")
    assert text.code == 3, text
    assert f"tests/test_cell.py:{line} in test_batch_one" in text.out, text
    assert "KeyError: 'oops'" in text.out, text
    assert "_pytest" not in text.out and "pluggy" not in text.out, text


def test_a_helper_the_test_called_is_named_after_the_test(cli, make_problem_copy):
    """Frames run outermost first: the test, then the grader helper that raised."""
    copy = make_problem_copy()
    header = "def test_batch_one(submission, check, rng):\n"
    copy.edit_tests(header, header + "    lstm.cell(**{**make_inputs(rng, 1, 7, 5), 'x': np.ones((1, 3))})\n")
    res = cli("submit", copy.root, REFERENCE, "--view", "staff", "--format", "json")
    frames = FRAME.findall(batch_one(res.json())["message"])
    assert [f[0] for f in frames[:2]] == ["tests/test_cell.py", "grader/scoring/lstm_reference.py"], frames
    assert not any("_pytest" in f[0] or "pluggy" in f[0] for f in frames), frames


def test_the_candidate_view_shows_no_traceback(cli, broken):
    copy, _ = broken
    res = cli("submit", copy.root, REFERENCE, "--format", "json")
    assert res.code == 3, res
    assert batch_one(res.json())["message"] == JUDGE_PHRASE
    text = cli("submit", copy.root, REFERENCE)
    assert text.code == 3, text
    for leak in ("Traceback", "test_cell.py", "oops", "KeyError"):
        assert leak not in res.out and leak not in text.out, leak


def test_a_test_module_that_raises_on_import_names_its_line(cli, make_problem_copy):
    """The tests do not load: one line naming the author's file and line,
    not the judge's own place that reported it."""
    copy = make_problem_copy()
    copy.edit_tests('NAMES = ("h", "c")\n', 'NAMES = {}["oops"]\n')
    line = copy.tests_file.read_text().splitlines().index('NAMES = {}["oops"]') + 1
    text = cli("submit", copy.root, REFERENCE)
    assert text.code == 3, text
    assert text.err.count("\n") == 1 and "judge_error" in text.err, text
    assert f"tests/test_cell.py:{line} in <module>: KeyError: 'oops'" in text.err, text
    assert "runner.py" not in text.err, text
    doc = cli("submit", copy.root, REFERENCE, "--format", "json").json()
    assert doc["verdict"] == "judge_error" and f"tests/test_cell.py:{line}" in doc["message"], doc
