"""The training problem's judge replays SGD by hand (no torch.optim, whose
first call imports torch._dynamo): its steps must be torch.optim.SGD's, with
and without momentum, and for each known bug's sequence of calls."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch

TESTS = Path(__file__).resolve().parents[2] / "problems" / "training" / "tests" / "test_training.py"


@pytest.fixture(scope="module")
def training():
    spec = importlib.util.spec_from_file_location("training_tests", TESTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _params(training, H, L, seed):
    torch.manual_seed(seed)
    net = training.Regressor(H, L)
    return {n: p.detach().double().numpy().copy() for n, p in net.named_parameters()}


@pytest.mark.parametrize("momentum", [0.0, 0.9])
@pytest.mark.parametrize("bug", [{}, {"zero_grad": False}, {"step": False}])
def test_the_hand_written_sgd_steps_as_torch_optim_sgd(training, momentum, bug):
    rng = np.random.default_rng(5)
    H, L, lr = 4, 2, 0.05
    params = _params(training, H, L, 0)
    batches = [(rng.normal(size=(3, 5, training.INPUT_DIM)), rng.normal(size=3)) for _ in range(3)]
    losses, after = training.replay(params, H, L, batches, lr, momentum, **bug)

    net = training.judge_model(params, H, L)
    opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
    expected = []
    for x, y in batches:
        if bug.get("zero_grad", True):
            opt.zero_grad()
        loss = torch.nn.functional.mse_loss(net(training.t64(x))[:, 0], training.t64(y))
        loss.backward()
        if bug.get("step", True):
            opt.step()
        expected.append(loss.item())
    assert losses == pytest.approx(expected, rel=1e-12, abs=1e-15)
    for name, p in net.named_parameters():
        np.testing.assert_allclose(after[name], p.detach().numpy(), rtol=1e-12, atol=1e-15)
