"""Reports never crash on a string and never pass a terminal escape through."""

import pytest

from grader.reports import render
from grader.reports.escape import printable, spreadsheet_cell
from grader.scoring.failures import Kind
from grader.scoring.result import Result, TestResult
from grader.verdict import Verdict

NASTY = "\x1b[2J\x1b]0;title\x07\r\udc80\u202e done\x00"


def test_printable_escapes_controls_surrogates_and_bidi_marks():
    text = printable(NASTY)
    assert "\x1b" not in text and "\udc80" not in text and "\u202e" not in text
    assert "\r" not in text and "\x00" not in text
    assert "\\x1b[2J" in text and "\\udc80" in text and "\\u202e" in text
    text.encode("utf-8")  # encodable now
    assert printable("a\nb") == "a\nb" and printable("a\nb", newlines=False) == "a\\nb"


def result_with(text: str, view: str) -> Result:
    test = TestResult("example", "sample", Verdict.RUNTIME_ERROR, 0, 5, summary=text,
                      detail=text, output=text, kind=Kind.RAISED)
    return Result("cell", NASTY, "submit", 0, {"level": "namespaces"}, {}, tests=[test],
                  view=view)


def test_the_text_report_escapes_what_came_from_a_submission():
    for view in ("candidate", "staff"):
        out = render(result_with(NASTY, view), "text")
        out.encode("utf-8")
        assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\udc80" not in out
        assert "\\x1b[2J" in out


def test_the_json_report_is_ascii_and_loads_back():
    import json

    out = render(result_with(NASTY, "staff"), "json")
    assert out.isascii()
    assert json.loads(out)["tests"][0]["output"] == NASTY


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("ada", "ada"), ("a=b", "a=b"), ("", ""), (-5, -5), (1.5, 1.5), (None, None),
])
def test_a_cell_a_spreadsheet_would_run_is_quoted(cell, shown):
    assert spreadsheet_cell(cell) == shown
