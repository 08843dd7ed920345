"""Attacks on the problems a cluster worker receives (``batch --dask``): an
archive that writes outside its folder, plants a link, or a problem whose
tests were swapped for ones that pass everything.  The worker refuses each;
the controls show what the same bytes do to a worker that trusts them."""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest

from grader.batch import shipping
from grader.problem.digest import digest

CELL = Path(__file__).resolve().parents[2] / "problems" / "cell"


def climbing_archive() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("../../planted.py")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"pass"))
    return buffer.getvalue()


def test_control_a_plain_extract_writes_outside_its_folder(tmp_path):
    into = tmp_path / "a" / "b"
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(climbing_archive())) as tar:
        tar.extractall(into)  # noqa: S202 (the unsafe way, on purpose)
    assert (tmp_path / "planted.py").read_text() == "pass"


def test_a_worker_writes_nothing_outside_the_problem_folder(tmp_path):
    under = tmp_path / "a" / "b"
    with pytest.raises(tarfile.TarError):
        shipping.unpack(climbing_archive(), "cell", "0" * 64, under)
    assert not list(tmp_path.rglob("planted.py"))


def test_control_pass_only_tests_accept_anything(tmp_path):
    swapped = tmp_path / "cell"
    shutil.copytree(CELL, swapped, ignore=shutil.ignore_patterns("__pycache__"))
    for test in (swapped / "tests").glob("test_*.py"):
        test.write_text("def test_everything():\n    pass\n")
    assert digest(swapped) != digest(CELL)  # what the worker's check compares


def test_a_worker_refuses_a_problem_that_is_not_the_coordinators(tmp_path):
    swapped = tmp_path / "cell"
    shutil.copytree(CELL, swapped, ignore=shutil.ignore_patterns("__pycache__"))
    for test in (swapped / "tests").glob("test_*.py"):
        test.write_text("def test_everything():\n    pass\n")
    with pytest.raises(shipping.Mismatch):
        shipping.unpack(shipping.pack(swapped), "cell", digest(CELL), tmp_path / "worker")
