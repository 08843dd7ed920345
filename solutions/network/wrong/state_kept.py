# expect: wrong_answer
# hint: state-kept-between-calls
# why: keeps (h, c) on self and starts the next call (of the same batch size) from it, so a second call with the same x gives a different answer
import torch.nn as nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers=1):
        super().__init__()
        self.lstm = nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)
        self.hidden = None

    def forward(self, x):
        state = self.hidden
        if state is not None and (state[0].size(1) != x.size(0) or state[0].dtype != x.dtype):
            state = None  # a new batch size: start again
        out, (h, c) = self.lstm(x, state)
        self.hidden = (h.detach(), c.detach())
        return self.fc(out[:, -1])
