# expect: runtime_error
# score: 0
# why: recurses without end: RecursionError in the child, a runtime error
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
