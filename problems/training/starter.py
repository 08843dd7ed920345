import torch
from torch import nn


def configure(model):
    """Choose how `model` is trained.

    model: a torch.nn.Module mapping x (B, T, 3) to (B, 1).
    Returns (loss_fn, optimizer): a loss such as nn.MSELoss(), and a torch.optim
    optimizer over model.parameters().
    """
    raise NotImplementedError("return (loss_fn, optimizer)")


def train_step(model, loss_fn, optimizer, x, y):
    """One optimisation step on the batch (x, y); returns the loss before the update.

    x: (B, T, 3) tensor; y: (B,) tensor of targets; model(x) has shape (B, 1).
    Returns a Python float (loss.item()).
    """
    raise NotImplementedError("clear the gradients, forward, loss, backward, step")
