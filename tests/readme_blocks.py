"""What the project's tests take from the README, so that it cannot drift:
the JSON example of "JSON output (schema 1)", the shell blocks of "Write a
problem", and ``mismatches``, which says where two JSON documents differ in
fields or types."""

from __future__ import annotations

import json
import re

from judge_cli import REPO_ROOT

README = REPO_ROOT / "README.md"
COMMENT = re.compile(r"\s+//.*$", re.M)  # the example's annotations (no string holds " //")
NUMBER = (int, float)


def section(title: str) -> str:
    """The README's text from the heading ``title`` to the next heading of any level."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ )", text, re.S | re.M)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def json_example() -> dict:
    """The JSON document in "JSON output (schema 1)", without its ``//`` notes."""
    blocks = re.findall(r"```json\n(.*?)```", section("JSON output (schema 1)"), re.S)
    assert len(blocks) == 1, "expected one ```json block in the JSON section"
    return json.loads(COMMENT.sub("", blocks[0]))


def walkthrough() -> list[str]:
    """The shell blocks between ``<!-- walkthrough -->`` and ``<!-- /walkthrough -->``."""
    text = README.read_text(encoding="utf-8")
    parts = re.findall(r"<!-- walkthrough -->(.*?)<!-- /walkthrough -->", text, re.S)
    assert len(parts) == 1, "README needs one <!-- walkthrough --> ... <!-- /walkthrough -->"
    return re.findall(r"```sh\n(.*?)```", parts[0], re.S)


def kind(value) -> str:
    """A JSON value's type: number (int or float alike), string, null, ..."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, NUMBER):
        return "number"
    return {str: "string", type(None): "null", list: "array", dict: "object"}[type(value)]


def mismatches(example, real, where: str = "$", nullable=frozenset()) -> list[str]:
    """Where ``real`` differs from ``example`` in fields (objects must have the
    same keys) or types; lists compare their first items, and ``tests`` its
    entries by name.  A field named in ``nullable`` may be null in either."""
    name = where.rsplit(".", 1)[-1]
    if kind(example) != kind(real):
        if name in nullable and "null" in (kind(example), kind(real)):
            return []
        return [f"{where}: {kind(example)} in the example, {kind(real)} in a real document"]
    if isinstance(example, dict):
        out = [f"{where}: fields {sorted(set(example) ^ set(real))} are in only one of them"
               ] if set(example) != set(real) else []
        for key in set(example) & set(real):
            out += mismatches(example[key], real[key], f"{where}.{key}", nullable)
        return out
    if isinstance(example, list) and example and real:
        if name == "tests":
            by_name = {t["name"]: t for t in real}
            return [m for t in example for m in (
                mismatches(t, by_name[t["name"]], f"{where}[{t['name']}]", nullable)
                if t["name"] in by_name else [f"{where}: no test {t['name']!r}"])]
        return mismatches(example[0], real[0], f"{where}[0]", nullable)
    return []
