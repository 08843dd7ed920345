"""What can go wrong with a gradebook, said in one line."""

from __future__ import annotations

from ..errors import BadInput


class GradebookError(BadInput):
    """The gradebook cannot be found, opened, read or written, or is from a
    newer judge.  ``history`` and ``export`` exit 2 with it; ``submit`` prints
    its result anyway and warns that the attempt was not recorded."""
