"""What runs inside the sandbox: the worker, the confinement it applies to
itself, the wire protocol, and torch and Keras support.

Every module in this folder is copied into the sandbox and imported there
as a top-level module (``import protocol``), so each one depends on the
standard library and numpy only (torch and keras only inside functions,
for the problems that allow them), and none imports the rest of ``grader``.  The
judge imports ``protocol`` and ``confine`` from here too.
"""

from pathlib import Path

CHILD_DIR = Path(__file__).parent


def child_files() -> list[Path]:
    """The modules to copy into the sandbox: this folder, listed."""
    return sorted(p for p in CHILD_DIR.glob("*.py") if p.name != "__init__.py")
