"""The one module problem authors import in hidden tests.

Everything a test needs besides its fixtures (``submission``, ``check``,
``rng``, ``seed``, ``problem``, ``metric``, ``note``, ``user_series``;
see ``grader.grading.plugin``)::

    from grader.testing import Kind, Variant, WrongAnswer, lstm, unchanged

A hidden test's failure is shown to candidates only as ``Kind.phrase``: raise
``WrongAnswer(summary, detail, kind=Kind.SHAPE, subject="h")`` to say more
than "the answer is wrong"; ``subject`` is shown only if it is a string
literal in the test's module (a name you chose, never one the child sent).

``lstm`` holds the numpy references, proved equal to PyTorch by the
project's own tests.  Hidden tests import nothing else of ``grader``
(an import-linter contract in pyproject.toml checks it), so the judge's
internals can move without breaking a problem.
"""

from .child.protocol import Handle, Tensor
from .scoring import lstm_reference as lstm
from .scoring.compare import Variant, describe_type, unchanged
from .scoring.failures import Kind, SubmissionFailed, WrongAnswer

__all__ = ["Handle", "Kind", "Tensor", "Variant", "WrongAnswer", "SubmissionFailed",
           "describe_type", "draw_nonzero", "lstm", "raised", "unchanged"]


def draw_nonzero(rng, *shape, dtype="float32"):
    """Random values with every entry non-zero (magnitude in [0.1, 1.5]), so
    that no element of an input hides a wrong weight by multiplying it by 0."""
    return (rng.uniform(0.1, 1.5, size=shape) * rng.choice([-1.0, 1.0], size=shape)).astype(dtype)


def raised(failure: SubmissionFailed, name: str, *words: str) -> bool:
    """Whether the child raised ``name`` with a message holding one of
    ``words``.  The message is the child's, so this only chooses the words
    (a hint) of a failure that is the submission's anyway."""
    return (failure.summary.startswith(f"raised {name}")
            and any(word in failure.detail for word in words))
