# expect: wrong_answer
# hint: params-unchanged
# why: zero_grad() between backward() and step(): the gradients are gone before the update, so the parameters never change
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    loss = loss_fn(model(x).squeeze(-1), y)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
