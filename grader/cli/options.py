"""The options that several commands share."""

from __future__ import annotations

from pathlib import Path

import click


def gradebook_option(func):
    """``--gradebook FILE``, for every command that reads or writes one."""
    return click.option("--gradebook", type=click.Path(path_type=Path),
                        help="The gradebook file (default: $LSTM_JUDGE_GRADEBOOK, else"
                             " $XDG_DATA_HOME/lstm-judge/gradebook.sqlite3).")(func)
