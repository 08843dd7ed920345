"""A judge_error JSON document has every field the README's schema lists,
with its type: the run that stopped (the tests do not load), in each mode,
and the run with one broken test."""

from __future__ import annotations

import re

import pytest
from readme_blocks import json_example, mismatches

REFERENCE = "solutions/cell/accepted/reference.py"  # (from the repository root)


@pytest.fixture
def unloadable(make_problem_copy):
    """A copy of cell whose test module raises while loading."""
    copy = make_problem_copy()
    copy.edit_tests('NAMES = ("h", "c")\n', 'NAMES = {}["oops"]\n')
    return copy


def stopped(cli, copy, *options) -> dict:
    res = cli(*options[:1], copy.root, REFERENCE, *options[1:], "--format", "json")
    assert res.code == 3, res
    return res.json()


def test_a_stopped_run_has_every_field(cli, unloadable):
    doc = stopped(cli, unloadable, "submit")
    example = json_example()
    isolation, shown = doc.pop("isolation"), example.pop("isolation")
    assert mismatches(example, doc) == []
    assert set(isolation) == set(shown) | {"note"}, isolation
    assert isolation["level"] == "none" and isolation["uid"] is None and isolation["note"]
    assert doc["verdict"] == "judge_error" and "KeyError" in doc["message"], doc
    assert doc["tests"] == [] and doc["score"] == 0 and doc["max_score"] == 100, doc
    assert doc["seed"] == 0 and doc["key"] is None and doc["limits"] == example["limits"], doc
    assert doc["problem_dir"] == str(unloadable.root.resolve()), doc
    assert re.fullmatch(r"[0-9a-f]{64}", doc["problem_digest"]), doc


def test_a_stopped_run_records_its_seed_key_and_mode(cli, unloadable, tmp_path):
    key = tmp_path / "key"
    key.write_text("an-interviewers-secret-key-0123")
    doc = stopped(cli, unloadable, "submit", "--seed", "7", "--key-file", key)
    assert doc["seed"] == 7 and re.fullmatch(r"[0-9a-f]{16}", doc["key"]), doc
    sample_only = stopped(cli, unloadable, "test")
    assert sample_only["mode"] == "test" and sample_only["max_score"] == 10, sample_only


def test_a_broken_test_leaves_a_whole_document(cli, make_problem_copy):
    copy = make_problem_copy()
    header = "def test_batch_one(submission, check, rng):\n"
    copy.edit_tests(header, header + "    raise KeyError('oops')\n")
    doc = stopped(cli, copy, "submit")
    assert doc["verdict"] == "judge_error" and len(doc["tests"]) == 8, doc
    assert mismatches(json_example(), doc, nullable={"kind", "hint"}) == []
