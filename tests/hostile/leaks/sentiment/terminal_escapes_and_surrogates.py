# expect: runtime_error | wrong_answer
# why: train and predict raise with a lone surrogate and terminal control sequences
#      (clear the screen, set the title, move up and repaint a line as a green tick) and
#      write them raw to fd 1, in the sample test too, whose details are shown: the text
#      report must neither crash nor let a terminal obey them
# control: escape
import os


PAINT = "\x1b[2J\x1b]0;all tests passed\x07\x1b[1A\x1b[32m  \u2713 accepted\x1b[0m"


def train(tokens, lengths, labels, vocab, budget_s):
    return None


def predict(model, tokens, lengths):
    os.write(1, PAINT.encode() + b"\n")
    raise ValueError("\udc80 " + PAINT)
