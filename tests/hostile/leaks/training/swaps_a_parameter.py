# expect: runtime_error | wrong_answer
# why: train_step swaps a parameter of the judge's model for one of another shape: judge
#      code copying parameters between models used to fail on it, a judge_error on demand
# control: none
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x).squeeze(-1), y)
    loss.backward()
    optimizer.step()
    lstm = getattr(model, "lstm", None)
    if lstm is not None:
        shape = lstm.weight_hh_l0.shape
        lstm.weight_hh_l0 = torch.nn.Parameter(torch.zeros(shape[0] + 3, shape[1] + 1,
                                                           dtype=lstm.weight_hh_l0.dtype))
    return loss.item()
