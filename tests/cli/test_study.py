"""Self-study mode: `submit --data FILE` runs a problem's protocol on the
user's own series, for no points."""

import json

import numpy as np

REF = "solutions/forecast/accepted/reference.py"


def write_series(path, columns):
    t = np.arange(240)
    values = 20 + 5 * np.sin(t / 9) + np.random.default_rng(1).normal(0, 0.4, t.size)
    header = ",".join(columns)
    rows = [",".join([f"2020-{i}", f"{v:.4f}", f"{v + 1:.4f}"][:len(columns)])
            for i, v in enumerate(values)]
    path.write_text(header + "\n" + "\n".join(rows) + "\n")
    return path


def test_own_series_is_measured_against_persistence(cli, tmp_path):
    data = write_series(tmp_path / "prices.csv", ["date", "close"])
    res = cli("submit", "forecast", REF, "--data", data, "--format", "json")
    assert res.code == 0, res
    doc = json.loads(res.out)
    assert doc["mode"] == "study" and doc["max_score"] == 0
    (test,) = doc["tests"]
    assert test["name"] == "own_series" and test["verdict"] == "accepted"
    assert "RMSE" in test["message"] and "not scored" in test["message"]


def test_two_numeric_columns_need_a_column_name(cli, tmp_path):
    data = write_series(tmp_path / "two.csv", ["date", "open", "close"])
    res = cli("submit", "forecast", REF, "--data", data)
    assert res.code == 2
    assert res.err.count("\n") == 1 and "--column" in res.err and "two.csv" in res.err


def test_unknown_column_and_non_numbers_are_refused(cli, tmp_path):
    data = write_series(tmp_path / "p.csv", ["date", "close"])
    res = cli("submit", "forecast", REF, "--data", data, "--column", "nope")
    assert res.code == 2 and "no column 'nope'" in res.err
    bad = tmp_path / "bad.csv"
    bad.write_text("close\n" + "1.0\n" * 30 + "oops\n")
    res = cli("submit", "forecast", REF, "--data", bad)
    assert res.code == 2 and "bad.csv:32" in res.err and "Traceback" not in res.err


def test_a_problem_without_self_study_takes_no_data(cli, tmp_path):
    data = write_series(tmp_path / "p.csv", ["date", "close"])
    res = cli("submit", "cell", "solutions/cell/accepted/reference.py", "--data", data)
    assert res.code == 2 and "takes no --data" in res.err
