# expect: time_limit_exceeded
# score: <= 0
# why: a real LSTM, but train reads budget_s as a minimum and keeps fitting for
#      three times the budget (CPU seconds, timed as the statement says): the judge
#      stops it at the budget plus grace, time_limit_exceeded; no prediction test scores
import time

import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, V):
        super().__init__()
        self.embed, self.lstm, self.out = nn.Embedding(V, 32), nn.LSTM(32, 128, batch_first=True), nn.Linear(128, V)

    def forward(self, x, state=None):
        y, state = self.lstm(self.embed(x), state)
        return self.out(y), state


def train(text, budget_s, vocab):
    index = {c: i for i, c in enumerate(vocab)}
    data = torch.tensor([index.get(c, index[" "]) for c in text])
    net = Net(len(vocab))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    stop = time.process_time() + 3 * budget_s  # "use all the CPU there is", and then some
    while time.process_time() < stop:
        start = torch.randint(0, len(data) - 65, (32,))
        batch = data[start[:, None] + torch.arange(65)]
        logits, _ = net(batch[:, :-1])
        loss = nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), batch[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return {"net": net, "index": index, "vocab": list(vocab), "state": None}


@torch.no_grad()
def next_char_log_probs(model, chars):
    x = torch.tensor([[model["index"].get(c, model["index"][" "])] for c in chars])
    logits, model["state"] = model["net"](x, model["state"])
    return torch.log_softmax(logits[:, 0], -1).numpy()


def generate(model, prompt, n):
    return " " * n
