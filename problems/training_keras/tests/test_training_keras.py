"""Hidden tests for `training_keras`: configure(model) compiles the model
(loss, optimizer, learning rate) and train_step(model, x, y) runs one
optimisation step and returns the loss before the update, a Python float.

The model is always the judge's own: ``keras_support.regressor`` (stacked
LSTMs and a Dense on the last step; (B, T, 3) -> (B, 1)), built in the
child, with weights the judge chooses and loads.  x is (B, T, 3), y is (B,).

train_step is judged exactly: the judge compiles the model itself (mean
squared error, SGD with its own learning rate, once with momentum), runs two
steps on two different batches, then replays them here in float64 torch
from the same weights and compares the weights and both returned losses.
Known mistakes are replayed too, so the feedback names them.

configure is judged twice: the compile it chooses is read back (mean squared
error; SGD or Adam, which the judge can replay) and two steps with it are
replayed exactly; and 300 steps on a seeded, learnable regression task must
bring the held-out mean squared error, computed here from the weights the
child ends with, below THRESHOLD.
"""

import numpy as np
import pytest
import torch

from grader.testing import Handle, Tensor, Variant, WrongAnswer, describe_type, draw_nonzero

INPUT_DIM = 3

# The learning task (see make_task) and its bar, as in `training`.  Predicting
# the mean scores a held-out MSE of about 1.  Measured with `lstm-judge submit
# --seed N` (N = 0-8, which draws `learns`'s task): the three accepted
# solutions (Adam 1e-2, Adam 2e-2 through fit, Adam 1.5e-2 with betas and
# epsilon of its own) pass both learning tests on every seed; SGD at 0.01
# (wrong/slow_optimizer.py) fails them, and so, on seed 6, did SGD at 0.1 with
# Nesterov momentum, which is why it is not an accepted solution.
STEPS, BATCH, SEQ_LEN, HIDDEN = 300, 32, 10, 8
N_TRAIN, N_TEST = 1024, 512
THRESHOLD = 0.05

MSE_NAMES = {"mse", "mean_squared_error", "MeanSquaredError"}


# ---------------------------------------------------------------- the judge's weights and replay


def choose_weights(rng, H, L, O=1):
    """One list of arrays per weighted layer: each LSTM's kernel, recurrent
    kernel and bias (Keras's layout, gates i, f, c, o), then the Dense's."""
    layers = [[rng.uniform(-0.5, 0.5, (INPUT_DIM if k == 0 else H, 4 * H)),
               rng.uniform(-0.5, 0.5, (H, 4 * H)), rng.uniform(-0.3, 0.3, 4 * H)]
              for k in range(L)]
    return layers + [[rng.uniform(-0.6, 0.6, (H, O)), rng.uniform(-0.2, 0.2, O)]]


def forward(params, x):
    """What the regressor computes, in float64 torch, from ``params`` (flat,
    in choose_weights's order)."""
    seq = x
    for k in range(0, len(params) - 2, 3):
        kernel, recurrent, bias = params[k:k + 3]
        h = c = torch.zeros(len(x), recurrent.shape[0], dtype=torch.float64)
        outs = []
        for t in range(seq.shape[1]):
            i, f, g, o = (seq[:, t] @ kernel + h @ recurrent + bias).chunk(4, dim=-1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
            outs.append(h)
        seq = torch.stack(outs, dim=1)
    return seq[:, -1] @ params[-2] + params[-1]


class SGD:
    """keras.optimizers.SGD's update: v = momentum v - lr g; w += v (or, with
    nesterov, w += momentum v - lr g)."""

    def __init__(self, params, learning_rate, momentum=0.0, nesterov=False):
        self.params, self.lr, self.momentum, self.nesterov = params, learning_rate, momentum, nesterov
        self.velocity = [torch.zeros_like(p) for p in params]

    @torch.no_grad()
    def step(self):
        for p, v in zip(self.params, self.velocity):
            if self.momentum:
                v.mul_(self.momentum).sub_(self.lr * p.grad)
                p.add_(self.momentum * v - self.lr * p.grad if self.nesterov else v)
            else:
                p.sub_(self.lr * p.grad)


class Adam:
    """keras.optimizers.Adam's update (Keras puts epsilon outside the square
    root, after the bias correction folded into the learning rate)."""

    def __init__(self, params, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        self.params, self.lr, self.b1, self.b2, self.eps = params, learning_rate, beta_1, beta_2, epsilon
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    @torch.no_grad()
    def step(self):
        self.t += 1
        lr = self.lr * (1 - self.b2 ** self.t) ** 0.5 / (1 - self.b1 ** self.t)
        for p, m, v in zip(self.params, self.m, self.v):
            m.add_((p.grad - m) * (1 - self.b1))
            v.add_((p.grad ** 2 - v) * (1 - self.b2))
            p.sub_(lr * m / (v.sqrt() + self.eps))


def replay(weights, batches, optimizer, options, steps=1, loss_after=False, update=True,
           reset=False):
    """The losses train_step returns and the weights it leaves, as a correct
    train_step (the defaults) or a known mistake computes them."""
    params = [torch.tensor(np.asarray(w, dtype=np.float64), requires_grad=True)
              for layer in weights for w in layer]
    make = {"SGD": SGD, "Adam": Adam}[optimizer]
    opt = make(params, **options)
    losses = []
    for x, y in batches:
        x, y = t64(x), t64(y)
        if reset:  # compiled again in every step: a fresh optimizer each time
            opt = make(params, **options)
        for k in range(steps):
            loss = ((forward(params, x)[:, 0] - y) ** 2).mean()
            if k == 0:
                first = loss.item()
            for p in params:
                p.grad = None
            loss.backward()
            if update:
                opt.step()
        if loss_after:
            with torch.no_grad():
                first = ((forward(params, x)[:, 0] - y) ** 2).mean().item()
        losses.append(first)
    flat = [p.detach().numpy().copy() for p in params]
    return losses, flat


def t64(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


def rounded(value, dtype):
    """A setting as Keras holds it: in a variable of the float type in use."""
    return float(np.asarray(value, dtype=dtype))


# ---------------------------------------------------------------- the child's side


def regressor(submission, rng, H, L, dtype):
    """The judge's model in the child, with weights the judge chose: (model, weights)."""
    model = submission.keras("regressor", INPUT_DIM, H, 1, L, int(rng.integers(2**31)))
    weights = choose_weights(rng, H, L)
    submission.keras("load", model, [[Tensor(np.asarray(w, dtype=dtype)) for w in layer]
                                     for layer in weights],
                     target=model, words="set its own weights in")
    return model, weights


def read_weights(submission, model, like):
    """The model's weights as the child holds them, flat, checked against the
    shapes of ``like`` (the weights the judge loaded)."""
    got = submission.keras("weights", model, target=model, words="read the weights of")
    shapes = [np.shape(w) for layer in like for w in layer]
    flat = [w for layer in got for w in layer] if isinstance(got, list) and all(
        isinstance(layer, list) for layer in got) else None
    if flat is None or [np.shape(w) for w in flat] != shapes or not all(
            isinstance(w, np.ndarray) and w.dtype.kind == "f" for w in flat):
        raise WrongAnswer("after train_step the model's weights are not those of the model the "
                          "judge gave (train_step must train the model, not change it)")
    return flat


def train_step(submission, model, x, y, k):
    got = submission.train_step(model, Tensor(x), Tensor(y))
    if isinstance(got, Tensor):
        raise WrongAnswer(f"train_step returned a tensor (step {k}); return the loss as a "
                          "Python float: float(model.train_on_batch(x, y))")
    if isinstance(got, bool) or not isinstance(got, float):
        raise WrongAnswer(f"train_step returned {describe_type(got)} (step {k}), expected the "
                          "loss as a Python float: float(model.train_on_batch(x, y))")
    return got



def replayed_steps(submission, check, rng, model, weights, B, T, optimizer, options, dtype):
    """Two train_steps on two batches, replayed here; known mistakes named."""
    batches = [(draw_nonzero(rng, B, T, INPUT_DIM, dtype=dtype), draw_nonzero(rng, B, dtype=dtype))
               for _ in range(2)]
    losses = [train_step(submission, model, x, y, k) for k, (x, y) in enumerate(batches, 1)]
    after = read_weights(submission, model, weights)
    names = ["loss of step 1", "loss of step 2"] + [
        f"weight {k + 1} after two steps" for k in range(len(after))]

    def run(**mistake):
        found, flat = replay(weights, batches, optimizer, options, **mistake)
        return tuple(np.asarray(v, dtype=np.float64) for v in found) + tuple(flat)

    def variants():  # replayed only when the answer is wrong
        found = [
            Variant("weights-unchanged", "the weights never changed: the step evaluated the "
                    "loss (model.evaluate, model.test_on_batch or model(x)) without training",
                    run(update=False)),
            Variant("loss-after-step", "the loss returned was computed after the update; "
                    "return the loss of the step itself (train_on_batch returns it)",
                    run(loss_after=True)),
            Variant("several-steps", "more than one step on the batch (fit with epochs > 1, "
                    "or a batch_size that splits it); train_step is one step",
                    run(steps=2)),
        ]
        if optimizer == "Adam" or options.get("momentum"):
            found.append(Variant("compiled-in-step", "the model compiled again inside "
                                 "train_step: each compile makes a fresh optimizer, so its "
                                 "momentum starts over every step; compile once, in configure",
                                 run(reset=True)))
        return found

    # Keras reports a step's loss through a float32 metric (its loss tracker),
    # whatever the float type of the model: the losses are judged as float32.
    expected = run()
    got = tuple(np.asarray(v, dtype=np.float64) for v in losses)
    check.outputs(got, expected[:2], names[:2], dtype=np.float32,
                  variants=lambda: [Variant(v.id, v.description, v.outputs[:2]) for v in variants()])
    check.outputs(tuple(after), expected[2:], names[2:], dtype=dtype,
                  variants=lambda: [Variant(v.id, v.description, v.outputs[2:]) for v in variants()])


def judge_two_steps(submission, check, rng, B, T, H=8, L=1, lr=0.05, momentum=0.0,
                    dtype=np.float32):
    # float64 stays Keras's float type for the whole test: fit converts its
    # data to keras.config.floatx().
    if dtype == np.float64:
        submission.keras("set_floatx", "float64")
    try:
        model, weights = regressor(submission, rng, H, L, dtype)
        options = {"learning_rate": lr, **({"momentum": momentum} if momentum else {})}
        submission.keras("compile_with", model, "SGD", options, target=model,
                         words="compiled (mean squared error, SGD) its own")
        replayed = {k: rounded(v, dtype) for k, v in options.items()}
        replayed_steps(submission, check, rng, model, weights, B, T, "SGD", replayed, dtype)
    finally:
        if dtype == np.float64:
            submission.keras("set_floatx", "float32")


# ---------------------------------------------------------------- configure's choices


def configure(submission, model):
    got = submission.configure(model)
    if isinstance(got, Handle) or got is None:
        return
    raise WrongAnswer(f"configure(model) returned {describe_type(got)}; it compiles the model "
                      "(model.compile(...)) and returns nothing")


def choices(submission, model):
    """The optimizer and its options that configure compiled, if the judge can
    replay them; otherwise a wrong answer that says why."""
    compiled = submission.keras("compiled", model, target=model,
                                words="read the compile settings of")
    loss = compiled.get("loss") if isinstance(compiled, dict) else None
    optimizer = compiled.get("optimizer") if isinstance(compiled, dict) else None
    if not isinstance(loss, dict) or not (loss.get("name") in MSE_NAMES
                                          or loss.get("class") in MSE_NAMES):
        raise WrongAnswer("configure must compile the model with the mean squared error loss "
                          "(loss='mse'), the loss of this regression task")
    if not isinstance(optimizer, dict) or optimizer.get("class") not in ("SGD", "Adam") \
            or not str(optimizer.get("module", "")).startswith("keras.src."):
        raise WrongAnswer("configure must compile the model with keras.optimizers.SGD or "
                          "keras.optimizers.Adam, which the judge replays exactly")
    config = optimizer.get("config") if isinstance(optimizer.get("config"), dict) else {}
    plain = {"weight_decay": None, "clipnorm": None, "global_clipnorm": None,
             "clipvalue": None, "use_ema": False, "loss_scale_factor": None,
             "gradient_accumulation_steps": None, "amsgrad": False}
    extra = sorted(k for k, v in plain.items() if k in config and config[k] != v)
    if extra:
        raise WrongAnswer("the judge replays SGD and Adam without weight decay, clipping, "
                          "moving averages or gradient accumulation; configure set "
                          + ", ".join(extra))
    keys = {"SGD": ("learning_rate", "momentum", "nesterov"),
            "Adam": ("learning_rate", "beta_1", "beta_2", "epsilon")}[optimizer["class"]]
    options = {k: config.get(k) for k in keys}
    if not all(type(v) in (int, float, bool) and np.isfinite(v) for v in options.values()):
        raise WrongAnswer("the optimizer's learning rate and settings must be plain numbers "
                          "(a learning-rate schedule cannot be replayed)")
    return optimizer["class"], {k: (bool(v) if k == "nesterov" else float(v))
                                for k, v in options.items()}


# ---------------------------------------------------------------- the learning task


def make_task(rng, n):
    """x (n, SEQ_LEN, 3) standard normal; y (n,): 0.8 * (the sum of feature 0 over
    time) / sqrt(T) + 0.6 * (feature 1 at the last step).  Var(y) = 1."""
    x = rng.standard_normal((n, SEQ_LEN, INPUT_DIM)).astype(np.float32)
    y = 0.8 * x[:, :, 0].sum(axis=1) / np.sqrt(SEQ_LEN) + 0.6 * x[:, -1, 1]
    return x, y.astype(np.float32)


def held_out_mse(flat, x, y):
    with torch.no_grad():
        pred = forward([t64(w) for w in flat], t64(x))[:, 0].numpy()
    return float(np.mean((pred - np.asarray(y, dtype=np.float64)) ** 2))


def judge_learning(submission, rng):
    x_train, y_train = make_task(rng, N_TRAIN)
    x_test, y_test = make_task(rng, N_TEST)
    model, weights = regressor(submission, rng, HIDDEN, 1, np.float32)
    configure(submission, model)
    for k in range(1, STEPS + 1):
        idx = rng.choice(N_TRAIN, size=BATCH, replace=False)
        train_step(submission, model, x_train[idx], y_train[idx], k)
    mse = held_out_mse(read_weights(submission, model, weights), x_test, y_test)
    if not mse < THRESHOLD:  # nan fails too
        raise WrongAnswer(
            f"after {STEPS} steps the held-out mean squared error is {mse:.4g}; it must be "
            f"below {THRESHOLD:g} (predicting the mean gives {float(np.var(y_test)):.3g})")
    return mse


# ---------------------------------------------------------------- tests


def test_example(submission, check, rng):
    judge_two_steps(submission, check, rng, B=4, T=3)


def test_learns_sample(submission, rng):
    judge_learning(submission, rng)


@pytest.mark.parametrize("B, T", [(8, 6), (5, 5)])
def test_two_steps(submission, check, rng, B, T):
    judge_two_steps(submission, check, rng, B, T)


def test_two_steps_float64(submission, check, rng):
    judge_two_steps(submission, check, rng, B=6, T=4, dtype=np.float64)


def test_batch_one(submission, check, rng):
    judge_two_steps(submission, check, rng, B=1, T=5)


def test_two_layers(submission, check, rng):
    judge_two_steps(submission, check, rng, B=6, T=7, H=6, L=2, lr=0.05, momentum=0.9)


def test_compiled_choices(submission, check, rng):
    model, weights = regressor(submission, rng, 6, 1, np.float32)
    configure(submission, model)
    optimizer, options = choices(submission, model)
    replayed_steps(submission, check, rng, model, weights, 6, 5, optimizer, options, np.float32)


def test_learns(submission, rng):
    judge_learning(submission, rng)
