# expect: runtime_error | wrong_answer
# why: replaces the worker's torch helper so that every parameter it reports has one more
#      row than the model really has: the judge's copy_ into its own replay model used to
#      fail on the shapes, a judge_error on demand
# control: none
import sys

import torch


def configure(model):
    return torch.nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=1e-2)


def train_step(model, loss_fn, optimizer, x, y):
    helper = sys.modules.get("torch_support")
    if helper is not None and not getattr(helper, "patched", False):
        original = helper.inspect_module

        def grown(module):
            out = original(module)
            for entry in out:
                entry["params"] = {k: v.repeat(2, axis=0) if v.ndim else v
                                   for k, v in entry["params"].items()}
            return out

        helper.inspect_module, helper.patched = grown, True
    optimizer.zero_grad()
    loss = loss_fn(model(x).squeeze(-1), y)
    loss.backward()
    optimizer.step()
    return loss.item()
