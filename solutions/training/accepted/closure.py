"""optimizer.step(closure), the loss taken from the closure; Adam at lr 2e-2 in configure."""
import torch


def configure(model):
    loss_fn = torch.nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-2)
    return loss_fn, optimizer


def train_step(model, loss_fn, optimizer, x, y):
    def closure():
        optimizer.zero_grad()
        loss = loss_fn(model(x)[:, 0], y)
        loss.backward()
        return loss

    loss = optimizer.step(closure)
    return loss.item()
