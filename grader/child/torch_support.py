"""Child-side helpers for PyTorch problems: tensors in, module contents out,
and the few objects the judge may ask the child to build.

Copied into the sandbox beside the worker; imports torch only when used.
"""

BUILDABLE = {
    "torch.nn.MSELoss", "torch.nn.L1Loss", "torch.nn.CrossEntropyLoss",
    "torch.nn.BCEWithLogitsLoss", "torch.optim.SGD", "torch.optim.Adam",
    "reference.LSTMRegressor",
}


def to_torch(array):
    import torch

    return torch.from_numpy(array.copy())


def inspect_module(module):
    """Every submodule's type, configuration and parameters, as plain data,
    so that the judge can rebuild the computation without trusting names."""
    import torch

    if not isinstance(module, torch.nn.Module):
        raise TypeError(f"expected a torch.nn.Module, got {type(module).__name__}")
    out = []
    for path, sub in module.named_modules():
        config = {}
        if isinstance(sub, torch.nn.LSTM):
            config = {k: getattr(sub, k) for k in ("input_size", "hidden_size", "num_layers",
                                                   "bias", "batch_first", "bidirectional",
                                                   "proj_size", "dropout")}
        elif isinstance(sub, torch.nn.Linear):
            config = {"in_features": sub.in_features, "out_features": sub.out_features}
        params = {name: p.detach().cpu().numpy().copy()
                  for name, p in sub.named_parameters(recurse=False)}
        out.append({"path": path, "type": type(sub).__name__,
                    "torch_type": f"{type(sub).__module__}.{type(sub).__name__}",
                    "config": config, "params": params, "training": sub.training})
    return out


def build(name, args, kwargs, params_of=None, seed=None):
    """Construct one of BUILDABLE; ``params_of`` passes a module's parameters first."""
    import torch

    if name not in BUILDABLE:
        raise ValueError(f"the judge may not build {name!r}")
    if seed is not None:
        torch.manual_seed(seed)
    if name == "reference.LSTMRegressor":
        factory = LSTMRegressor
    else:
        owner, _, attr = name.rpartition(".")
        factory = getattr({"torch.nn": torch.nn, "torch.optim": torch.optim}[owner], attr)
    if params_of is not None:
        args = [params_of.parameters(), *args]
    return factory(*args, **kwargs)


def LSTMRegressor(input_dim, hidden_dim, output_dim, num_layers=1):
    """A plain LSTM followed by a linear layer on the last time step, built
    for the training problem (the model it trains is not the candidate's)."""
    import torch

    class Regressor(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(input_dim, hidden_dim, num_layers, batch_first=True)
            self.fc = torch.nn.Linear(hidden_dim, output_dim)

        def forward(self, x):
            out, _ = self.lstm(x)
            return self.fc(out[:, -1, :])

    return Regressor()
