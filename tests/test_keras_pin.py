"""The Keras the judge is built on: the [keras] extra pins one version, that
version is the one installed, and it still computes what the Keras problems'
hidden tests assume of it (the torch backend's LSTM was rewritten three times
in 2026, keras PRs #22279, #22470, #22874).  Run in a child interpreter, so
that KERAS_BACKEND=torch is set before Keras loads and this process never
imports Keras."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, sys
import numpy as np
import keras
sys.path.insert(0, sys.argv[1])
from grader.scoring import lstm_reference as lstm

rng = np.random.default_rng(7)
B, T, I, H = 3, 6, 4, 5
layer = keras.layers.LSTM(H, return_sequences=True, return_state=True)
x = rng.standard_normal((B, T, I)).astype("float32")
layer(x)
kernel, recurrent, bias = [rng.uniform(-0.6, 0.6, w.shape).astype("float32")
                           for w in layer.get_weights()]
layer.set_weights([kernel, recurrent, bias])
out, h, c = [np.asarray(v.detach()) for v in layer(x)]
ref, ref_h, ref_c = lstm.forward(x, np.zeros((B, H)), np.zeros((B, H)), kernel.T, recurrent.T,
                                 bias, 0 * bias)
z = np.linspace(-5, 5, 41)
config = layer.get_config()
print(json.dumps({
    "backend": keras.backend.backend(),
    "shapes": [list(w.shape) for w in layer.get_weights()],
    "paths": [w.path.split("/")[-1] for w in layer.weights],
    "error": float(max(abs(out - ref).max(), abs(h - ref_h).max(), abs(c - ref_c).max())),
    "activation": config["activation"], "recurrent_activation": config["recurrent_activation"],
    "unit_forget_bias": config["unit_forget_bias"],
    "hard_sigmoid": float(abs(np.asarray(keras.activations.hard_sigmoid(z))
                              - np.clip(z / 6 + 0.5, 0, 1)).max()),
}))
"""


def test_the_extra_pins_the_installed_keras():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    (pin,) = extras["keras"]
    name, _, pinned = pin.partition("==")
    assert name == "keras" and pinned, f"the keras extra must pin one version: {pin!r}"
    assert version("keras") == pinned


def test_keras_on_torch_computes_what_the_hidden_tests_assume(tmp_path):
    env = {**os.environ, "KERAS_BACKEND": "torch", "KERAS_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(ROOT)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    facts = json.loads(proc.stdout.strip().splitlines()[-1])
    assert facts["backend"] == "torch"
    # kernel (I, 4H), recurrent_kernel (H, 4H), one bias (4H,), gates i, f, c, o:
    # numpy's reference (PyTorch's i, f, g, o) with W_ih = kernel.T, b_hh = 0.
    assert facts["shapes"] == [[4, 20], [5, 20], [20]]
    assert facts["paths"] == ["kernel", "recurrent_kernel", "bias"]
    assert facts["error"] < 1e-5, facts
    assert (facts["activation"], facts["recurrent_activation"]) == ("tanh", "sigmoid")
    assert facts["unit_forget_bias"] is True
    assert facts["hard_sigmoid"] < 1e-6  # Keras 3's: relu6(x + 3) / 6
