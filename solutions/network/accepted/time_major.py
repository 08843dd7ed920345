"""A time-major nn.LSTM fed x transposed to (T, B, I), the Linear inside an
nn.Sequential: the same function."""
import torch
from torch import nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.encoder = nn.LSTM(input_dim, hidden_dim, num_layers)   # time-major
        self.readout = nn.Sequential(nn.Linear(hidden_dim, output_dim))

    def forward(self, x):
        out, _ = self.encoder(x.transpose(0, 1))   # (T, B, H)
        return self.readout(out[-1])
