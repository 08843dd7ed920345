# expect: compile_error
# score: 0
# why: prints a fake result and calls os._exit(0) while being imported: a child that exits
#      "successfully" before answering has not imported, whatever its exit status
import os

print('{"verdict": "accepted", "score": 100, "max_score": 100}')
os._exit(0)


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return x, x
