# expect: wrong_answer
# why: a correct train_step, but configure picks plain SGD with lr=0.01, far too slow to learn the task in 300 steps
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=0.01)


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x).squeeze(-1), y)
    loss.backward()
    optimizer.step()
    return loss.item()
