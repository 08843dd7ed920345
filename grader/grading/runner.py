"""Running a problem's tests with pytest, in the judge's process, and
checking that the spec's listing and the test functions match both ways."""

from __future__ import annotations

import contextlib
import io
import os

from ..errors import JudgeFault, SpecError
from ..problem import Problem
from .listing import check_listing
from .plugin import JudgePlugin


def run_tests(problem: Problem, plugin: JudgePlugin) -> None:
    """Run the problem's tests with ``plugin``; check the listing both ways."""
    if not problem.tests_dir.is_dir():
        raise SpecError(str(problem.tests_dir), "the problem has no tests/ folder")
    import pytest

    args = [
        str(problem.tests_dir), "-c", os.devnull, "--rootdir", str(problem.tests_dir),
        "--import-mode=importlib", "-p", "no:cacheprovider", "-p", "no:terminal",
        "-p", "no:stepwise", "-W", "ignore::pytest.PytestAssertRewriteWarning",
        # Start-up cost, not function: these plugins gc.collect() at the end, and
        # rewriting asserts compiles every test module afresh.
        "-p", "no:unraisableexception", "-p", "no:threadexception", "--assert=plain",
    ]
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = pytest.main(args, plugins=[plugin])
    finally:
        if saved is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved
    if plugin.errors:  # (pytest reports these as INTERRUPTED too)
        raise JudgeFault(f"{problem.tests_dir}: the tests do not load: {plugin.errors[0]}")
    if code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt  # pytest swallowed Ctrl-C or SIGTERM; pass it on
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        raise JudgeFault(f"{problem.tests_dir}: pytest failed ({code.name})")
    check_listing(problem, plugin.collected)
