# expect: runtime_error
# score: 0
# why: raises SystemExit(0) in every call, hoping that a "clean exit" counts as success
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    raise SystemExit(0)
