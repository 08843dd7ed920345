"""The call log: calls written as a learner writes them, objects in the child
named by the spec or the judge (never by the child), repeats said once."""

import numpy as np
import pytest

from grader.child.protocol import Handle, Tensor
from grader.grading import call_log
from grader.grading.call_log import CallLog, built_name, returned_names
from grader.problem import EntryPoint

MODEL = EntryPoint("LSTMModel", ("input_dim", "hidden_dim", "output_dim", "num_layers"),
                   returns="a torch.nn.Module; model(x) (B, T, input_dim) -> (B, output_dim)")
CELL = EntryPoint("lstm_cell", ("x", "h_prev", "c_prev"), returns="(h, c)")
CONFIGURE = EntryPoint("configure", ("model",), returns="(loss_fn, optimizer)")
STEP = EntryPoint("train_step", ("model", "loss_fn", "optimizer", "x", "y"))
# A type name the child chose: it must never reach the log.
CHILD_TYPE = "\x1b[2JYouPassed"


def call(log, entry_point, args, kwargs=None, value=None):
    entry = log.call(entry_point, args, kwargs or {})
    log.returned(entry, value, returned_names(entry_point))


def test_a_torch_module_reads_as_the_learner_writes_it():
    log, model = CallLog(), Handle(7, CHILD_TYPE)
    call(log, MODEL, (3, 5, 2), {"num_layers": 1}, model)
    log.judge_step("read the layers and parameters of", model)
    entry = log.method(model, "double", (), {})
    log.method_returned(entry, model, "double", model)
    x = Tensor(np.zeros((2, 4, 3)))
    entry = log.method(model, "__call__", (x,), {})
    log.method_returned(entry, model, "__call__", Tensor(np.zeros((2, 2))))
    assert log.lines() == [
        "model = LSTMModel(input_dim=3, hidden_dim=5, output_dim=2, num_layers=1)",
        "# the judge read the layers and parameters of model",
        "model.double()",
        "out = model(x) with x: float64 tensor of shape (2, 4, 3); "
        "returned: float64 tensor of shape (2, 2)",
    ]
    assert not any(word in line for line in log.lines()
                   for word in ("YouPassed", "inspect(", "Tensor", "Handle", "#7"))


def test_returned_arrays_take_the_names_the_spec_gives_them():
    log = CallLog()
    args = (np.zeros((2, 3)), np.zeros((2, 4)), np.zeros((2, 4)))
    call(log, CELL, args, value=(np.zeros((2, 4)), np.zeros((2, 4), np.float32)))
    assert log.lines() == [
        "h, c = lstm_cell(x, h_prev, c_prev) with float64 arrays of shapes x (2, 3), "
        "h_prev (2, 4), c_prev (2, 4); returned: h: float64 array of shape (2, 4), "
        "c: float32 array of shape (2, 4)"]


@pytest.mark.parametrize("value, returned", [
    ([np.zeros(2), np.zeros(2)], "list of 2: float64 array of shape (2,), "
                                 "float64 array of shape (2,)"),
    ((np.zeros(2),), "tuple of 1: float64 array of shape (2,)"),
    (None, "None"),
])
def test_a_return_unlike_the_spec_is_described_not_named(value, returned):
    log = CallLog()
    call(log, CELL, (np.zeros(1),) * 3, value=value)
    line = log.lines()[0]
    assert line.startswith("lstm_cell(x, h_prev, c_prev)")
    assert line.endswith(f"; returned: {returned}")


def test_a_call_that_raised_says_what_was_passed_only():
    log = CallLog()
    log.call(MODEL, (4, 6, 3), {"num_layers": 2})
    assert log.lines() == ["LSTMModel(input_dim=4, hidden_dim=6, output_dim=3, num_layers=2)"]


def test_a_training_loop_names_objects_by_the_spec_and_by_what_the_judge_built():
    log = CallLog()
    model, loss, opt = Handle(1, CHILD_TYPE), Handle(2, CHILD_TYPE), Handle(3, CHILD_TYPE)
    name = "reference.LSTMRegressor"
    entry = log.build(name, (3, 8, 1), {"num_layers": 2}, None)
    log.returned(entry, model, (built_name(name),))
    call(log, CONFIGURE, (model,), value=(loss, opt))
    x, y = Tensor(np.zeros((4, 3, 3), np.float32)), Tensor(np.zeros(4, np.float32))
    for _ in range(300):
        call(log, STEP, (model, loss, opt, x, y), value=0.25)
    entry = log.build("torch.optim.SGD", (), {"lr": 0.05, "momentum": 0.9}, model)
    log.returned(entry, Handle(4, CHILD_TYPE), (built_name("torch.optim.SGD"),))
    assert log.lines() == [
        "model = LSTMRegressor(input_dim=3, hidden_dim=8, output_dim=1, num_layers=2)"
        "  # built by the judge",
        "loss_fn, optimizer = configure(model)",
        "train_step(model, loss_fn, optimizer, x, y) with float32 tensors of shapes "
        "x (4, 3, 3), y (4,); returned: float (300 times)",
        "optimizer2 = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)"
        "  # built by the judge",
    ]


def test_built_objects_are_named_as_a_training_loop_names_them():
    assert [built_name(n) for n in ("torch.nn.MSELoss", "torch.optim.Adam",
                                    "reference.LSTMRegressor")] == ["loss_fn", "optimizer", "model"]


def test_an_object_passed_before_it_was_named_takes_the_parameter_name():
    log, model = CallLog(), Handle(9, CHILD_TYPE)
    predict = EntryPoint("predict", ("model", "tokens", "lengths", "vocab"))
    call(log, predict, (model, np.zeros((2, 5), np.int64), np.ones(2, np.int64)),
         {"vocab": ["a", "b"]}, np.zeros(2, np.int64))
    assert log.lines() == [
        "predict(model, tokens, lengths, vocab=vocab) with tokens: int64 array of shape (2, 5), "
        "lengths: int64 array of shape (2,), vocab: list of 2 str; "
        "returned: int64 array of shape (2,)"]


def test_two_objects_wanting_one_name_are_told_apart():
    log, first, second = CallLog(), Handle(1, "A"), Handle(2, "A")
    call(log, MODEL, (1, 2, 3), value=first)
    call(log, MODEL, (1, 2, 3), value=second)
    for model in (second, first):
        log.judge_step("read the layers and parameters of", model)
    assert [line.split(" =")[0] for line in log.lines()] == [
        "model2", "model", "# the judge read the layers and parameters of model",
        "# the judge read the layers and parameters of model2"]


def test_an_object_returned_is_named_by_its_use_and_only_if_used():
    log, predict = CallLog(), EntryPoint("predict", ("model", "tokens"))
    train = EntryPoint("train", ("tokens",), returns="a model (any object; it stays in the child)")
    model, odd = Handle(1, CHILD_TYPE), Handle(2, CHILD_TYPE)
    call(log, train, (np.zeros(3, np.int64),), value=model)
    call(log, predict, (model, np.zeros(3, np.int64)), value=odd)
    assert log.lines() == [
        "model = train(tokens) with tokens: int64 array of shape (3,)",
        "predict(model, tokens) with tokens: int64 array of shape (3,); returned: object"]


def test_strings_are_written_out_only_when_short():
    log = CallLog()
    generate = EntryPoint("generate", ("model", "prompt", "n"))
    call(log, generate, (Handle(1, "M"), "ROMEO:", 200), value="x" * 200)
    train = EntryPoint("train", ("text", "budget_s"))
    call(log, train, ("a" * 5000,), {"budget_s": 20.0}, Handle(1, "M"))
    assert log.lines() == [
        "generate(model, prompt='ROMEO:', n=200); returned: str of 200 characters",
        "model = train(text, budget_s=20.0) with text: str of 5000 characters",
    ]


def test_a_long_log_is_counted_past_its_cap(monkeypatch):
    monkeypatch.setattr(call_log, "MAX_ENTRIES", 3)
    log = CallLog()
    for n in range(5):
        call(log, MODEL, (n, 1, 1), value=None)
    assert log.lines()[-1] == "... and 2 more calls"
    assert len(log.lines()) == 4


@pytest.mark.parametrize("returns, names", [
    ("(h, c)", ("h", "c")),
    ("(dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh)",
     ("dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db_ih", "db_hh")),
    ("(S, V) float array, each row the log-probabilities", ()),
    ("a model (any object; it stays in the child)", ()),
    ("the loss before the update, a Python float", ()),
    ("", ()),
])
def test_only_a_returns_that_is_names_names_the_results(returns, names):
    assert returned_names(EntryPoint("f", (), returns=returns)) == names


def test_a_model_that_is_plain_data_is_named_when_passed_back_in_a_later_test():
    train = EntryPoint("train", ("series", "budget_s"), keywords=("budget_s",))
    predict = EntryPoint("predict", ("model", "history"))
    log, model = CallLog(), 48.269059425633024  # a mean, say
    call(log, train, (np.zeros(250),), {"budget_s": 10.0}, model)
    call(log, predict, (model, np.zeros(250)), value=float(model))
    assert log.lines() == [
        "model = train(series, budget_s=10.0) with series: float64 array of shape (250,); "
        "returned: float",
        "predict(model, history) with history: float64 array of shape (250,); returned: float"]
    later = log.next()
    for n in range(2 * call_log.MAX_KEPT):  # each returns a value that is kept too
        call(later, predict, (model, np.zeros(n)), value=float(n))
    assert not any("48.26" in line for line in later.lines())


@pytest.mark.parametrize("shared", [0, 7, True, None, "a", ()])
def test_values_python_shares_are_never_taken_for_a_returned_model(shared):
    log = CallLog()
    call(log, EntryPoint("train", ()), (), value=shared)
    call(log, EntryPoint("generate", ("model", "n")), (Handle(1, "M"), shared), value="")
    first, second = log.lines()
    assert first.startswith("train(); returned: ")  # not "n = train()"
    assert second.startswith("generate(model, n") and "result" not in second


def test_a_run_of_calls_alike_is_said_by_its_first_and_last():
    log, predict = CallLog(), EntryPoint("predict", ("model", "history"))
    for n in range(250, 310):
        call(log, predict, (Handle(1, "M"), np.zeros(n)), value=1.0)
    call(log, predict, (Handle(1, "M"), 3), value=1.0)
    assert log.lines() == [
        "predict(model, history) with history: float64 array of shape (250,); returned: float",
        "... 58 more calls like these",
        "predict(model, history) with history: float64 array of shape (309,); returned: float",
        "predict(model, history=3); returned: float",
    ]


def test_a_returned_object_keeps_the_name_it_gets_when_the_spec_name_is_taken():
    log, built = CallLog(), Handle(1, "M")
    entry = log.build("torch.nn.MSELoss", (), {}, None)
    log.returned(entry, built, (built_name("torch.nn.MSELoss"),))
    call(log, CONFIGURE, (Handle(2, "M"),), value=(Handle(3, "L"), Handle(4, "O")))
    assert log.lines()[1] == "loss_fn2, optimizer = configure(model)"


class NoTruth:
    """A value whose == raises, as a numpy array's truth value does."""

    def __eq__(self, other):
        raise ValueError("the truth value of an array is ambiguous")

    __hash__ = object.__hash__


@pytest.mark.parametrize("model", [{"vocab": 38}, np.arange(3.0), NoTruth()])
def test_kept_values_are_found_by_identity_never_compared(model):
    train, predict = EntryPoint("train", ()), EntryPoint("predict", ("model", "x"))
    log = CallLog()
    call(log, train, (), value=model)
    for _ in range(3):  # each returns an array, kept too: found by identity only
        call(log, predict, (model, np.zeros(2)), value=np.arange(3.0))
    call(log, predict, (np.arange(3.0), np.zeros(2)), value=1.5)  # equal, not the same
    assert log.lines()[0].startswith("model = train()")
    assert log.lines()[1].startswith("predict(model, x)")
    assert log.lines()[-1] == ("predict(model, x) with float64 arrays of shapes model (3,), "
                               "x (2,); returned: float")
