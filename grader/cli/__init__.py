"""The ``lstm-judge`` command: the ``main`` group, with every command added.

Each family of commands lives in a module of its own (``problems``,
``grading``, ``authoring``, ``cohort``); ``guard`` turns failures into one
line and an exit code, ``options`` holds the options several commands share.

Exit codes (``grader.verdict.Exit``): 0 accepted, 1 not accepted, 2 bad
usage or input, 3 judge error, 130 interrupted (Ctrl-C), 143 terminated.
"""

from __future__ import annotations

import click

from . import authoring, cohort, grading, problems


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lstm-judge")
def main():
    """Grade LSTM exercises in a sandbox.

    A PROBLEM is named by its id (cell), looked up in $LSTM_JUDGE_PROBLEMS and the
    installed problems, or by its folder as a path (problems/cell, ./cell).
    """


for _family in (problems, grading, authoring, cohort):
    for _command in _family.COMMANDS:
        main.add_command(_command)
