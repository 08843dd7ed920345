"""A call's CPU limit (``Sandbox.request(..., cpu_s=...)``, a training budget):
the judge measures the child's CPU time (``sandbox/cpu_clock.py``: its cgroup,
or /proc where it has none), not the wall clock and not the child's word.

Sleeping costs no budget, every thread's time counts, and a child that keeps
computing is stopped at its CPU limit, long before the call's wall deadline;
each both from the cgroup and from /proc.  How it becomes a verdict:
``time_limit_exceeded`` with the kind CPU (``grading/blame.py``).
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from grader.grading.blame import Blame
from grader.grading.error_text import SourceFacts
from grader.limits import Limits
from grader.sandbox import ChildFailure, Sandbox, SandboxConfig
from grader.scoring.failures import Kind
from grader.verdict import Verdict

CHILD = '''
import threading
import time


def work(mode, seconds):
    if mode == "spin":
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
    elif mode == "sleep":
        time.sleep(seconds)
    elif mode == "threads":  # two threads, each spinning for `seconds` of its own CPU
        def spin():
            end = time.thread_time() + seconds
            while time.thread_time() < end:
                pass
        threads = [threading.Thread(target=spin) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return 1
'''


@pytest.fixture(params=["cgroup", "proc"])
def sandbox(request, tmp_path):
    path = tmp_path / "child.py"
    path.write_text(CHILD)
    box = Sandbox(path, SandboxConfig(entry_points=("work",), limits=Limits(call_s=5)))
    box.start()
    if request.param == "proc":
        box._clock.cgroup = None  # the fallback: /proc of the sandbox's processes
    with box:
        yield box


def work(sandbox: Sandbox, mode: str, seconds: float, cpu_s: float, timeout_s: float = 20):
    return sandbox.request({"op": "call", "name": "work", "args": [mode, seconds], "kwargs": {}},
                           timeout_s, cpu_s)


def test_sleeping_costs_no_cpu_budget(sandbox):
    reply = work(sandbox, "sleep", 1.5, cpu_s=0.5)
    assert reply.message["ok"], reply.message
    assert reply.wall_s >= 1.5 and reply.cpu_s < 0.4, reply


def test_computing_is_charged_what_it_used(sandbox):
    reply = work(sandbox, "spin", 0.5, cpu_s=3)
    assert reply.message["ok"], reply.message
    assert 0.45 <= reply.cpu_s < 1.5, reply


def test_every_thread_counts(sandbox):
    reply = work(sandbox, "threads", 0.4, cpu_s=3)
    assert reply.message["ok"], reply.message
    assert 0.75 <= reply.cpu_s < 2.0, reply


def test_a_child_past_its_cpu_limit_is_stopped_there_not_at_the_wall_deadline(sandbox):
    started = time.monotonic()
    with pytest.raises(ChildFailure) as info:
        work(sandbox, "spin", 100, cpu_s=0.5, timeout_s=30)
    assert info.value.kind == "cpu" and info.value.cpu_s > 0.5, info.value.message
    assert time.monotonic() - started < 10  # on a loaded machine, still far from 30 s
    assert not sandbox.alive


def test_past_the_cpu_limit_is_time_limit_exceeded_with_the_kind_cpu():
    blame = Blame(Limits(), (), SourceFacts.of(Path(__file__)))
    failure = blame.child_failure(ChildFailure("cpu", "used 12.3 s", signal=signal.SIGKILL),
                                  30.0, False, "train", 12.0)
    assert failure.verdict is Verdict.TIME_LIMIT_EXCEEDED and failure.kind is Kind.CPU
    assert "CPU-time limit of 12 s" in failure.summary
