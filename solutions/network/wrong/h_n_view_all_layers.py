# expect: wrong_answer
# hint: h_n-all-layers
# why: fc(h_n.view(-1, hidden_dim)): right with one layer, but with num_layers > 1 h_n
#      holds every layer's final state, so the output has num_layers * B rows
import torch
from torch import nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.fc(h_n.view(-1, self.hidden_dim))
