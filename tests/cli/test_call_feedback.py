"""A sample test's calls, end to end: written as a learner writes them, with the
dtypes and shapes of what was passed and returned, and no judge internals
(``inspect(``, handles, the wire's names); hidden tests show no calls to
candidates."""

from __future__ import annotations

from pathlib import Path

import click
from judge_cli import staff_document

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
INTERNALS = ("inspect(", "build(", "Tensor", "Handle", "__call__", "remote")


def calls(doc: dict) -> dict[str, list[str]]:
    return {t["name"]: t.get("calls") for t in doc["tests"]}


def test_a_torch_modules_sample_feedback_names_the_constructor_and_the_tensors(cli):
    # out[-1] on batch-first output: (B, O) comes back as (T, O).
    path = SOLUTIONS / "network" / "wrong" / "tutorial_snippet.py"
    doc = cli("test", "network", path, "--format", "json").json()
    assert calls(doc) == {
        "example": [
            "model = LSTMModel(input_dim=3, hidden_dim=5, output_dim=2)",
            "# the judge read the layers and parameters of model",
            "out = model(x) with x: float32 tensor of shape (2, 4, 3); "
            "returned: float32 tensor of shape (4, 2)",
        ],
        # The constructor raised (it takes no num_layers): what was passed, nothing returned.
        "two_layers": ["LSTMModel(input_dim=4, hidden_dim=6, output_dim=3, num_layers=2)"],
    }

    text = click.unstyle(cli("test", "network", path).out)
    block = text[text.index("calls:"):]
    assert "        model = LSTMModel(input_dim=3, hidden_dim=5, output_dim=2)\n" in block
    assert ("        out = model(x) with x: float32 tensor of shape (2, 4, 3); "
            "returned: float32 tensor of shape (4, 2)\n") in block
    assert not any(word in text for word in INTERNALS), text


def test_a_training_loops_feedback_shows_what_the_judge_built_and_passed(cli):
    # train_step returns the loss tensor instead of loss.item().
    path = SOLUTIONS / "training" / "wrong" / "returns_tensor.py"
    res = cli("test", "training", path, "--format", "json")
    assert calls(res.json())["example"] == [
        "model = LSTMRegressor(input_dim=3, hidden_dim=8, output_dim=1, num_layers=1)"
        "  # built by the judge",
        "# the judge read the layers and parameters of model",
        "loss_fn = torch.nn.MSELoss()  # built by the judge",
        "optimizer = torch.optim.SGD(model.parameters(), lr=0.05)  # built by the judge",
        "train_step(model, loss_fn, optimizer, x, y) with float32 tensors of shapes "
        "x (4, 3, 3), y (4,); returned: float32 tensor of shape ()",
    ]
    learns = calls(res.json())["learns_sample"]
    assert learns[:2] == ["model = LSTMRegressor(input_dim=3, hidden_dim=8, output_dim=1)"
                          "  # built by the judge", "loss_fn, optimizer = configure(model)"]
    assert not any(word in res.out for word in INTERNALS), res


def test_a_numpy_functions_feedback_names_what_it_returned(cli):
    doc = cli("test", "cell", SOLUTIONS / "cell" / "wrong" / "swapped_outputs.py",
              "--format", "json").json()
    assert calls(doc)["small_batch"] == [
        "h, c = lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh) with float64 arrays of "
        "shapes x (2, 3), h_prev (2, 4), c_prev (2, 4), W_ih (16, 3), W_hh (16, 4), "
        "b_ih (16,), b_hh (16,); returned: float64 arrays of shapes h (2, 4), c (2, 4)"]
    returns_list = cli("test", "cell", SOLUTIONS / "cell" / "wrong" / "returns_list.py",
                       "--format", "json").json()
    assert calls(returns_list)["example"][0].endswith(
        "; returned: list of 1: float64 array of shape (1, 1)")


def test_hidden_tests_show_their_calls_to_staff_only(cli, tmp_path):
    path = SOLUTIONS / "cell" / "wrong" / "no_b_hh.py"
    book = tmp_path / "book.sqlite3"
    candidate = cli("submit", "cell", path, "--format", "json", "--gradebook", book).json()
    staff = staff_document(book)  # the staff view of the same grading
    assert staff["view"] == "staff"
    hidden = [t["name"] for t in candidate["tests"] if t["visibility"] == "hidden"]
    assert hidden and all(calls(candidate)[name] is None for name in hidden)
    assert all(calls(candidate)[name] for name in ("example", "small_batch"))
    assert all(calls(staff)[name][0].startswith("h, c = lstm_cell(") for name in hidden)
    text = cli("submit", "cell", path).out
    assert text.count("calls:") == 2  # the two sample tests
