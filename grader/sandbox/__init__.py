"""The judge's side of isolation: a sandboxed child per submission
(``child_process``), the isolation levels and bubblewrap, the uid, cgroup
and seccomp layers, the packages in the child's view, a description of
what is in force (``layers``), and ``doctor``.

Nothing here knows about problems, grading or scoring: it runs a child
and carries data to and from it.
"""

from .child_process import ChildFailure, Reply, Sandbox
from .config import SandboxConfig

__all__ = ["Sandbox", "SandboxConfig", "ChildFailure", "Reply"]
