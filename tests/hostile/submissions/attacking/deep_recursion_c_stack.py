# expect: runtime_error
# score: 0
# why: sys.setrecursionlimit(10**6), then recurses through a C function (map) so that every
#      level uses the C stack: the stack overflows (SIGSEGV); a runtime error, not a
#      judge error
import sys

sys.setrecursionlimit(10**6)


def dive(n):
    return list(map(dive, [n + 1]))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return dive(0)
