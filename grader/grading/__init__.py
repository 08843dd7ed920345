"""Grading one submission against one problem: orchestration (``judge``),
the pytest run (``runner``) and its plugin and fixtures (``plugin``), the
submission proxy (``submission``), the checks on what the child sends
(``replies``, ``signatures``) and who is to blame for a failure (``blame``).
"""

__all__ = ["grade", "read_submission", "unfinished", "Observer", "JudgeFault"]


def __getattr__(name: str):
    """The names above load on first use: importing ``grader.grading`` (or
    one of its light modules, such as ``draws``) must not import pytest and
    numpy, which ``judge.grade`` loads only once the child is on its way."""
    if name == "JudgeFault":
        from .runner import JudgeFault

        return JudgeFault
    if name in __all__:
        from . import judge

        return getattr(judge, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
