"""list, show and validate."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((REPO / "problems" / "cell" / "problem.yaml").read_text(encoding="utf-8"))


def test_list_shows_cell_with_title_and_points(cli):
    res = cli("list")
    assert res.code == 0, res
    rows = [line for line in res.out.splitlines() if line.split()[:1] == ["cell"]]
    assert len(rows) == 1, res
    assert SPEC["title"] in rows[0]
    assert "100" in rows[0].split()
    assert str(len(SPEC["tests"])) in rows[0].split()


def test_show_prints_the_statement(cli):
    res = cli("show", "cell")
    assert res.code == 0, res
    assert "lstm_cell" in res.out
    assert "W_ih" in res.out and "b_hh" in res.out


def test_show_by_folder_path(cli):
    res = cli("show", REPO / "problems" / "cell")
    assert res.code == 0, res
    assert "lstm_cell" in res.out


# `validate` of every bundled problem, the table included, is in test_problems_sound.py.


def test_validate_fails_when_a_wrong_solution_declares_the_wrong_verdict(cli, make_problem_copy):
    copy = make_problem_copy(solutions=("accepted/reference.py", "wrong/no_b_hh.py",
                                        "wrong/syntax_error.py"))
    no_b_hh = copy.solutions / "wrong" / "no_b_hh.py"
    copy.replace(no_b_hh, "# expect: wrong_answer", "# expect: runtime_error")

    res = cli("validate", copy.root)
    assert res.code == 1, res
    lines = res.out.splitlines()
    bad = [line for line in lines if "wrong/no_b_hh.py" in line]
    assert len(bad) == 1 and bad[0].split()[0] == "FAIL", res.out
    assert "runtime_error" in bad[0] and "wrong_answer" in bad[0]
    for name in ("accepted/reference.py", "wrong/syntax_error.py"):
        rows = [line for line in lines if name in line]
        assert len(rows) == 1 and rows[0].split()[0] == "ok", (name, res.out)
    assert "1 check(s) failed" in res.out
    assert "sound" not in res.out
