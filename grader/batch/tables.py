"""results.csv and junit.xml: the whole batch so far, rewritten whole (a
temporary file renamed over the old one) after every result.

Both are built from ``Entry``s, one per candidate and problem: the latest
record's verdict, score and tests, or a missing submission's reason.  Both
hold the staff view (junit.xml's messages are the staff messages) and say
so.  Names and messages come from submissions: the CSV guards cells a
spreadsheet would run as formulas (``reports.escape.spreadsheet_cell``), and
the XML loses every character XML 1.0 forbids.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..reports.escape import spreadsheet_cell
from ..reports.escape import printable

NO_SUBMISSION = "no_submission"  # a CSV verdict of a candidate's missing file (not a judge verdict)
MESSAGE_CHARS = 4000


@dataclass
class TestLine:
    name: str
    verdict: str
    message: str
    time_s: float


@dataclass
class Entry:
    """One candidate's result at one problem, as the tables show it."""

    candidate: str
    problem: str
    verdict: str
    score: float
    max_score: float
    message: str = ""
    time_s: float = 0.0
    tests: list[TestLine] = field(default_factory=list)


def entry(rec: dict) -> Entry:
    """The compact ``Entry`` of a results.jsonl record."""
    tests = [TestLine(str(t.get("name", "")), str(t.get("verdict", "")),
                      str(t.get("message") or "")[:MESSAGE_CHARS], _seconds(t.get("time_s")))
             for t in rec.get("tests") or [] if isinstance(t, dict)]
    return Entry(rec["candidate"], rec["problem"], rec["verdict"], float(rec["score"]),
                 float(rec["max_score"]), str(rec.get("message") or "")[:MESSAGE_CHARS],
                 _seconds(rec.get("time_s")), tests)


def _seconds(value) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def number(x: float):
    """92.8 stays 92.8; 100.0 is written 100."""
    return int(x) if float(x).is_integer() else round(x, 4)


def _name(text: str) -> str:
    return printable(text, newlines=False)


def csv_text(candidates: list[str], problems: list[tuple[str, float]],
             entries: dict[tuple[str, str], Entry]) -> str:
    """One row per candidate: ``candidate``, per problem ``<id>_score``,
    ``<id>_max``, ``<id>_verdict``, then ``total`` and ``max_total``.  A
    problem not graded yet (an interrupted run) has an empty score and verdict."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["candidate"]
    for pid, _ in problems:
        header += [f"{pid}_score", f"{pid}_max", f"{pid}_verdict"]
    writer.writerow(header + ["total", "max_total"])
    for candidate in candidates:
        row, total, max_total = [spreadsheet_cell(_name(candidate))], 0.0, 0.0
        for pid, max_score in problems:
            e = entries.get((candidate, pid))
            if e is None:
                row += ["", number(max_score), ""]
                max_total += max_score
                continue
            row += [number(e.score), number(e.max_score), e.verdict]
            total, max_total = total + e.score, max_total + e.max_score
        writer.writerow(row + [number(total), number(max_total)])
    return out.getvalue()


# Characters XML 1.0 allows: tab, newline, carriage return and the rest but
# surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def junit_text(entries: list[Entry]) -> str:
    """One ``testsuite`` per candidate and problem (``alice.cell``), a
    ``testcase`` per test with a ``failure`` (the verdict and the staff
    message) when it was not accepted, an ``error`` for a judge_error; a
    submission with no tests (a judge that printed nothing, a missing file)
    is one testcase, ``grading``.  Test names are unique in the file."""
    root = ET.Element("testsuites", name="lstm-judge batch")
    seen: set[tuple[str, str]] = set()
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for e in entries:
        classname = xml_text(f"{e.candidate}.{e.problem}")
        suite = ET.SubElement(root, "testsuite", name=classname)
        props = ET.SubElement(suite, "properties")
        for key, value in (("view", "staff"), ("candidate", e.candidate), ("problem", e.problem),
                           ("verdict", e.verdict), ("score", number(e.score)),
                           ("max_score", number(e.max_score))):
            ET.SubElement(props, "property", name=key, value=xml_text(value))
        tests = e.tests or [TestLine("grading", e.verdict, e.message, e.time_s)]
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for t in tests:
            name = xml_text(t.name)
            while (classname, name) in seen:  # only a name made of forbidden characters could
                name += "_"
            seen.add((classname, name))
            case = ET.SubElement(suite, "testcase", classname=classname, name=name,
                                 time=f"{t.time_s:.4f}")
            counts["tests"] += 1
            if t.verdict != "accepted":
                kind = "error" if t.verdict == "judge_error" else "failure"
                counts["errors" if kind == "error" else "failures"] += 1
                message = xml_text(t.message or e.message)
                node = ET.SubElement(case, kind, type=xml_text(t.verdict),
                                     message=xml_text(f"{t.verdict}: {message}"[:500]))
                node.text = message
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", f"{e.time_s:.4f}")
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
