# expect: wrong_answer
# why: once it has seen the canary, forward returns an object whose class name spells it
#      (it stays in the child as a handle named after its type): the judge used to quote
#      that type name in hidden tests' messages
# control: canary
import torch
from torch import nn


class _Reference(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])


class LSTMModel(_Reference):
    def forward(self, x):
        secret = look(x)
        if not secret:
            return super().forward(x)
        return type(f"Leak_{secret[1]}_{secret[2]}_{secret[0].replace('-', '_')}", (), {})()
