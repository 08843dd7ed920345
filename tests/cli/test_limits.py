"""Limits checked before anything runs, and 0-point feedback tests."""

import json


def test_a_source_over_the_size_limit_is_refused_before_it_runs(cli, tmp_path):
    big = tmp_path / "big.py"
    # Valid Python that would be accepted but for its size (cell allows 128 KiB).
    reference = open("solutions/cell/accepted/reference.py").read()
    big.write_text(reference + "\nDATA = '" + "x" * (130 << 10) + "'\n")
    res = cli("submit", "cell", big, "--format", "json")
    assert res.code == 1, res
    doc = json.loads(res.out)
    assert doc["verdict"] == "compile_error" and doc["score"] == 0
    assert "KiB limit" in doc["message"]
    assert doc["isolation"]["level"] == "none"  # no child was started for it
