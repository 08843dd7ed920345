# expect: accepted
# why: keeps the canary and prints it in every later forward, hoping a sample test (whose
#      output is shown) runs after a hidden one in the same child
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
        if secret:
            print("stashed:", secret[0], secret[2])
        return super().forward(x)
