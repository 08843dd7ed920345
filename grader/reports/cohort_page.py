"""The frame of report.html: its one style sheet, its one script (sorting
the candidates' table, opening a candidate's feedback), and a
Content-Security-Policy that lets the page run exactly that script and use
exactly that style sheet, named by their SHA-256 hashes.

The policy is the second layer: the first is that everything from a
submission is escaped (``escape.html``).  Were some text ever left
unescaped, an injected ``<script>``, ``onerror=`` handler, style or image
would still be refused by the browser.  Both constants are fixed text: no
submission's text is ever put inside them."""

from __future__ import annotations

import base64
import hashlib

from .escape import html

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ccc; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.msg { white-space: pre-wrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: bold; border: 0; background: none; cursor: pointer; padding: 0; }
th[aria-sort=ascending] button::after { content: " \\25B2"; }
th[aria-sort=descending] button::after { content: " \\25BC"; }
.v-accepted { color: #11691f; } .v-wrong_answer { color: #9a4a00; }
.v-judge_error { color: #5a3d91; } .v-bad { color: #b00020; }
.note { color: #555; } .warn { color: #9a4a00; }
pre { background: #f7f7f7; border: 1px solid #ddd; padding: .4em; max-height: 24em;
      overflow: auto; white-space: pre-wrap; word-break: break-all; margin: .2em 0; }
details.candidate { border: 1px solid #ccc; margin: .4em 0; padding: .3em .6em; }
details.candidate > summary { cursor: pointer; font-weight: bold; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; border: 1px solid #ccc;
        padding: .5em; margin: .6em 0; }
.pair > h3 { grid-column: 1 / 3; margin: 0; font-size: 1.05em; }
svg .bar { fill: #4a78b5; } svg .axis { stroke: #555; }
svg text { font: 11px sans-serif; fill: #333; text-anchor: middle; }
svg text.label { text-anchor: start; }
svg .rate-bg { fill: #e5b3b3; } svg .rate-fill { fill: #6aa56f; }
.problems { display: flex; flex-wrap: wrap; gap: 2em; }
"""

SCRIPT = """
(function () {
  "use strict";
  function key(row, col, numeric) {
    var cell = row.cells[col];
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    if (!numeric) { return raw.trim(); }
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }
  function sortBy(table, th, col) {
    var numeric = th.getAttribute("data-type") === "num";
    var current = th.getAttribute("aria-sort");
    var ascending = current ? current === "descending" : !numeric;
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, i) {
      return { row: row, key: key(row, col, numeric), i: i };
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        return (a.key === null) - (b.key === null) || a.i - b.i;
      }
      var d = numeric ? a.key - b.key : a.key.localeCompare(b.key);
      return (ascending ? d : -d) || a.i - b.i;
    });
    Array.prototype.forEach.call(th.parentNode.cells, function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector("button");
      if (button) { button.addEventListener("click", function () { sortBy(table, th, col); }); }
    });
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target && target.tagName === "DETAILS") { target.open = true; }
    }
  });
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


POLICY = ("default-src 'none'; "
          f"script-src '{_sha256(SCRIPT)}'; style-src '{_sha256(STYLE)}'; "
          "img-src 'none'; base-uri 'none'; form-action 'none'")


def page(title: str, body: str) -> str:
    """A whole HTML document: ``body`` (already safe HTML) in the frame."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<title>{html(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
