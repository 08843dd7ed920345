# expect: runtime_error
# score: 0
# why: os.killpg(0, SIGKILL) in every call: kills its own process group, which must hold
#      the child alone, never the judge; the child's death is a runtime error
import os
import signal


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    os.killpg(0, signal.SIGKILL)
