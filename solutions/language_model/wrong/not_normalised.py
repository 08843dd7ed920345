# expect: wrong_answer
# score: <= 2
# why: a trained LSTM, but next_char_log_probs returns the raw logits of the
#      output layer instead of their log_softmax: the rows are not
#      log-probability distributions (their logsumexp is not 0)
import torch
from torch import nn

STEPS = 40


class Net(nn.Module):
    def __init__(self, V):
        super().__init__()
        self.embed, self.lstm, self.out = nn.Embedding(V, 16), nn.LSTM(16, 64, batch_first=True), nn.Linear(64, V)

    def forward(self, x, state=None):
        y, state = self.lstm(self.embed(x), state)
        return self.out(y), state


def train(text, budget_s, vocab):
    index = {c: i for i, c in enumerate(vocab)}
    data = torch.tensor([index.get(c, index[" "]) for c in text])
    net = Net(len(vocab))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    for step in range(STEPS):
        start = torch.randint(0, len(data) - 65, (16,))
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
    return logits[:, 0].numpy()  # the bug: no log_softmax


def generate(model, prompt, n):
    return "a" * n
