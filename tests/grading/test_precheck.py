"""The pre-run source check: what a file that is not Python is called."""

import random

import pytest

from grader.grading.precheck import scan
from grader.verdict import Verdict


@pytest.mark.parametrize("seed", range(64))
def test_random_bytes_are_never_blamed_on_a_line(seed):
    """Whatever the parser meets first in a binary file, the message says
    it is not text, never "line 1: invalid character"."""
    source = random.Random(seed).randbytes(200)
    failure = scan(source, ())
    assert failure is not None and failure.verdict is Verdict.COMPILE_ERROR
    assert "null byte" in failure.summary or "is not text" in failure.summary, failure.summary


def test_a_declared_encoding_is_text():
    source = "# -*- coding: latin-1 -*-\nname = 'caf\u00e9'\n".encode("latin-1")
    assert scan(source, ()) is None


def test_an_unknown_encoding_is_the_parsers_to_report():
    failure = scan(b"# -*- coding: klingon -*-\nx = 1\n", ())
    assert failure is not None
    assert "klingon" in failure.summary, failure.summary


def test_a_syntax_error_names_its_line():
    failure = scan(b"x = 1\ndef f(:\n", ())
    assert failure is not None and failure.summary.startswith("does not parse: line 2"), failure.summary
