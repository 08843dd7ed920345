"""Where the gradebook lives: options, then $LSTM_JUDGE_GRADEBOOK, then the
user's data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.gradebook import GradebookError, locate
from grader.gradebook.location import default_candidate

HOME = {"HOME": "/home/ada"}


@pytest.mark.parametrize("environ, expected", [
    (HOME, "/home/ada/.local/share/lstm-judge/gradebook.sqlite3"),
    ({**HOME, "XDG_DATA_HOME": "/data"}, "/data/lstm-judge/gradebook.sqlite3"),
    ({**HOME, "XDG_DATA_HOME": "relative"},  # the XDG spec: ignore a relative one
     "/home/ada/.local/share/lstm-judge/gradebook.sqlite3"),
    ({**HOME, "LSTM_JUDGE_GRADEBOOK": "/books/g.db"}, "/books/g.db"),
    ({**HOME, "LSTM_JUDGE_GRADEBOOK": "~/g.db"}, str(Path("~/g.db").expanduser())),
    ({**HOME, "LSTM_JUDGE_GRADEBOOK": ""}, "/home/ada/.local/share/lstm-judge/gradebook.sqlite3"),
    ({**HOME, "LSTM_JUDGE_GRADEBOOK": "off"}, None),
    ({**HOME, "LSTM_JUDGE_GRADEBOOK": " OFF "}, None),
])
def test_the_environment_chooses(environ, expected):
    found = locate(environ=environ)
    assert (None if found is None else str(found)) == expected


def test_options_come_first():
    environ = {**HOME, "LSTM_JUDGE_GRADEBOOK": "/books/g.db"}
    assert locate(Path("mine.db"), environ=environ) == Path("mine.db")
    assert locate(Path("mine.db"), disabled=True, environ=environ) is None
    assert locate(Path("mine.db"), environ={"LSTM_JUDGE_GRADEBOOK": "off"}) == Path("mine.db")


def test_without_a_home_it_says_how_to_choose(monkeypatch):
    monkeypatch.setattr("grader.gradebook.location._home_of_uid", lambda: "")
    with pytest.raises(GradebookError, match=r"\$LSTM_JUDGE_GRADEBOOK"):
        locate(environ={})


def test_the_candidate_is_the_user(monkeypatch):
    monkeypatch.setenv("LOGNAME", "ada")
    assert default_candidate() == "ada"
