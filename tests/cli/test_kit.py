"""`lstm-judge kit`: a candidate kit holds statements, starters, sample tests,
specs and sample data, and nothing of the hidden tests, solutions, held-out
data or the judge's references; its problems run `test` as in the repository,
refuse `submit`, and its README's commands work verbatim.  End to end
through the CLI; the leak scan is shown to find what is planted in a kit."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from judge_cli import REPO_ROOT, environment, run_once, shell
from test_input import assert_bad_input

# Every problem with code to write (a quiz has no kit: `init --seed` hands out its file).
PROBLEMS = sorted(p.parent.name for p in (REPO_ROOT / "problems").glob("*/problem.yaml")
                  if not re.search(r"^kind:\s*quiz\b", p.read_text(), re.MULTILINE))
# What a kit may hold of a problem besides its spec, statement, starter and
# sample tests: the data its sample tests read, with the data's provenance.
SAMPLE_DATA = {"forecast": {"data/sunspots.csv", "data/PROVENANCE.md"},
               "language_model": {"data/shakespeare.txt.gz", "data/PROVENANCE.md"}}
# The judge's own models for scoring hidden tests (a kit must not define them).
HIDDEN_REFERENCES = {"language_model": ("kneser_ney_3gram", "unigram_log_probs",
                                        "baseline_and_target", "bits_per_char"),
                     "sentiment": ("heldout_set",), "forecast": ("heldout",)}
BLOCK = 5  # lines in a row: a copied block of a secret file


def spec(problem: str) -> dict:
    return yaml.safe_load((REPO_ROOT / "problems" / problem / "problem.yaml").read_text())


def hidden_tests(problem: str) -> list[dict]:
    return [t for t in spec(problem)["tests"] if t["visibility"] == "hidden"]


def sample_names(problem: str) -> list[str]:
    return [t["name"] for t in spec(problem)["tests"] if t["visibility"] == "sample"]


def expected_files(problem: str) -> set[str]:
    tests = {f"tests/{p.name}" for p in (REPO_ROOT / "problems" / problem / "tests").glob("test_*.py")}
    return {"problem.yaml", "statement.md", "starter.py"} | tests | SAMPLE_DATA.get(problem, set())


def public_text(problem: str) -> str:
    root = REPO_ROOT / "problems" / problem
    return (root / "statement.md").read_text() + (root / "starter.py").read_text()


def code_lines(text: str) -> list[str]:
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


def blocks(text: str) -> set[tuple[str, ...]]:
    lines = code_lines(text)
    return {tuple(lines[k:k + BLOCK]) for k in range(len(lines) - BLOCK + 1)}


def word(name: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])")


def hidden_only_lines(problem: str) -> set[str]:
    """Lines of the repository's test modules found only in hidden test functions."""
    hidden = {f"test_{t['name']}" for t in hidden_tests(problem)}
    out = set()
    for module in (REPO_ROOT / "problems" / problem / "tests").glob("test_*.py"):
        lines = module.read_text().splitlines()
        inside = set()
        for node in ast.parse("\n".join(lines)).body:
            if isinstance(node, ast.FunctionDef) and node.name in hidden:
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                inside |= set(range(first - 1, node.end_lineno))
        mine = {lines[k].strip() for k in inside}
        rest = {lines[k].strip() for k in range(len(lines)) if k not in inside}
        out |= {line for line in mine - rest if len(line) >= 12}
    return out


def secret_files(problem: str) -> list[Path]:
    """The solutions, and every file of the problem folder that a kit does not hold
    (tests are checked test by test)."""
    root = REPO_ROOT / "problems" / problem
    allowed = expected_files(problem)
    files = [p for p in (REPO_ROOT / "solutions" / problem).rglob("*") if p.is_file()]
    files += [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
              and p.relative_to(root).parts[0] != "tests"
              and p.relative_to(root).as_posix() not in allowed]
    return [p for p in files if "__pycache__" not in p.parts]


def leaks(kit: Path, problem: str) -> list[str]:
    """What the kit holds of ``problem``'s secrets, scanning every byte of every file."""
    files = {p: p.read_bytes() for p in kit.rglob("*") if p.is_file()}
    texts = {p: data.decode("latin-1") for p, data in files.items()}
    folder = kit / problem
    own_lines = {line.strip() for path, text in texts.items() if folder in path.parents
                 for line in text.splitlines()}  # (other problems' tests may share a line)
    kit_blocks = set().union(*(blocks(text) for text in texts.values()))
    public = public_text(problem)
    kit_samples = {t["name"] for p in kit.glob("*/problem.yaml")
                   for t in yaml.safe_load(p.read_text())["tests"]}
    found = []
    for test in hidden_tests(problem):
        name, description = test["name"], test.get("description", "")
        for path, text in texts.items():
            mine = folder in path.parents
            if mine and word(f"test_{name}").search(text):
                found.append(f"{path}: test_{name}, a hidden test")
            elif mine and not word(name).search(public) and word(name).search(text):
                found.append(f"{path}: {name}, a hidden test's name")
            elif path == kit / "README.md" and name not in kit_samples and word(name).search(text):
                found.append(f"{path}: {name}, a hidden test's name")
            if len(description) >= 20 and description not in public and description in text:
                found.append(f"{path}: the description of hidden test {name}")
    found += [f"a line of a hidden test: {line!r}"
              for line in sorted(hidden_only_lines(problem) & own_lines)]
    for name in HIDDEN_REFERENCES.get(problem, ()):
        found += [f"{path}: the judge's hidden reference {name}" for path, text in texts.items()
                  if re.search(rf"def {name}\(", text)]
    public_blocks = blocks(public)
    for secret in secret_files(problem):
        data = secret.read_bytes()
        try:
            copied = (blocks(data.decode("utf-8")) - public_blocks) & kit_blocks
        except UnicodeDecodeError:  # binary data: any 64 bytes of it
            chunks = [data[k:k + 64] for k in range(0, max(len(data) - 64, 1), max(len(data) // 8, 1))]
            copied = {c for c in chunks if len(c) == 64 and any(c in d for d in files.values())}
        if copied:
            found.append(f"{secret.relative_to(REPO_ROOT)}: {len(copied)} blocks of it")
    return found


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    from judge_cli import run

    out = tmp_path_factory.mktemp("kit") / "kit"
    res = run("kit", *PROBLEMS, "--out", out)
    assert res.code == 0 and res.err == "", res
    assert str(out / "README.md") in res.out
    return out


# --------------------------------------------------------------------------- what is in it


def test_a_kit_holds_exactly_the_files_a_candidate_may_have(kit):
    written = {p.relative_to(kit).as_posix() for p in kit.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}  # (left by running its tests)
    expected = {"README.md"} | {f"{p}/{f}" for p in PROBLEMS for f in expected_files(p)}
    assert written == expected
    for problem in PROBLEMS:
        for name in ("statement.md", "starter.py", *SAMPLE_DATA.get(problem, ())):
            assert ((kit / problem / name).read_bytes()
                    == (REPO_ROOT / "problems" / problem / name).read_bytes())


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_kit_holds_no_hidden_test_solution_or_reference(kit, problem):
    assert leaks(kit, problem) == []
    data = yaml.safe_load((kit / problem / "problem.yaml").read_text())
    assert data["kit"] is True
    assert [t["name"] for t in data["tests"]] == sample_names(problem)
    assert {t["visibility"] for t in data["tests"]} == {"sample"}


def test_the_leak_scan_finds_what_is_planted(kit, tmp_path):
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    module = REPO_ROOT / "problems" / "cell" / "tests" / "test_cell.py"
    hidden = re.search(r"\ndef test_batch_one\(.*?\n\n", module.read_text(), re.S).group(0)
    with (copy / "cell" / "tests" / "test_cell.py").open("a") as f:
        f.write(hidden.replace("test_batch_one", "test_renamed"))  # code, not the name
    shutil.copy(REPO_ROOT / "solutions" / "bptt" / "accepted" / "reference.py",
                copy / "bptt" / "notes.txt")
    shutil.copy(REPO_ROOT / "problems" / "forecast" / "calibrate.py", copy / "forecast")
    (copy / "network" / "statement.md").write_text(
        (copy / "network" / "statement.md").read_text() + "\nsee test_repeated_calls\n")
    (copy / "sentiment" / "tests" / "helpers.py").write_text(
        "def heldout_set(rng):\n    return rng\n")
    with (copy / "language_model" / "problem.yaml").open("a") as f:
        f.write("# " + hidden_tests("language_model")[1]["description"] + "\n")
    assert any("a line of a hidden test" in f for f in leaks(copy, "cell"))
    assert any("solutions/bptt/accepted/reference.py" in f for f in leaks(copy, "bptt"))
    assert any("problems/forecast/calibrate.py" in f for f in leaks(copy, "forecast"))
    assert any("test_repeated_calls, a hidden test" in f for f in leaks(copy, "network"))
    assert any("hidden reference heldout_set" in f for f in leaks(copy, "sentiment"))
    assert any("description of hidden test heldout_bpc" in f
               for f in leaks(copy, "language_model"))
    for problem in ("cell", "bptt", "forecast", "network", "sentiment", "language_model"):
        assert leaks(kit, problem) == []  # control: the same scan of the kit before planting


# --------------------------------------------------------------------------- using it


def sample_results(cli, problem, solution, cwd=None):
    return _samples(cli("test", problem, solution, "--format", "json", cwd=cwd))


def repo_sample_results(problem, solution):
    """``sample_results`` of a repository problem: a grading other tests may
    share (``judge_cli.run_once``)."""
    return _samples(run_once("test", problem, solution, "--format", "json"))


def _samples(res):
    assert res.code in (0, 1), res
    doc = json.loads(res.out)
    return doc, [(t["name"], t["visibility"], t["verdict"]) for t in doc["tests"]]


# A wrong answer per problem whose sample feedback is exact (numpy and torch
# references, no training): its verdicts, scores and messages must match too.
WRONG = {"cell": "no_b_hh.py", "cell_backward": "dc_dropped.py", "sequence": "state_not_carried.py",
         "bptt": "dc_not_carried.py", "network": "last_batch_element.py"}
# language_model's reference trains for its whole budget (20 CPU seconds); the Kneser-Ney
# answer counts in seconds, and samples are all this test compares.
ACCEPTED = {"language_model": "kneser_ney.py"}
SLOW = {"forecast", "language_model", "sentiment", "training", "network"}


@pytest.mark.parametrize("problem", [pytest.param(p, marks=pytest.mark.slow) if p in SLOW else p
                                     for p in PROBLEMS])
def test_sample_tests_in_a_kit_give_the_verdicts_they_give_in_the_repository(cli, kit, problem):
    solutions = REPO_ROOT / "solutions" / problem
    runs = [solutions / "accepted" / ACCEPTED.get(problem, "reference.py")]
    runs += [solutions / "wrong" / WRONG[problem]] if problem in WRONG else []
    for solution in runs:
        in_kit, kit_verdicts = sample_results(cli, f"./{problem}", solution, cwd=kit)
        in_repo, repo_verdicts = repo_sample_results(problem, solution)
        assert in_kit["problem_dir"] == str((kit / problem).resolve())
        assert kit_verdicts == repo_verdicts
        assert [n for n, *_ in kit_verdicts] == sample_names(problem)
        if solution.parent.name == "accepted":
            assert in_kit["verdict"] == "accepted", in_kit
        else:
            assert in_kit["verdict"] != "accepted"
            assert ([(t["score"], t["message"]) for t in in_kit["tests"]]
                    == [(t["score"], t["message"]) for t in in_repo["tests"]])


def test_submit_and_validate_refuse_a_kit_problem(cli, kit):
    accepted = REPO_ROOT / "solutions" / "cell" / "accepted" / "reference.py"
    for args in (("submit", "./cell", accepted), ("submit", "./cell", accepted, "--format", "json"),
                 ("validate", "./cell", "-j", "1")):
        res = cli(*args, cwd=kit)
        assert_bad_input(res, "cell: is a candidate kit", "hidden tests, which are not in a kit",
                         "lstm-judge test")
    # by id from the kit's folder on $LSTM_JUDGE_PROBLEMS: the same line
    res = cli("submit", "cell", accepted, env=environment(LSTM_JUDGE_PROBLEMS=str(kit)))
    assert_bad_input(res, "is a candidate kit")


@pytest.mark.slow
def test_self_study_needs_no_hidden_tests_so_it_works_in_a_kit(cli, kit):
    res = cli("submit", "./forecast", REPO_ROOT / "solutions" / "forecast" / "accepted" / "reference.py",
              "--data", "forecast/data/sunspots.csv", "--column", "SUNACTIVITY", "--format", "json",
              cwd=kit)
    assert res.code == 0, res
    doc = json.loads(res.out)
    assert doc["mode"] == "study" and doc["max_score"] == 0
    assert [t["name"] for t in doc["tests"]] == ["own_series"]


def test_the_kit_readme_commands_work_verbatim(kit, tmp_path):
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    readme = (copy / "README.md").read_text()
    scripts = re.findall(r"```sh\n(.*?)```", readme, re.S)
    assert len(scripts) == 2
    first = PROBLEMS[0]
    proc, ran = shell(scripts[0], copy, tmp_path / "bin")
    assert proc.returncode == 1, proc  # the starter does not pass the samples
    assert [(code, args.split()[0]) for code, args in ran] == [(0, "show"), (0, "init"),
                                                               (1, "test")]
    assert (copy / f"{first}.py").read_bytes() == (copy / first / "starter.py").read_bytes()
    assert f"problem {(copy / first).resolve()}" in proc.stdout, proc.stdout
    proc, ran = shell(scripts[1], copy, tmp_path / "bin2")
    assert [(code, args.split()[0]) for code, args in ran] == [(0, "list"), (1, "test")], proc
    assert f"{(copy / first).resolve()}" in proc.stdout, proc.stdout
    for problem in PROBLEMS:
        assert f"`{problem}/`" in readme
    assert "exits with code 2" in readme and "hidden tests" in readme


# --------------------------------------------------------------------------- bad input


def test_kit_refuses_bad_input_in_one_line_and_writes_nothing(cli, tmp_path):
    out = tmp_path / "new"
    assert_bad_input(cli("kit", "cell", "no_such_problem", "--out", out), "no_such_problem",
                     "no such problem")
    assert not out.exists()
    assert_bad_input(cli("kit", "cell", "./problems/cell", "--out", out), "cell", "named twice")
    assert not out.exists()
    full = tmp_path / "full"
    full.mkdir()
    (full / "mine.py").write_text("x = 1\n")
    assert_bad_input(cli("kit", "cell", "--out", full), full, "is not empty")
    assert sorted(p.name for p in full.iterdir()) == ["mine.py"]
    assert_bad_input(cli("kit", "cell", "--out", full / "mine.py"), full / "mine.py",
                     "is not a folder")
    assert (full / "mine.py").read_text() == "x = 1\n"


def test_a_module_the_kit_cannot_cut_is_refused_with_its_line(cli, make_problem_copy, tmp_path):
    copy = make_problem_copy()
    copy.edit_tests("NAMES = (\"h\", \"c\")", "NAMES = (\"h\", \"c\")\nprint(NAMES)")
    out = tmp_path / "kit"
    res = cli("kit", copy.root, "--out", out)
    assert_bad_input(res, copy.tests_file, "line 13", "cannot cut", "top-level expr")
    assert not out.exists()


def test_only_the_data_that_sample_tests_read_goes_into_a_kit(cli, make_problem_copy, tmp_path):
    copy = make_problem_copy()
    data = copy.root / "data"
    data.mkdir()
    (data / "example_scale.txt").write_text("1.0\n")
    (data / "heldout_scale.txt").write_text("HELDOUT-CANARY-7f3a 1.0\n")
    (data / "PROVENANCE.md").write_text("made up for this test\n")
    copy.edit_tests("def test_example(submission, check):\n",
                    "DATA = Path(__file__).parent.parent / 'data'\n\n\n"
                    "def test_example(submission, check):\n"
                    "    assert float((DATA / 'example_scale.txt').read_text()) == 1.0\n")
    copy.edit_tests("def test_batch_one(submission, check, rng):\n",
                    "def test_batch_one(submission, check, rng):\n"
                    "    assert (DATA / 'heldout_scale.txt').read_text()\n")
    copy.edit_tests("import numpy as np\n", "from pathlib import Path\n\nimport numpy as np\n")
    out = tmp_path / "kit"
    res = cli("kit", copy.root, "--out", out)
    assert res.code == 0, res
    assert sorted(p.name for p in (out / "cell" / "data").iterdir()) == ["PROVENANCE.md",
                                                                         "example_scale.txt"]
    assert not any(b"HELDOUT-CANARY" in p.read_bytes() for p in out.rglob("*") if p.is_file())
    in_kit, verdicts = sample_results(cli, out / "cell",
                                      REPO_ROOT / "solutions" / "cell" / "accepted" / "reference.py")
    assert [v for *_, v in verdicts] == ["accepted", "accepted"], in_kit


def test_a_quiz_has_no_kit(tmp_path):
    from judge_cli import run

    res = run("kit", "concepts", "--out", tmp_path / "kit")
    assert_bad_input(res, "concepts", "init concepts --seed N")
    assert not (tmp_path / "kit").exists()
