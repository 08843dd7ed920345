"""Hidden tests for `language_model`: train(text, budget_s, vocab) -> model,
next_char_log_probs(model, chars) -> (S, V) log-probabilities, fed in
lock-step, and generate(model, prompt, n) -> str (shown, not scored).

The text (data/shakespeare.txt.gz) and the split live only here, in the
judge.  From the run's seed, S chunks of L characters are drawn at random,
non-overlapping positions and cut out of the text; the child is given the rest
(the pieces joined end to end) to train on.  Then each chunk is one stream:
call t (t = 0 .. L-2) sends character t of every chunk and receives, for each
stream, a distribution over character t+1, which the child first sees in call
t+1.  The last character of a chunk is never sent.  Score: bits per character
over the S * (L-1) predicted characters, between a unigram of the training
text (0 points) and a Kneser-Ney character 3-gram of the training text (full
points), both computed here on the same chunks.
"""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import numpy as np
import pytest

from grader.testing import Tensor, WrongAnswer

DATA = Path(__file__).resolve().parent.parent / "data" / "shakespeare.txt.gz"
TEXT_CHARS = 800_927  # the data file's length (checked: the figures below assume it)

# The problem's vocabulary: every character of the data file (make_data.py maps
# anything else to a space).  Passed to train as a list of one-character strings.
VOCAB = "\n !&',-.:;?" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz"

STREAMS, CHUNK = 32, 256  # S held-out chunks of L characters
GRACE_S = 5.0  # CPU seconds on top of train_s for the training call (the text's transfer)
KN_DISCOUNT = 0.75  # absolute discount of the judge's Kneser-Ney 3-gram
LOGSUMEXP_TOL = 1e-3  # how far from 0 a row's logsumexp may be
PROMPT, SAMPLE_CHARS = "ROMEO:", 200  # the sample test's generate call


# ----------------------------------------------------------------- data


def load_text() -> str:
    text = gzip.decompress(DATA.read_bytes()).decode("ascii")
    assert len(text) == TEXT_CHARS and set(text) <= set(VOCAB), "the data file changed"
    return text


def encode(text: str) -> np.ndarray:
    index = {c: i for i, c in enumerate(VOCAB)}
    return np.array([index[c] for c in text], dtype=np.int64)


def draw_split(text: str, rng: np.random.Generator) -> tuple[str, list[str]]:
    """(training text, chunks): STREAMS non-overlapping chunks of CHUNK
    characters at uniformly random positions, cut out of the text."""
    free = len(text) - STREAMS * CHUNK  # characters outside the chunks
    gaps = np.sort(rng.choice(free + 1, size=STREAMS, replace=False))
    starts = gaps + np.arange(STREAMS) * CHUNK  # each start after the chunks before it
    pieces, chunks, end = [], [], 0
    for start in starts:
        pieces.append(text[end:start])
        chunks.append(text[start:start + CHUNK])
        end = start + CHUNK
    pieces.append(text[end:])
    return "".join(pieces), chunks


# ----------------------------------------------------------------- the judge's models


def unigram_log_probs(train: np.ndarray) -> np.ndarray:
    """log p(c): the training text's character frequencies, add-one smoothed."""
    counts = np.bincount(train, minlength=len(VOCAB)) + 1.0
    return np.log(counts / counts.sum())


def kneser_ney_3gram(train: np.ndarray, discount: float = KN_DISCOUNT):
    """Interpolated Kneser-Ney: (log p(c | b) for the first prediction of a
    stream, shape (V, V); log p(c | a, b), shape (V, V, V))."""
    V = len(VOCAB)
    bigrams = np.bincount(train[:-1] * V + train[1:], minlength=V * V).reshape(V, V)
    trigrams = np.bincount((train[:-2] * V + train[1:-1]) * V + train[2:],
                           minlength=V ** 3).reshape(V, V, V)
    continuation = (bigrams > 0).sum(axis=0) + 1.0  # N1+(. c), add-one: nothing is 0
    p1 = continuation / continuation.sum()

    def interpolate(counts: np.ndarray, lower: np.ndarray) -> np.ndarray:
        # counts (..., V) over the next character; lower (..., V) the lower order
        total = counts.sum(axis=-1, keepdims=True)
        types = (counts > 0).sum(axis=-1, keepdims=True)
        safe = np.maximum(total, 1)
        p = np.maximum(counts - discount, 0) / safe + discount * types / safe * lower
        return np.where(total > 0, p, lower)

    # the middle order of the 3-gram uses continuation counts N1+(. b c)
    p2_cont = interpolate((trigrams > 0).sum(axis=0).astype(float), np.broadcast_to(p1, (V, V)))
    p3 = interpolate(trigrams.astype(float), np.broadcast_to(p2_cont, (V, V, V)))
    p2 = interpolate(bigrams.astype(float), np.broadcast_to(p1, (V, V)))  # highest order: raw counts
    return np.log(p2), np.log(p3)


def baseline_and_target(train_text: str, chunks: list[str]) -> tuple[float, float]:
    train = encode(train_text)
    y = np.stack([encode(c) for c in chunks])
    unigram = unigram_log_probs(train)
    first, rest = kneser_ney_3gram(train)
    n = y.shape[0] * (y.shape[1] - 1)
    uni_bits = -unigram[y[:, 1:]].sum() / n / math.log(2)
    kn_nats = -first[y[:, 0], y[:, 1]].sum() - rest[y[:, :-2], y[:, 1:-1], y[:, 2:]].sum()
    return float(uni_bits), float(kn_nats / n / math.log(2))


# ----------------------------------------------------------------- protocol


def as_log_probs(value, call: int) -> np.ndarray:
    """A finite (STREAMS, V) float array whose rows are log-distributions."""
    where = f"in call {call + 1} of next_char_log_probs"
    array = value.array if isinstance(value, Tensor) else value
    if isinstance(array, list):
        try:
            array = np.array(array, dtype=np.float64)
        except (TypeError, ValueError):
            raise WrongAnswer(f"returned a list that is not a rectangular array of numbers {where};"
                              f" expected a float array of shape ({STREAMS}, {len(VOCAB)})") from None
    if not isinstance(array, np.ndarray):
        raise WrongAnswer(f"returned a value of type {type(value).__name__} {where}; expected a float array"
                          f" (numpy or torch) of shape ({STREAMS}, {len(VOCAB)})")
    if array.dtype.kind != "f":
        raise WrongAnswer(f"returned an array of dtype {array.dtype} {where}; expected floats")
    if array.shape != (STREAMS, len(VOCAB)):
        raise WrongAnswer(f"returned an array of shape {array.shape} {where}; expected"
                          f" ({STREAMS}, {len(VOCAB)}): one row per stream, one column per"
                          " character of the vocabulary")
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        bad = int(np.argwhere(~np.isfinite(array))[0][0])
        raise WrongAnswer(f"returned non-finite values {where} (stream {bad}); every"
                          " log-probability must be finite")
    top = array.max(axis=1)
    lse = top + np.log(np.exp(array - top[:, None]).sum(axis=1))
    worst = int(np.argmax(np.abs(lse)))
    if abs(lse[worst]) > LOGSUMEXP_TOL:
        raise WrongAnswer(f"row {worst} {where} is not a log-probability distribution: its"
                          f" logsumexp is {lse[worst]:.4g}, not 0 (within {LOGSUMEXP_TOL:g});"
                          " return log_softmax of your scores")
    return array


def bits_per_char(submission, model, chunks: list[str]) -> float:
    """Feed the chunks in lock-step; the mean -log2 p of each next character."""
    y = np.stack([encode(c) for c in chunks])
    rows = np.arange(len(chunks))
    nats = 0.0
    for t in range(CHUNK - 1):
        chars = [c[t] for c in chunks]  # character t of each stream; t+1 is not sent yet
        log_probs = as_log_probs(submission.next_char_log_probs(model, chars), t)
        nats -= float(log_probs[rows, y[:, t + 1]].sum())
    return nats / (len(chunks) * (CHUNK - 1)) / math.log(2)


# ----------------------------------------------------------------- tests


@pytest.fixture(scope="session")
def split(draw):
    # A hidden draw: from the run's seed and, when the grader sets one, its key,
    # so that with a key nothing public says where the held-out passages are.
    return draw_split(load_text(), draw("language_model"))


@pytest.fixture(scope="session")
def model(submission, problem, split):
    """Training happens once per run; its failure (time_limit_exceeded,
    runtime_error) is the verdict of every test that needs the model."""
    train_text, _ = split
    budget_s = problem.limits.train_s
    return submission.call_cpu(budget_s + GRACE_S, "train", train_text,
                               budget_s=budget_s, vocab=list(VOCAB))


def test_train(model):
    # Training returned within train_s + GRACE_S CPU seconds.  A failure is raised by the
    # fixture and fails every test that needs the model.
    del model


def test_heldout_bpc(submission, model, split, metric):
    train_text, chunks = split
    baseline, target = baseline_and_target(train_text, chunks)
    bpc = bits_per_char(submission, model, chunks)
    metric.score("bits per character", bpc, baseline=baseline, target=target)


def test_sample(submission, model, note):
    # Not scored: shows what the model writes after a prompt.  Sample tests run
    # first, so generate comes before the streams (it must not disturb them: see the
    # statement).  Under a grader's key the model was trained on text cut around keyed
    # held-out passages, so what it writes is shown to staff only.
    text = submission.generate(model, PROMPT, SAMPLE_CHARS)
    if not isinstance(text, str):
        raise WrongAnswer(f"generate returned a value of type {type(text).__name__}; expected a str")
    note(f"generate(model, {PROMPT!r}, {SAMPLE_CHARS}):\n{PROMPT}{text[:1000]}")
