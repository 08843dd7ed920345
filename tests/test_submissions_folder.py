"""The SUBMISSIONS layout that batch and similarity share."""

import pytest

from grader.errors import BadInput
from grader.submissions_folder import layout


def make(root, *names):
    for name in names:
        path = root / name
        if name.endswith("/"):  # an empty folder
            path.mkdir(parents=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x = 1\n")
    return root


def test_one_problem_files_and_folders_are_candidates_the_rest_is_skipped(tmp_path):
    found = layout(make(tmp_path, "ada.py", "bo/cell.py", "cy/", "README.md", ".git/x",
                        "__pycache__/a.pyc", "ada/cell.py"), ["cell"])
    # Names in sorted order: the folder ada/ comes before ada.py, so it is ada's.
    assert [(e.candidate, e.files["cell"][1]) for e in found.entries] == [
        ("ada", "ada/cell.py"), ("bo", "bo/cell.py"), ("cy", "cy/cell.py")]
    assert dict(found.skipped) == {
        "README.md": "is not a candidate (a candidate is a .py file or a folder)",
        "ada.py": "is a second submission of ada (ada is used)",
    }


def test_several_problems_need_a_folder_per_candidate(tmp_path):
    found = layout(make(tmp_path, "ada.py", "bo/cell.py"), ["cell", "network"])
    assert [e.candidate for e in found.entries] == ["bo"]
    assert set(found.entries[0].files) == {"cell", "network"}
    assert found.skipped[0][0] == "ada.py" and "several problems" in found.skipped[0][1]


def test_a_folder_that_is_not_there_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="no such folder"):
        layout(tmp_path / "nope", ["cell"])
    with pytest.raises(BadInput, match="is not a folder"):
        layout(make(tmp_path, "file.py") / "file.py", ["cell"])
