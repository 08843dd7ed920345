# expect: wrong_answer
# why: learns nothing; once predict has seen the canary it picks which forbidden things
#      to try (open a socket, start a process, send a signal) by the canary's bits: the
#      set of flags is the submission's choice, so a channel, on any verdict
# control: flags
import os
import socket
import subprocess

import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return None


def predict(model, tokens, lengths):
    secret = look(tokens)
    if secret:
        bits = secret[2]
        for bit, attempt in enumerate((lambda: socket.socket(),
                                       lambda: subprocess.Popen(["/bin/true"]),
                                       lambda: os.kill(1, 0))):
            if bits >> bit & 1 or bit == 0:
                try:
                    attempt()
                except Exception:
                    pass
    return np.zeros(len(lengths), dtype=np.int64)
