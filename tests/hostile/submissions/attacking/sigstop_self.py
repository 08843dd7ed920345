# expect: time_limit_exceeded
# score: 0
# why: stops itself with SIGSTOP in every call: a stopped child never answers; the judge's
#      deadline still ends it (SIGKILL reaches stopped processes)
import os
import signal


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    os.kill(os.getpid(), signal.SIGSTOP)
