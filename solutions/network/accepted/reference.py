"""Reference: nn.LSTM(batch_first=True), then nn.Linear on out[:, -1]."""
import torch
from torch import nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        out, _ = self.lstm(x)           # (B, T, H), zero initial state
        return self.fc(out[:, -1, :])   # the top layer at the last time step
