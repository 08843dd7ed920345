"""A canary problem: a copy of a problem with one more hidden test, which
sends a canary string through the problem's interface (tests/hostile/leaks
and the report formats' leak tests look for it where it must not be)."""

from pathlib import Path

import yaml


def add_canary_test(problem: Path, module: str, source: str) -> None:
    """Add the test ``test_canary`` (``source``, which defines it) to the
    copied ``problem``: first of its hidden tests to run (samples run first,
    then the spec's order), so that every later hidden test may leak what it
    sent; in ``module``, before the first test."""
    spec_file = problem / "problem.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    first_hidden = next(k for k, t in enumerate(spec["tests"]) if t["visibility"] == "hidden")
    spec["tests"].insert(first_hidden, {"name": "canary", "points": 0, "visibility": "hidden"})
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    tests = problem / "tests" / module
    text = tests.read_text(encoding="utf-8")
    first = text.index("\ndef test_")
    text = text[:first] + "\n" + source + "\n" + text[first:]
    if "import numpy as np" not in text:
        text = "import numpy as np\n" + text
    tests.write_text(text, encoding="utf-8")
