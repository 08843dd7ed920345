"""The commands that statements and the README's "Using it" show run as
written from the folder where ``lstm-judge init <id>`` wrote ``<id>.py``
(a quiz's answer file, ``<id>.yaml``).

A command names a problem by its id (which resolves from any folder) and the
submission as the file ``init`` writes; no argument is a path into the
repository, and no statement names a file the learner never gets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROBLEMS = sorted(p.parent.name for p in (REPO / "problems").glob("*/problem.yaml"))
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`([^`]+)`")
NAMES_A_PROBLEM = {"show", "init", "test", "submit", "validate"}


def is_quiz(problem: str) -> bool:
    spec = (REPO / "problems" / problem / "problem.yaml").read_text(encoding="utf-8")
    return re.search(r"^kind:\s*quiz\b", spec, re.M) is not None


def init_writes(problem: str) -> str:
    """The file ``lstm-judge init <problem>`` writes."""
    return f"{problem}.yaml" if is_quiz(problem) else f"{problem}.py"


def commands(markdown: str) -> list[list[str]]:
    """Every ``lstm-judge ...`` command in ``markdown``, as its words: whole
    lines of fenced blocks (without a trailing ``# comment``) and inline
    code spans that start with ``lstm-judge``."""
    found = []
    for block in FENCE.findall(markdown):
        for line in block.splitlines():
            words = re.sub(r"(^|\s)#.*", "", line).split()
            if words[:1] == ["lstm-judge"]:
                found.append(words)
    for span in INLINE.findall(FENCE.sub("", markdown)):
        words = span.split()
        if words[:1] == ["lstm-judge"]:
            found.append(words)
    return found


def problems_of(markdown: str) -> list[str]:
    return [words[2] for words in commands(markdown)
            if len(words) > 2 and words[1] in NAMES_A_PROBLEM]


def wrong_words(words: list[str]) -> list[str]:
    """What in one command would not run as written next to ``<id>.py``."""
    # A folder of the user's own (subs/, --out kit/) is fine; a path into the
    # repository (problems/cell) exists only at its root.
    wrong = [f"{w!r} is a path into the repository" for w in words[2:]
             if "/" in w and (REPO / w.split("/")[0]).is_dir()]
    if len(words) > 2 and words[1] in NAMES_A_PROBLEM and words[2] not in PROBLEMS:
        wrong.append(f"no problem {words[2]!r}")
    if len(words) > 3 and words[1] in ("test", "submit") and words[2] in PROBLEMS \
            and words[3] != init_writes(words[2]):
        wrong.append(f"the submission {words[3]!r} is not {init_writes(words[2])}, the file"
                     " init writes")
    return wrong


def using_it() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Using it\n(.*?)^## ", readme, re.S | re.M)
    assert section, "README.md has no \"Using it\" section"
    return section.group(1)


@pytest.mark.parametrize("problem", PROBLEMS)
def test_statement_commands_run_beside_the_file_init_writes(problem):
    text = (REPO / "problems" / problem / "statement.md").read_text(encoding="utf-8")
    found = commands(text)
    if is_quiz(problem):  # the answer file is drawn from a seed; it is graded with submit
        assert any(w[:3] == ["lstm-judge", "init", problem] and "--seed" in w for w in found), \
            "the statement does not say how to get the answer file"
        assert any(w[1:3] == ["submit", problem] and len(w) > 3 for w in found), "no submit command"
    else:
        assert ["lstm-judge", "init", problem] in found, \
            "the statement does not say how to get the starter"
        assert any(w[1:3] == ["test", problem] and len(w) > 3 for w in found), "no test command"
    assert {p for p in problems_of(text)} == {problem}, "a command names another problem"
    for words in found:
        assert not wrong_words(words), (" ".join(words), wrong_words(words))


@pytest.mark.parametrize("problem", PROBLEMS)
def test_statement_names_no_file_but_the_one_init_writes(problem):
    text = (REPO / "problems" / problem / "statement.md").read_text(encoding="utf-8")
    files = set(re.findall(r"[\w.-]+\.py\b", text))
    if is_quiz(problem):
        answers = set(re.findall(r"[\w.-]+\.yaml\b", text))
        assert not files and answers == {init_writes(problem)}, (files, answers)
    else:
        assert files == {f"{problem}.py"}, files


def test_readme_using_it_commands_run_beside_the_file_init_writes():
    found = commands(using_it())
    assert ["lstm-judge", "init", "cell"] in found
    assert ["lstm-judge", "submit", "cell", "cell.py"] in found
    for words in found:
        assert not wrong_words(words), (" ".join(words), wrong_words(words))


@pytest.mark.parametrize("words, complaint", [
    ("lstm-judge test cell mine.py", "not cell.py"),
    ("lstm-judge submit problems/cell cell.py", "is a path"),
    ("lstm-judge validate problems/cell", "is a path"),
    ("lstm-judge submit forecast forecast.py --data problems/forecast/data/x.csv", "is a path"),
    ("lstm-judge show no_such_problem", "no problem"),
])
def test_the_check_finds_commands_that_do_not_run_there(words, complaint):
    assert any(complaint in w for w in wrong_words(words.split()))
    assert commands(f"Run `{words}` now.") == [words.split()]
    assert commands(f"```sh\n{words}   # a comment\n```\n") == [words.split()]


def test_the_check_knows_a_quiz_answers_in_yaml():
    assert not wrong_words("lstm-judge submit concepts concepts.yaml".split())
    assert any("not concepts.yaml" in w
               for w in wrong_words("lstm-judge submit concepts concepts.py".split()))
