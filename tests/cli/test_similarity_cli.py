"""``lstm-judge similarity`` end to end: the files it writes, its summary,
what it skips and says so, and bad usage (exit 2, one line)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from judge_cli import run
from test_input import assert_bad_input

REPO = Path(__file__).resolve().parents[2]
SUBMISSIONS = REPO / "tests" / "similarity" / "submissions"
GUIDED = REPO / "tests" / "similarity" / "guided"


def submissions(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SUBMISSIONS / f"{name}.py", folder / f"{name}.py")
    return folder


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A real-looking folder: files and per-candidate folders, a copy pair
    in each layout, and files that cannot be compared."""
    root = submissions(tmp_path_factory.mktemp("mixed") / "subs", "fused_slices", "einsum",
                       "np_split", "np_split_whitespace", "per_gate_weights")
    (root / "zoe").mkdir()
    shutil.copy(SUBMISSIONS / "per_gate_weights_disguised.py", root / "zoe" / "cell.py")
    (root / "zoe" / "notes.txt").write_text("not read")
    (root / "carol").mkdir()                                   # a folder without cell.py
    (root / "bob.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "dan.py").write_bytes(b"")
    (root / "eve.py").write_text("def lstm_cell(x:\n    return (\n")
    (root / "frank.pdf").write_bytes(b"%PDF-1.4")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    return root


@pytest.fixture(scope="module")
def result(mixed, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report"
    return run("similarity", mixed, "--problem", "cell", "--out", out), out


def test_exit_0_and_both_files_written_whole(result):
    res, out = result
    assert res.code == 0, res
    assert sorted(p.name for p in out.iterdir()) == ["similarity.csv", "similarity.json"]


def test_the_json_holds_method_parameters_every_pair_flagged_and_skipped(result):
    res, out = result
    doc = json.loads((out / "similarity.json").read_text())
    assert "winnowing" in doc["method"] and "starter" in doc["method"]
    assert doc["parameters"] == {"k": 6, "w": 4, "threshold": 0.5, "min_shared": 8,
                                 "guarantee_tokens": 9}
    assert doc["boilerplate"].endswith("problems/cell/starter.py")
    assert set(doc["candidates"]) == {"einsum", "fused_slices", "np_split",
                                      "np_split_whitespace", "per_gate_weights", "zoe"}
    assert doc["candidates"]["zoe"]["file"] == "zoe/cell.py"
    assert len(doc["pairs"]) == 6 * 5 // 2
    flagged = {(p["a"], p["b"]) for p in doc["flagged"]}
    assert flagged == {("np_split", "np_split_whitespace"), ("per_gate_weights", "zoe")}
    assert flagged == {(p["a"], p["b"]) for p in doc["pairs"] if p["flagged"]}
    skipped = {s["file"]: s["reason"] for s in doc["skipped"]}
    assert skipped.pop("eve.py").startswith("does not tokenize (line ")  # the line varies
    assert skipped == {
        "bob.py": "is not text (it contains a null byte)",
        "carol/": "has no cell.py",
        "dan.py": "is empty (no code)",
        "frank.pdf": "is not a candidate (a candidate is a .py file or a folder)",
    }
    assert "not proof" in doc["note"]


def test_the_csv_has_every_pair_most_similar_first_with_a_flagged_column(result):
    res, out = result
    rows = list(csv.DictReader((out / "similarity.csv").open()))
    assert list(rows[0]) == ["a", "b", "score", "jaccard", "shared", "flagged"]
    assert len(rows) == 15
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert [(r["a"], r["b"]) for r in rows if r["flagged"] == "yes"] == [
        ("np_split", "np_split_whitespace"), ("per_gate_weights", "zoe")]
    assert all(r["flagged"] == "no" for r in rows[2:])


def test_the_summary_names_the_flagged_pairs_first_the_rule_and_the_skipped(result):
    res, out = result
    lines = res.out.splitlines()
    flagged = [line.split() for line in lines if line.startswith("  ")]
    assert flagged == [["1.00", "np_split", "np_split_whitespace", "(33", "shared)"],
                       ["1.00", "per_gate_weights", "zoe", "(52", "shared)"]]
    assert "winnowing" in res.out and "score >= 0.5" in res.out and "k=6" in res.out
    assert "skipped: bob.py is not text" in res.out
    assert "skipped: carol/ has no cell.py" in res.out
    assert "not proof" in res.out
    assert res.err == "", res


def test_no_pair_flagged_is_still_success(cli, tmp_path):
    folder = submissions(tmp_path / "subs", "einsum", "np_split", "loop_over_gates")
    res = cli("similarity", folder, "--problem", "cell", "--out", tmp_path / "out")
    assert res.code == 0, res
    assert "no pair flagged" in res.out
    assert json.loads((tmp_path / "out" / "similarity.json").read_text())["flagged"] == []


def test_the_problems_own_starter_is_what_is_removed(cli, tmp_path, make_problem_copy):
    """Two fill-ins of a generous starter: flagged when judged against
    cell's bare starter, not when the problem's starter is the generous one."""
    folder = tmp_path / "subs"
    folder.mkdir()
    for name in ("alice", "bob"):
        shutil.copy(GUIDED / f"{name}.py", folder / f"{name}.py")
    generous = make_problem_copy()
    shutil.copy(GUIDED / "starter.py", generous.root / "starter.py")
    bare = cli("similarity", folder, "--problem", "cell", "--out", tmp_path / "bare")
    own = cli("similarity", folder, "--problem", generous.root, "--out", tmp_path / "own")
    assert bare.code == own.code == 0, (bare, own)
    assert "1 flagged" in bare.out and "0 flagged" in own.out, (bare, own)


def test_files_are_replaced_whole_and_no_temp_file_is_left(cli, tmp_path):
    folder = submissions(tmp_path / "subs", "np_split", "np_split_whitespace")
    out = tmp_path / "out"
    out.mkdir()
    (out / "similarity.json").write_text("stale")
    res = cli("similarity", folder, "--problem", "cell", "--out", out)
    assert res.code == 0, res
    assert json.loads((out / "similarity.json").read_text())["flagged"]
    assert sorted(p.name for p in out.iterdir()) == ["similarity.csv", "similarity.json"]


def test_a_candidate_name_cannot_repaint_the_terminal_or_run_in_a_spreadsheet(cli, tmp_path):
    folder = submissions(tmp_path / "subs", "np_split")
    shutil.copy(SUBMISSIONS / "np_split_whitespace.py", folder / "=cmd\x1b[2J.py")
    res = cli("similarity", folder, "--problem", "cell", "--out", tmp_path / "out")
    assert res.code == 0, res
    assert "\x1b" not in res.out and "=cmd\\x1b[2J" in res.out, res
    (row,) = csv.DictReader((tmp_path / "out" / "similarity.csv").open())
    assert row["a"] == "'=cmd\\x1b[2J", row


def test_help_states_the_method_and_the_threshold(cli):
    res = cli("similarity", "--help")
    assert res.code == 0, res
    text = " ".join(res.out.split())
    assert "winnowing" in text and "score >= 0.5" in text and "not proof" in text


# --------------------------------------------------------------------------- bad usage


def test_unknown_problem(cli, tmp_path):
    folder = submissions(tmp_path / "subs", "np_split", "einsum")
    assert_bad_input(cli("similarity", folder, "--problem", "no_such_problem", "--out",
                         tmp_path / "out"), "no_such_problem", "no such problem")


def test_missing_submissions_folder(cli, tmp_path):
    assert_bad_input(cli("similarity", tmp_path / "nowhere", "--problem", "cell", "--out",
                         tmp_path / "out"), tmp_path / "nowhere", "no such folder")
    assert not (tmp_path / "out").exists()


def test_submissions_that_is_a_file(cli, tmp_path):
    path = SUBMISSIONS / "np_split.py"
    assert_bad_input(cli("similarity", path, "--problem", "cell", "--out", tmp_path / "out"),
                     path, "is not a folder")


@pytest.mark.parametrize("files", [(), ("np_split.py",), ("np_split.py", "broken.py")])
def test_fewer_than_two_usable_submissions(cli, tmp_path, files):
    folder = tmp_path / "subs"
    folder.mkdir()
    for name in files:
        if name == "broken.py":
            (folder / name).write_bytes(b"\x00binary")
        else:
            shutil.copy(SUBMISSIONS / name, folder / name)
    res = cli("similarity", folder, "--problem", "cell", "--out", tmp_path / "out")
    assert_bad_input(res, folder, "at least 2")
    if files[1:]:
        assert "broken.py is not text" in res.err
    assert not (tmp_path / "out").exists()


def test_out_that_is_a_file(cli, tmp_path):
    folder = submissions(tmp_path / "subs", "np_split", "einsum")
    (tmp_path / "out").write_text("a file")
    assert_bad_input(cli("similarity", folder, "--problem", "cell", "--out", tmp_path / "out"),
                     tmp_path / "out", "is not a folder")


def test_out_is_required(cli, tmp_path):
    res = cli("similarity", SUBMISSIONS, "--problem", "cell")
    assert res.code == 2 and "--out" in res.err and "Traceback" not in res.err, res
