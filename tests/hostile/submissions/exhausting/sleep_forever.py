# expect: time_limit_exceeded
# score: 0
# why: time.sleep(1000) in every call: no CPU used, so only the judge's wall-clock deadline
#      ends it
import time


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    time.sleep(1000)
