# expect: memory_limit_exceeded
# score: 0
# why: keeps appending 16 MB arrays to a list (each one's first page written, so that the
#      test stays fast on machines where first-touching memory is slow) until the memory
#      limit stops it with MemoryError
import numpy as np

HOARD = []


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    while True:
        a = np.empty(2_000_000)
        a[:512] = 1.0
        HOARD.append(a)
