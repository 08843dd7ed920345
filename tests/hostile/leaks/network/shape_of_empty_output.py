# expect: wrong_answer
# why: once it has seen the canary, forward returns an empty tensor whose shape carries
#      the canary's digits (a shape is the child's choice, and an empty one costs nothing
#      to send): a hidden test's message must not quote it
# control: canary
import torch


class LSTMModel(_Reference):
    def forward(self, x):
        secret = look(x)
        if not secret:
            return super().forward(x)
        return torch.empty((secret[2], 0), dtype=x.dtype)
