"""``lstm-judge report OUT`` end to end: it rebuilds OUT/report.html from
OUT/results.jsonl and OUT/similarity*.json, whole, and refuses a folder
without results or with a malformed line in one line naming file and line."""

from __future__ import annotations

import json

from judge_cli import run
from test_input import assert_bad_input


def line(candidate, score, **extra):
    doc = {"schema": 1, "view": "staff", "problem": "cell", "verdict": "wrong_answer",
           "score": score, "max_score": 100, "tests": [], "candidate": candidate}
    doc.update(extra)
    return json.dumps(doc)


def test_report_writes_the_page_from_results_and_similarity(tmp_path):
    (tmp_path / "results.jsonl").write_text(
        line("amy", 100, verdict="accepted") + "\n\n" + line("<b>bob</b>", 40) + "\n")
    (tmp_path / "similarity-cell.json").write_text(json.dumps(
        {"problem": "cell", "pairs": [{}], "rule": "r",
         "flagged": [{"a": "amy", "b": "<b>bob</b>", "score": 0.8, "shared": 9}]}))
    res = run("report", tmp_path)
    assert res.code == 0, res
    assert "report.html" in res.out and "2 results" in res.out
    page = (tmp_path / "report.html").read_text()
    assert page.count('<tr><td><a href="#c-') == 2
    assert "&lt;b&gt;bob&lt;/b&gt;" in page and "<b>bob" not in page
    assert "score 0.8, 9 shared fingerprints" in page
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_without_results_is_bad_input(tmp_path):
    assert_bad_input(run("report", tmp_path), tmp_path / "results.jsonl", "does not exist")
    assert_bad_input(run("report", tmp_path / "nowhere"), "is not a folder")
    assert not (tmp_path / "report.html").exists()


def test_a_malformed_line_is_named_and_nothing_is_written(tmp_path):
    results = tmp_path / "results.jsonl"
    results.write_text(line("amy", 1) + "\n" + '{"candidate": "bob", "sco' + "\n")
    assert_bad_input(run("report", tmp_path), f"{results}:2", "not a JSON document")
    results.write_text(line("amy", 1) + "\n[1, 2]\n")
    assert_bad_input(run("report", tmp_path), f"{results}:2", "not a JSON object")
    results.write_text(json.dumps({"problem": "cell"}) + "\n")
    assert_bad_input(run("report", tmp_path), f"{results}:1", "candidate")
    assert not (tmp_path / "report.html").exists()


def test_a_malformed_similarity_document_is_named(tmp_path):
    (tmp_path / "results.jsonl").write_text(line("amy", 1) + "\n")
    (tmp_path / "similarity.json").write_text("{not json")
    assert_bad_input(run("report", tmp_path), tmp_path / "similarity.json")
