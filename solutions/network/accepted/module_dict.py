"""Submodules in an nn.ModuleDict; an explicit zero state in x's dtype and device."""
import torch
from torch import nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.num_layers = num_layers
        self.hidden_dim = hidden_dim
        self.layers = nn.ModuleDict({
            "encoder": nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True),
            "decoder": nn.Linear(hidden_dim, output_dim),
        })

    def forward(self, x):
        state = x.new_zeros(self.num_layers, x.size(0), self.hidden_dim)
        out, _ = self.layers["encoder"](x, (state, state.clone()))
        return self.layers["decoder"](out[:, -1])
