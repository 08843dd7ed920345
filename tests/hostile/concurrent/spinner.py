# expect: time_limit_exceeded
# why: spins forever in every call, so that its judge runs for the whole total time while
#      the other judges of test_two_judges_at_once grade their submissions
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    while True:
        pass
