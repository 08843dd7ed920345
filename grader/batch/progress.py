"""How a batch shows its progress: on a terminal, rich's progress bar with
the counts per verdict and an ETA, each result's line printed above it; in
a pipe or a file, one plain line per result.

rich is imported here, inside ``Bar``, and only by ``batch``: ``submit``
and the other commands never load it (start-up time).
"""

from __future__ import annotations

import sys
from collections import Counter

from ..reports.escape import printable


def line(done: int, total: int, candidate: str, problem: str, verdict: str,
         score: float, max_score: float, seconds: float) -> str:
    return (f"[{done}/{total}] {printable(candidate, newlines=False)} {problem}: {verdict}"
            f" {score:g}/{max_score:g} ({seconds:.1f} s)")


class Plain:
    """One line per result on stdout."""

    def __init__(self, total: int):
        self.total, self.done, self.counts = total, 0, Counter()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def advance(self, candidate, problem, verdict, score, max_score, seconds) -> None:
        self.done += 1
        self.counts[verdict] += 1
        print(line(self.done, self.total, candidate, problem, verdict, score, max_score,
                   seconds), flush=True)


class Bar(Plain):
    """rich's progress bar: done/total, counts per verdict, elapsed and ETA."""

    def __init__(self, total: int):
        super().__init__(total)
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                                  TextColumn("ETA"), TimeRemainingColumn(), transient=False)
        self._task = self._progress.add_task("batch", total=total, counts="")

    def __enter__(self):
        self._progress.start()
        return self

    def __exit__(self, *exc):
        self._progress.stop()
        return False

    def advance(self, candidate, problem, verdict, score, max_score, seconds) -> None:
        self.done += 1
        self.counts[verdict] += 1
        from rich.markup import escape

        self._progress.console.print(escape(line(self.done, self.total, candidate, problem,
                                                 verdict, score, max_score, seconds)),
                                     highlight=False)
        counts = "  ".join(f"{v} {n}" for v, n in sorted(self.counts.items()))
        self._progress.update(self._task, advance=1, counts=escape(counts))


def show(total: int) -> Plain:
    """A bar on a terminal, plain lines elsewhere."""
    return Bar(total) if sys.stdout.isatty() else Plain(total)
