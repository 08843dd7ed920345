"""The grader's key, end to end: it is recorded as a fingerprint, it changes
hidden draws, and under it a sample test that runs after a keyed draw (here:
language_model's sample, whose model was trained on the text less the keyed
held-out passages) shows its details to staff only."""

from __future__ import annotations

from pathlib import Path

from judge_cli import environment, run, staff_document

KEY = "an-interviewers-secret-key-0123"

# Trains on nothing, writes back the start of its training text (which, under a
# key, says where the held-out passages were cut), and fails every stream.
ECHO_TRAINING_TEXT = '''
def train(text, budget_s, vocab):
    return "ECHO:" + text[:40]


def next_char_log_probs(model, chars):
    raise ValueError("no model")


def generate(model, prompt, n):
    return model
'''


def grade(tmp_path: Path, *extra: str, key: str | None = None):
    path = tmp_path / "echo.py"
    path.write_text(ECHO_TRAINING_TEXT, encoding="utf-8")
    env = environment(LSTM_JUDGE_KEY=key) if key else environment()
    result = run("submit", "language_model", path, "--format", "json", *extra, env=env)
    return result, result.json()


def sample_message(doc: dict) -> str:
    return next(t for t in doc["tests"] if t["name"] == "sample")["message"]


def test_without_a_key_the_sample_teaches(tmp_path):
    result, doc = grade(tmp_path)
    assert doc["key"] is None, result
    assert "ECHO:" in sample_message(doc), result


def test_under_a_key_a_sample_after_a_keyed_draw_is_staff_only(tmp_path):
    result, doc = grade(tmp_path, "--gradebook", tmp_path / "book.sqlite3", key=KEY)
    assert doc["key"] and KEY not in result.out, result
    assert "ECHO:" not in result.out, result
    # the control: the channel is real (the staff view of the same grading)
    staff_doc = staff_document(tmp_path / "book.sqlite3")
    assert staff_doc["view"] == "staff" and "ECHO:" in sample_message(staff_doc), staff_doc
