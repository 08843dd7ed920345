"""Unit tests of grader/problem.py: ``Problem.load`` and ``find``.

Each test copies problems/cell into a temporary folder, rewrites its
problem.yaml and checks that a malformed spec is refused with a SpecError
naming the file and the field.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from grader.errors import BadInput, SpecError
from grader.limits import Limits
from grader.problem import Problem, Tolerance, find
from grader.problem.spec import DEFAULT_FORBIDDEN

REPO = Path(__file__).resolve().parents[2]
CELL = REPO / "problems" / "cell"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "cell"
    shutil.copytree(CELL, target)
    return target


def spec_of(folder: Path) -> dict:
    return yaml.safe_load((folder / "problem.yaml").read_text(encoding="utf-8"))


def write_spec(folder: Path, data: dict) -> None:
    (folder / "problem.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def refused(folder: Path, field: str, what: str = "") -> str:
    """Load ``folder``, expect a SpecError naming the file and ``field``."""
    with pytest.raises(SpecError) as info:
        Problem.load(folder)
    message = str(info.value)
    assert str(folder / "problem.yaml") in message, message
    assert field in message, message
    if what:
        assert what in message, message
    # The CLI shows BadInput as one line: keep the message on one line too.
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------
# a well-formed spec


def test_the_copy_loads_with_the_right_fields(folder):
    problem = Problem.load(folder)
    assert problem.id == "cell"
    assert problem.kind == "function"
    assert problem.title.startswith("LSTM cell")
    assert problem.root == folder
    assert problem.statement == folder / "statement.md"
    assert problem.starter == folder / "starter.py"
    assert problem.spec_file == folder / "problem.yaml"
    assert problem.tests_dir == folder / "tests"
    (entry,) = problem.entry_points
    assert entry.name == "lstm_cell"
    assert entry.params == ("x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh")
    assert entry.signature == "lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)"
    assert problem.allowed == ("numpy",)
    assert "torch" in problem.forbidden and "scipy" in problem.forbidden


def test_limits_from_the_spec_and_defaults_for_the_rest(folder):
    limits = Problem.load(folder).limits
    assert isinstance(limits, Limits)
    assert (limits.call_s, limits.total_s, limits.cpu_s, limits.memory_mb) == (2.0, 10.0, 10.0, 512)
    assert isinstance(limits.memory_mb, int) and isinstance(limits.call_s, float)
    default = Limits()
    assert limits.file_size_mb == default.file_size_mb
    assert limits.output_kb == default.output_kb
    assert limits.response_mb == default.response_mb


def test_tolerances_per_dtype(folder):
    data = spec_of(folder)
    data["tolerances"] = {"float64": {"atol": 1e-8, "rtol": 1e-6},
                          "float32": {"atol": 1e-5, "rtol": 1e-4}}
    write_spec(folder, data)
    problem = Problem.load(folder)
    assert problem.tolerances == {"float64": Tolerance(1e-8, 1e-6),
                                  "float32": Tolerance(1e-5, 1e-4)}
    # Every test inherits the problem's tolerances unless it overrides them.
    assert all(t.tolerances == problem.tolerances for t in problem.tests)


def test_tests_points_and_visibility(folder):
    problem = Problem.load(folder)
    names = [t.name for t in problem.tests]
    assert names[:2] == ["example", "small_batch"]
    assert len(names) == len(set(names)) == 8
    assert problem.max_score == 100
    assert problem.test("example").sample and problem.test("example").points == 5
    assert not problem.test("saturating").sample
    assert problem.test("saturating").points == 15


def test_samples_run_first_then_the_rest_in_the_specs_order():
    problem = find("language_model")  # lists its sample last
    assert [t.name for t in problem.tests] == ["train", "heldout_bpc", "sample"]
    assert [t.name for t in problem.run_order] == ["sample", "train", "heldout_bpc"]


def test_per_test_tolerance_override(folder):
    data = spec_of(folder)
    data["tolerances"]["float64"] = {"atol": 1e-8, "rtol": 1e-6}
    data["tests"][2]["tolerance"] = {"float64": {"atol": 0.001}}
    data["tolerances"]["float32"] = {"atol": 2e-5, "rtol": 3e-4}
    write_spec(folder, data)
    problem = Problem.load(folder)
    overridden = problem.tests[2]
    assert overridden.tolerances["float64"] == Tolerance(0.001, 1e-6)  # rtol inherited
    assert overridden.tolerances["float32"] == Tolerance(2e-5, 3e-4)
    assert problem.tests[0].tolerances["float64"] == Tolerance(1e-8, 1e-6)
    assert problem.tolerances["float32"] == Tolerance(2e-5, 3e-4)


def test_defaults_for_optional_fields(folder):
    data = spec_of(folder)
    for key in ("limits", "tolerances", "imports"):
        del data[key]
    write_spec(folder, data)
    problem = Problem.load(folder)
    assert problem.limits == Limits()
    assert problem.tolerances == {"float64": Tolerance(1e-8, 1e-6),
                                  "float32": Tolerance(1e-5, 1e-4)}
    assert problem.allowed == ("numpy",)
    assert problem.forbidden == DEFAULT_FORBIDDEN


def test_zero_points_are_allowed(folder):
    data = spec_of(folder)
    data["tests"][0]["points"] = 0
    write_spec(folder, data)
    assert Problem.load(folder).tests[0].points == 0


# --------------------------------------------------------------------------
# malformed specs


@pytest.mark.parametrize("field", ["id", "title", "kind", "entry_points", "tests",
                                   "statement", "starter"])
def test_missing_required_field(folder, field):
    data = spec_of(folder)
    del data[field]
    write_spec(folder, data)
    refused(folder, field, "required")


@pytest.mark.parametrize("field, value", [("title", ""), ("id", 7), ("entry_points", []),
                                          ("tests", []), ("tests", "example")])
def test_empty_or_mistyped_required_field(folder, field, value):
    data = spec_of(folder)
    data[field] = value
    write_spec(folder, data)
    refused(folder, field)


def test_id_must_match_the_folder(folder):
    data = spec_of(folder)
    data["id"] = "other"
    write_spec(folder, data)
    refused(folder, "id", "folder")


def test_unknown_kind(folder):
    data = spec_of(folder)
    data["kind"] = "notebook"
    write_spec(folder, data)
    refused(folder, "kind", "notebook")


def test_unknown_top_level_field(folder):
    data = spec_of(folder)
    data["points_total"] = 100
    write_spec(folder, data)
    refused(folder, "points_total", "unknown field")


def test_unknown_limit_name(folder):
    data = spec_of(folder)
    data["limits"]["gpu_s"] = 5
    write_spec(folder, data)
    refused(folder, "limits.gpu_s", "unknown limit")


@pytest.mark.parametrize("value", ["fast", True, None, [1], {"s": 1}])
def test_non_number_limit(folder, value):
    data = spec_of(folder)
    data["limits"]["call_s"] = value
    write_spec(folder, data)
    refused(folder, "limits.call_s", "number")


@pytest.mark.parametrize("value", [0, -1])
def test_non_positive_limit(folder, value):
    data = spec_of(folder)
    data["limits"]["total_s"] = value
    write_spec(folder, data)
    refused(folder, "limits.total_s", "positive")


def test_limits_not_a_mapping(folder):
    data = spec_of(folder)
    data["limits"] = [1, 2]
    write_spec(folder, data)
    refused(folder, "limits", "mapping")


def test_unknown_dtype_in_tolerances(folder):
    data = spec_of(folder)
    data["tolerances"]["float16"] = {"atol": 1e-2, "rtol": 1e-2}
    write_spec(folder, data)
    refused(folder, "tolerances.float16", "unknown dtype")


def test_unknown_dtype_in_a_tests_tolerance(folder):
    data = spec_of(folder)
    data["tests"][3]["tolerance"] = {"bfloat16": {"atol": 1e-2}}
    write_spec(folder, data)
    refused(folder, "tests[3].tolerance.bfloat16", "unknown dtype")


@pytest.mark.parametrize("tol, field", [
    ({"atol": "small"}, "tolerances.float64.atol"),
    ({"atol": -1e-8}, "tolerances.float64.atol"),
    ({"atol": 1e-8, "eps": 1}, "tolerances.float64"),
    (1e-8, "tolerances.float64"),
])
def test_malformed_tolerance(folder, tol, field):
    data = spec_of(folder)
    data["tolerances"]["float64"] = tol
    write_spec(folder, data)
    refused(folder, field)


def test_duplicate_test_name(folder):
    data = spec_of(folder)
    data["tests"].append(dict(data["tests"][1]))
    write_spec(folder, data)
    refused(folder, "tests[8].name", "small_batch")


def test_a_kit_spec_is_marked_and_holds_sample_tests_only(folder):
    assert Problem.load(folder).kit is False
    data = spec_of(folder)
    data["kit"] = True
    write_spec(folder, data)
    refused(folder, "tests[2].visibility", "a candidate kit (kit: true) holds sample tests only")
    data["tests"] = data["tests"][:2]
    write_spec(folder, data)
    assert Problem.load(folder).kit is True
    data["kit"] = "yes"
    write_spec(folder, data)
    refused(folder, "kit", "must be true or false")


@pytest.mark.parametrize("visibility", ["secret", None, "Sample"])
def test_bad_visibility(folder, visibility):
    data = spec_of(folder)
    data["tests"][4]["visibility"] = visibility
    write_spec(folder, data)
    refused(folder, "tests[4].visibility", "sample or hidden")


def test_negative_points(folder):
    data = spec_of(folder)
    data["tests"][5]["points"] = -5
    write_spec(folder, data)
    refused(folder, "tests[5].points", "negative")


@pytest.mark.parametrize("points", ["ten", None, True])
def test_non_number_points(folder, points):
    data = spec_of(folder)
    data["tests"][5]["points"] = points
    write_spec(folder, data)
    refused(folder, "tests[5].points", "number")


def test_unknown_field_in_a_test(folder):
    data = spec_of(folder)
    data["tests"][0]["weight"] = 2
    write_spec(folder, data)
    refused(folder, "tests[0].weight", "unknown field")


def test_test_name_not_an_identifier(folder):
    data = spec_of(folder)
    data["tests"][0]["name"] = "small batch"
    write_spec(folder, data)
    refused(folder, "tests[0].name")


@pytest.mark.parametrize("field", ["statement", "starter"])
def test_statement_or_starter_naming_a_missing_file(folder, field):
    data = spec_of(folder)
    data[field] = "nowhere.md"
    write_spec(folder, data)
    message = refused(folder, field, "does not exist")
    assert "nowhere.md" in message


@pytest.mark.parametrize("field", ["statement", "starter"])
def test_statement_or_starter_naming_a_folder(folder, field):
    data = spec_of(folder)
    data[field] = "tests"
    write_spec(folder, data)
    refused(folder, field, "does not exist")


def test_entry_point_without_a_valid_name(folder):
    data = spec_of(folder)
    data["entry_points"][0]["name"] = "lstm-cell"
    write_spec(folder, data)
    refused(folder, "entry_points[0].name", "identifier")


def test_entry_point_params_not_a_list(folder):
    data = spec_of(folder)
    data["entry_points"][0]["params"] = "x, h_prev"
    write_spec(folder, data)
    refused(folder, "entry_points[0].params")


def test_entry_point_optional_params(folder):
    data = spec_of(folder)
    data["entry_points"][0]["optional"] = ["b_hh"]
    write_spec(folder, data)
    (entry,) = Problem.load(folder).entry_points
    assert entry.optional == ("b_hh",)
    assert entry.required.params == ("x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih")
    assert Problem.load(CELL).entry_points[0].optional == ()


@pytest.mark.parametrize("value", ["b_hh", ["nonesuch"]])
def test_entry_point_optional_must_name_params(folder, value):
    data = spec_of(folder)
    data["entry_points"][0]["optional"] = value
    write_spec(folder, data)
    refused(folder, "entry_points[0].optional", "params")


def test_imports_must_be_lists_of_names(folder):
    data = spec_of(folder)
    data["imports"]["forbid"] = "torch"
    write_spec(folder, data)
    refused(folder, "imports.forbid")


def test_malformed_yaml_names_the_line(folder):
    text = (folder / "problem.yaml").read_text(encoding="utf-8").splitlines()
    line = next(k for k, t in enumerate(text) if t.startswith("limits:"))
    text.insert(line + 1, "  call_s: [2, 3")  # an unclosed flow sequence
    (folder / "problem.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    message = refused(folder, "line ", "malformed YAML")
    number = int(message.split("line ")[1].split(":")[0])
    assert line + 1 <= number <= line + 3  # the error is reported where it is


def test_yaml_that_is_not_a_mapping(folder):
    (folder / "problem.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    refused(folder, "", "mapping")


def test_spec_that_is_not_utf8(folder):
    (folder / "problem.yaml").write_bytes(b"id: cell\ntitle: \xff\xfe\n")
    refused(folder, "", "UTF-8")


# --------------------------------------------------------------------------
# find


def test_find_by_folder(folder):
    problem = find(str(folder))
    assert problem.root == folder and problem.id == "cell"


def test_find_by_id_uses_the_repository_problems(monkeypatch):
    monkeypatch.delenv("LSTM_JUDGE_PROBLEMS", raising=False)
    problem = find("cell")
    assert problem.id == "cell"
    assert problem.root.resolve() == CELL


def test_find_by_id_prefers_LSTM_JUDGE_PROBLEMS(folder, monkeypatch):
    data = spec_of(folder)
    data["title"] = "a private copy"
    write_spec(folder, data)
    monkeypatch.setenv("LSTM_JUDGE_PROBLEMS", str(folder.parent))
    assert find("cell").title == "a private copy"


def test_find_refuses_a_folder_without_a_spec(tmp_path):
    with pytest.raises(BadInput, match="no problem.yaml"):
        find(str(tmp_path))


def test_find_refuses_an_unknown_problem():
    with pytest.raises(BadInput, match="no such problem"):
        find("no_such_problem_xyz")
    with pytest.raises(BadInput):
        find("problems/no_such_problem_xyz")


def test_find_passes_on_a_spec_error(folder):
    data = spec_of(folder)
    del data["title"]
    write_spec(folder, data)
    with pytest.raises(SpecError, match="title"):
        find(str(folder))
