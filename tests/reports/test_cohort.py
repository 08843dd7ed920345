"""The cohort report (report.html) as a function of results.jsonl documents:
escaping, its Content-Security-Policy, pass rates, histogram bins, and the
edge cases of a batch (no results, a judge error without tests, a result
graded twice).  The browser test (test_cohort_browser.py) opens real ones."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from grader.reports import cohort_page
from grader.reports.cohort import render
from grader.reports.cohort_stats import cohort, histogram, pass_rates

PAYLOADS = ['<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>',
            '"><svg onload=alert(1)>', "' onmouseover='alert(1)", "\x1b[2J\udc80"]
TESTS = [("example", "sample", 5), ("random_float64", "hidden", 30), ("float32", "hidden", 10)]


def record(candidate, passed=("example", "random_float64", "float32"), problem="cell",
           text="", kinds=None, **extra):
    tests = []
    for name, visibility, points in TESTS:
        ok = name in passed
        tests.append({"name": name, "visibility": visibility,
                      "verdict": "accepted" if ok else "wrong_answer",
                      "score": points if ok else 0, "max_score": points,
                      "message": "" if ok else f"values differ {text}",
                      "kind": None if ok else (kinds or {}).get(name, "values"),
                      "hint": text or None, "time_s": 0.01,
                      "calls": [f"h, c = lstm_cell(...) {text}"], "output": text})
    score = sum(t["score"] for t in tests)
    doc = {"schema": 1, "view": "staff", "problem": problem, "submission": f"{candidate}.py",
           "mode": "submit", "verdict": "accepted" if score == 45 else "wrong_answer",
           "score": score, "max_score": 45, "message": "", "seed": 0, "key": None,
           "problem_dir": "/p/cell", "problem_digest": "ab" * 32,
           "isolation": {"level": "namespaces"}, "limits": {}, "time_s": 0.1,
           "max_call_s": 0.01, "flags": [], "tests": tests, "candidate": candidate,
           "submission_sha256": "cd" * 32, "judge_version": "0.1.0",
           "started_at": "2025-01-01T10:00:00+00:00", "ended_at": "2025-01-01T10:00:02+00:00"}
    doc.update(extra)
    return doc


def judge_error(candidate):
    return record(candidate, passed=(), tests=[], verdict="judge_error", score=0,
                  message="the problem's tests do not load", isolation={"level": "none"})


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_what_came_from_a_submission_is_text_never_markup():
    records = [record(p, passed=("example",), text=p) for p in PAYLOADS]
    records.append(record("ok", text=PAYLOADS[1]))
    page = render(records, {"cell": {"problem": "cell", "pairs": [], "rule": PAYLOADS[0],
                                     "flagged": [{"a": PAYLOADS[0], "b": PAYLOADS[1],
                                                  "score": 0.9, "shared": 12}]}},
                  {(PAYLOADS[0], "cell"): PAYLOADS[1] + "\nimport numpy"})
    page.encode("utf-8")  # lone surrogates were escaped
    for payload in PAYLOADS[:3]:
        assert payload not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\\x1b[2J" in page
    elements = parse(page)
    tags = {tag for tag, _ in elements.tags}
    assert not tags & {"img", "iframe", "object", "embed", "link", "base", "form", "input"}, tags
    assert [tag for tag, _ in elements.tags].count("script") == 1
    assert [tag for tag, _ in elements.tags].count("svg") == 1 + 3  # histogram, 3 rate bars
    for tag, attrs in elements.tags:
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
        assert "alert" not in "".join(str(v) for v in attrs.values()), (tag, attrs)
    assert elements.scripts == [cohort_page.SCRIPT]


def test_the_policy_allows_exactly_the_pages_own_script_and_style():
    page = render([record("alice")], None)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'{_csp_hash(cohort_page.SCRIPT)}'"
    assert directives["style-src"] == f"'{_csp_hash(cohort_page.STYLE)}'"
    assert f"<script>{cohort_page.SCRIPT}</script>" in page
    assert f"<style>{cohort_page.STYLE}</style>" in page
    assert "unsafe" not in policy
    # nothing the page loads: no URL outside the page, no external resource
    assert not re.search(r'(src|href)="(?!#)', page)


def test_pass_rates_are_per_test_worst_first_with_failure_kinds():
    records = [record("a"), record("b", passed=("example",), kinds={"float32": "dtype"}),
               record("c", passed=("example", "float32")), judge_error("d")]
    rates, without = pass_rates(cohort(records), "cell")
    assert [(r.name, r.passed, r.ran) for r in rates] == [
        ("random_float64", 1, 3), ("float32", 2, 3), ("example", 3, 3)]
    assert rates[0].failures == {"values": 2} and rates[1].failures == {"dtype": 1}
    assert without == 1
    page = render(records, None)
    assert page.index("random_float64</td>") < page.index("float32</td>")
    assert "1 / 3" in page and "33 %" in page and "dtype ×1" in page


def test_histogram_bins_are_tenths_with_full_marks_in_the_last():
    assert histogram([0, 0.05, 0.1, 0.3, 0.2999, 0.99, 1.0]) == [2, 1, 1, 1, 0, 0, 0, 0, 0, 2]
    assert histogram([]) == [0] * 10
    assert histogram([0.5, 1.0], bins=2) == [0, 2]
    assert histogram([-1, 2]) == [1] + [0] * 8 + [1]  # clamped, never an error


def test_an_empty_cohort_is_a_whole_page():
    page = render([], None)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "No results" in page and "<tbody>\n\n</tbody>" in page
    assert render([], {}) == page


def test_a_judge_error_without_tests_is_shown_and_counts_in_no_rate():
    page = render([judge_error("zed"), record("amy")], None)
    assert "No test results" in page and "the problem&#x27;s tests do not load" in page
    assert "1 submissions without any test result" in page
    assert page.count('class="v-judge_error"') >= 2  # the table and the feedback


def test_one_row_per_candidate_and_the_last_grading_of_a_pair_stands():
    records = [record("bob", passed=()), record("amy"), record("bob")]
    page = render(records, None)
    body = page.split('<table id="candidates"', 1)[1].split("</table>", 1)[0]
    assert body.count("<tr>") == 1 + 2
    assert body.index("amy") < body.index("bob")  # by name until sorted
    assert "45 / 45" in body.split("bob", 1)[1]
    assert "1 earlier results were replaced" in page


def test_several_problems_give_columns_and_a_total():
    records = [record("amy"), record("amy", problem="sequence", passed=("example",)),
               record("bob", problem="sequence")]
    page = render(records, None)
    head = page.split('<table id="candidates"', 1)[1].split("</thead>", 1)[0]
    assert len(re.findall(r"<th[ >]", head)) == 1 + 2 * 2 + 1
    amy = page.split('href="#c-0">amy</a>', 1)[1].split("</tr>", 1)[0]
    assert 'data-sort="50.0">50 / 90' in amy
    bob = page.split('href="#c-1">bob</a>', 1)[1].split("</tr>", 1)[0]
    assert "—" in bob  # no cell result for bob


def test_flagged_pairs_are_side_by_side_with_their_sources_escaped():
    sim = {"cell": {"problem": "cell", "rule": "flagged when score >= 0.5", "note": "not proof",
                    "pairs": [{}, {}, {}],
                    "flagged": [{"a": "amy", "b": "bob", "score": 0.93, "shared": 24,
                                 "flagged": True}],
                    "skipped": [{"candidate": "cy", "file": "cy.py", "reason": "is empty"}]}}
    page = render([record("amy"), record("bob", passed=("example",)), record("cy")], sim,
                  {("amy", "cell"): "def lstm_cell(x):\n    return x < 1"})
    pair = page.split('<div class="pair">', 1)[1].split('</div></div>', 1)[0]
    assert "score 0.93, 24 shared fingerprints" in pair
    assert 'href="#c-0">amy' in pair and 'href="#c-1">bob' in pair
    assert "<pre>def lstm_cell(x):\n    return x &lt; 1</pre>" in pair
    assert "failed: random_float64, float32" in pair
    assert "1 of 3 pairs flagged" in page and "cy (is empty)" in page


def test_malformed_documents_count_as_missing_never_crash():
    odd = [{"candidate": 3, "problem": None, "score": "lots", "tests": "none"},
           "not a record", {"candidate": "x", "problem": "cell", "score": float("nan"),
                            "max_score": 0, "tests": [None, {"name": 1}, {"name": "t"}]}]
    page = render(odd, {"cell": {"flagged": [None, {"a": None}]}, "bad": "x"})
    assert "(no candidate name)" in page and "—" in page
