# expect: runtime_error | time_limit_exceeded
# why: answers with millions of tiny JSON values: decoding them used to cost the judge
#      seconds of CPU after the child answered, outside every deadline
# control: none


CALLS = []


def lstm_cell(*args):
    CALLS.append(1)
    if len(CALLS) % 2:
        return [0] * 1_000_000, [0]
    return [[0] * 900 for _ in range(150)], [0]
