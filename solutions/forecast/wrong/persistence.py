# expect: wrong_answer
# score: <= 5
# why: the 0-point baseline: predicts the last value and learns nothing; it scores
#      only train and truncated_history (5 points)
def train(series, budget_s):
    return None


def predict(model, history):
    return float(history[-1])
