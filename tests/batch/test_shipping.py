"""A problem folder sent to a cluster worker arrives whole or is refused:
packing is reproducible, the digest is checked after unpacking, and an
archive cannot write outside its folder."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from grader.batch import shipping
from grader.problem.digest import digest

CELL = Path(__file__).resolve().parents[2] / "problems" / "cell"


def test_a_problem_unpacks_with_the_coordinators_digest(tmp_path):
    blob = shipping.pack(CELL)
    assert blob == shipping.pack(CELL)  # the same folder packs to the same bytes
    folder = shipping.unpack(blob, "cell", digest(CELL), tmp_path)
    assert folder == tmp_path / digest(CELL) / "cell"
    assert (folder / "statement.md").read_bytes() == (CELL / "statement.md").read_bytes()
    assert shipping.unpack(blob, "cell", digest(CELL), tmp_path) == folder  # unpacked once


def test_a_changed_problem_is_refused(tmp_path):
    source = tmp_path / "cell"
    source.mkdir()
    for path in CELL.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            target = source / path.relative_to(CELL)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    test_file = next((source / "tests").glob("test_*.py"))
    test_file.write_text(test_file.read_text() + "\n# changed\n")
    with pytest.raises(shipping.Mismatch, match="not the coordinator's"):
        shipping.unpack(shipping.pack(source), "cell", digest(CELL), tmp_path / "worker")


@pytest.mark.parametrize("make", ["climbs", "absolute", "symlink", "device"])
def test_an_archive_holds_nothing_but_problem_files(tmp_path, make):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo({"climbs": "../../escaped.txt", "absolute": str(tmp_path / "abs.txt")}
                               .get(make, "tests/link"))
        if make == "symlink":
            info.type, info.linkname = tarfile.SYMTYPE, str(tmp_path / "target")
        elif make == "device":
            info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 1, 3
        else:
            info.size = 3
        tar.addfile(info, io.BytesIO(b"bad") if info.isfile() else None)
    with pytest.raises(tarfile.TarError, match="is not a problem file"):
        shipping.unpack(buffer.getvalue(), "cell", "0" * 64, tmp_path / "worker")
    assert not list(tmp_path.rglob("escaped.txt")) and not (tmp_path / "abs.txt").exists()
    assert not list((tmp_path / "worker").rglob("link"))
