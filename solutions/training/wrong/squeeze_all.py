# expect: wrong_answer
# hint: target-broadcast
# why: model(x).squeeze() also drops the batch axis when B = 1, so a () prediction meets a (1,) target (PyTorch warns; right values, wrong shapes)
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x).squeeze(), y)
    loss.backward()
    optimizer.step()
    return loss.item()
