"""Entry-point signatures: which submissions can be called as the spec says."""

import pytest

from grader.grading.signatures import arity_problem
from grader.problem import EntryPoint

TRAIN = EntryPoint("train", ("series", "budget_s"), keywords=("budget_s",))
CELL = EntryPoint("lstm_cell", ("x", "h", "c"))


def sig(*params):
    """inspect's view as the worker sends it: [name, kind, has_default]."""
    return [list(p) for p in params]


P, K, D = "POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY", True


@pytest.mark.parametrize("params", [
    sig(("series", P, False), ("budget_s", P, False)),
    sig(("series", P, False), ("budget_s", K, False)),
    sig(("series", P, False), ("kwargs", "VAR_KEYWORD", False)),
    sig(("series", P, False), ("budget_s", P, D), ("epochs", K, D)),
])
def test_keyword_parameters_may_be_keyword_only_or_absorbed(params):
    assert arity_problem(params, TRAIN, False) == ""


@pytest.mark.parametrize("params", [
    sig(("series", P, False)),  # cannot take budget_s
    sig(("series", P, False), ("budget_s", K, False), ("extra", K, False)),  # extra required
    sig(("series", P, False), ("other", P, False), ("budget_s", P, False)),  # two positional
])
def test_signatures_that_cannot_take_the_call_are_refused(params):
    assert "takes" in arity_problem(params, TRAIN, False)


def test_positional_counts_and_varargs():
    assert arity_problem(sig(("x", P, False), ("h", P, False)), CELL, False)
    assert not arity_problem(sig(("args", "VAR_POSITIONAL", False)), CELL, False)
    assert not arity_problem(sig(("x", P, False), ("h", P, False), ("c", P, False),
                                  ("d", P, D)), CELL, False)


MODEL = EntryPoint("LSTMModel", ("input_dim", "hidden_dim", "output_dim", "num_layers"),
                   keywords=("num_layers",), optional=("num_layers",))


@pytest.mark.parametrize("params", [
    sig(("self", P, False), ("i", P, False), ("h", P, False), ("o", P, False),
        ("num_layers", P, D)),
    sig(("self", P, False), ("i", P, False), ("h", P, False), ("o", P, False)),  # no num_layers
    sig(("self", P, False), ("i", P, False), ("h", P, False), ("o", P, False),
        ("layers", P, D)),  # graded as if it took none
])
def test_an_optional_parameter_may_be_missing(params):
    assert arity_problem(params, MODEL, True) == ""


@pytest.mark.parametrize("params", [
    sig(("self", P, False), ("i", P, False), ("h", P, False)),  # too few
    sig(("self", P, False), ("i", P, False), ("h", P, False), ("o", P, False),
        ("extra", K, False)),  # a required keyword-only parameter
])
def test_optional_parameters_do_not_excuse_the_others(params):
    assert "takes" in arity_problem(params, MODEL, True)


def test_without_optional_a_missing_parameter_is_refused():
    plain = EntryPoint(MODEL.name, MODEL.params, keywords=MODEL.keywords)
    assert "takes" in arity_problem(sig(("self", P, False), ("i", P, False), ("h", P, False),
                                        ("o", P, False)), plain, True)
