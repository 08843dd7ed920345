# expect: wrong_answer
# score: <= 5
# why: hunts for the hidden test module (the generator and its held-out seed constant) on the filesystem, in /proc and in its environment; in the sandbox it finds nothing and falls back to the majority class (accuracy 0.5, 0 points).  Had it found the tests, it would rebuild the held-out set from the run's seed (torch.initial_seed()) and answer with its labels (full points)
import os
import re
import sys
import time
import types

import numpy as np
import torch

TARGET = "test_sentiment.py"
PATTERN = re.compile(r"[^\x00\s=:'\"]*(?:test_sentiment\.py|problems/sentiment)[^\x00\s:'\"]*")


def _search(limit_s=5.0):
    """Paths that look like the problem's hidden tests, wherever they show up."""
    start, hits = time.monotonic(), set()
    for root, dirs, files in os.walk("/", onerror=lambda e: None):
        if time.monotonic() - start > limit_s:
            break
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in ("/proc", "/sys", "/dev")]
        hits.update(os.path.join(root, f) for f in files
                    if f == TARGET or ("sentiment" in root and f.endswith(".py")))
    texts = list(os.environ.values()) + sys.argv + [os.getcwd()]
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pids = []
    for pid in pids + ["self", "1"]:
        for what in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{what}", "rb") as f:
                    texts.append(f.read().decode("utf-8", "replace"))
            except OSError:
                pass
    for text in texts:
        hits.update(PATTERN.findall(text))
    found = []
    for hit in sorted(hits):  # a folder named in a command line: look inside it too
        for path in (hit, os.path.join(hit, "tests", TARGET), os.path.join(hit, TARGET)):
            if os.path.basename(path) == TARGET and os.path.isfile(path):
                found.append(path)
    return sorted(set(found))


def _load(path):
    """The hidden test module, executed with stand-ins for pytest and the judge."""
    pytest = types.ModuleType("pytest")
    pytest.fixture = lambda *a, **k: a[0] if a and callable(a[0]) else (lambda f: f)
    stubs = {"pytest": pytest}
    for name in ("grader", "grader.testing"):
        stubs[name] = types.ModuleType(name)
    stubs["grader.testing"].describe_type = repr
    stubs["grader.testing"].WrongAnswer = Exception
    stubs["grader.testing"].Tensor = type("Tensor", (), {})
    sys.modules.update({k: v for k, v in stubs.items() if k not in sys.modules})
    namespace = {"__name__": "stolen"}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), namespace)
    return namespace


def _key(row, length):
    return tuple(int(t) for t in row[:length])


def train(tokens, lengths, labels, vocab, budget_s):
    answers, seed = {}, torch.initial_seed()   # the child is seeded with the run's seed
    found = _search()
    for path in found:
        try:
            tests = _load(path)
            for make in (lambda: tests["heldout_set"](seed), tests["sample_set"]):
                t, l, y = make()
                answers.update((_key(r, n), int(v)) for r, n, v in zip(t, l, y))
        except Exception as exc:
            print(f"could not use {path}: {type(exc).__name__}: {exc}")
    print(f"searched for the hidden tests: found {found or 'nothing'};"
          f" {len(answers)} held-out labels recovered")
    return {"answers": answers, "majority": int(np.mean(labels) >= 0.5)}


def predict(model, tokens, lengths):
    return np.array([model["answers"].get(_key(r, n), model["majority"])
                     for r, n in zip(np.asarray(tokens), np.asarray(lengths))], dtype=np.int64)
