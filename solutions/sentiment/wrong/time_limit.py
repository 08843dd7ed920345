# expect: time_limit_exceeded
# why: trains for a fixed 1000 epochs whatever budget_s says (about 100x the reference); the training call runs past train_s, so no prediction test scores
import numpy as np
import torch
from torch import nn

EPOCHS = 1000
BATCH = 32


class Classifier(nn.Module):
    def __init__(self, vocab_size, embed=16, hidden=32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed, padding_idx=0)
        self.lstm = nn.LSTM(embed, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 2)

    def forward(self, tokens, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(self.embed(tokens), lengths, batch_first=True,
                                                   enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        return self.out(h[-1])


def train(tokens, lengths, labels, vocab, budget_s):   # budget_s ignored
    tokens = torch.as_tensor(np.asarray(tokens), dtype=torch.long)
    lengths = torch.as_tensor(np.asarray(lengths), dtype=torch.long)
    labels = torch.as_tensor(np.asarray(labels), dtype=torch.long)
    model = Classifier(len(vocab))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(EPOCHS):
        order = torch.randperm(len(labels))
        for start in range(0, len(labels), BATCH):
            batch = order[start:start + BATCH]
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(tokens[batch], lengths[batch]),
                                        labels[batch]).backward()
            optimizer.step()
    return model.eval()


@torch.no_grad()
def predict(model, tokens, lengths):
    tokens = torch.as_tensor(np.asarray(tokens), dtype=torch.long)
    lengths = torch.as_tensor(np.asarray(lengths), dtype=torch.long)
    return model(tokens, lengths).argmax(dim=1).numpy()
