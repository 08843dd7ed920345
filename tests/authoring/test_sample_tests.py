"""Unit tests of grader/authoring/sample_tests.py: cutting a test module
down to the tests a kit keeps, and refusing what it cannot reason about."""

from __future__ import annotations

import ast
import textwrap

import pytest

from grader.authoring.sample_tests import Cut, sample_modules
from grader.errors import SpecError
from grader.problem import Problem

MODULE = '''\
"""Hidden tests of toy: the docstring speaks of test_secret."""

import numpy as np
import pytest

SHARED = 3
SECRET_SIZE = 99  # only the hidden test uses this


def shared(x):
    return x * SHARED


def reference_for_hidden(rng):
    """The judge's own model, for the hidden test only."""
    return rng.normal(size=SECRET_SIZE)


@pytest.fixture(scope="session")
def heldout(draw):
    return reference_for_hidden(draw("heldout"))


@pytest.fixture
def public_set():
    return np.arange(SHARED)


@pytest.fixture(autouse=True)
def always():
    yield


@pytest.fixture
def marker():
    return 1


def walk(heldout):
    # a parameter named like the hidden fixture must not pull it in
    return shared(heldout)


# a comment between definitions, about test_secret
@pytest.mark.usefixtures("marker")
def test_sample(submission, public_set):
    walk(public_set)


def test_secret(submission, heldout):
    walk(heldout)
'''


def cut(tmp_path, source: str, keep=("sample",)) -> Cut:
    path = tmp_path / "test_toy.py"
    path.write_text(textwrap.dedent(source))
    return Cut(path, set(keep))


def defined(source: str) -> list[str]:
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return names


def test_the_cut_keeps_the_samples_and_what_they_need_only(tmp_path):
    source = cut(tmp_path, MODULE).source("toy")
    assert defined(source) == ["SHARED", "shared", "public_set", "always", "marker", "walk",
                               "test_sample"]
    assert "secret" not in source.lower() and "def heldout" not in source
    assert "reference_for_hidden" not in source and "a comment between" not in source
    assert source.startswith('"""Sample tests of `toy`')
    compile(source, "test_toy.py", "exec")


def test_the_cut_keeps_nothing_when_no_test_is_kept(tmp_path):
    assert cut(tmp_path, MODULE, keep=()).kept_tests == set()
    everything = cut(tmp_path, MODULE, keep=("sample", "secret")).source("toy")
    assert "def test_secret" in everything and "def reference_for_hidden" in everything


@pytest.mark.parametrize("extra, what", [
    ("print(SHARED)\n", "top-level expr statement"),
    ("if SHARED:\n    X = 1\n", "top-level if statement"),
    ("class TestMore:\n    def test_a(self):\n        pass\n", "a class of tests (TestMore)"),
    ("A = 1; B = 2\n", "several statements on one line"),
])
def test_what_the_cut_cannot_reason_about_is_refused(tmp_path, extra, what):
    with pytest.raises(SpecError) as info:
        cut(tmp_path, MODULE + "\n" + extra)
    assert "cannot cut" in str(info.value) and what in str(info.value)
    assert f"line {MODULE.count(chr(10)) + 2}" in str(info.value)


def test_a_sample_that_calls_a_hidden_test_is_refused(tmp_path):
    source = MODULE + "\n\ndef test_more(submission, heldout):\n    test_secret(submission, heldout)\n"
    with pytest.raises(SpecError, match="needs test_secret, a test that is not kept"):
        cut(tmp_path, source, keep=("sample", "more"))


@pytest.fixture
def toy(tmp_path, make_problem_copy) -> Problem:
    return Problem.load(make_problem_copy().root)


def test_only_test_modules_can_be_in_tests(toy):
    (toy.tests_dir / "helpers.py").write_text("X = 1\n")
    with pytest.raises(SpecError, match="a kit can only cut test_\\*.py modules"):
        sample_modules(toy)


def test_a_sample_without_a_function_is_refused(toy):
    module = toy.tests_dir / "test_cell.py"
    module.write_text(module.read_text().replace("def test_example(", "def example("))
    with pytest.raises(SpecError, match="test_example \\(a sample test\\) is in no module"):
        sample_modules(toy)
