# expect: time_limit_exceeded
# score: <= 0
# why: a real LSTM, but train reads budget_s as a minimum and keeps fitting for
#      three times the budget (CPU seconds, timed as the statement says): the judge
#      stops it at the budget plus grace, time_limit_exceeded; no prediction test scores
import time

import numpy as np
import torch

WINDOW = 20


def train(series, budget_s):
    z = (np.asarray(series) - np.mean(series)) / np.std(series)
    x = torch.tensor(np.stack([z[i:i + WINDOW] for i in range(len(z) - WINDOW)]),
                     dtype=torch.float32).unsqueeze(-1)
    y = torch.tensor(z[WINDOW:], dtype=torch.float32)
    lstm, head = torch.nn.LSTM(1, 32, batch_first=True), torch.nn.Linear(32, 1)
    optimiser = torch.optim.Adam(list(lstm.parameters()) + list(head.parameters()), lr=1e-3)
    stop = time.process_time() + 3 * budget_s  # "use all the CPU there is", and then some
    while time.process_time() < stop:
        optimiser.zero_grad()
        out, _ = lstm(x)
        loss = torch.mean((head(out[:, -1]).squeeze(-1) - y) ** 2)
        loss.backward()
        optimiser.step()
    return (lstm, head, float(np.mean(series)), float(np.std(series)))


def predict(model, history):
    lstm, head, mean, std = model
    z = (np.asarray(history[-WINDOW:]) - mean) / std
    with torch.no_grad():
        out, _ = lstm(torch.tensor(z, dtype=torch.float32).view(1, -1, 1))
        return float(head(out[:, -1])) * std + mean
