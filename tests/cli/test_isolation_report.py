"""What a result says about its sandbox, and what it captures, end to end.

The attacks themselves (reading hidden files, forging replies, exiting,
spinning, hoarding, flooding, forking, escaping) are in ``tests/hostile/``;
these check the report: a level that lacks a layer says so, and output on
fd 1 and fd 2 is the submission's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from judge_cli import REPO_ROOT, environment, run

REFERENCE_FILE = REPO_ROOT / "solutions" / "cell" / "accepted" / "reference.py"


def submission(tmp_path: Path, hostile: str) -> Path:
    """The accepted reference renamed to ``_correct_cell``, then ``hostile``
    (which defines ``lstm_cell``)."""
    text = REFERENCE_FILE.read_text(encoding="utf-8")
    assert "def lstm_cell(" in text
    path = tmp_path / "submission.py"
    path.write_text(text.replace("def lstm_cell(", "def _correct_cell(") + "\n\n" + hostile,
                    encoding="utf-8")
    return path


@pytest.fixture
def judge(tmp_path):
    """``judge(path, *options)``: submit to cell as JSON, with a private TMPDIR
    that must be empty afterwards."""
    tmpdir = tmp_path / "judge-tmp"
    tmpdir.mkdir()

    def grade(path: Path, *options: str):
        result = run("submit", "cell", path, "--format", "json", *options,
                     env=environment(TMPDIR=str(tmpdir)))
        assert not list(tmpdir.iterdir()), f"the judge left {list(tmpdir.iterdir())}"
        return result, result.json()

    return grade


def test_process_level_reports_what_it_lacks_and_does_not_pretend(judge, tmp_path):
    targets = [str(REPO_ROOT / "problems" / "cell" / "tests" / "test_cell.py"),
               str(REPO_ROOT / "grader" / "grading" / "judge.py"),
               str(REPO_ROOT / "problems" / "cell" / "problem.yaml"), str(REFERENCE_FILE)]
    path = submission(tmp_path, f'''
def _peek():
    seen = []
    for path in {targets!r}:
        try:
            with open(path, "rb") as f:
                if f.read(16):
                    seen.append(path)
        except OSError:
            pass
    if seen:
        raise RuntimeError("the judge's files are readable: " + ", ".join(seen))


_peek()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    _peek()
    return _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
''')
    result, doc = judge(path, "--isolation", "process")
    isolation = doc["isolation"]
    assert isolation["level"] == "process", result
    assert "process" in isolation.get("reason", ""), result  # says that it was forced
    # No mount namespace at this level: the result must say so.
    assert any("mount namespace" in m or "filesystem" in m for m in isolation["missing"]), result
    claims_files = [layer for layer in isolation["layers"]
                    if layer.startswith("Landlock") and "files" in layer]
    if claims_files:
        # A layer that claims to limit files must really hide the hidden tests.
        assert doc["verdict"] == "accepted" and doc["score"] == 100, result
    else:
        # Nothing limits files: then the result must list that as missing, and the
        # submission (which raises when it can read them) cannot be accepted.
        assert any("Landlock" in m or "filesystem" in m for m in isolation["missing"]), result
        assert doc["verdict"] == "compile_error", result
        assert "test_cell.py" in doc["message"], result


def test_markers_on_fd_1_and_fd_2_are_captured_as_output(judge, tmp_path):
    path = submission(tmp_path, '''
import os


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    os.write(1, b"MARKER-ON-FD-1\\n")
    os.write(2, b"MARKER-ON-FD-2\\n")
    print("MARKER-FROM-PRINT")
    return _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
''')
    result, doc = judge(path)
    assert doc["verdict"] == "accepted", result
    output = doc["tests"][0]["output"]
    for marker in ("MARKER-ON-FD-1", "MARKER-ON-FD-2", "MARKER-FROM-PRINT"):
        assert marker in output, result
    assert "MARKER" not in result.err, result
