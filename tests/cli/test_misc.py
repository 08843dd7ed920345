"""list, show and validate."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def test_validate_checks_the_declared_kind_of_failure(cli, make_problem_copy):
    """`# kind: modified` holds only if a test failed because an input was
    modified: no_b_hh.py is a wrong answer, but not that one."""
    copy = make_problem_copy(solutions=("accepted/reference.py", "wrong/no_b_hh.py",
                                        "wrong/inplace_c_prev.py", "wrong/syntax_error.py"))
    copy.replace(copy.solutions / "wrong" / "no_b_hh.py", "# expect: wrong_answer\n",
                 "# expect: wrong_answer\n# kind: modified\n")
    copy.replace(copy.solutions / "wrong" / "syntax_error.py", "# expect: compile_error\n",
                 "# expect: compile_error\n# kind: modifed\n")

    res = cli("validate", copy.root)
    assert res.code == 1, res
    rows = {name: [line for line in res.out.splitlines() if name in line]
            for name in ("no_b_hh.py", "syntax_error.py", "inplace_c_prev.py")}
    assert rows["no_b_hh.py"][0].split()[0] == "FAIL", res.out
    assert "no test failed with the kind `modified`" in res.out
    assert rows["syntax_error.py"][0].split()[0] == "FAIL", res.out
    assert "`# kind: modifed`, not one of" in res.out
    assert rows["inplace_c_prev.py"][0].split()[0] == "ok", res.out
    assert "2 check(s) failed" in res.out


def test_list_columns_line_up_for_every_kind(cli):
    res = cli("list")
    assert res.code == 0, res
    header, *rows = res.out.splitlines()
    kinds = {row.split()[1] for row in rows}
    assert "application" in kinds, res.out  # the longest kind is there to line up
    kind_at, tests_end = header.index("kind"), header.index("tests") + len("tests")
    points_end, title_at = header.index("points") + len("points"), header.index("title")
    for row in rows:
        kind = row.split()[1]
        assert row[kind_at:kind_at + len(kind)] == kind, (row, header)
        assert row[kind_at - 1] == " " and row[tests_end - 1].isdigit(), (row, header)
        assert row[tests_end] == " " and row[points_end - 1].isdigit(), (row, header)
        assert row[title_at - 1] == " " and row[title_at] != " ", (row, header)


@pytest.mark.parametrize("break_it", ["function-missing", "function-unlisted"])
def test_validate_in_parallel_reports_a_spec_error_in_one_line(cli, make_problem_copy, break_it):
    copy = make_problem_copy(solutions=("accepted/reference.py", "wrong/syntax_error.py"))
    if break_it == "function-missing":
        copy.edit_tests("def test_batch_one(", "def _not_a_test_batch_one(")
        needles = (copy.spec_file, "test_batch_one")
    else:
        copy.replace(copy.tests_file, "def test_example(",
                     "def test_unlisted(submission):\n    pass\n\n\ndef test_example(")
        needles = (copy.tests_file, "test_unlisted", "not listed")
    res = cli("validate", copy.root, "-j", "2")
    assert res.code == 2, res
    assert "Traceback" not in res.out + res.err and "BrokenProcessPool" not in res.err, res
    lines = res.err.strip().splitlines()
    assert len(lines) == 1, res
    for needle in needles:
        assert str(needle) in lines[0], (needle, lines[0])


def test_validate_without_accepted_solutions_says_where_it_looked(cli, make_problem_copy):
    copy = make_problem_copy()  # no solutions at all
    res = cli("validate", copy.root)
    assert res.code == 1, res
    where = str((copy.solutions / "accepted").resolve())
    notes = [line for line in res.out.splitlines() if "no accepted solutions" in line]
    assert len(notes) == 1 and where in notes[0], res.out
