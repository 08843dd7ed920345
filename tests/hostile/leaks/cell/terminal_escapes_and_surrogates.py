# expect: wrong_answer | runtime_error
# why: in sample tests (whose details are shown) raises with a lone surrogate and terminal
#      control sequences (clear the screen, set the title, move the cursor up to repaint
#      a line as a green tick), and writes them raw to fd 1: the text report used to crash
#      on the surrogate, and a terminal would obey the sequences
# control: escape
import os


PAINT = "\x1b[2J\x1b]0;all tests passed\x07\x1b[1A\x1b[32m  \u2713 accepted\x1b[0m"


def lstm_cell(*args):
    os.write(1, PAINT.encode() + b"\n")
    raise ValueError("\udc80 " + PAINT)
