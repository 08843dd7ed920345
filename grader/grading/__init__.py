"""Grading one submission against one problem: orchestration (``judge``),
the pytest run (``runner``) and its plugin and fixtures (``plugin``), the
submission proxy (``submission``), the checks on what the child sends
(``replies``, ``signatures``) and who is to blame for a failure (``blame``).
"""

from .judge import Observer, grade, read_submission, unfinished
from .runner import JudgeFault

__all__ = ["grade", "read_submission", "unfinished", "Observer", "JudgeFault"]
