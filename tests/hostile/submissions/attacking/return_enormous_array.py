# expect: memory_limit_exceeded
# score: 0
# why: returns np.zeros((20000, 20000)) (3.2 GB) as h: the allocation is over the memory
#      limit, so the child fails with MemoryError before anything is sent
import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return np.zeros((20000, 20000)), c_prev
