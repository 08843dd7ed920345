# expect: runtime_error
# hint: last-batch-not-last-step
# why: the widely copied tutorial model, as it is: LSTMModel(input_dim, hidden_dim,
#      output_dim) takes no num_layers (the multi-layer tests fail, [no-num-layers]),
#      fc(out[-1, :, :]) on batch-first output is the last example of the batch instead of
#      the last time step (wrong_answer on the one-layer tests), and h0/c0 =
#      torch.zeros(1, B, H) are float32 always, so after model.double() the LSTM raises
#      (runtime_error, [float32-zero-state])
import torch
import torch.nn as nn


class LSTMModel(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim):
        super(LSTMModel, self).__init__()
        self.hidden_dim = hidden_dim
        self.lstm = nn.LSTM(input_dim, hidden_dim, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x):
        h0 = torch.zeros(1, x.size(0), self.hidden_dim).requires_grad_()
        c0 = torch.zeros(1, x.size(0), self.hidden_dim).requires_grad_()
        out, (hn, cn) = self.lstm(x, (h0.detach(), c0.detach()))
        out = self.fc(out[-1, :, :])
        return out
