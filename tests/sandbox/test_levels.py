"""When a uid of the child's own is possible at the process level."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from grader.sandbox.levels import ProcessLevel
from grader.sandbox.packages import PackageView


@pytest.fixture
def package_dir():
    """A package folder in a folder of its own under /tmp (pytest's tmp_path
    is itself private, so it cannot serve as the reachable control)."""
    outer = Path(tempfile.mkdtemp(prefix="lstm-judge-levels-"))
    package = outer / "somepackage"
    package.mkdir()
    (package / "__init__.py").write_text("")
    os.chmod(package, 0o755)
    try:
        yield outer, package
    finally:
        shutil.rmtree(outer)


def _possible(package: Path, root: Path = Path("/tmp")) -> tuple[bool, str]:
    view = PackageView((package,), frozenset({"somepackage"}))
    return ProcessLevel().uid_drop_possible(view, root)


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give the child a uid of its own")
def test_a_package_in_a_private_folder_keeps_the_child_root(package_dir, monkeypatch):
    outer, package = package_dir
    monkeypatch.setattr(sys, "base_prefix", "/usr")  # a runtime any uid can reach
    os.chmod(outer, 0o755)
    assert _possible(package) == (True, "")  # control: reachable, so the uid drop goes ahead
    os.chmod(outer, 0o700)  # a venv inside a mktemp -d checkout, say
    possible, why = _possible(package)
    assert not possible
    assert str(package) in why and "not reachable" in why, why


def test_a_judge_that_is_not_root_never_drops_the_uid(package_dir, monkeypatch):
    _, package = package_dir
    monkeypatch.setattr(os, "getuid", lambda: 1000)
    possible, why = _possible(package)
    assert not possible and "not root" in why


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give the child a uid of its own")
def test_a_private_tmpdir_keeps_the_child_root(package_dir, monkeypatch):
    """The judge makes the child's folder under TMPDIR; a private TMPDIR
    (/run/user/0, say) cannot be walked by another uid."""
    outer, package = package_dir
    monkeypatch.setattr(sys, "base_prefix", "/usr")
    sandbox = outer / "tmp" / "lstm-judge-x"
    sandbox.mkdir(parents=True)
    for folder in (outer, outer / "tmp"):
        os.chmod(folder, 0o755)
    os.chmod(sandbox, 0o711)  # as the judge makes it: others may pass, not list
    assert _possible(package, sandbox) == (True, "")  # control
    os.chmod(outer / "tmp", 0o700)
    possible, why = _possible(package, sandbox)
    assert not possible and "TMPDIR" in why and str(sandbox) in why, why
