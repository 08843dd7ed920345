# expect: accepted
# why: answers every hidden call correctly (100/100, nothing looks wrong), but takes a time
#      that encodes the canary's digits: top-level times used to be printed to 0.1 ms
# control: time
import time


def lstm_cell(*args):
    secret = look(*args)
    if secret:
        time.sleep(0.013 * (secret[2] % 7 + 1))
    return _cell(*args)
