# expect: time_limit_exceeded
# score: 0
# why: `while True: pass` in every call: past the 1 s call limit each time, then past the
#      4 s total
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    while True:
        pass
