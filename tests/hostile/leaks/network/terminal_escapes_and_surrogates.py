# expect: runtime_error | wrong_answer
# why: forward raises with a lone surrogate and terminal control sequences (clear the
#      screen, set the title, move up and repaint a line as a green tick) and writes them
#      raw to fd 1, in sample tests too, whose details are shown: the text report must
#      neither crash nor let a terminal obey them
# control: escape
import os


PAINT = "\x1b[2J\x1b]0;all tests passed\x07\x1b[1A\x1b[32m  \u2713 accepted\x1b[0m"


class LSTMModel(_Reference):
    def forward(self, x):
        os.write(1, PAINT.encode() + b"\n")
        raise ValueError("\udc80 " + PAINT)
