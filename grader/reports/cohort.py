"""report.html: what an interviewer reads of a batch, in one self-contained
file (no external script, style, font or image: it works offline and as an
e-mail attachment).  A sortable table of candidates with score and verdict
per problem, per-test pass rates across the cohort (worst first), a score
histogram per problem (inline SVG), each candidate's feedback in the staff
view one click away, and the pairs that similarity flagged side by side.

A pure function of data: ``render(records, similarity, sources)`` takes the
results.jsonl documents (the staff JSON document of a grading plus
``candidate``, ``submission_sha256``, ``judge_version``, ``started_at``,
``ended_at``), the similarity.json documents by problem id, and optionally the
sources by (candidate, problem).  Everything that came from a submission or a
file name goes through ``escape.html``; no attribute and no script holds any
of it (ids and sort keys are the report's own numbers), and the page's
Content-Security-Policy runs only the page's own script (``cohort_page``)."""

from __future__ import annotations

from . import cohort_svg
from .cohort_page import page
from .cohort_stats import (SEVERITY, Cohort, cohort, digests, fraction, histogram, number,
                           pass_rates, tests_of, text, verdicts)
from .escape import html

TITLE = "lstm-judge: cohort report"
VIEW_NOTE = ("Staff view: hidden tests' messages, calls and output are shown. For"
             " interviewers and authors; never send this report to a candidate.")


def render(records: list[dict], similarity: dict[str, dict] | None,
           sources: dict[tuple[str, str], str] | None = None) -> str:
    """The whole report.html for ``records`` (results.jsonl documents, in the
    order graded), with the flagged pairs of ``similarity`` (problem id ->
    similarity.json document) and, if given, their ``sources``."""
    c = cohort(records)
    similarity = {k: v for k, v in (similarity or {}).items() if isinstance(v, dict)}
    parts = [_header(c), _table(c), _problems(c), _pairs(c, similarity, sources or {}),
             _feedback(c)]
    return page(TITLE, "\n".join(parts))


# --------------------------------------------------------------------------- small pieces


def _fmt(value) -> str:
    value = number(value)
    if value is None:
        return "—"
    value = round(value, 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


def _sort_key(value) -> str:
    """A number for ``data-sort`` (the report's own digits only), or empty."""
    value = number(value)
    return "" if value is None else repr(round(value, 6))


def _verdict(word) -> str:
    word = text(word, "?")
    css = f"v-{word}" if word in ("accepted", "wrong_answer", "judge_error") else "v-bad"
    return f'<span class="{css}">{html(word)}</span>'


def _pre(value) -> str:
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    return f"<pre>{html(value)}</pre>" if value not in (None, "") else ""


# --------------------------------------------------------------------------- sections


def _header(c: Cohort) -> str:
    records = list(c.records.values())
    versions = sorted({text(r.get("judge_version")) for r in records} - {""})
    starts = sorted(text(r.get("started_at")) for r in records if text(r.get("started_at")))
    ends = sorted(text(r.get("ended_at")) for r in records if text(r.get("ended_at")))
    lines = [f"<h1>{html(TITLE)}</h1>", f'<p class="warn">{html(VIEW_NOTE)}</p>',
             f"<p>Candidates: {len(c.candidates)}; graded submissions: {len(records)};"
             f" problems: {html(', '.join(c.problems) or 'none')}."]
    if versions:
        lines.append(f" Judge version {html(', '.join(versions))}.")
    if starts and ends:
        lines.append(f" Graded from {html(starts[0])} to {html(ends[-1])}.")
    lines.append("</p>")
    others = sum(text(r.get("view")) not in ("staff", "") for r in records)
    if others:
        lines.append(f'<p class="warn">{others} results hold another view than the staff'
                     " view: their hidden tests show less.</p>")
    if c.superseded:
        lines.append(f'<p class="note">{c.superseded} earlier results were replaced by a'
                     " later grading of the same candidate and problem.</p>")
    if not records:
        lines.append("<p>No results: nothing was graded.</p>")
    return "\n".join(lines)


def _table(c: Cohort) -> str:
    head = ['<th><button type="button">Candidate</button></th>']
    for p in c.problems:
        head.append(f'<th class="num" data-type="num"><button type="button">{html(p)} score'
                    '</button></th>')
        head.append(f'<th data-type="num"><button type="button">{html(p)} verdict</button></th>')
    head.append('<th class="num" data-type="num"><button type="button">Total</button></th>')
    rows = []
    for i, name in enumerate(c.candidates):
        cells = [f'<td><a href="#c-{i}">{html(name)}</a></td>']
        for p in c.problems:
            r = c.record(name, p)
            if r is None:
                cells.append('<td class="num" data-sort="">—</td><td data-sort="">—</td>')
                continue
            word = text(r.get("verdict"), "?")
            cells.append(f'<td class="num" data-sort="{_sort_key(r.get("score"))}">'
                         f'{_fmt(r.get("score"))} / {_fmt(r.get("max_score"))}</td>')
            cells.append(f'<td data-sort="{SEVERITY.get(word, len(SEVERITY))}">'
                         f'{_verdict(word)}</td>')
        score, maximum = c.total(name)
        cells.append(f'<td class="num" data-sort="{_sort_key(score)}">{_fmt(score)} /'
                     f' {_fmt(maximum)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ("<h2>Candidates</h2>\n<p class=\"note\">Click a heading to sort (scores: highest"
            " first; verdicts: most severe first; click again to reverse). Click a name for"
            " that candidate's feedback.</p>\n"
            '<table id="candidates" class="sortable"><thead><tr>' + "".join(head)
            + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def _problems(c: Cohort) -> str:
    out = ["<h2>Problems</h2>"]
    for p in c.problems:
        graded = c.of_problem(p)
        counts = histogram([f for _, r in graded if (f := fraction(r)) is not None])
        words = ", ".join(f"{html(v)} {n}" for v, n in sorted(
            verdicts(c, p).items(), key=lambda item: SEVERITY.get(item[0], len(SEVERITY))))
        out.append(f"<h3>{html(p)}</h3>\n<p>{len(graded)} submissions: {words}.</p>")
        if len(digests(c, p)) > 1:
            out.append(f'<p class="warn">Graded against {len(digests(c, p))} different versions'
                       " of the problem (problem_digest differs): scores may not compare.</p>")
        rates, without = pass_rates(c, p)
        rows = []
        for t in rates:
            kinds = ", ".join(f"{html(k)} ×{n}" for k, n in t.failures.most_common())
            rows.append(f"<tr><td>{html(t.name)}</td><td>{html(t.visibility)}</td>"
                        f'<td class="num">{_fmt(t.max_score)}</td>'
                        f'<td class="num">{t.passed} / {t.ran}</td>'
                        f'<td class="num">{round(100 * t.rate)} % {cohort_svg.rate_bar(t.rate)}'
                        f"</td><td>{kinds}</td></tr>")
        note = (f" {without} submissions without any test result (e.g. a compile error) are"
                " not counted." if without else "")
        out.append('<div class="problems"><div>'
                   + cohort_svg.histogram(counts, f"scores on {p}: {sum(counts)} submissions")
                   + "</div><div><table><caption>Pass rate per test, worst first: passed /"
                   f" submissions that ran the test.{note}</caption><thead><tr><th>Test</th>"
                   '<th>Visibility</th><th class="num">Points</th><th class="num">Passed</th>'
                   '<th class="num">Rate</th><th>Failures by kind</th></tr></thead><tbody>'
                   + "".join(rows) + "</tbody></table></div></div>")
    return "\n".join(out)


def _side(c: Cohort, shown: str, problem: str, sources: dict) -> str:
    name = c.named(shown)
    if name is None:
        return f"<div><h4>{html(shown)}</h4><p class=\"note\">No result in this batch.</p></div>"
    i = c.candidates.index(name)
    r = c.record(name, problem)
    lines = [f'<div><h4><a href="#c-{i}">{html(name)}</a></h4>']
    if r is not None:
        failed = [t["name"] for t in tests_of(r) if t.get("verdict") != "accepted"]
        lines.append(f"<p>{_verdict(r.get('verdict'))} {_fmt(r.get('score'))} /"
                     f" {_fmt(r.get('max_score'))}; failed: {html(', '.join(failed) or 'none')}"
                     "</p>")
        if text(r.get("submission_sha256")):
            lines.append(f'<p class="note">sha256 {html(r["submission_sha256"])}</p>')
    source = sources.get((name, problem))
    if isinstance(source, str):
        lines.append(_pre(source))
    return "".join(lines) + "</div>"


def _pairs(c: Cohort, similarity: dict, sources: dict) -> str:
    if not similarity:
        return ("<h2>Similar pairs</h2>\n<p class=\"note\">No similarity check in this batch"
                " (lstm-judge similarity).</p>")
    out = ["<h2>Similar pairs</h2>"]
    for problem in sorted(similarity):
        doc = similarity[problem]
        flagged = [f for f in doc.get("flagged") or [] if isinstance(f, dict)]
        pairs = doc.get("pairs") if isinstance(doc.get("pairs"), list) else []
        out.append(f"<h3>{html(problem)}</h3>\n<p>{len(flagged)} of {len(pairs)} pairs flagged;"
                   f" {html(text(doc.get('rule')))}.</p>")
        if text(doc.get("note")):
            out.append(f'<p class="note">{html(doc["note"])}</p>')
        flagged.sort(key=lambda f: -(number(f.get("score")) or 0))
        for f in flagged:
            a, b = text(f.get("a"), "?"), text(f.get("b"), "?")
            out.append(f'<div class="pair"><h3>score {_fmt(f.get("score"))},'
                       f' {_fmt(f.get("shared"))} shared fingerprints: {html(a)} and {html(b)}</h3>'
                       + _side(c, a, problem, sources) + _side(c, b, problem, sources) + "</div>")
        skipped = [s for s in doc.get("skipped") or [] if isinstance(s, dict)]
        if skipped:
            out.append("<p>Not compared: " + "; ".join(
                f"{html(text(s.get('candidate')))} ({html(text(s.get('reason')))})"
                for s in skipped) + ".</p>")
    return "\n".join(out)


def _feedback(c: Cohort) -> str:
    out = ["<h2>Feedback (staff view)</h2>"]
    for i, name in enumerate(c.candidates):
        score, maximum = c.total(name)
        out.append(f'<details class="candidate" id="c-{i}"><summary>{html(name)}: {_fmt(score)}'
                   f" / {_fmt(maximum)}</summary>")
        for j, p in enumerate(c.problems):
            r = c.record(name, p)
            if r is not None:
                out.append(_record(r, f"c-{i}-p-{j}"))
        out.append("</details>")
    return "\n".join(out)


def _record(r: dict, anchor: str) -> str:
    isolation = r.get("isolation") if isinstance(r.get("isolation"), dict) else {}
    facts = [("submission", r.get("submission")), ("sha256", r.get("submission_sha256")),
             ("time", f"{_fmt(r.get('time_s'))} s"), ("isolation", isolation.get("level")),
             ("seed", r.get("seed")), ("key", r.get("key")), ("view", r.get("view")),
             ("judge", r.get("judge_version")), ("started", r.get("started_at")),
             ("ended", r.get("ended_at")), ("problem digest", r.get("problem_digest"))]
    lines = [f'<section id="{anchor}"><h3>{html(text(r.get("problem"), "?"))}:'
             f" {_verdict(r.get('verdict'))} {_fmt(r.get('score'))} /"
             f" {_fmt(r.get('max_score'))}</h3>",
             '<p class="note">' + "; ".join(f"{k} {html(v)}" for k, v in facts
                                          if v not in (None, "")) + "</p>",
             _pre(r.get("message"))]
    flags = r.get("flags")
    if isinstance(flags, list) and flags:
        lines.append("<p>Tried what the sandbox does not allow:</p><ul>"
                     + "".join(f"<li>{html(f)}</li>" for f in flags) + "</ul>")
    tests = tests_of(r)
    if not tests:
        lines.append("<p>No test results.</p></section>")
        return "\n".join(lines)
    rows = []
    for t in tests:
        rows.append(f"<tr><td>{html(t['name'])}</td><td>{html(text(t.get('visibility')))}</td>"
                    f"<td>{_verdict(t.get('verdict'))}</td><td class=\"num\">{_fmt(t.get('score'))}"
                    f" / {_fmt(t.get('max_score'))}</td><td>{html(text(t.get('kind')))}</td>"
                    f"<td>{html(text(t.get('hint')))}</td>"
                    f'<td class="msg">{html(text(t.get("message")))}</td>'
                    f'<td class="num">{_fmt(t.get("time_s"))}</td></tr>')
        calls, output = _pre(t.get("calls")), _pre(t.get("output"))
        if calls or output:
            rows.append('<tr><td colspan="8">' + (f"calls:{calls}" if calls else "")
                        + (f"output:{output}" if output else "") + "</td></tr>")
    lines.append("<table><thead><tr><th>Test</th><th>Visibility</th><th>Verdict</th>"
                 '<th class="num">Points</th><th>Kind</th><th>Hint</th><th>Message</th>'
                 '<th class="num">Time (s)</th></tr></thead><tbody>' + "".join(rows)
                 + "</tbody></table></section>")
    return "\n".join(lines)
