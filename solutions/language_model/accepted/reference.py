# The reference: a one-layer character LSTM (PyTorch), trained with truncated
# backpropagation through time for a fixed number of steps.
"""Character embedding (32) -> nn.LSTM (hidden 128, one layer) -> linear over
the vocabulary.  Training: 32 contiguous streams through the text, windows of
64 characters with the state carried from window to window (detached: truncated
BPTT), Adam at 0.015 decayed linearly to a tenth, gradient norm clipped at 1,
300 steps: 4-12 s on one core of the shared machine.  The budget is not
used to decide how long, so the score does not depend on the machine's load.
"""

import torch
from torch import nn

EMBED, HIDDEN = 32, 128
BATCH, WINDOW, STEPS = 32, 64, 300
LR, CLIP = 0.015, 1.0


class CharLSTM(nn.Module):
    def __init__(self, vocab_size: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, EMBED)
        self.lstm = nn.LSTM(EMBED, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN, vocab_size)

    def forward(self, x, state=None):  # x (B, T) indices -> logits (B, T, V), state
        y, state = self.lstm(self.embed(x), state)
        return self.out(y), state


class Model:
    def __init__(self, net, vocab):
        self.net = net.eval()
        self.vocab = list(vocab)
        self.index = {c: i for i, c in enumerate(self.vocab)}
        self.unknown = self.index.get(" ", 0)
        self.state = None  # the judge's streams: None until the first call

    def encode(self, text):
        return [self.index.get(c, self.unknown) for c in text]


def train(text, budget_s, vocab):
    del budget_s  # a fixed number of steps, well inside any sensible budget
    model = Model(CharLSTM(len(vocab)), vocab)
    data = torch.tensor(model.encode(text), dtype=torch.long)
    net = model.net.train()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: 1 - 0.9 * k / STEPS)
    per_stream = len(data) // BATCH
    starts = torch.arange(BATCH) * per_stream
    offsets = torch.arange(WINDOW + 1)
    state, pos = None, 0
    for _ in range(STEPS):
        if pos + WINDOW + 1 > per_stream:  # wrap around (not reached with these sizes)
            state, pos = None, 0
        batch = data[starts[:, None] + pos + offsets[None]]
        pos += WINDOW
        logits, state = net(batch[:, :-1], state)
        state = tuple(s.detach() for s in state)
        loss = nn.functional.cross_entropy(logits.reshape(-1, len(vocab)),
                                           batch[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), CLIP)
        opt.step()
        sched.step()
    net.eval()
    return model


@torch.no_grad()
def next_char_log_probs(model, chars):
    x = torch.tensor([model.encode(c)[:1] or [model.unknown] for c in chars]).reshape(-1, 1)
    if model.state is not None and model.state[0].shape[1] != len(chars):
        model.state = None  # a different number of streams: new streams
    logits, model.state = model.net(x, model.state)
    return torch.log_softmax(logits[:, 0].double(), dim=-1).numpy()


@torch.no_grad()
def generate(model, prompt, n):
    # Its own state and its own random generator: the streams and the global
    # seed are left alone.
    gen = torch.Generator().manual_seed(0)
    x = torch.tensor([model.encode(prompt) or [model.unknown]])
    logits, state = model.net(x)
    out = []
    for _ in range(n):
        probs = torch.softmax(logits[0, -1].double() / 0.8, dim=-1)
        k = int(torch.multinomial(probs, 1, generator=gen))
        out.append(model.vocab[k])
        logits, state = model.net(torch.tensor([[k]]), state)
    return "".join(out)
