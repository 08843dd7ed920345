"""Gradescope's results.json, as the tests check it: the fields of Gradescope's
autograder specification (https://gradescope-autograders.readthedocs.io/en/latest/specs/),
their types and allowed values, plus what lstm-judge promises on top (plain
text everywhere, no control characters, every test named with a status).

``problems(doc)`` lists what is wrong (empty when the document is valid);
``check(doc)`` fails the test with that list."""

from __future__ import annotations

import re

import pytest

NUMBER = "number"
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
STATUSES = {"passed", "failed"}
TEXT_FORMATS = {"text", "simple_format", "html", "md", "ansi"}
TOP = {"score": NUMBER, "execution_time": NUMBER, "output": str, "output_format": str,
       "test_output_format": str, "test_name_format": str, "visibility": str,
       "stdout_visibility": str, "extra_data": dict, "tests": list, "leaderboard": list}
TEST = {"score": NUMBER, "max_score": NUMBER, "status": str, "name": str, "name_format": str,
        "number": str, "output": str, "output_format": str, "tags": list, "visibility": str,
        "extra_data": dict}
# lstm-judge's promises: these are always there, and every format is plain text.
TOP_REQUIRED = ("score", "output", "output_format", "stdout_visibility", "tests")
TEST_REQUIRED = ("name", "status", "output", "output_format", "visibility")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _type_ok(value, kind) -> bool:
    if kind == NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, kind)


def _fields(obj: dict, schema: dict, required, where: str) -> list[str]:
    found = [f"{where}: unknown field {key!r}" for key in obj if key not in schema]
    found += [f"{where}: {key} is missing" for key in required if key not in obj]
    found += [f"{where}: {key} is {type(obj[key]).__name__}, not {getattr(kind, '__name__', kind)}"
              for key, kind in schema.items() if key in obj and not _type_ok(obj[key], kind)]
    for key in ("output_format", "test_output_format", "test_name_format", "name_format"):
        if key in obj and obj[key] not in TEXT_FORMATS:
            found.append(f"{where}: {key} {obj[key]!r} is not one of {sorted(TEXT_FORMATS)}")
        elif key in obj and obj[key] != "text":
            found.append(f"{where}: {key} is {obj[key]!r}, not plain text")
    for key in ("visibility", "stdout_visibility"):
        if key in obj and obj[key] not in VISIBILITIES:
            found.append(f"{where}: {key} {obj[key]!r} is not one of {sorted(VISIBILITIES)}")
    for key in ("name", "output"):
        if isinstance(obj.get(key), str) and CONTROL.search(obj[key]):
            found.append(f"{where}: {key} holds a control character: {obj[key]!r}")
    return found


def problems(doc) -> list[str]:
    if not isinstance(doc, dict):
        return [f"the document is {type(doc).__name__}, not an object"]
    found = _fields(doc, TOP, TOP_REQUIRED, "top level")
    for i, test in enumerate(doc.get("tests") or []):
        if not isinstance(test, dict):
            found.append(f"tests[{i}] is {type(test).__name__}, not an object")
            continue
        where = f"tests[{i}] ({test.get('name')!r})"
        found += _fields(test, TEST, TEST_REQUIRED, where)
        if test.get("status") not in STATUSES:
            found.append(f"{where}: status {test.get('status')!r} is not passed or failed")
        if "score" in test and "max_score" in test and _type_ok(test["score"], NUMBER) \
                and _type_ok(test["max_score"], NUMBER) \
                and not 0 <= test["score"] <= test["max_score"]:
            found.append(f"{where}: score {test['score']} is outside 0..{test['max_score']}")
    return found


def check(doc) -> None:
    found = problems(doc)
    if found:
        pytest.fail("not a valid Gradescope results.json:\n" + "\n".join(found))
