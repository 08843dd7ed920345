"""Hidden tests for `network_keras`: build_model(input_dim, hidden_dim,
output_dim, num_layers=1) -> keras.Model, model(x) with x (B, T, input_dim)
-> (B, output_dim): stacked keras.layers.LSTM, then a Dense on the top
layer's output at the last time step.  Keras runs on its torch backend.

The judge chooses the weights.  It reads the model's layers (the child's
helper builds an unbuilt model by calling it on zeros), checks them only as
far as it needs to map weights onto them (num_layers LSTMs, then one Dense,
of the asked sizes), draws weights from the test's seed, has the child load
them with set_weights, and compares model(x) with the same network computed
here in float64.  A child cannot report weights that hide a bug: it never
reports weights at all.

Keras's LSTM holds kernel (I, 4H), recurrent_kernel (H, 4H) and one bias
(4H,), gates in the order i, f, c, o: PyTorch's i, f, g, o.  So the judge's
numpy reference (``lstm``) computes it with W_ih = kernel.T, W_hh =
recurrent_kernel.T, b_ih = bias, b_hh = 0.  Known mistakes are computed here
too, with the activations an old tutorial uses, so the feedback names them.
"""

import numpy as np
import pytest

from grader.testing import (Handle, Kind, SubmissionFailed, Tensor, Variant, WrongAnswer,
                            describe_type, draw_nonzero, lstm, raised)

NAME = "output"
LSTM_LAYER = ("LSTM", "keras.src.layers.rnn.lstm")
DENSE_LAYER = ("Dense", "keras.src.layers.core.dense")


# ---------------------------------------------------------------- the judge's network


def tanh(z):
    return np.tanh(z)


def hard_sigmoid(z):  # Keras 3: relu6(z + 3) / 6
    return np.clip(z / 6.0 + 0.5, 0.0, 1.0)


def hard_sigmoid_keras2(z):  # Keras 2.2 and older: 0.2 z + 0.5, clipped
    return np.clip(0.2 * z + 0.5, 0.0, 1.0)


def relu(z):
    return np.maximum(z, 0.0)


def keras_lstm(x, kernel, recurrent, bias, act=tanh, rec_act=lstm.sigmoid, h=None, c=None):
    """One Keras LSTM layer over batch-first x with the given activations:
    (out (B, T, H), h_n, c_n).  Only for the known mistakes; the expected
    answer comes from the proved reference ``lstm.forward``."""
    B, T, _ = x.shape
    H = recurrent.shape[0]
    h = np.zeros((B, H)) if h is None else h
    c = np.zeros((B, H)) if c is None else c
    out = np.empty((B, T, H))
    for t in range(T):
        z = x[:, t] @ kernel + h @ recurrent + bias
        i, f, g, o = np.split(z, 4, axis=-1)
        c = rec_act(f) * c + rec_act(i) * act(g)
        h = rec_act(o) * act(c)
        out[:, t] = h
    return out, h, c


class Network:
    """The weights the judge chose for one model, and what they compute."""

    def __init__(self, rng, I, H, O, L):
        self.lstms = [(rng.uniform(-0.6, 0.6, (I if k == 0 else H, 4 * H)),
                       rng.uniform(-0.6, 0.6, (H, 4 * H)),
                       rng.uniform(-0.4, 0.4, 4 * H)) for k in range(L)]
        self.dense = (rng.uniform(-0.8, 0.8, (H, O)), rng.uniform(-0.3, 0.3, O))

    def weights(self, dtype):
        """One list of arrays per weighted layer, as Keras's set_weights takes them."""
        return [[Tensor(np.asarray(w, dtype=dtype)) for w in layer]
                for layer in [*self.lstms, self.dense]]

    def run(self, x, states=None):
        """The top layer's output sequence and each layer's final (h, c)."""
        seq, finals = np.asarray(x, dtype=np.float64), []
        for k, (kernel, recurrent, bias) in enumerate(self.lstms):
            h0, c0 = states[k] if states else (np.zeros((len(seq), recurrent.shape[0])),) * 2
            seq, h, c = lstm.forward(seq, h0, c0, kernel.T, recurrent.T, bias, 0 * bias)
            finals.append((h, c))
        return seq, finals

    def head(self, h):
        kernel, bias = self.dense
        return h @ kernel + bias

    def expected(self, x, states=None):
        seq, _ = self.run(x, states)
        return self.head(seq[:, -1])

    def other(self, x, act=tanh, rec_act=lstm.sigmoid):
        """The top layer's output sequence with other activations."""
        seq = np.asarray(x, dtype=np.float64)
        for kernel, recurrent, bias in self.lstms:
            seq, _, _ = keras_lstm(seq, kernel, recurrent, bias, act, rec_act)
        return seq

    def variants(self, x):
        seq, _ = self.run(x)
        found = [
            Variant("return-sequences-on-top", "return_sequences=True on the top LSTM: the "
                    "Dense acts on every time step, (B, T, output_dim); only the last step "
                    "is wanted", (self.head(seq),)),
            Variant("first-time-step", "the output at the first time step; it is the last "
                    "(the top LSTM's default output, return_sequences=False)",
                    (self.head(seq[:, 0]),)),
            Variant("hard-sigmoid", "recurrent_activation='hard_sigmoid' (an old Keras "
                    "tutorial's default); the LSTM's gates use 'sigmoid', Keras 3's default",
                    (self.head(self.other(x, rec_act=hard_sigmoid)[:, -1]),)),
            Variant("hard-sigmoid", "recurrent_activation='hard_sigmoid' (an old Keras "
                    "tutorial's default); the LSTM's gates use 'sigmoid', Keras 3's default",
                    (self.head(self.other(x, rec_act=hard_sigmoid_keras2)[:, -1]),)),
            Variant("relu-activation", "activation='relu' on the LSTM; the cell's candidate "
                    "and output use 'tanh', the default", (self.head(self.other(x, relu)[:, -1]),)),
        ]
        if x.shape[1] == x.shape[2]:  # T = I: read as (features, timesteps) it still fits
            transposed, _ = self.run(np.swapaxes(x, 1, 2))
            found.append(Variant(TRANSPOSED, TRANSPOSED_WHY, (self.head(transposed[:, -1]),)))
        return found


TRANSPOSED = "input-transposed"
TRANSPOSED_WHY = ("x read as (features, timesteps): x is (B, T, input_dim), batch, timesteps, "
                  "features, as keras.layers.LSTM reads it; do not transpose it")


# ---------------------------------------------------------------- the model's layers


def check_layers(layers, I, H, O, L, T, dtype):
    """Whether the layers are num_layers LSTMs then one Dense of the asked sizes,
    with no other weights: what the judge needs to map its weights onto them."""
    weighted = [layer for layer in layers if layer["weights"]]
    kinds = [(layer["class"], layer["module"]) for layer in weighted]
    if kinds != [LSTM_LAYER] * L + [DENSE_LAYER]:
        raise WrongAnswer(
            f"the model must hold exactly {L} keras.layers.LSTM layer(s) and then one "
            "keras.layers.Dense, and no other layer with weights",
            "layers with weights, in order: "
            + (", ".join(name for name, _ in kinds) or "none"),
            kind=Kind.TYPE, subject="build_model")
    for k, layer in enumerate(weighted[:L]):
        inputs = I if k == 0 else H
        want = [[inputs, 4 * H], [H, 4 * H], [4 * H]]
        if layer["weights"] != want:
            if k == 0 and T != I and layer["weights"][:1] == [[T, 4 * H]]:
                raise WrongAnswer(
                    f"the first LSTM's kernel reads {T} features, the number of time steps "
                    f"(input_dim is {I}): it reads x as (features, timesteps)",
                    f"LSTM {k + 1} has weights of shapes {layer['weights']}, expected {want}",
                    hint=f"{TRANSPOSED_WHY} [{TRANSPOSED}]", kind=Kind.SHAPE,
                    subject="build_model")
            raise WrongAnswer(
                f"LSTM {k + 1} does not have the weights of keras.layers.LSTM({H}) reading "
                f"{inputs} features, with its bias",
                f"LSTM {k + 1} has weights of shapes {layer['weights']}, expected {want}",
                kind=Kind.SHAPE, subject="build_model")
    if weighted[-1]["weights"] != [[H, O], [O]]:
        raise WrongAnswer(
            f"the Dense layer is not keras.layers.Dense({O}) on the top LSTM's {H} units, "
            "with its bias", f"the Dense has weights of shapes {weighted[-1]['weights']}, "
            f"expected {[[H, O], [O]]}", kind=Kind.SHAPE, subject="build_model")
    wanted = np.dtype(dtype).name
    if any(d != wanted for layer in weighted for d in layer["dtypes"]):
        raise WrongAnswer(
            f"the model's weights are not all {wanted}, the float type Keras was set to "
            "(keras.config.floatx()); do not fix a layer's dtype",
            "weight dtypes: " + ", ".join(d for layer in weighted for d in layer["dtypes"]))


# ---------------------------------------------------------------- helpers




def named(failure):
    """The hint for a failure Keras raises on a known mistake."""
    if failure.hint:
        return
    if raised(failure, "ValueError", "expected ndim=3, found ndim=2"):
        failure.hint = ("an LSTM below the top one without return_sequences=True gives "
                        "(B, hidden_dim), and the next LSTM needs the whole sequence "
                        "(B, T, hidden_dim): Keras says `expected ndim=3, found ndim=2` "
                        "[return-sequences-missing]")
    elif raised(failure, "ValueError", "stateful"):
        failure.hint = ("a stateful=True LSTM keeps its final state for the next call and "
                        "is tied to one batch size; every call must start from zeros and "
                        "take any B [stateful]")


def make(submission, I, H, O, L):
    try:
        if L == 1:
            try:
                model = submission.build_model(I, H, O)
            except SubmissionFailed as failure:
                if not raised(failure, "TypeError", "'num_layers'"):
                    raise
                model = submission.build_model(I, H, O, num_layers=1)  # it requires num_layers
        else:
            model = submission.build_model(I, H, O, num_layers=L)
    except SubmissionFailed as failure:
        if L > 1 and raised(failure, "TypeError", "unexpected keyword argument 'num_layers'"):
            raise WrongAnswer(
                f"build_model takes no num_layers, so it cannot build the {L}-layer network "
                "this test asks for",
                f"build_model({I}, {H}, {O}, num_layers={L}) raised TypeError",
                hint="define build_model(input_dim, hidden_dim, output_dim, num_layers=1) "
                     "and stack num_layers LSTMs [no-num-layers]",
                kind=Kind.RAISED, subject="build_model") from None
        named(failure)
        raise
    if not isinstance(model, Handle):
        raise WrongAnswer(f"build_model(...) gave {describe_type(model)}, expected a "
                          "keras.Model", kind=Kind.TYPE, subject="build_model")
    return model


def prepare(submission, rng, I, H, O, L, B, T, dtype=np.float32):
    """A model with the judge's weights loaded: (model, network)."""
    model = make(submission, I, H, O, L)
    try:
        layers = submission.keras_layers(model, (B, T, I), np.dtype(dtype).name)
    except SubmissionFailed as failure:
        named(failure)
        raise
    check_layers(layers, I, H, O, L, T, dtype)
    network = Network(rng, I, H, O, L)
    submission.keras("load", model, network.weights(dtype), target=model,
                     words="set its own weights in")
    return model, network


def forward(submission, model, x):
    """model(x) in the child, as an array; anything but a tensor is a wrong answer."""
    try:
        got = submission.call_method(model, "__call__", Tensor(x))
    except SubmissionFailed as failure:
        named(failure)
        raise
    if not isinstance(got, Tensor):
        raise WrongAnswer(f"model(x) returned {describe_type(got)}, expected one tensor of "
                          "shape (B, output_dim)", kind=Kind.TYPE)
    return got.array


class Calls:
    """Calls one model and checks each answer; also knows what a model that
    keeps its final states for the next call of the same batch size gives."""

    def __init__(self, submission, check, model, network):
        self.submission, self.check, self.model, self.network = submission, check, model, network
        self.states = None  # the final states a stateful model would hold

    def __call__(self, x, name=NAME, dtype=np.float32):
        states = self.states if self.states and len(self.states[0][0]) == len(x) else None

        def variants():  # computed only when the answer is wrong
            found = self.network.variants(x)
            if states is not None:
                found.insert(0, Variant(
                    "stateful", "the final states of the previous call used as the next "
                    "call's initial state (stateful=True); every call must start from zeros",
                    (self.network.expected(x, states),)))
            return found

        _, self.states = self.network.run(x, states)
        got = forward(self.submission, self.model, x)
        self.check(got, self.network.expected(x), name, dtype=dtype, variants=variants)
        return got


def judge(submission, check, rng, B, T, I, H, O, L):
    model, network = prepare(submission, rng, I, H, O, L, B, T)
    Calls(submission, check, model, network)(draw_nonzero(rng, B, T, I))


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


def test_time_equals_features(submission, check, rng):
    judge(submission, check, rng, B=3, T=4, I=4, H=5, O=2, L=1)


def test_batch_one(submission, check, rng):
    judge(submission, check, rng, B=1, T=6, I=4, H=7, O=3, L=2)


def float64_test(submission, check, rng, I, H, O, L):
    B, T = 3, 5
    submission.keras("set_floatx", "float64")
    try:
        model, network = prepare(submission, rng, I, H, O, L, B, T, dtype=np.float64)
    finally:
        submission.keras("set_floatx", "float32")
    got = Calls(submission, check, model, network)(draw_nonzero(rng, B, T, I, dtype=np.float64),
                                                   dtype=np.float64)
    if got.dtype != np.float64:
        raise WrongAnswer(f"built with keras.config.floatx() 'float64', the model gave a "
                          f"{got.dtype} output for float64 input; expected float64")


def test_float64(submission, check, rng):
    float64_test(submission, check, rng, I=5, H=6, O=2, L=2)


def test_float64_one_layer(submission, check, rng):
    float64_test(submission, check, rng, I=4, H=5, O=3, L=1)


def test_batch_independence(submission, check, rng):
    B, T, I, H, O, L = 5, 4, 3, 6, 2, 2
    model, network = prepare(submission, rng, I, H, O, L, B, T)
    calls = Calls(submission, check, model, network)
    x = draw_nonzero(rng, B, T, I)
    whole = calls(x, "model(x)")
    for i in range(B):
        alone = calls(x[i:i + 1], f"model(x[{i}:{i + 1}])")
        if not np.allclose(alone[0], whole[i], rtol=1e-4, atol=1e-5):
            raise WrongAnswer(f"model(x[{i}:{i + 1}])[0] differs from model(x)[{i}]: "
                              "examples of a batch must not affect each other")


def test_repeated_calls(submission, check, rng):
    B, T, I, H, O, L = 3, 4, 5, 4, 2, 2
    model, network = prepare(submission, rng, I, H, O, L, B, T)
    calls = Calls(submission, check, model, network)
    x1, x2 = draw_nonzero(rng, B, T, I), draw_nonzero(rng, B, T, I)
    first = calls(x1, "output of call 1")
    for k, x in enumerate((x2, x1, x1), start=2):
        got = calls(x, f"output of call {k}")
    check(got, first.astype(np.float64), "output of call 4 against call 1", dtype=np.float32)


def test_long_sequence(submission, check, rng):
    judge(submission, check, rng, B=8, T=64, I=3, H=10, O=2, L=2)
