"""Attacks on the cohort's reports: a candidate chooses their file's name
and what their code prints, and both reach report.html and results.csv.

Each attack goes through a real `batch`; each control renders the same
records with the defence switched off, to show the payload is real.  (The
browser test of report.html, tests/reports/test_cohort_browser.py, runs
such a page in Chromium, where the Content-Security-Policy is a second
layer; here the first layer, escaping, is checked alone.)
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest

from grader.batch import tables
from grader.reports import cohort
from grader.reports.cohort_files import read_results
from judge_cli import REPO_ROOT, run

MARKUP_NAME = "<img src=x onerror=window.__pwned=1>"
FORMULA_NAME = '=HYPERLINK("evil.example","x")'  # (a file name holds no slash)
PRINTED = "</pre></details><script>window.__pwned=2</script><svg onload=window.__pwned=3>"
# A wrong answer, so that the report shows what the submission printed.
WRONG = (REPO_ROOT / "solutions" / "cell" / "wrong" / "no_b_hh.py").read_text()


class Elements(HTMLParser):
    """Every start tag and attribute name of a page."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def injected(page: str) -> list[str]:
    """What the payloads would have made of the page, were they markup."""
    found = Elements(page)
    # (The page's own histograms are svg elements: an svg counts by its onload.)
    return ([t for t in found.tags if t == "img"]
            + [a for a in found.attributes if a.startswith("on")]
            + ["a second script"] * (found.tags.count("script") > 1))


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    subs = root / "subs"
    subs.mkdir()
    attack = WRONG.replace("def lstm_cell(", "def _cell(") + (
        f"\n\ndef lstm_cell(*args):\n    print({PRINTED!r})\n    return _cell(*args)\n")
    for name in (MARKUP_NAME, FORMULA_NAME):
        (subs / f"{name}.py").write_text(attack)
    res = run("batch", "cell", subs, "--out", root / "out", "-j", "2", "--no-gradebook")
    assert res.code == 0, res
    return root / "out"


def test_no_name_or_output_becomes_markup_in_report_html(out):
    page = (out / "report.html").read_text()
    assert injected(page) == []
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in page  # there, as text
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in page


def test_control_without_escaping_the_same_records_inject(out, monkeypatch):
    monkeypatch.setattr(cohort, "html", lambda text: str(text))
    page = cohort.render(read_results(out / "results.jsonl"), None)
    assert "img" in injected(page) and "onload" in injected(page), injected(page)


def test_no_cell_of_results_csv_is_a_formula(out):
    rows = list(csv.reader(io.StringIO((out / "results.csv").read_text())))
    names = [row[0] for row in rows[1:]]
    assert "'" + FORMULA_NAME in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


def test_control_without_the_guard_the_name_is_a_formula(monkeypatch):
    monkeypatch.setattr(tables, "spreadsheet_cell", lambda value: value)
    text = tables.csv_text([FORMULA_NAME], [("cell", 100.0)], {})
    assert list(csv.reader(io.StringIO(text)))[1][0] == FORMULA_NAME
