"""Judges on the workers of a Dask cluster (``batch --dask ADDRESS``).

``ADDRESS`` is a running scheduler (``tcp://host:8786``, ``tls://...``), or
``local:N`` for a cluster of N worker processes started here for the batch.
Each submission is one task: a worker runs ``submit`` on it in a judge
process of its own, exactly as a local batch does, and sends back the
staff document.  The coordinator stays the one process that writes OUT and
the gradebook.

- Problems travel as data: each folder is packed once and sent with the
  digest the coordinator computed; a worker grades only if what it unpacked
  has that digest (``shipping``).  The submission's bytes and the grader's
  key travel in the task (plain ``tcp://`` is unencrypted: README).
- Every task has a key of its own (``pure=False``), so identical files of
  two candidates are two gradings, never merged by Dask.
- A worker that dies mid-task loses nothing: the scheduler runs the task
  again on another worker, and its one result comes back once.  A task that
  kills workers again and again (Dask's ``allowed-failures``) is recorded as
  a judge_error for that submission.
- An interrupt sets a cluster-wide event; every worker ends its running
  judges (SIGTERM to each process group) and the coordinator waits for them
  before it lets go of the cluster.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import tempfile
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from ..errors import BadInput
from ..gradebook import judge_version
from . import shipping, worker
from .candidates import Task

INSTALL = "needs Dask's distributed scheduler: pip install 'lstm-judge[dask]'"
STOP_WAIT_S = worker.GRACE_S * 2 + 5  # how long an interrupt waits for workers' judges
CONNECT_TIMEOUT_S = 15
STOP_POLL_S = 1.0  # how often a worker asks whether the batch was interrupted


class ClusterPool:
    def __init__(self, address: str, seed: int | None, key_file: Path | None):
        self.seed = seed
        self.key = key_file.read_bytes() if key_file is not None else None
        self.scratch = tempfile.mkdtemp(prefix="lstm-judge-dask-") if _is_local(address) else None
        try:
            self.client, self.cluster = connect(address, self.scratch)
        except BaseException:
            self._remove_scratch()
            raise
        self.stop_event = f"lstm-judge-stop-{uuid.uuid4().hex}"
        self.futures: list = []

    def results(self, pending: list[Task]) -> Iterator[worker.Graded]:
        import distributed

        blobs = {}
        for task in pending:
            ref = task.problem
            if ref.id not in blobs:
                # A task, not scattered data: if every worker holding it dies,
                # the scheduler makes it again from the bytes in the graph.
                blobs[ref.id] = self.client.submit(_same, shipping.pack(Path(ref.root)),
                                                   key=f"lstm-judge-problem-{ref.id}-"
                                                       f"{uuid.uuid4().hex}", pure=False)
        version = judge_version()
        by_key = {}
        for task in pending:
            job = Job(task, self.seed if task.seed is None else task.seed, self.key, version,
                      self.stop_event)
            future = self.client.submit(grade_on_worker, job, blobs[task.problem.id],
                                        worker.read_source(task),
                                        key=f"lstm-judge-{uuid.uuid4().hex}", pure=False)
            by_key[future.key] = task
            self.futures.append(future)
        for future in distributed.as_completed(self.futures):
            try:
                yield future.result()
            except Exception as exc:  # e.g. KilledWorker: it took down worker after worker
                task = by_key[future.key]
                now = datetime.now(timezone.utc)
                yield worker.failed(task, now, task.sha256,
                                    f"the cluster could not grade it: {type(exc).__name__}: {exc}",
                                    ended=now)

    def stop(self) -> None:
        """End every judge running on the cluster for this batch; start no other."""
        import distributed

        try:
            self.client.cancel([f for f in self.futures if not f.done()])
            distributed.Event(self.stop_event, client=self.client).set()
            distributed.wait(self.futures, timeout=STOP_WAIT_S)
        except Exception:  # the cluster is gone already: nothing left to stop
            pass

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def _same(blob: bytes) -> bytes:
    return blob


class Job:
    """One submission as a worker needs it (its bytes and the blob come as
    separate task arguments, so that Dask resolves the blob's future)."""

    def __init__(self, task: Task, seed, key: bytes | None, version: str, stop_event: str):
        self.task, self.seed, self.key = task, seed, key
        self.version, self.stop_event = version, stop_event


def _is_local(address: str) -> bool:
    return address.startswith("local:")


def connect(address: str, scratch: str | None = None):
    """A client of the cluster at ``address`` (and the cluster, if started
    here, its workers' files under ``scratch``)."""
    local = re.fullmatch(r"local:(\d+)", address)
    if _is_local(address) and not local:
        raise BadInput("--dask", f"{address!r}: write local:N, N the number of workers")
    if not local and not re.fullmatch(r"(tcp|tls|ucx|inproc)://\S+", address):
        raise BadInput("--dask", f"{address!r} is neither local:N nor a scheduler's address"
                                 " (tcp://HOST:8786)")
    try:
        import distributed
    except ImportError:
        raise BadInput("--dask", INSTALL) from None
    if local:
        n = int(local.group(1))
        if not 1 <= n <= 256:
            raise BadInput("--dask", f"local:{n}: give 1 to 256 workers")
        import dask

        dask.config.set({"temporary-directory": scratch})  # Dask's lock files too
        # Ctrl-C reaches the whole process group: the workers ignore it (they
        # inherit SIG_IGN), and the coordinator ends their judges itself.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None,
                                               silence_logs=logging.ERROR,
                                               local_directory=scratch)
        finally:
            signal.signal(signal.SIGINT, previous)
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(address, timeout=f"{CONNECT_TIMEOUT_S}s"), None
    except (OSError, TimeoutError) as exc:
        raise BadInput("--dask", f"cannot reach the scheduler at {address}: {exc}") from None


# -- on the worker ---------------------------------------------------------------------
def grade_on_worker(job: Job, blob: bytes, source: bytes | str) -> worker.Graded:
    """Run on a Dask worker: grade one submission in a judge process of its
    own; whatever fails here is that submission's judge_error."""
    import distributed

    task, started = job.task, datetime.now(timezone.utc)
    if isinstance(source, str):
        return worker.failed(task, started, task.sha256, source)
    here = distributed.get_worker()
    if judge_version() != job.version:
        return worker.failed(task, started, task.sha256,
                             f"worker {here.address} runs lstm-judge {judge_version()}, the"
                             f" coordinator {job.version}: install the same version")
    base = Path(here.local_directory)
    work = Path(tempfile.mkdtemp(prefix="lstm-judge-job-", dir=base))
    judges = worker.Judges()
    done = threading.Event()
    watcher = threading.Thread(target=_watch, daemon=True,
                               args=(distributed.get_client(), job.stop_event, judges, done))
    watcher.start()
    try:
        folder = shipping.unpack(blob, task.problem.id, task.problem.digest,
                                 base / "lstm-judge-problems")
        key_file = None
        if job.key is not None:
            key_file = work / "key"
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(job.key)
        graded = worker.grade_source(task, source, judges, job.seed, key_file, work, started,
                                     str(folder))
    except Exception as exc:
        return worker.failed(task, started, task.sha256,
                             f"worker {here.address} could not run the judge:"
                             f" {type(exc).__name__}: {exc}")
    finally:
        done.set()
        shutil.rmtree(work, ignore_errors=True)
    if graded.document is not None:
        graded.document["worker"] = here.address
    return graded


def _watch(client, name: str, judges: worker.Judges, done: threading.Event) -> None:
    """End this task's judge when the coordinator sets the stop event."""
    import distributed

    try:
        event = distributed.Event(name, client=client)
        while not done.wait(STOP_POLL_S):
            if event.is_set():
                judges.stop()
                return
    except Exception:  # the scheduler is gone: the judge's own limits still end it
        pass
