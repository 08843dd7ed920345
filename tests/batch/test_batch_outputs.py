"""The batch's writers on their own: results.jsonl's reading after a crash,
the CSV's formula guard, the JUnit file's forbidden characters."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from grader.batch import results, tables


def test_a_half_written_last_line_is_cut_off_and_reported(tmp_path):
    path = tmp_path / results.NAME
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    loaded = results.load(path)
    assert loaded.records == [{"a": 1}, {"b": 2}]
    assert "half-written last line" in loaded.notes[0]
    assert path.read_bytes() == b'{"a": 1}\n{"b": 2}\n'  # the next record starts a line
    log = results.Log(path)
    log.append({"d": 4})
    log.close()
    assert [json.loads(x) for x in path.read_text().splitlines()][-1] == {"d": 4}


def test_a_broken_line_in_the_middle_is_ignored_and_kept(tmp_path):
    path = tmp_path / results.NAME
    path.write_bytes(b'{"a": 1}\nnot json\n{"b": 2}\n')
    loaded = results.load(path)
    assert loaded.records == [{"a": 1}, {"b": 2}]
    assert loaded.notes == [f"{results.NAME}: line 2 is not a record; ignored"]
    assert path.read_bytes() == b'{"a": 1}\nnot json\n{"b": 2}\n'


def _entry(candidate, verdict="wrong_answer", message="bad", tests=None):
    return tables.Entry(candidate, "cell", verdict, 15.5, 100, message, 1.0,
                        tests if tests is not None else
                        [tables.TestLine("example", verdict, message, 0.1)])


def test_csv_cells_that_start_like_formulas_are_guarded():
    text = tables.csv_text(["=HYPERLINK(1)", "+a", "-b", "@c", "\tt", "plain"],
                           [("cell", 100)], {("plain", "cell"): _entry("plain")})
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(1)", "'+a", "'-b", "'@c", "'\tt", "plain"]
    assert rows[-1][1:] == ["15.5", "100", "wrong_answer", "15.5", "100"]
    assert rows[1][1:] == ["", "100", "", "0", "100"]  # not graded (yet)


def test_junit_drops_characters_xml_forbids_and_keeps_names_unique():
    nasty = "a\x00b\x1bc\ud800d\ufffe<script>"
    entries = [_entry(nasty, message=nasty,
                      tests=[tables.TestLine("t\x00", "wrong_answer", nasty, 0.1),
                             tables.TestLine("t", "accepted", "", 0.1)]),
               _entry("bob", "judge_error", "the judge failed", tests=[])]
    root = ET.fromstring(tables.junit_text(entries).encode("utf-8"))
    cases = list(root.iter("testcase"))
    assert len({(c.get("classname"), c.get("name")) for c in cases}) == len(cases) == 3
    assert cases[0].get("classname") == "abcd<script>.cell"
    assert cases[0].find("failure").text == "abcd<script>"
    assert root.find("testsuite/properties/property").get("value") == "staff"
    assert cases[2].find("error").get("type") == "judge_error"
    assert root.get("tests") == "3" and root.get("failures") == "1" and root.get("errors") == "1"


def test_report_html_is_written_by_the_cohort_renderer_when_there_is_one(tmp_path, monkeypatch):
    import sys
    import types

    from grader.batch import finish

    fake = types.ModuleType("grader.reports.cohort")
    fake.render = lambda records, similarity: f"<p>{len(records)} {sorted(similarity)}</p>"
    monkeypatch.setitem(sys.modules, "grader.reports.cohort", fake)
    import grader.reports
    monkeypatch.setattr(grader.reports, "cohort", fake, raising=False)
    assert finish.report_html([{}, {}], {"cell": {}}, tmp_path) == "wrote report.html"
    assert (tmp_path / "report.html").read_text() == "<p>2 ['cell']</p>"


def test_a_judge_that_printed_no_document_is_a_judge_error_record(tmp_path):
    from datetime import datetime, timezone

    from grader.batch import records, worker
    from grader.batch.candidates import ProblemRef, Task

    assert worker.check(b"", "cell") == (None, "printed no document")
    assert worker.check(b"Traceback ...", "cell")[1].startswith("printed something that is not")
    assert worker.check(b'{"view": "candidate"}', "cell")[1].endswith("is not the staff view")
    problem = ProblemRef("cell", "cell", "ab" * 32, 100, 10, 128, tmp_path / "starter.py",
                         "/p/cell", {"total_s": 10})
    task = Task("ann", problem, tmp_path / "ann.py", "ann.py", "cd" * 32)
    now = datetime.now(timezone.utc)
    graded = worker.Graded(task, now, now, "cd" * 32, failure="the judge process exited with"
                           " code -9 and printed no document", stderr="Killed")
    rec = records.record(graded, seed=None, version="0.1.0")
    assert rec["verdict"] == "judge_error" and rec["view"] == "staff"
    assert (rec["score"], rec["max_score"], rec["seed"], rec["tests"]) == (0, 100, 0, [])
    assert rec["message"].startswith("the judge process exited") and rec["judge_stderr"] == "Killed"
    assert (rec["candidate"], rec["submission_sha256"], rec["judge_version"]) == \
        ("ann", "cd" * 32, "0.1.0")
    assert records.key_of(rec) is None  # tried again on --resume
