# Another style: a GRU over the last 16 values that predicts the *change* from
# the last value (a residual on top of persistence), trained on shuffled
# mini-batches for a fixed number of epochs; the model is a plain dict.
import numpy as np
import torch
from torch import nn

WINDOW = 16
HIDDEN = 24
EPOCHS = 40
BATCH = 32


def _windows(z):
    x = np.lib.stride_tricks.sliding_window_view(z[:-1], WINDOW)
    y = z[WINDOW:] - z[WINDOW - 1:-1]  # the step from the window's last value
    return torch.tensor(x, dtype=torch.float32).unsqueeze(-1), torch.tensor(y, dtype=torch.float32)


def train(series, budget_s):
    series = np.asarray(series, dtype=np.float64)
    scale = float(series.std()) or 1.0
    offset = float(series.mean())
    z = (series - offset) / scale
    x, y = _windows(z)

    gru = nn.GRU(1, HIDDEN, batch_first=True)
    head = nn.Sequential(nn.Linear(HIDDEN, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, 1))
    params = list(gru.parameters()) + list(head.parameters())
    optimiser = torch.optim.Adam(params, lr=5e-3)
    for _ in range(EPOCHS):
        order = torch.randperm(len(x))
        for start in range(0, len(x), BATCH):
            idx = order[start:start + BATCH]
            out, _ = gru(x[idx])
            loss = nn.functional.mse_loss(head(out[:, -1]).squeeze(-1), y[idx])
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
    return {"gru": gru.eval(), "head": head.eval(), "offset": offset, "scale": scale}


def predict(model, history):
    z = (np.asarray(history, dtype=np.float64) - model["offset"]) / model["scale"]
    window = z[-WINDOW:]
    if len(window) < WINDOW:
        window = np.pad(window, (WINDOW - len(window), 0), mode="edge")
    with torch.no_grad():
        out, _ = model["gru"](torch.tensor(window, dtype=torch.float32).view(1, -1, 1))
        step = model["head"](out[:, -1]).item()
    return (window[-1] + step) * model["scale"] + model["offset"]
