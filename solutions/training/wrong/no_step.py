# expect: wrong_answer
# hint: params-unchanged
# why: computes the loss and its gradients but never calls optimizer.step()
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x).squeeze(-1), y)
    loss.backward()
    return loss.item()
