# expect: runtime_error | wrong_answer
# why: returns an int subclass whose comparisons lie, so it passes the child-side int64
#      check and goes out as a 400-digit integer; judge code that float()s it used to
#      overflow: a judge_error on demand
# control: none


class Liar(int):
    def __lt__(self, other):
        return True

    __le__ = __gt__ = __ge__ = __lt__


def lstm_cell(*args):
    h, c = _cell(*args)
    return Liar(10 ** 400), c
