# expect: wrong_answer
# score: <= 5
# why: the 0-point baseline: predicts last year's value and learns nothing
def train(series, budget_s):
    return None


def predict(model, history):
    return float(history[-1])
