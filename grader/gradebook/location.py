"""Where the gradebook lives, and whom a ``submit`` is recorded for."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from .errors import GradebookError

ENV = "LSTM_JUDGE_GRADEBOOK"  # a path, or "off"
OFF = "off"
FILE_NAME = "gradebook.sqlite3"


def locate(option: Path | None = None, disabled: bool = False,
           environ=os.environ) -> Path | None:
    """The gradebook's path, or None when it is off.  In order: ``--no-gradebook``,
    ``--gradebook PATH``, ``$LSTM_JUDGE_GRADEBOOK`` (a path, or ``off``), then
    ``$XDG_DATA_HOME/lstm-judge/`` or ``~/.local/share/lstm-judge/``."""
    if disabled:
        return None
    if option is not None:
        return Path(option)
    value = environ.get(ENV, "").strip()
    if value.lower() == OFF:
        return None
    if value:
        return Path(value).expanduser()
    return data_dir(environ) / "lstm-judge" / FILE_NAME


def data_dir(environ=os.environ) -> Path:
    """The user's data directory (XDG): ``$XDG_DATA_HOME`` if it is an
    absolute path (the spec says to ignore a relative one), else
    ``~/.local/share``."""
    xdg = environ.get("XDG_DATA_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    home = environ.get("HOME") or _home_of_uid()
    if not home:
        raise GradebookError("gradebook", f"no home directory to keep it in; set ${ENV}"
                                          f" to a path (or to {OFF})")
    return Path(home) / ".local" / "share"


def _home_of_uid() -> str:
    try:
        return str(Path.home())
    except (RuntimeError, KeyError):
        return ""


def default_candidate() -> str:
    """The OS user's name (a ``uid-N`` where the user has no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid-{os.getuid()}"
