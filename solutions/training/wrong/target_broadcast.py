# expect: wrong_answer
# hint: target-broadcast
# why: compares the (B, 1) output with the (B,) target; they broadcast to (B, B) (PyTorch warns "Using a target size ... different to the input size")
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
