"""A judge template: a process that has loaded the judge's libraries once and
forks a fresh ``lstm-judge`` command for each request (``batch`` runs one per
worker thread: ``python -m grader.forkserver [--torch]``).

Each forked judge is exactly a ``submit`` process, started in milliseconds
instead of paying Python's, numpy's, pytest's (and with ``--torch`` torch's)
imports again: a copy of the template's clean state, its output in files, in
a process group of its own, ended by exiting.  Nothing of one grading
reaches the next: each is a fresh fork of a template that grades nothing.

The template imports neither the sandbox (importing it makes a process a
subreaper; each forked judge becomes one itself) nor anything that starts a
Python thread, and runs no torch operation: a process forked from one that
has run a multi-threaded torch op can deadlock on its first one.  (numpy's
OpenBLAS starts a thread of its own when imported; it re-creates its pool
in a forked child, as it must for ``multiprocessing``'s fork.)

Protocol, one JSON document a line, one request at a time:
  request  {"argv": [...], "stdout": PATH, "stderr": PATH}
  replies  {"pid": N}  as soon as the judge is forked (so that its caller can
                       end its process group), then
           {"status": N} its exit status (-N: killed by signal N).
End of input ends the template.
"""

from __future__ import annotations

import json
import os
import sys

PRELOAD = ("numpy", "pytest", "yaml", "click", "grader.cli", "grader.cli.grading",
           "grader.problem", "grader.scoring.compare", "grader.scoring.tally",
           "grader.reports.json", "grader.grading.draws", "grader.grading.precheck")


def main(argv: list[str]) -> int:
    import importlib

    for name in PRELOAD + (("torch",) if "--torch" in argv else ()):
        importlib.import_module(name)
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    for line in sys.stdin:
        request = json.loads(line)
        replies.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            replies.close()
            return _judge(request)  # the forked judge ends as any process does
        try:  # set by both sides, so that it holds before the pid is handed out
            os.setpgid(pid, pid)
        except OSError:  # the child set it first, or has exited already
            pass
        replies.write(json.dumps({"pid": pid}) + "\n")
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        replies.write(json.dumps({"status": code}) + "\n")
    return 0


def _judge(request: dict) -> int:
    """In the forked child: become a fresh ``lstm-judge`` process and run."""
    os.setpgid(0, 0)  # a process group of its own (the template's session has no terminal)
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for fd, target in ((null, 0), (out, 1), (err, 2)):
        os.dup2(fd, target)
        os.close(fd)
    from grader.cli import main as command

    try:
        command.main(args=request["argv"], prog_name="lstm-judge")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
