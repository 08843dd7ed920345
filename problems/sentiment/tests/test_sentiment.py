"""Tests for `sentiment`: train(tokens, lengths, labels, vocab, budget_s) -> model,
predict(model, tokens, lengths) -> labels (N,), on a generated corpus.

The generator.  Every sentence is two clauses joined by "but":

    clause A:  SUBJECT VERB [not] INTENSIFIER* ADJECTIVE
    clause B:  [OPENER] [SUBJECT VERB] [not] INTENSIFIER* ADJECTIVE

(0-2 intensifiers; clause B drops its subject and verb half of the time and
starts with "still" or "overall" 30% of the time; 5 to 16 tokens).  A
clause's sentiment is its adjective's polarity, flipped by a "not" in that
clause; the sentence's label is the sentiment of clause B (1 positive, 0
negative).  The polarities and negations are drawn so that the label is 50/50
given the sentence's bag of words: either the two adjectives differ in polarity
(and each clause independently has a "not" or not, 0-2 in all), or they agree
and exactly one clause, either one with even odds, has a "not".  Subjects,
verbs, intensifiers and openers are drawn independently of everything else.

The held-out set is made of pairs: each sentence comes with its twin that has
the same multiset of words and the opposite label (the "not" moved to the
other clause, or, with 0 or 2 "not"s, the two adjectives swapped), shuffled.
So every function of the bag of words (counts, lengths, the majority class)
scores exactly 0.5 on it, by construction.  The training set is independent
draws from the same distribution, from the run's seed; the held-out set is a
hidden draw (the ``draw`` fixture): from the run's seed and, when the grader
sets one, its secret key, so that with a key nothing public predicts it.
"""

import numpy as np
import pytest

from grader.testing import Kind, Tensor, WrongAnswer, describe_type

SUBJECTS = (("it",), ("the", "movie"), ("the", "plot"), ("the", "acting"), ("the", "music"),
            ("the", "ending"), ("this", "film"), ("the", "cast"))
VERBS = ("was", "is", "seemed", "felt")
INTENSIFIERS = ("very", "really", "quite", "so", "truly")
OPENERS = ("still", "overall")
POSITIVE = ("good", "great", "fun", "clever", "lovely", "superb", "moving")
NEGATIVE = ("bad", "dull", "awful", "boring", "weak", "silly", "clumsy")
PAD, BUT, NOT = "<pad>", "but", "not"
VOCAB = ([PAD, BUT, NOT]
         + sorted({w for s in SUBJECTS for w in s} | set(VERBS) | set(INTENSIFIERS) | set(OPENERS))
         + list(POSITIVE) + list(NEGATIVE))
ID = {w: k for k, w in enumerate(VOCAB)}

TRAIN_N = 2000          # training sentences
HELDOUT_PAIRS = 1000    # held-out set: 2000 sentences
SAMPLE_PAIRS = 16       # the sample test: 32 sentences, from a fixed seed
EXTRA_PAD = 7           # trailing padding columns added in test_padding
SHORT = 10              # test_padding: sentences this short, padded to this width only
GRACE_S = 5.0           # CPU seconds on top of train_s for the training call (transfers)
BASELINE, TARGET = 0.5, 0.97   # accuracy: 0 points at chance, full at TARGET
TRAIN_STREAM = 0x7472           # mixed with the run seed: the training set (sent to the child)
SAMPLE_SEED = (0x5A3D, 0x11)    # the sample test's fixed set


# ---------------------------------------------------------------- the generator


def _clause(rng, first):
    head = []
    if not first and rng.random() < 0.3:
        head.append(OPENERS[rng.integers(len(OPENERS))])
    if first or rng.random() < 0.5:
        head += SUBJECTS[rng.integers(len(SUBJECTS))]
        head.append(VERBS[rng.integers(len(VERBS))])
    intens = [INTENSIFIERS[rng.integers(len(INTENSIFIERS))]
              for _ in range(rng.choice(3, p=[0.5, 0.35, 0.15]))]
    return head, intens


def _draw(rng):
    """One sentence: its two clauses' fillers, adjectives and negations."""
    pa = int(rng.integers(2))
    if rng.random() < 0.5:  # same polarity: exactly one "not", in either clause
        pb = pa
        nots = (1, 0) if rng.random() < 0.5 else (0, 1)
    else:                   # opposite polarities: any negations
        pb = 1 - pa
        nots = (int(rng.integers(2)), int(rng.integers(2)))
    pools = [POSITIVE if p else NEGATIVE for p in (pa, pb)]
    adjs = tuple(pool[rng.integers(len(pool))] for pool in pools)
    return (_clause(rng, True), _clause(rng, False)), adjs, nots


def _words(clauses, adjs, nots):
    out = []
    for k, ((head, intens), adj, neg) in enumerate(zip(clauses, adjs, nots)):
        out += ([BUT] if k else []) + head + ([NOT] if neg else []) + intens + [adj]
    return out


def _label(adjs, nots):
    return int((adjs[1] in POSITIVE) != bool(nots[1]))


def _twin(adjs, nots):
    """Same bag of words, opposite label."""
    return (adjs, nots[::-1]) if nots[0] != nots[1] else (adjs[::-1], nots)


def _pack(sentences, labels):
    lengths = np.array([len(s) for s in sentences], dtype=np.int64)
    tokens = np.zeros((len(sentences), int(lengths.max())), dtype=np.int64)
    for i, s in enumerate(sentences):
        tokens[i, :len(s)] = [ID[w] for w in s]
    return tokens, lengths, np.array(labels, dtype=np.int64)


def corpus(rng, n):
    """``n`` independent sentences: tokens (n, L_max) padded with 0, lengths, labels."""
    sentences, labels = [], []
    for _ in range(n):
        clauses, adjs, nots = _draw(rng)
        sentences.append(_words(clauses, adjs, nots))
        labels.append(_label(adjs, nots))
    return _pack(sentences, labels)


def paired(rng, n_pairs):
    """``n_pairs`` sentences and their twins, shuffled: exactly balanced, and
    any bag-of-words classifier gets exactly one of each pair right."""
    sentences, labels = [], []
    for _ in range(n_pairs):
        clauses, adjs, nots = _draw(rng)
        for a, n in ((adjs, nots), _twin(adjs, nots)):
            sentences.append(_words(clauses, a, n))
            labels.append(_label(a, n))
    order = rng.permutation(len(sentences))
    return _pack([sentences[i] for i in order], [labels[i] for i in order])


def training_set(seed):
    return corpus(np.random.default_rng([seed, TRAIN_STREAM]), TRAIN_N)


def heldout_set(rng):
    return paired(rng, HELDOUT_PAIRS)


def sample_set():
    return paired(np.random.default_rng(list(SAMPLE_SEED)), SAMPLE_PAIRS)


# ---------------------------------------------------------------- the tests


@pytest.fixture(scope="session")
def model(submission, problem, seed):
    """Trained once per run; a failure here (time_limit_exceeded, runtime_error)
    is the verdict of every test, so no prediction scores."""
    tokens, lengths, labels = training_set(seed)
    budget = problem.limits.train_s
    return submission.call_cpu(budget + GRACE_S, "train", tokens, lengths, labels,
                               list(VOCAB), budget_s=budget)


def predictions(submission, model, tokens, lengths):
    got = submission.predict(model, tokens, lengths)
    if isinstance(got, Tensor):
        got = got.array
    n = len(lengths)
    want = f"an integer (or bool) array of shape ({n},) holding 0 and 1"
    if not isinstance(got, np.ndarray):
        raise WrongAnswer(f"predict returned {describe_type(got)}; expected {want}",
                          kind=Kind.TYPE, subject="predict")
    if got.dtype.kind not in "biu":
        raise WrongAnswer(f"predict returned an array of dtype {got.dtype}; expected {want}",
                          kind=Kind.DTYPE, subject="predict")
    if got.shape != (n,):
        raise WrongAnswer(f"predict returned an array of shape {got.shape}; expected {want}",
                          kind=Kind.SHAPE, subject="predict")
    if not np.isin(got, (0, 1)).all():
        raise WrongAnswer(f"predict returned values other than 0 and 1; expected {want}")
    return got.astype(np.int64)


def test_sample(submission, model, metric):
    tokens, lengths, labels = sample_set()
    got = predictions(submission, model, tokens, lengths)
    metric.score("accuracy", np.mean(got == labels), baseline=BASELINE, target=TARGET)


def test_accuracy(submission, model, metric, draw):
    tokens, lengths, labels = heldout_set(draw("heldout"))
    got = predictions(submission, model, tokens, lengths)
    metric.score("accuracy", np.mean(got == labels), baseline=BASELINE, target=TARGET)


def test_padding(submission, model, metric, draw):
    """The held-out sentences with EXTRA_PAD more padding columns, and the
    short ones (length <= SHORT) on their own with only SHORT columns: every
    prediction must be the one given without the change."""
    tokens, lengths, labels = heldout_set(draw("heldout"))
    plain = predictions(submission, model, tokens, lengths)
    padded = predictions(submission, model, np.pad(tokens, ((0, 0), (0, EXTRA_PAD))), lengths)
    short = lengths <= SHORT
    narrow = predictions(submission, model, tokens[short, :SHORT], lengths[short])
    for changed, what in ((int(np.sum(plain != padded)), f"{EXTRA_PAD} more padding columns were added"),
                          (int(np.sum(plain[short] != narrow)),
                           f"the sentences of length <= {SHORT} came with only {SHORT} columns")):
        if changed:
            raise WrongAnswer(f"{changed} predictions changed when {what}; read each sentence "
                              "up to its length only, whatever padding follows it")
    metric.score("accuracy", np.mean(padded == labels), baseline=BASELINE, target=TARGET)
