"""Bad input to the CLI: exit 2 and one line on stderr naming the file and
what is wrong, never a traceback.  Bad submissions are verdicts (exit 1)."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "solutions" / "cell" / "accepted" / "reference.py"
SPEC_TESTS = yaml.safe_load((REPO / "problems" / "cell" / "problem.yaml")
                            .read_text(encoding="utf-8"))["tests"]


def assert_bad_input(res, *needles):
    """Exit 2, nothing on stdout, one line on stderr containing every needle."""
    assert res.code == 2, res
    assert "Traceback" not in res.out + res.err, res
    assert res.out == "", res
    lines = res.err.strip().splitlines()
    assert len(lines) == 1, res
    for needle in needles:
        assert str(needle) in lines[0], (needle, lines[0])


def assert_usage_error(res, needle):
    """Click's usage errors: exit 2, usage on stderr, no traceback."""
    assert res.code == 2, res
    assert "Traceback" not in res.out + res.err, res
    assert res.out == ""
    assert "Usage:" in res.err and needle in res.err, res


# --------------------------------------------------------------------------- problems and files


def test_unknown_problem_id(cli):
    assert_bad_input(cli("submit", "no_such_problem", REFERENCE), "no_such_problem",
                     "no such problem")


def test_folder_that_is_not_a_problem(cli, tmp_path):
    folder = tmp_path / "just_a_folder"
    folder.mkdir()
    assert_bad_input(cli("submit", folder, REFERENCE), folder, "not a problem")


def test_missing_submission_file(cli, tmp_path):
    path = tmp_path / "nothing_here.py"
    assert_bad_input(cli("submit", "cell", path), path, "no such file")


def test_submission_is_a_directory(cli, tmp_path):
    assert_bad_input(cli("submit", "cell", tmp_path), tmp_path, "is a directory")


def test_submission_is_a_broken_symlink(cli, tmp_path):
    link = tmp_path / "dangling.py"
    link.symlink_to(tmp_path / "gone.py")
    assert_bad_input(cli("test", "cell", link), link, "no such file")


# --------------------------------------------------------------------------- malformed specs


def test_malformed_yaml(cli, make_problem_copy):
    copy = make_problem_copy()
    copy.edit_spec("allow: [numpy]", "allow: [numpy")
    line = 1 + next(k for k, text in enumerate(copy.spec_file.read_text().splitlines())
                    if "allow: [numpy" in text)
    res = cli("submit", copy.root, REFERENCE)
    assert_bad_input(res, copy.spec_file, "malformed YAML")
    # YAML notices an unclosed bracket where the next token starts.
    assert f"line {line}:" in res.err or f"line {line + 1}:" in res.err, res


def test_problem_yaml_that_is_a_list(cli, make_problem_copy):
    copy = make_problem_copy()
    copy.write_spec("- id: cell\n- title: a list, not a mapping\n")
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.spec_file, "mapping")


def test_missing_required_field(cli, make_problem_copy):
    copy = make_problem_copy()
    data = copy.spec_data()
    del data["title"]
    copy.write_spec_data(data)
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.spec_file, "title", "required")


def test_unknown_field(cli, make_problem_copy):
    copy = make_problem_copy()
    data = copy.spec_data()
    data["colour"] = "blue"
    copy.write_spec_data(data)
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.spec_file, "colour",
                     "unknown field")


def test_bad_visibility(cli, make_problem_copy):
    copy = make_problem_copy()
    data = copy.spec_data()
    data["tests"][3]["visibility"] = "secret"
    copy.write_spec_data(data)
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.spec_file,
                     "tests[3].visibility", "sample or hidden")


def test_negative_points(cli, make_problem_copy):
    copy = make_problem_copy()
    data = copy.spec_data()
    data["tests"][2]["points"] = -30
    copy.write_spec_data(data)
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.spec_file, "tests[2].points",
                     "negative")


def test_statement_file_missing(cli, make_problem_copy):
    copy = make_problem_copy()
    data = copy.spec_data()
    data["statement"] = "not_written_yet.md"
    copy.write_spec_data(data)
    for command in ("submit", "show"):
        args = (command, copy.root, REFERENCE) if command == "submit" else (command, copy.root)
        assert_bad_input(cli(*args), copy.spec_file, "statement", "not_written_yet.md",
                         "does not exist")


def test_listed_test_without_a_function(cli, make_problem_copy):
    copy = make_problem_copy()
    data = copy.spec_data()
    data["tests"].append({"name": "ghost", "points": 5, "visibility": "hidden"})
    copy.write_spec_data(data)
    k = len(data["tests"]) - 1
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.spec_file, f"tests[{k}]",
                     "test_ghost")


def test_test_function_not_listed(cli, make_problem_copy):
    copy = make_problem_copy()
    copy.tests_file.write_text(copy.tests_file.read_text() + textwrap.dedent("""

        def test_unlisted(submission):
            pass
        """))
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.tests_file, "test_unlisted",
                     "not listed")


def test_id_does_not_match_folder(cli, make_problem_copy):
    copy = make_problem_copy(folder="renamed_cell")
    assert_bad_input(cli("submit", copy.root, REFERENCE), copy.spec_file, "id",
                     "'renamed_cell'", "'cell'")


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize("args, needle", [
    (("submit", "cell", str(REFERENCE), "--bogus"), "No such option"),
    (("submit", "cell"), "Missing argument"),
    (("submit", "cell", str(REFERENCE), "--format", "xml"), "Invalid value"),
    (("submit", "cell", str(REFERENCE), "--seed", "abc"), "Invalid value"),
    (("frobnicate",), "No such command"),
], ids=["unknown-option", "missing-argument", "bad-format", "bad-seed", "unknown-command"])
def test_usage_errors(cli, args, needle):
    assert_usage_error(cli(*args), needle)


# --------------------------------------------------------------------------- init


def test_init_writes_the_starter_and_never_overwrites(cli, tmp_path):
    starter = (REPO / "problems" / "cell" / "starter.py").read_text()
    target = tmp_path / "mine.py"
    res = cli("init", "cell", "-o", target)
    assert res.code == 0, res
    assert target.read_text() == starter
    assert str(target) in res.out

    target.write_text("# my work in progress\n")
    assert_bad_input(cli("init", "cell", "-o", target), target, "already exists")
    assert target.read_text() == "# my work in progress\n"


def test_init_default_target_is_id_in_cwd(cli, tmp_path):
    res = cli("init", "cell", cwd=tmp_path)
    assert res.code == 0, res
    assert (tmp_path / "cell.py").read_text() == (REPO / "problems" / "cell" / "starter.py").read_text()


def test_init_command_runs_verbatim_where_init_wrote(cli, tmp_path):
    """The command `init` prints, and the statement shows, grades the file
    `init` wrote when run from that folder (the starter: not implemented)."""
    res = cli("init", "cell", cwd=tmp_path)
    assert res.code == 0, res
    printed = res.out.split("test it with: ", 1)[1].strip()
    assert printed == "lstm-judge test cell cell.py"
    assert printed in cli("show", "cell").out

    graded = cli(*printed.split()[1:], "--format", "json", cwd=tmp_path)
    doc = graded.json()
    assert graded.code == 1, graded
    assert doc["submission"] == "cell.py" and doc["mode"] == "test"
    assert {t["verdict"] for t in doc["tests"]} == {"runtime_error"}, graded


def test_init_into_a_missing_folder(cli, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "cell.py"
    assert_bad_input(cli("init", "cell", "-o", target), target, "cannot write")
    assert not target.exists()


def test_init_unknown_problem(cli, tmp_path):
    target = tmp_path / "x.py"
    assert_bad_input(cli("init", "no_such_problem", "-o", target), "no_such_problem")
    assert not target.exists()


# --------------------------------------------------------------------------- bad submissions: verdicts


def submit_source(cli, tmp_path, source: str):
    path = tmp_path / "submission.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    res = cli("submit", "cell", path, "--format", "json")
    return res, res.json()


def test_no_entry_point(cli, tmp_path):
    res, doc = submit_source(cli, tmp_path, """\
        def lstm_step(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
            return h_prev, c_prev
        """)
    assert res.code == 1, res
    assert doc["verdict"] == "compile_error" and doc["score"] == 0
    assert "lstm_cell" in doc["message"] and "does not define" in doc["message"]
    for t in doc["tests"]:  # samples say why; hidden tests say only that they did not run
        assert t["verdict"] == "compile_error", t
        if t["visibility"] == "sample":
            assert "lstm_cell" in t["message"], t
        else:
            assert t["message"] == "not run: the submission does not load", t


def test_wrong_arity(cli, tmp_path):
    res, doc = submit_source(cli, tmp_path, """\
        def lstm_cell(x, h, c):
            return h, c
        """)
    assert res.code == 1, res
    assert doc["verdict"] == "compile_error" and doc["score"] == 0
    assert "takes 3" in doc["message"] and "expected 7" in doc["message"], doc["message"]
    assert all(t["verdict"] == "compile_error" for t in doc["tests"])


def test_wrong_return_type(cli, tmp_path):
    res, doc = submit_source(cli, tmp_path, """\
        def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
            return 1.5
        """)
    assert res.code == 1, res
    assert doc["verdict"] == "wrong_answer" and doc["score"] == 0
    for test in doc["tests"]:
        assert test["verdict"] == "wrong_answer"
        if test["visibility"] == "sample":
            assert "returned a float" in test["message"], test
        else:  # the type name is the submission's choice: not in a hidden test's message
            assert test["message"] == "returned a value of the wrong type", test


def test_syntax_error(cli, tmp_path):
    res, doc = submit_source(cli, tmp_path, """\
        import numpy as np


        def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
            return h_prev, c_prev
        """)
    assert res.code == 1, res
    assert doc["verdict"] == "compile_error" and doc["score"] == 0
    assert "line 4" in doc["message"], doc["message"]
    assert all("line 4" in t["message"] for t in doc["tests"] if t["visibility"] == "sample")


# --------------------------------------------------------------------------- the file itself


@pytest.mark.parametrize("make", ["dev_zero", "fifo", "socket", "dev_null"])
def test_only_a_regular_file_is_read(cli, tmp_path, make):
    """Read once, bounded, and only a regular file: /dev/zero would be read
    without end, a FIFO nobody writes to would hang the judge."""
    import socket
    import time

    if make == "dev_zero":
        path = Path("/dev/zero")
    elif make == "dev_null":
        path = Path("/dev/null")
    elif make == "fifo":
        path = tmp_path / "pipe.py"
        os.mkfifo(path)
    else:
        path = tmp_path / "sock.py"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    start = time.monotonic()
    res = cli("submit", "cell", path, timeout=30)
    assert time.monotonic() - start < 20, res
    assert_bad_input(res, path, "not a regular file")


# --------------------------------------------------------------------------- trusted problems


PASSING_TESTS = "import pytest\n\n" + "\n".join(
    f"def test_{name}():\n    pass\n" for name in
    ("example", "small_batch", "random_float64", "batch_one", "large_batch", "saturating",
     "float32", "inputs_unchanged"))


def test_a_bare_id_never_resolves_from_the_working_directory(cli, tmp_path):
    """A folder holding its own problems/cell/tests (all `pass`) must not
    become the problem `cell`: those tests would run in the judge,
    unsandboxed, and accept anything."""
    fake = tmp_path / "problems" / "cell"
    shutil.copytree(REPO / "problems" / "cell", fake, ignore=shutil.ignore_patterns("__pycache__"))
    (fake / "tests" / "test_cell.py").write_text(PASSING_TESTS)
    empty = tmp_path / "empty.py"
    empty.write_text("def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):\n"
                     "    return h_prev, c_prev\n")
    by_id = cli("submit", "cell", empty, "--format", "json", cwd=tmp_path)
    doc = by_id.json()
    assert doc["verdict"] == "wrong_answer", by_id
    assert doc["problem_dir"] == str((REPO / "problems" / "cell").resolve())
    # Control: named as a path, the local folder is used (and says so), so the
    # attack is real where it is asked for.
    by_path = cli("submit", "./problems/cell", empty, "--format", "json", cwd=tmp_path)
    local = by_path.json()
    assert local["verdict"] == "accepted", by_path
    assert local["problem_dir"] == str(fake.resolve())
    assert local["problem_digest"] != doc["problem_digest"]
    text = cli("submit", "./problems/cell", empty, cwd=tmp_path)
    assert f"problem {fake.resolve()} (sha256 {local['problem_digest'][:16]})" in text.out


def test_every_result_records_the_problem_folder_and_digest(cli):
    res = cli("submit", "cell", "solutions/cell/accepted/reference.py", "--format", "json")
    doc = res.json()
    assert doc["problem_dir"] == str((REPO / "problems" / "cell").resolve())
    assert len(doc["problem_digest"]) == 64 and int(doc["problem_digest"], 16) >= 0
    again = cli("submit", "problems/cell", "solutions/cell/accepted/reference.py",
                "--format", "json").json()
    assert again["problem_digest"] == doc["problem_digest"]


# --------------------------------------------------------------------------- said once, binary files


def test_a_compile_error_is_said_once_in_the_text_report(cli, tmp_path):
    path = tmp_path / "submission.py"
    path.write_text("def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)\n"
                    "    return h_prev, c_prev\n", encoding="utf-8")
    text = cli("submit", "cell", path)
    assert text.code == 1, text
    assert text.out.count("does not parse") == 1, text.out
    assert "not run" not in text.out, text.out
    verdict_lines = [line for line in text.out.splitlines() if "compile_error" in line.split()[2:]]
    assert len(verdict_lines) == len(SPEC_TESTS), text.out  # every test keeps its verdict line
    # The JSON document keeps its fields: the message at the top, and under every test.
    doc = cli("submit", "cell", path, "--format", "json").json()
    assert "does not parse: line 1" in doc["message"], doc
    assert all(t["message"].startswith("not run:") for t in doc["tests"]), doc


@pytest.mark.parametrize("content, needle", [
    (b"def lstm_cell(*a):\n    return a\x00\n", "contains a null byte"),
    (bytes(range(128, 256)) * 2, "is not text"),
    # A control character before the first bad byte: the parser alone would
    # call this "invalid non-printable character" (seen on CI with random bytes).
    (b"\x10\xc4\xc4\xbfJ\xc3\xfd\x9a" * 25, "is not text"),
], ids=["null-byte", "not-utf8", "control-then-binary"])
def test_a_binary_submission_is_said_to_be_no_text(cli, tmp_path, content, needle):
    path = tmp_path / "submission.py"
    path.write_bytes(content)
    res = cli("submit", "cell", path, "--format", "json")
    assert res.code == 1, res
    doc = res.json()
    assert doc["verdict"] == "compile_error", doc
    message = doc["message"]
    assert message.startswith("does not parse: "), message
    assert "None" not in message, message
    assert needle in message, message


def test_test_refuses_a_seed(cli):
    res = cli("test", "cell", REFERENCE, "--seed", "7")
    assert_bad_input(res, "--seed", "fixed seed", "submit --seed")
