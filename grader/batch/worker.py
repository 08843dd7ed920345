"""Grading one submission: a fresh judge process, exactly ``submit``.

The worker reads the submission once, hands the judge a private copy of
those bytes (so the SHA-256 recorded is of what was graded), runs
``lstm-judge submit PROBLEM COPY --format json --view staff --no-gradebook
--seed S [--key-file F]`` in a judge process of its own (forked, in a
process group of its own, by this thread's judge template: ``templates``), and
checks the one document it prints.  A judge that dies, hangs past its
wall-clock bound (its process group is ended) or prints no valid document
is a ``Graded`` with no document and the reason; never an exception.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..verdict import Verdict
from ..files import Unreadable, read_bounded
from . import templates
from .candidates import Task

GRACE_S = 5.0        # a judge told to stop (SIGTERM) gets this long to clean up its sandbox
STDERR_KEPT = 4000   # characters of a failed judge's stderr kept for the staff


def wall_bound(total_s: float) -> float:
    """How long a judge process may run: generous, since ``submit`` bounds the
    submission itself (total_s); this bounds the judge."""
    return total_s * 3 + 60


@dataclass
class Graded:
    """What a worker brings back: the staff document, or why there is none."""

    task: Task
    started: datetime
    ended: datetime
    sha256: str
    document: dict | None = None
    failure: str = ""      # why there is no document (a judge_error for the record)
    stderr: str = ""       # the judge's stderr, when it failed
    stopped: bool = False  # ended by the coordinator's interrupt: not a result
    refused: str = ""      # a quiz's answer file the judge refused as bad input (exit 2):
    #                        the candidate's compile_error, not the judge's fault


class Judges:
    """The judges running now, so that an interrupt can end them all.  After
    ``stop()``, no new one starts.  Each judge is forked by this thread's
    template (``templates``): a process that has loaded the judge's libraries
    once, in a process group of its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[int] = set()  # process groups (= the judges' pids)
        self.stopping = False

    def run(self, argv: list[str], torch: bool, bound: float, folder: Path) -> Ran | None:
        """Run ``lstm-judge *argv`` in a forked judge, its output in ``folder``;
        past ``bound`` seconds its process group is ended.  None if stopping."""
        out, err = folder / "stdout", folder / "stderr"
        with self._lock:
            if self.stopping:
                return None
            template = templates.for_this_thread(torch, folder.parent)
            try:
                pid = template.fork(argv, out, err)
            except templates.TemplateDied:
                templates.forget(torch)
                raise
            self._running.add(pid)
        timed_out = False
        try:
            status = template.wait(bound)
            if status is None:
                timed_out = True
                end_group(pid, signal.SIGTERM)
                status = template.wait(GRACE_S)
                if status is None:
                    end_group(pid, signal.SIGKILL)
                    status = template.wait(None)
        except templates.TemplateDied:
            templates.forget(torch)
            end_group(pid, signal.SIGKILL)
            raise
        finally:
            with self._lock:
                self._running.discard(pid)
        return Ran(status, _read(out), _read(err), timed_out)

    def stop(self) -> None:
        """End every running judge: SIGTERM to its process group (it ends its
        sandbox and exits), then SIGKILL whatever is left after the grace."""
        with self._lock:
            self.stopping = True
            running = list(self._running)
        for pid in running:
            end_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_S
        while time.monotonic() < deadline:
            with self._lock:
                if not self._running:
                    return
            time.sleep(0.05)
        with self._lock:
            left = list(self._running)
        for pid in left:
            end_group(pid, signal.SIGKILL)


@dataclass
class Ran:
    """What a judge process did: its exit status, its output, whether it was
    ended for running past its bound."""

    status: int
    out: bytes
    err: bytes
    timed_out: bool


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def end_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def grade(task: Task, judges: Judges, seed: int | None, key_file: Path | None,
          work: Path) -> Graded:
    """Grade ``task`` in a judge process of its own (its copy kept under
    ``work``); whatever fails here is that submission's judge_error."""
    started = datetime.now(timezone.utc)
    try:
        return _grade(task, judges, seed, key_file, work, started)
    except Exception as exc:  # e.g. OUT's disk is full: the batch goes on
        return failed(task, started, task.sha256,
                       f"the batch could not run the judge: {type(exc).__name__}: {exc}")


def read_source(task: Task) -> bytes | str:
    """The submission's bytes, read once and bounded, or why they cannot be
    read now (for the record)."""
    try:
        return read_bounded(task.path, task.problem.source_kb << 10)
    except Unreadable as exc:
        return f"{task.shown} {exc} (it was readable when the batch started)"


def _grade(task, judges, seed, key_file, work, started) -> Graded:
    source = read_source(task)
    if isinstance(source, str):
        return failed(task, started, task.sha256, source)
    return grade_source(task, source, judges, seed, key_file, work, started, task.problem.arg)


def grade_source(task: Task, source: bytes, judges: Judges, seed: int | None,
                 key_file: Path | None, work: Path, started: datetime,
                 problem_arg: str) -> Graded:
    """Grade the bytes ``source`` (``task``'s submission) against the problem
    that ``problem_arg`` names for the judge: an id, or a folder."""
    sha = hashlib.sha256(source).hexdigest()
    folder = Path(tempfile.mkdtemp(prefix="job-", dir=work))
    try:
        copy = folder / task.path.name
        copy.write_bytes(source)
        argv = ["submit", problem_arg, str(copy), "--format", "json", "--view", "staff",
                "--no-gradebook"]
        if seed is not None:
            argv += ["--seed", str(seed)]
        if key_file is not None:
            argv += ["--key-file", str(key_file)]
        return _run(task, judges, argv, started, sha, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(task: Task, judges: Judges, argv: list[str], started: datetime, sha: str,
         folder: Path) -> Graded:
    bound = wall_bound(task.problem.total_s)
    ran = judges.run(argv, task.problem.torch, bound, folder)
    ended = datetime.now(timezone.utc)
    if ran is None or judges.stopping:
        return Graded(task, started, ended, sha, stopped=True)
    stderr = ran.err.decode("utf-8", "replace")[-STDERR_KEPT:]
    if ran.timed_out:
        return failed(task, started, sha, f"the judge process ran past its {bound:g} s bound"
                                          " and was ended", stderr, ended)
    document, why = check(ran.out, task.problem.id)
    if document is None and ran.status == 2 and task.problem.kind == "quiz":
        line = stderr.strip().splitlines()[-1] if stderr.strip() else "refused as bad input"
        return Graded(task, started, ended, sha, refused=line.removeprefix("lstm-judge: error: "))
    if document is None:
        return failed(task, started, sha, f"the judge process exited with code"
                                          f" {ran.status} and {why}", stderr, ended)
    document["submission"] = str(task.path)  # what submit names: the file, not our copy
    return Graded(task, started, ended, sha, document)


def failed(task, started, sha, failure, stderr="", ended=None) -> Graded:
    return Graded(task, started, ended or datetime.now(timezone.utc), sha, failure=failure,
                  stderr=stderr)


VERDICTS = frozenset(v.value for v in Verdict)


def check(out: bytes, problem: str) -> tuple[dict | None, str]:
    """The staff document a judge printed, or None and what is wrong with it."""
    if not out.strip():
        return None, "printed no document"
    try:
        doc = json.loads(out)
    except (ValueError, UnicodeDecodeError) as exc:
        return None, f"printed something that is not one JSON document ({exc})"
    number = (int, float)
    problems = [
        (isinstance(doc, dict), "is not an object"),
        (isinstance(doc, dict) and doc.get("view") == "staff", "is not the staff view"),
        (isinstance(doc, dict) and doc.get("mode") == "submit", "is not a submit"),
        (isinstance(doc, dict) and doc.get("problem") == problem, f"is not about {problem}"),
        (isinstance(doc, dict) and doc.get("verdict") in VERDICTS, "has no known verdict"),
        (isinstance(doc, dict) and all(isinstance(doc.get(k), number)
                                       and not isinstance(doc.get(k), bool)
                                       for k in ("score", "max_score")), "has no score"),
        (isinstance(doc, dict) and isinstance(doc.get("tests"), list), "has no tests list"),
    ]
    for ok, what in problems:
        if not ok:
            return None, f"printed a document that {what}"
    return doc, ""
