# expect: runtime_error
# why: replaces the worker's torch helper (importable in the child) so that the description
#      of its modules is garbage of the wrong types: judge code that trusted it used to fail,
#      a judge_error on demand
# control: none
import sys
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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        helper = sys.modules.get("torch_support")
        if helper is not None:
            helper.inspect_module = lambda module: [{"path": 7, "type": None, "params": "x"}]
