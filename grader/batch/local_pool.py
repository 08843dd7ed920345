"""Judges on this machine: up to ``jobs`` judge processes at once, one
thread each to wait on it (``batch`` without ``--dask``)."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterator
from pathlib import Path

from . import worker
from .candidates import Task


class LocalPool:
    def __init__(self, jobs: int, seed: int | None, key_file: Path | None, work: Path):
        self.jobs, self.seed, self.key_file, self.work = jobs, seed, key_file, work
        self.judges = worker.Judges()
        self.threads = concurrent.futures.ThreadPoolExecutor(jobs)

    def results(self, pending: list[Task]) -> Iterator[worker.Graded]:
        """Each task's ``Graded``, in the order they finish."""
        futures = [self.threads.submit(worker.grade, t, self.judges,
                                       self.seed if t.seed is None else t.seed, self.key_file,
                                       self.work) for t in pending]
        for future in concurrent.futures.as_completed(futures):
            yield future.result()

    def stop(self) -> None:
        """End every running judge, start no other (an interrupt)."""
        self.judges.stop()
        self.threads.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        self.threads.shutdown(wait=True)
