# expect: wrong_answer
# hint: loss-after-step
# why: returns the loss recomputed after optimizer.step(), not the loss before the update
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss_fn(model(x).squeeze(-1), y).backward()
    optimizer.step()
    with torch.no_grad():
        return loss_fn(model(x).squeeze(-1), y).item()
