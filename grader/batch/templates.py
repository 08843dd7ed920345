"""Judge templates (``grader.forkserver``) as a batch worker uses them: one
per worker thread and kind of problem (with or without torch preloaded),
started on first use and kept for the life of the process (a local batch,
or a Dask worker), so that each submission's judge is a fork of a process
that has loaded its libraries already instead of a new Python."""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path


class TemplateDied(Exception):
    """The template ended or answered nonsense: no judge was forked or waited for."""


class Template:
    def __init__(self, torch: bool, log: Path):
        argv = [sys.executable, "-m", "grader.forkserver", *(["--torch"] if torch else [])]
        with open(log, "ab") as err:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=err, start_new_session=True, close_fds=True)
        self.log = log
        self._pending = b""

    def fork(self, argv: list[str], stdout: Path, stderr: Path) -> int:
        """Fork a judge running ``lstm-judge *argv``; its pid (= its process group)."""
        request = {"argv": argv, "stdout": str(stdout), "stderr": str(stderr)}
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
        except OSError as exc:
            raise TemplateDied(f"the judge template is gone ({exc.strerror}){self._why()}")
        reply = self._reply(timeout=None)
        if not isinstance(reply.get("pid"), int):
            raise TemplateDied(f"the judge template answered {reply!r}")
        return reply["pid"]

    def wait(self, timeout: float | None) -> int | None:
        """The forked judge's exit status, or None if it is still running after ``timeout``."""
        try:
            reply = self._reply(timeout)
        except TimeoutError:
            return None
        if not isinstance(reply.get("status"), int):
            raise TemplateDied(f"the judge template answered {reply!r}")
        return reply["status"]

    def _reply(self, timeout: float | None) -> dict:
        deadline = None if timeout is None else time.monotonic() + timeout
        out = self.proc.stdout.fileno()
        while b"\n" not in self._pending:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([out], [], [], left)
            if not ready:
                raise TimeoutError()
            chunk = os.read(out, 65536)
            if not chunk:
                raise TemplateDied(f"the judge template ended{self._why()}")
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        try:
            reply = json.loads(line)
        except ValueError:
            raise TemplateDied(f"the judge template printed {line[:200]!r}") from None
        return reply if isinstance(reply, dict) else {"reply": reply}

    def _why(self) -> str:
        try:
            tail = self.log.read_text(errors="replace")[-500:].strip()
        except OSError:
            tail = ""
        return f": {tail}" if tail else ""

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        try:
            self.proc.stdin.close()  # end of input: the template exits
        except OSError:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()


_local = threading.local()
_all: list[Template] = []
_lock = threading.Lock()


def for_this_thread(torch: bool, folder: Path) -> Template:
    """This thread's template for the kind (started now if it has none, or its
    last one died); its stderr is logged under ``folder``."""
    mine = getattr(_local, "templates", None)
    if mine is None:
        mine = _local.templates = {}
    template = mine.get(torch)
    if template is None or not template.alive:
        folder.mkdir(parents=True, exist_ok=True)
        template = mine[torch] = Template(torch, folder / f"template-{os.getpid()}-"
                                                           f"{threading.get_ident()}.log")
        with _lock:
            _all.append(template)
    return template


def forget(torch: bool) -> None:
    """This thread's template for the kind failed: the next judge starts another."""
    mine = getattr(_local, "templates", {})
    template = mine.pop(torch, None)
    if template is not None:
        template.close()


@atexit.register
def close_all() -> None:
    """End every template this process started (at a batch's end, or exit)."""
    with _lock:
        every, _all[:] = list(_all), []
    for template in every:
        template.close()
    _local.__dict__.clear()
