"""Provenance in the Keras problems: what the child says of a model's layers
is child data.  A submission that replaces the child's Keras helper forges
the description the judge maps its weights with; the judge checks it on
arrival (``grading/replies.keras_description``) and blames the submission.
The staff view's "malformed description" is the control: it shows that the
forged reply did reach the judge (without the forgery, the same model is
accepted: solutions/network_keras/accepted/reference.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from judge_cli import run

from grader.grading.replies import keras_description

HERE = Path(__file__).resolve().parent


def test_a_forged_layer_description_is_the_submissions_runtime_error():
    result = run("test", "network_keras", HERE / "keras" / "forged_layers.py",
                 "--view", "staff", "--format", "json")
    assert result.code == 1, result
    doc = result.json()
    assert doc["verdict"] == "runtime_error", result
    assert all(t["verdict"] == "runtime_error"
               and "sent a malformed description of its Keras layers" in t["message"]
               for t in doc["tests"]), result
    assert "Traceback" not in result.err


GOOD = {"class": "LSTM", "module": "keras.src.layers.rnn.lstm",
        "config": {"units": 5, "activation": "tanh", "dropout": 0.0, "bias": None},
        "weights": [[3, 20], [5, 20], [20]], "dtypes": ["float32"] * 3}


def test_a_well_formed_description_is_kept():
    assert keras_description([GOOD, {**GOOD, "weights": [], "dtypes": []}]) is not None


@pytest.mark.parametrize("bad", [
    "layers", [1], [{**GOOD, "extra": 1}], [{**GOOD, "class": 7}], [{**GOOD, "module": "x" * 201}],
    [{**GOOD, "config": {"units": [5]}}], [{**GOOD, "config": {1: 5}}],
    [{**GOOD, "weights": [["3", 20]]}], [{**GOOD, "weights": [[-1]]}],
    [{**GOOD, "weights": [[True, 20]]}], [{**GOOD, "weights": [[1 << 40]]}],
    [{**GOOD, "weights": [[3, 20]], "dtypes": ["float32", "float32"]}],
    [{**GOOD, "dtypes": [np.dtype("float32")] * 3}], [GOOD] * 201,
], ids=lambda b: repr(b)[:40])
def test_a_malformed_description_is_refused(bad):
    assert keras_description(bad) is None
