"""A canary problem: a copy of a problem with one more hidden test, which
sends a canary string through the problem's interface (tests/hostile/leaks
and the report formats' leak tests look for it where it must not be)."""

from pathlib import Path

import yaml


def add_canary_test(problem: Path, name: str, canary: str) -> None:
    """Add ``test_canary`` (``CANARY_TESTS[name]``, sending ``canary``) to
    the copy ``problem`` of problem ``name``: first of its hidden tests to
    run (samples run first, then the spec's order), so that every later
    hidden test may leak what it sent; in its test module, before the first
    test."""
    spec_file = problem / "problem.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    first_hidden = next(k for k, t in enumerate(spec["tests"]) if t["visibility"] == "hidden")
    spec["tests"].insert(first_hidden, {"name": "canary", "points": 0, "visibility": "hidden"})
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    tests = problem / "tests" / f"test_{name}.py"
    text = tests.read_text(encoding="utf-8")
    first = text.index("\ndef test_")
    source = f"CANARY = {canary!r}\n" + CANARY_TESTS[name]
    text = text[:first] + "\n" + source + "\n" + text[first:]
    if "import numpy as np" not in text:
        text = "import numpy as np\n" + text
    tests.write_text(text, encoding="utf-8")


# The hidden test that sends the canary, per problem (inserted before the first test).
CANARY_TESTS = {
    "cell": '''
def test_canary(submission):
    raw = CANARY.encode().ljust(40, b" ")
    x = np.frombuffer(raw, dtype=np.float64).reshape(1, -1).copy()
    full = lambda *shape: np.full(shape, 0.1)
    submission.lstm_cell(x, full(1, 2), full(1, 2), full(8, x.shape[1]), full(8, 2), full(8),
                         full(8))
''',
    "network": '''
def test_canary(submission):
    raw = CANARY.encode().ljust(32, b" ")
    x = np.frombuffer(raw, dtype=np.float32).reshape(1, 1, -1).copy()
    model = submission.LSTMModel(x.shape[2], 2, 1, num_layers=1)
    submission.call_method(model, "__call__", Tensor(x))
''',
    "sentiment": '''
def test_canary(submission, model):
    tokens = np.frombuffer(CANARY.encode(), dtype=np.uint8).astype(np.int64).reshape(1, -1)
    submission.predict(model, tokens, np.array([tokens.shape[1]]))
''',
}
