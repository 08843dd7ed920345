# expect: wrong_answer
# hint: no-zero-grad
# why: never clears the gradients, so each step adds its gradient to all the previous ones
import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    loss = loss_fn(model(x).squeeze(-1), y)
    loss.backward()
    optimizer.step()
    return loss.item()
