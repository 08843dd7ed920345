# expect: wrong_answer
# score: <= 75
# why: runs the LSTM over the padded rows and classifies from the output at the last column, i.e. after the padding; accurate at the training data's width, but its predictions change when the padding changes, above all with fewer columns (fails test_padding)
import numpy as np
import torch
from torch import nn

EPOCHS = 10
BATCH = 32


class LastColumn(nn.Module):
    def __init__(self, vocab_size, embed=16, hidden=32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed, padding_idx=0)
        self.lstm = nn.LSTM(embed, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 2)

    def forward(self, tokens):
        states, _ = self.lstm(self.embed(tokens))
        return self.out(states[:, -1])   # the last column: padding for most sentences


def train(tokens, lengths, labels, vocab, budget_s):
    tokens = torch.as_tensor(np.asarray(tokens), dtype=torch.long)
    labels = torch.as_tensor(np.asarray(labels), dtype=torch.long)
    model = LastColumn(len(vocab))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(EPOCHS):
        order = torch.randperm(len(labels))
        for start in range(0, len(labels), BATCH):
            batch = order[start:start + BATCH]
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(tokens[batch]), labels[batch]).backward()
            optimizer.step()
    return model.eval()


@torch.no_grad()
def predict(model, tokens, lengths):
    return model(torch.as_tensor(np.asarray(tokens), dtype=torch.long)).argmax(dim=1).numpy()
