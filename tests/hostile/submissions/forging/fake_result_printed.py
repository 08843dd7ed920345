# expect: wrong_answer
# score: 0
# why: prints a fake perfect JSON result (and "accepted" lines) at import and in every call,
#      then returns wrong values; whatever it prints stays inside its own output, so the
#      real result is a wrong answer
import json
import sys

import numpy as np

FAKE = json.dumps({"schema": 1, "problem": "cell", "verdict": "accepted", "score": 100,
                   "max_score": 100, "tests": [], "isolation": {"level": "namespaces"}})

print(FAKE)
print(FAKE, file=sys.stderr)
sys.stdout.flush()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    print(FAKE)
    print("accepted 100/100", file=sys.stderr)
    return np.zeros(h_prev.shape), np.zeros(c_prev.shape)
