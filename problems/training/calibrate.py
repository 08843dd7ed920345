"""Calibrates the `learns` threshold of problem `training` (an author's tool,
not a test): runs the tests' own procedure (`judge_learning`) in this process, over many
seeds, with the accepted solutions and with configurations that should fail,
and prints the held-out MSE each one reaches.

    python problems/training/calibrate.py [SEEDS] [SOLUTION.py ...]

The solutions run here, unsandboxed: only use it on the bundled ones.  The
seeds stand for `--seed N` of `lstm-judge submit` (the hidden test `learns`
draws its task and model from it), so the figures are the ones the judge sees.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import warnings
import zlib
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from grader.child import torch_support as torchops  # noqa: E402
from grader.testing import Handle, Tensor, WrongAnswer  # noqa: E402


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Local:
    """The `submission` fixture's torch operations, run in this process."""

    def __init__(self, module):
        self.module = module
        self.objects: dict[int, object] = {}
        self.last_warnings: list[tuple[str, str]] = []

    def _in(self, v):
        if isinstance(v, Tensor):
            return torch.from_numpy(v.array.copy())
        if isinstance(v, Handle):
            return self.objects[v.id]
        return v

    def _out(self, v):
        if isinstance(v, torch.Tensor):
            return Tensor(v.detach().numpy().copy())
        if isinstance(v, (float, int, str, type(None))):
            return v
        if isinstance(v, (tuple, list)):
            return type(v)(self._out(x) for x in v)
        self.objects[id(v)] = v
        return Handle(id(v), type(v).__name__)

    def _run(self, f, *args, **kwargs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = f(*(self._in(a) for a in args), **{k: self._in(v) for k, v in kwargs.items()})
        self.last_warnings = [(w.category.__name__, str(w.message)) for w in caught]
        return self._out(value)

    def configure(self, *args):
        return self._run(self.module.configure, *args)

    def train_step(self, *args):
        return self._run(self.module.train_step, *args)

    def build(self, name, *args, params_of=None, seed=None, **kwargs):
        return self._run(lambda: torchops.build(name, list(args), kwargs,
                                                params_of=self._in(params_of), seed=seed))

    def call_method(self, target, name, *args, **kwargs):
        return self._run(getattr(self._in(target), name), *args, **kwargs)

    def modules(self, target):
        return torchops.inspect_module(self._in(target))


def main(argv: list[str]) -> None:
    torch.set_num_threads(1)  # as in the child (limits.threads)
    seeds = int(argv[0]) if argv else 40
    tests = load(HERE / "tests" / "test_training.py", "training_tests")
    paths = [Path(p) for p in argv[1:]] or sorted((ROOT / "solutions" / "training" / "accepted")
                                                  .glob("*.py")) + [
        ROOT / "solutions" / "training" / "wrong" / "slow_optimizer.py"]
    crc = zlib.crc32(b"test_learns")
    print(f"threshold {tests.THRESHOLD}; {tests.STEPS} steps of batch {tests.BATCH}; "
          f"seeds 0-{seeds - 1}")
    for path in paths:
        submission = Local(load(path, path.stem))
        figures, base, started = [], [], time.monotonic()
        for seed in range(seeds):
            rng = np.random.default_rng([seed, crc])
            try:
                figures.append(tests.judge_learning(submission, rng))
            except WrongAnswer as failed:
                figures.append(float(str(failed).split("error is ")[1].split(";")[0]))
            again = np.random.default_rng([seed, crc])  # the same draws as judge_learning()
            tests.make_task(again, tests.N_TRAIN)
            base.append(float(np.var(tests.make_task(again, tests.N_TEST)[1])))
        f = np.array(figures)
        passed = int((f < tests.THRESHOLD).sum())
        print(f"{path.parent.name}/{path.name}: held-out MSE min {f.min():.4f} median "
              f"{np.median(f):.4f} max {f.max():.4f}; {passed}/{seeds} below the threshold; "
              f"worst margin x{tests.THRESHOLD / f.max():.1f}; "
              f"{(time.monotonic() - started) / seeds:.2f} s a run")
    print(f"predicting the mean: {min(base):.3f}-{max(base):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
