# expect: runtime_error | time_limit_exceeded
# why: predict answers with a million tiny JSON values, then with 135,000 in nested lists:
#      decoding them must stay inside the call's deadline and cost the judge little
# control: none


CALLS = []


def train(tokens, lengths, labels, vocab, budget_s):
    return None


def predict(model, tokens, lengths):
    CALLS.append(1)
    if len(CALLS) % 2:
        return [0] * 1_000_000
    return [[0] * 900 for _ in range(150)]
