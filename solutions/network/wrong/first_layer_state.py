# expect: wrong_answer
# hint: first-layer-state
# why: uses h_n[0], the first layer's final hidden state; right for one layer, wrong for num_layers >= 2 (the top layer is h_n[-1])
import torch.nn as nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.fc(h_n[0])
