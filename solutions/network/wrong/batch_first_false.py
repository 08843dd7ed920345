# expect: wrong_answer
# hint: batch-first-false
# why: nn.LSTM left time-major (batch_first=False) while x is batch-first; out[:, -1] then still has shape (B, H) but mixes batch and time
import torch.nn as nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])
