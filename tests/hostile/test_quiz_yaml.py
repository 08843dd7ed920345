"""Attacks on a quiz's answer file: YAML that expands (a billion laughs of
nested aliases, merge keys that the safe loader copies at every level), a
huge file, deep nesting, and tags that construct Python objects.  Each must
be bad input (exit 2, one line) or scored data: never run, never a judge
error, never slow.  Each has a control showing the attack is real against
PyYAML itself (``yaml.safe_load``, ``yaml.unsafe_load``)."""

from __future__ import annotations

import time

import pytest
import yaml

from judge_cli import run

HEAD = "quiz: concepts\nseed: 3\n"


def laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, levels):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]")
    return HEAD + "\n".join(lines) + f"\nquestions:\n- id: params_stacked\n  answer: *a{levels - 1}\n"


def merges(levels: int) -> str:
    lines = ["m0: &m0 {k0: 1, k1: 2}"]
    for k in range(1, levels):
        lines.append(f"m{k}: &m{k} {{<<: [*m{k - 1}, *m{k - 1}], x{k}: 1}}")
    return HEAD + "\n".join(lines) + "\nquestions: []\n"


def leaves(value, seen=None) -> int:
    """How many scalars ``value`` holds once expanded (counted, not expanded)."""
    seen = {} if seen is None else seen
    if not isinstance(value, list):
        return 1
    if id(value) not in seen:
        seen[id(value)] = sum(leaves(v, seen) for v in value)
    return seen[id(value)]


def refused(tmp_path, text: str, name: str = "attack.yaml", most_s: float = 20.0):
    path = tmp_path / name
    path.write_text(text)
    started = time.monotonic()
    result = run("submit", "concepts", path, "--format", "json")
    assert time.monotonic() - started < most_s
    assert result.code == 2, result
    assert result.out == "" and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    return result


def test_billion_laughs_is_refused_at_its_first_anchor(tmp_path):
    # control: PyYAML's safe loader builds it, a structure of 10**9 scalars
    # that anything walking it (a repr, a naive check) would expand
    assert leaves(yaml.safe_load(laughs())["questions"][0]["answer"]) == 10 ** 9
    result = refused(tmp_path, laughs())
    assert "line 3" in result.err and "anchors or aliases" in result.err


def test_merge_keys_bomb_is_refused(tmp_path):
    # control: the safe loader takes merge keys and copies the merged pairs
    # into each mapping; up to PyYAML 6.0.3 anew at each level, so that its
    # work doubles with every line (2**16 pairs for 17 short lines). 6.0.4
    # copies each level's pairs once; the defence must not depend on which.
    class Counting(yaml.SafeLoader):
        pairs = 0

        def flatten_mapping(self, node):
            super().flatten_mapping(node)
            Counting.pairs += len(node.value)

    yaml.load(merges(17), Loader=Counting)  # noqa: S506 (a SafeLoader)
    version = tuple(int(p) for p in yaml.__version__.split(".")[:3] if p.isdigit())
    assert Counting.pairs > (2 ** 16 if version <= (6, 0, 3) else 17 * 2), Counting.pairs
    result = refused(tmp_path, merges(60), most_s=10)  # 2**60 copies if it were loaded
    assert "anchors or aliases" in result.err


def test_python_object_tags_never_run(tmp_path):
    canary = tmp_path / "canary"
    text = (HEAD + "questions:\n- id: params_stacked\n  answer: !!python/object/apply:"
            f"builtins.open [{str(canary)!r}, w]\n")
    # control: an unsafe load runs it and creates the canary
    yaml.unsafe_load(text).get("questions")[0]["answer"].close()
    assert canary.exists()
    canary.unlink()
    result = refused(tmp_path, text)
    assert "line 5" in result.err and "refused" in result.err and not canary.exists()


def test_a_huge_file_is_refused_unread(tmp_path):
    text = HEAD + "questions:\n" + "- {id: x, answer: 1}\n" * 400_000  # about 8 MB
    result = refused(tmp_path, text)
    assert "larger than 128 KiB" in result.err


def test_deep_nesting_is_refused_not_a_crash(tmp_path):
    text = HEAD + "questions:\n- id: params_stacked\n  answer: " + "[" * 50_000 + "]" * 50_000 + "\n"
    path = tmp_path / "deep.yaml"
    path.write_text(text[:120_000])
    result = run("submit", "concepts", path)
    assert result.code == 2 and "Traceback" not in result.err


@pytest.mark.parametrize("answer", ["{a: {b: {c: [1, [2, [3]]]}}}", "'" + "x" * 5000 + "'",
                                   "[" + ", ".join(["1"] * 5000) + "]", "2001-01-01"])
def test_odd_data_is_scored_as_an_invalid_answer(tmp_path, answer):
    path = tmp_path / "odd.yaml"
    path.write_text(HEAD + f"questions:\n- id: output_shape\n  answer: {answer}\n")
    result = run("submit", "concepts", path, "--format", "json")
    assert result.code == 1, result
    test = next(t for t in result.json()["tests"] if t["name"] == "output_shape")
    assert test["kind"] == "invalid" and test["verdict"] == "wrong_answer"
    assert len(test["message"]) < 2000
