# expect: runtime_error | wrong_answer
# why: predict answers with an int subclass whose comparisons lie, so it leaves the child as
#      a 400-digit integer: judge code that converted it used to overflow, a judge_error
# control: none


class Liar(int):
    def __lt__(self, other):
        return True

    __le__ = __gt__ = __ge__ = __lt__


def train(tokens, lengths, labels, vocab, budget_s):
    return None


def predict(model, tokens, lengths):
    return [Liar(10 ** 400)] * len(lengths)
