# expect: time_limit_exceeded
# score: 0
# why: burns CPU inside numpy's native code (np.linalg.inv and matmul of 600x600 matrices in
#      a loop), where Python signal handlers never run; the judge's deadline must still end it
import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    a = np.random.default_rng(0).standard_normal((600, 600))
    while True:
        a = np.linalg.inv(a @ a.T + 600 * np.eye(600))
