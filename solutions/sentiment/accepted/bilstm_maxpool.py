"""A bidirectional LSTM over packed sequences, max-pooled over the real
time steps only (padding masked out with -inf), then a linear layer."""
import numpy as np
import torch
from torch import nn

EPOCHS = 5
BATCH = 32


class BiMaxPool(nn.Module):
    def __init__(self, vocab_size, embed=16, hidden=16):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed)
        self.lstm = nn.LSTM(embed, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, 2)

    def forward(self, tokens, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(self.embed(tokens), lengths, batch_first=True,
                                                   enforce_sorted=False)
        states, _ = self.lstm(packed)
        states, _ = nn.utils.rnn.pad_packed_sequence(states, batch_first=True)  # (B, max len, 2H)
        real = torch.arange(states.shape[1])[None, :] < lengths[:, None]
        states = states.masked_fill(~real[:, :, None], float("-inf"))
        return self.out(states.max(dim=1).values)


def train(tokens, lengths, labels, vocab, budget_s):
    tokens = torch.tensor(tokens, dtype=torch.long)
    lengths = torch.tensor(lengths, dtype=torch.long)
    labels = torch.tensor(labels, dtype=torch.long)
    model = BiMaxPool(len(vocab))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(EPOCHS):
        for batch in torch.randperm(len(labels)).split(BATCH):
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(tokens[batch], lengths[batch]),
                                        labels[batch]).backward()
            optimizer.step()
    model.eval()
    return model


def predict(model, tokens, lengths):
    with torch.no_grad():
        logits = model(torch.tensor(tokens, dtype=torch.long),
                       torch.tensor(lengths, dtype=torch.long))
    return (logits[:, 1] > logits[:, 0]).numpy()   # bool labels
