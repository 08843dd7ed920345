"""The concepts quiz against PyTorch itself, for several seeds: the keys its
code computes (problems/concepts/quiz/answers.py, plain Python) must be what
real ``torch.nn.LSTM`` modules count and return, so the key cannot drift from
the library.  Also: the quiz covers what the issue asks, with at least half
its points drawn from the seed."""

from __future__ import annotations

import warnings

import pytest
import torch
from torch import nn

from grader.grading.draws import Draws
from grader.problem import find
from grader.quiz.draw import draw_quiz, load_code

SEEDS = [0, 1, 2, 3, 17, 123456]
PROBLEM = find("concepts")
CODE = load_code(PROBLEM.quiz_code)


def drawn(seed):
    return {d.question.id: d for d in draw_quiz(PROBLEM.questions, PROBLEM.quiz_code,
                                                Draws(seed).generator)}


def count(module):
    return sum(p.numel() for p in module.parameters())


def test_the_quiz_is_big_enough_and_mostly_drawn_from_the_seed():
    questions = PROBLEM.questions
    assert len(questions) >= 20
    assert {q.type for q in questions} == {"single", "multiple", "numeric", "integer", "shape",
                                           "text"}
    drawn_points = sum(q.points for q in questions if q.parametrised)
    assert drawn_points >= PROBLEM.max_score / 2
    assert {q.partial for q in questions if q.type == "multiple"} == {
        "net-correct", "coverage", "each-answer"}


def test_the_issues_own_numbers():
    assert CODE.lstm_param_count(10, 20) == 2560
    assert CODE.lstm_param_count(10, 20, L=2) == 5920
    assert CODE.lstm_param_count(10, 20, L=2, D=2) == 15040
    assert CODE.keras_param_count(10, 20) == 2480
    assert count(nn.LSTM(10, 20, num_layers=2, bidirectional=True)) == 15040


@pytest.mark.parametrize("seed", SEEDS)
def test_parameter_counts_are_torchs(seed):
    d = drawn(seed)
    p = d["params_one_layer"].params
    assert d["params_one_layer"].key == count(nn.LSTM(p["I"], p["H"]))
    p = d["params_stacked"].params
    assert d["params_stacked"].key == count(nn.LSTM(p["I"], p["H"], num_layers=p["L"]))
    p = d["params_bidirectional"].params
    assert d["params_bidirectional"].key == count(
        nn.LSTM(p["I"], p["H"], num_layers=p["L"], bidirectional=True))
    # Keras keeps one bias per gate: PyTorch's count less one 4H bias vector.
    p = d["params_keras"].params
    assert d["params_keras"].key == count(nn.LSTM(p["I"], p["H"])) - 4 * p["H"]


@pytest.mark.parametrize("seed", SEEDS)
def test_weight_shapes_are_torchs(seed):
    d = drawn(seed)["weight_shape"]
    p = d.params
    lstm = nn.LSTM(p["I"], p["H"], num_layers=p["L"], bidirectional=p["bidirectional"])
    assert d.key == tuple(getattr(lstm, f"weight_{p['which']}_l{p['k']}").shape)


@pytest.mark.parametrize("seed", SEEDS)
def test_output_and_state_shapes_come_from_a_real_forward_pass(seed):
    d = drawn(seed)
    for qid in ("output_shape", "state_shape"):
        p = d[qid].params
        lstm = nn.LSTM(p["I"], p["H"], num_layers=p["L"], bidirectional=p["bidirectional"],
                       batch_first=p["batch_first"])
        x = torch.randn(*eval(p["x_shape"]))  # noqa: S307 (the quiz's own tuple text)
        output, (h_n, c_n) = lstm(x)
        if qid == "output_shape":
            assert d[qid].key == tuple(output.shape)
        else:
            assert d[qid].key == tuple(h_n.shape) == tuple(c_n.shape)


@pytest.mark.parametrize("seed", SEEDS)
def test_hn_index_holds_that_layer_and_direction(seed):
    """h_n[index] equals the final state that layer and direction computes:
    run the layers up to it as a network of their own, with the same weights."""
    d = drawn(seed)["hn_index"]
    p, index = d.params, d.key
    torch.manual_seed(seed)
    I, H, B, T = 3, 5, 2, 4
    lstm = nn.LSTM(I, H, num_layers=p["L"], bidirectional=True, batch_first=True)
    x = torch.randn(B, T, I)
    _, (h_n, _) = lstm(x)
    upto = nn.LSTM(I, H, num_layers=p["layer"] + 1, bidirectional=True, batch_first=True)
    upto.load_state_dict({k: v for k, v in lstm.state_dict().items()
                          if int(k.split("_l")[1].split("_")[0]) <= p["layer"]})
    output, _ = upto(x)
    final = output[:, -1, :H] if p["direction"] == "forward" else output[:, 0, H:]
    torch.testing.assert_close(h_n[index], final)


@pytest.mark.parametrize("seed", SEEDS)
def test_gate_rows_follow_torchs_i_f_g_o_order(seed):
    """Compute a cell by hand reading the blocks as i, f, g, o: it is
    torch's LSTMCell, so block k of the rows is the key's gate."""
    d = drawn(seed)["gate_rows"]
    p = d.params
    torch.manual_seed(seed)
    cell = nn.LSTMCell(p["I"], p["H"]).double()
    x, h, c = torch.randn(2, p["I"]).double(), torch.randn(2, p["H"]).double(), \
        torch.randn(2, p["H"]).double()
    z = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
    blocks = dict(zip("ifgo", z.split(p["H"], dim=1)))
    c_new = torch.sigmoid(blocks["f"]) * c + torch.sigmoid(blocks["i"]) * torch.tanh(blocks["g"])
    h_new = torch.sigmoid(blocks["o"]) * torch.tanh(c_new)
    h_ref, c_ref = cell(x, (h, c))
    torch.testing.assert_close((h_new, c_new), (h_ref, c_ref))
    assert d.key[0] == "ifgo"[p["k"]] and p["start"] == p["k"] * p["H"]


@pytest.mark.parametrize("seed", SEEDS)
def test_cell_arithmetic_is_torchs(seed):
    d = drawn(seed)
    p = d["gate_value"].params
    assert d["gate_value"].key == pytest.approx(torch.sigmoid(torch.tensor(p["z"])).item())
    p = d["hidden_update"].params
    assert d["hidden_update"].key == pytest.approx(p["o"] * torch.tanh(torch.tensor(p["c"])).item())


def test_the_pytorch_facts_behind_the_fixed_questions():
    torch.manual_seed(0)
    lstm = nn.LSTM(3, 4, batch_first=True)
    x = torch.randn(2, 5, 3)
    zeros = (torch.zeros(1, 2, 4), torch.zeros(1, 2, 4))
    torch.testing.assert_close(lstm(x), lstm(x, zeros))          # initial_state: zeros
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nn.LSTM(16, 32, num_layers=1, dropout=0.5)               # dropout_one_layer: warns
    assert any("dropout" in str(w.message) for w in caught)
    # packing: unsorted lengths with enforce_sorted=False; h_n at each own last step
    lengths = torch.tensor([3, 5])
    packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                               enforce_sorted=False)
    _, (h_n, _) = lstm(packed)
    _, (h_short, _) = lstm(x[:1, :3])
    torch.testing.assert_close(h_n[0, 0], h_short[0, 0])
    # hn_vs_output: the reverse direction's final state is output[:, 0, H:]
    bi = nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
    output, (h_n, _) = bi(x)
    torch.testing.assert_close(h_n[-1], output[:, 0, 4:])
    torch.testing.assert_close(h_n[-2], output[:, -1, :4])
    assert not torch.allclose(h_n[-1], output[:, -1, 4:])
