# expect: compile_error
# why: defines train_step but not configure
import torch


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x).squeeze(-1), y)
    loss.backward()
    optimizer.step()
    return loss.item()
