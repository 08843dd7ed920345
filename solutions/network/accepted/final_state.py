"""Other attribute names, and the top layer's final hidden state h_n[-1]."""
import torch.nn as nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.rnn = nn.LSTM(input_size=input_dim, hidden_size=hidden_dim,
                           num_layers=num_layers, batch_first=True)
        self.head = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        _, (h_n, _) = self.rnn(x)       # h_n: (num_layers, B, H)
        return self.head(h_n[-1])
