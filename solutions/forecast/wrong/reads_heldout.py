# expect: wrong_answer
# score: <= 5
# why: hunts the filesystem for the data (files named like sunspots or the
#      tests, other processes' /proc/<pid>/cwd and root); had it found the
#      sunspot record it would predict the sunspots sample exactly (worth no
#      points), and the hidden series is made in the judge's memory for each
#      run, in no file at all; the sandbox shows it nothing anyway, so it falls
#      back to persistence and scores the baseline
import csv
import os
import time

NAMES = ("sunspot", "test_forecast", "forecast")
ROOTS = ["/work", "/tmp", "/root", "/home", "/srv", "/opt", "/mnt", "/var", "/", ".."]


def _numbers(path):
    """The last numeric column of a CSV file, or None."""
    try:
        with open(path, newline="", errors="replace") as f:
            rows = [r for r in csv.reader(f) if r]
        values = []
        for row in rows:
            try:
                values.append(float(row[-1]))
            except ValueError:
                continue
        return values if len(values) > 50 else None
    except OSError:
        return None


def _candidates(deadline):
    roots = []
    try:  # other processes' working directories and roots (the judge's, say)
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                for link in ("cwd", "root"):
                    try:
                        target = os.readlink(f"/proc/{pid}/{link}")
                    except OSError:
                        continue
                    if target != "/" and target not in roots:
                        roots.append(target)
    except OSError:
        pass
    roots += ROOTS
    for root in roots:  # guesses, for roots it may open but not list
        for guess in ("problems/forecast/data/sunspots.csv", "data/sunspots.csv",
                      "appdata/sunspots.csv", "sunspots.csv"):
            yield os.path.join(root, guess)
    seen = set()
    for root in roots:
        for folder, dirs, files in os.walk(root, onerror=lambda e: None):
            if time.monotonic() > deadline:
                return
            if folder in seen:
                dirs[:] = []
                continue
            seen.add(folder)
            dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev")]
            for name in files:
                if any(key in name.lower() for key in NAMES):
                    path = os.path.join(folder, name)
                    if name.endswith(".py"):  # the tests: their data sits in ../data
                        yield os.path.join(folder, "..", "data", "sunspots.csv")
                    yield path


def train(series, budget_s):
    series = [float(v) for v in series]
    deadline = time.monotonic() + min(3.0, 0.4 * budget_s)
    tried = 0
    for path in _candidates(deadline):
        tried += 1
        values = _numbers(path)
        if values and len(values) > len(series) and values[:len(series)] == series:
            print(f"found the series in {path}")
            return {"future": values, "found": path}
    print(f"tried {tried} candidate files: found nothing")
    return {"future": None, "found": ""}


def predict(model, history):
    future = model["future"]
    if future is not None and len(history) < len(future):
        return future[len(history)]  # the true value of the year asked for
    return float(history[-1])
