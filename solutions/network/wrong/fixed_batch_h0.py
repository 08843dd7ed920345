# expect: runtime_error
# why: h0/c0 created once in __init__ for a fixed batch size of 32; nn.LSTM raises for any other batch size
import torch
import torch.nn as nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1, batch_size=32):
        super().__init__()
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)
        self.h0 = torch.zeros(num_layers, batch_size, hidden_dim)
        self.c0 = torch.zeros(num_layers, batch_size, hidden_dim)

    def forward(self, x):
        out, _ = self.lstm(x, (self.h0, self.c0))
        return self.fc(out[:, -1])
