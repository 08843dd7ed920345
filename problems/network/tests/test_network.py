"""Hidden tests for `network`: a torch.nn.Module
LSTMModel(input_dim, hidden_dim, output_dim, num_layers=1), model(x) with x
(B, T, input_dim) batch-first -> (B, output_dim): nn.LSTM, then nn.Linear on
the top layer's output at the last time step.

One-layer models are built as LSTMModel(I, H, O), as the common tutorial
does, so a model without num_layers (the spec lists it as optional) is
graded on every one-layer test; the tests with several layers pass
num_layers=L, and a constructor that takes none fails them with a hint.

The model is judged on what it computes, not on its attribute names: the
judge reads the parameters of its one nn.LSTM and one nn.Linear (found by
type, wherever they sit), rebuilds the network here in float64 torch with
those parameters, and compares the child's output with it.  Known bugs are
computed here too, from the same parameters, so the feedback can name them.
"""

import numpy as np
import pytest
import torch

from grader.testing import (Handle, Kind, SubmissionFailed, Tensor, Variant, WrongAnswer,
                            describe_type, draw_nonzero, raised)

NAME = "output"


# ---------------------------------------------------------------- the model's parts


class Parts:
    """The submission's nn.LSTM and nn.Linear as float64 torch modules here."""

    def __init__(self, submission, model, I, H, O, L):
        found = submission.modules(model)
        lstms = [m for m in found if "hidden_size" in m.get("config", {})]
        linears = [m for m in found if "in_features" in m.get("config", {})]
        if len(lstms) != 1 or len(linears) != 1:
            raise WrongAnswer(
                "the model must hold exactly one torch.nn.LSTM and one torch.nn.Linear",
                f"found {len(lstms)} nn.LSTM and {len(linears)} nn.Linear modules "
                f"({', '.join(m['path'] or '(root)' for m in lstms + linears) or 'none'})")
        lstm, linear = lstms[0], linears[0]
        want = {"input_size": I, "hidden_size": H, "num_layers": L, "bidirectional": False,
                "proj_size": 0}
        for key, value in want.items():
            if lstm["config"].get(key) != value:
                raise WrongAnswer(
                    f"the nn.LSTM's {key} is not the one asked for",
                    f"the nn.LSTM has {key}={lstm['config'].get(key)!r}, expected {value!r} "
                    f"for LSTMModel({I}, {H}, {O}, num_layers={L})")
        for key, value in {"in_features": H, "out_features": O}.items():
            if linear["config"].get(key) != value:
                raise WrongAnswer(
                    f"the nn.Linear's {key} is not the one asked for",
                    f"the nn.Linear has {key}={linear['config'].get(key)!r}, expected {value!r}")
        self.lstm = self._load(torch.nn.LSTM(I, H, L, bias=bool(lstm["config"].get("bias")),
                                             batch_first=True, dtype=torch.float64),
                               lstm, "nn.LSTM")
        self.fc = self._load(torch.nn.Linear(H, O, bias="bias" in linear["params"],
                                             dtype=torch.float64), linear, "nn.Linear")
        self.lstm_time_major = torch.nn.LSTM(I, H, L, bias=self.lstm.bias, batch_first=False,
                                             dtype=torch.float64)
        self.lstm_time_major.load_state_dict(self.lstm.state_dict())
        self.dtypes = {p.dtype for m in (lstm, linear) for p in m["params"].values()}
        self.L = L

    @staticmethod
    def _load(module, found, what):
        params = found["params"]
        own = dict(module.named_parameters())
        if set(params) != set(own) or any(params[k].shape != tuple(p.shape)
                                          for k, p in own.items()):
            raise WrongAnswer(f"the {what}'s parameters are not those of a plain {what}",
                              f"{found['path']}: got {sorted(params)}, expected {sorted(own)}")
        with torch.no_grad():
            for k, p in own.items():
                p.copy_(torch.from_numpy(np.asarray(params[k], dtype=np.float64)))
        return module

    # ------------------------------------------------------------ what it computes

    @torch.no_grad()
    def run(self, x, state=None):
        """(out, (h_n, c_n)) of the LSTM on batch-first x, from ``state`` (zeros)."""
        return self.lstm(torch.from_numpy(np.asarray(x, dtype=np.float64)), state)

    @torch.no_grad()
    def expected(self, x, state=None):
        out, _ = self.run(x, state)
        return self.fc(out[:, -1]).numpy()

    @torch.no_grad()
    def variants(self, x):
        x64 = torch.from_numpy(np.asarray(x, dtype=np.float64))
        out, (h_n, _) = self.lstm(x64)
        tm_out, (tm_h, _) = self.lstm_time_major(x64)
        found = [
            Variant("last-batch-not-last-step",
                    "out[-1] taken on batch-first output: that is the last example of the "
                    "batch, not the last time step; batch and time axes confused (use "
                    "out[:, -1] or h_n[-1])", (self.fc(out[-1]).numpy(),)),
            Variant("batch-first-false",
                    "nn.LSTM built without batch_first=True, so x (B, T, I) is read as "
                    "time-major (T, B, I): batch and time axes confused",
                    (self.fc(tm_out[:, -1]).numpy(),)),
            Variant("batch-first-false",
                    "nn.LSTM built without batch_first=True, so x (B, T, I) is read as "
                    "time-major (T, B, I): batch and time axes confused",
                    (self.fc(tm_h[-1]).numpy(),)),
            Variant("first-time-step", "the output at the first time step out[:, 0]; it is "
                    "the last, out[:, -1]", (self.fc(out[:, 0]).numpy(),)),
            Variant("linear-on-every-step", "the Linear applied to every time step (B, T, O); "
                    "only the last step's output is wanted", (self.fc(out).numpy(),)),
        ]
        if self.L > 1:
            found.append(Variant("first-layer-state",
                                 "h_n[0], the first layer's final state; with num_layers > 1 "
                                 "the top layer's is h_n[-1]", (self.fc(h_n[0]).numpy(),)))
            found.append(Variant("h_n-all-layers",
                                 "h_n.view(-1, hidden_dim): with num_layers > 1 that stacks "
                                 "every layer's final state, num_layers * B rows; the top "
                                 "layer's is h_n[-1]",
                                 (self.fc(h_n.reshape(-1, h_n.shape[-1])).numpy(),)))
        return found


# ---------------------------------------------------------------- helpers




def make(submission, I, H, O, L):
    if L == 1:
        try:
            model = submission.LSTMModel(I, H, O)
        except SubmissionFailed as failure:
            if not raised(failure, "TypeError", "'num_layers'"):
                raise
            model = submission.LSTMModel(I, H, O, num_layers=1)  # it requires num_layers
    else:
        try:
            model = submission.LSTMModel(I, H, O, num_layers=L)
        except SubmissionFailed as failure:
            if not raised(failure, "TypeError", "unexpected keyword argument 'num_layers'"):
                raise
            raise WrongAnswer(
                f"LSTMModel takes no num_layers, so it cannot build the {L}-layer network "
                "this test asks for",
                f"LSTMModel({I}, {H}, {O}, num_layers={L}) raised TypeError: the constructor "
                "takes no num_layers",
                hint="the constructor takes no num_layers: define __init__(self, input_dim, "
                     "hidden_dim, output_dim, num_layers=1) and pass num_layers to nn.LSTM "
                     "[no-num-layers]",
                kind=Kind.RAISED, subject="LSTMModel") from None
    if not isinstance(model, Handle):
        raise WrongAnswer(f"LSTMModel(...) gave {describe_type(model)}, expected a module",
                          kind=Kind.TYPE, subject="LSTMModel")
    return model


def forward(submission, model, x):
    """model(x) in the child, as an array; anything but a tensor is a wrong answer."""
    got = submission.call_method(model, "__call__", Tensor(x))
    if not isinstance(got, Tensor):
        raise WrongAnswer(f"model(x) returned {describe_type(got)}, expected one torch tensor "
                          "of shape (B, output_dim)", kind=Kind.TYPE)
    return got.array


class Calls:
    """Calls one model and checks each answer; also knows what a model that
    keeps its final (h, c) for the next call of the same batch size gives."""

    def __init__(self, submission, check, model, parts):
        self.submission, self.check, self.model, self.parts = submission, check, model, parts
        self.state = None  # the final state a stateful model would hold

    def __call__(self, x, name=NAME, dtype=np.float32):
        state = self.state if self.state is not None and self.state[0].shape[1] == len(x) else None

        def variants():  # computed only when the answer is wrong
            found = self.parts.variants(x)
            if state is not None:
                found.insert(0, Variant(
                    "state-kept-between-calls", "the final (h, c) of the previous call used as"
                    " the next call's initial state; every call must start from zeros",
                    (self.parts.expected(x, state),)))
            return found

        _, self.state = self.parts.run(x, state)
        got = forward(self.submission, self.model, x)
        self.check(got, self.parts.expected(x), name, dtype=dtype, variants=variants)
        return got


def judge(submission, check, rng, B, T, I, H, O, L):
    model = make(submission, I, H, O, L)
    Calls(submission, check, model, Parts(submission, model, I, H, O, L))(draw_nonzero(rng, B, T, I))


# ---------------------------------------------------------------- tests


def test_example(submission, check, rng):
    judge(submission, check, rng, B=2, T=4, I=3, H=5, O=2, L=1)


def test_two_layers(submission, check, rng):
    judge(submission, check, rng, B=3, T=5, I=4, H=6, O=3, L=2)


@pytest.mark.parametrize("B, T, I, H, O, L", [
    (4, 7, 3, 8, 2, 1), (6, 3, 5, 4, 3, 2), (2, 9, 2, 6, 1, 3), (7, 2, 6, 5, 4, 2),
])
def test_random_shapes(submission, check, rng, B, T, I, H, O, L):
    judge(submission, check, rng, B, T, I, H, O, L)


@pytest.mark.parametrize("B, T, I, H, O, L", [(4, 4, 3, 5, 2, 1), (6, 6, 2, 7, 3, 1)])
def test_batch_equals_time(submission, check, rng, B, T, I, H, O, L):
    judge(submission, check, rng, B, T, I, H, O, L)


def test_batch_one(submission, check, rng):
    judge(submission, check, rng, B=1, T=6, I=4, H=7, O=3, L=2)


def float64_test(submission, check, rng, I, H, O, L):
    model = make(submission, I, H, O, L)
    submission.call_method(model, "double")
    parts = Parts(submission, model, I, H, O, L)
    if parts.dtypes != {np.dtype(np.float64)}:
        raise WrongAnswer("after model.double() the parameters are not all float64")
    x = draw_nonzero(rng, 3, 5, I, dtype=np.float64)
    try:
        got = Calls(submission, check, model, parts)(x, dtype=np.float64)
    except SubmissionFailed as failure:
        if raised(failure, "RuntimeError", "dtype", "scalar type") and not failure.hint:
            failure.hint = ("a float32 initial state (torch.zeros(...) without dtype) given to "
                            "a float64 model; make h0/c0 with x's dtype and device "
                            "(x.new_zeros(...)), or pass no state [float32-zero-state]")
        raise
    if got.dtype != np.float64:
        raise WrongAnswer(f"after model.double(), float64 input gave a {got.dtype} output; "
                          "expected float64 (create any tensor you need with x's dtype)")


def test_float64(submission, check, rng):
    float64_test(submission, check, rng, I=5, H=6, O=2, L=2)


def test_float64_one_layer(submission, check, rng):
    float64_test(submission, check, rng, I=4, H=5, O=3, L=1)


def test_batch_independence(submission, check, rng):
    B, T, I, H, O, L = 5, 4, 3, 6, 2, 2
    model = make(submission, I, H, O, L)
    calls = Calls(submission, check, model, Parts(submission, model, I, H, O, L))
    x = draw_nonzero(rng, B, T, I)
    whole = calls(x, "model(x)")
    for i in range(B):
        alone = calls(x[i:i + 1], f"model(x[{i}:{i + 1}])")
        if not np.allclose(alone[0], whole[i], rtol=1e-4, atol=1e-5):
            raise WrongAnswer(f"model(x[{i}:{i + 1}])[0] differs from model(x)[{i}]: "
                              "examples of a batch must not affect each other")


def test_repeated_calls(submission, check, rng):
    B, T, I, H, O, L = 3, 4, 5, 4, 2, 2
    model = make(submission, I, H, O, L)
    calls = Calls(submission, check, model, Parts(submission, model, I, H, O, L))
    x1, x2 = draw_nonzero(rng, B, T, I), draw_nonzero(rng, B, T, I)
    first = calls(x1, "output of call 1")
    for k, x in enumerate((x2, x1, x1), start=2):
        got = calls(x, f"output of call {k}")
    # The same x gives the same answer (up to float32 rounding), call after call.
    check(got, first.astype(np.float64), "output of call 4 against call 1", dtype=np.float32)


def test_long_sequence(submission, check, rng):
    judge(submission, check, rng, B=8, T=64, I=3, H=10, O=2, L=2)
