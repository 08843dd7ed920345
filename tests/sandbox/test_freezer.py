"""The child runs only while the judge waits for a reply (``sandbox/freezer.py``).

The attacks ``tests/hostile/submissions/exhausting/thread_after_return_*.py`` start a
thread on their first call that keeps computing after the call returns, and return
wrong values once the thread got more than 50 ms of CPU between two calls.  Here the
judge waits 0.3 s between calls: frozen (cgroup freezer, or SIGSTOP where there is no
cgroup), the answers stay right; with freezing off (the control) the thread computes
between calls and the answers go wrong.  The judge's own view agrees: a frozen child's
CPU clock does not move.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from judge_cli import REPO_ROOT

from grader.limits import Limits
from grader.sandbox import Sandbox, SandboxConfig, cgroups

ATTACKS = sorted((REPO_ROOT / "tests" / "hostile" / "submissions" / "exhausting")
                 .glob("thread_after_return_*.py"))
COUNTER = REPO_ROOT / "tests" / "hostile" / "submissions" / "exhausting" / "thread_after_return_counter.py"
PAUSE_S = 0.3  # the judge's time between two calls
# (freeze, level): the cgroup freezer where there is one, and the SIGSTOP fallback both
# under bubblewrap (where the worker is in a session of its own) and at the process level.
MODES = [("auto", None), ("signals", None), ("signals", "process")]

rng = np.random.default_rng(0)
B, D, H = 3, 5, 4
ARGS = [rng.standard_normal((B, D)), rng.standard_normal((B, H)), rng.standard_normal((B, H)),
        rng.standard_normal((4 * H, D)), rng.standard_normal((4 * H, H)),
        rng.standard_normal(4 * H), rng.standard_normal(4 * H)]


def start(path: Path, freeze: str, level: str | None = None, **limits) -> Sandbox:
    config = SandboxConfig(entry_points=("lstm_cell",), force_level=level, limits=Limits(**limits))
    sandbox = Sandbox(path, config, freeze=freeze)
    reply = sandbox.start()
    assert reply.message.get("ok"), reply.message
    return sandbox


def call(sandbox: Sandbox):
    reply = sandbox.request({"op": "call", "name": "lstm_cell", "args": ARGS, "kwargs": {}})
    assert reply.message.get("ok"), reply.message
    return reply


def answers(sandbox: Sandbox, calls: int = 4) -> list[tuple[np.ndarray, str]]:
    """``calls`` calls, PAUSE_S apart: (h, what it printed) of each."""
    out = []
    for i in range(calls):
        if i:
            time.sleep(PAUSE_S)
        message = call(sandbox).message
        out.append((np.asarray(message["value"][0]), message["output"]))
    return out


def has_cgroup_freezer() -> bool:
    group = cgroups.Cgroup.create(f"lstm-judge-test-{os.getpid()}", 1 << 26, 8)
    if group is None:
        return False
    group.remove()
    return group.freezer is not None


def cpu_seconds(sandbox: Sandbox) -> float:
    """utime + stime of every process under the one the judge started."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    table[int(entry)] = f.read().rsplit(b")", 1)[1].split()
            except OSError:
                pass
    todo, total, seen = [sandbox._proc.pid], 0, set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in table:
            continue
        seen.add(pid)
        total += int(table[pid][11]) + int(table[pid][12])
        todo += [p for p, f in table.items() if int(f[1]) == pid]
    return total / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
@pytest.mark.parametrize("freeze,level", MODES, ids=[f"{f}-{lv or 'auto'}" for f, lv in MODES])
@pytest.mark.parametrize("attack", ATTACKS, ids=[p.stem for p in ATTACKS])
def test_a_thread_left_running_gets_no_cpu_between_calls(attack, freeze, level):
    with start(attack, freeze, level) as sandbox:
        got = answers(sandbox)
        layers = sandbox.describe()["layers"]
    first = got[0][0]
    assert not np.all(first == 9.0)
    for h, output in got[1:]:
        assert "attack succeeded" not in output, output
        np.testing.assert_array_equal(h, first)
    frozen = [layer for layer in layers if layer.startswith("frozen between calls")]
    assert frozen, layers
    if freeze == "signals":
        assert "SIGSTOP" in frozen[0]
    elif has_cgroup_freezer():
        assert "cgroup" in frozen[0]


@pytest.mark.slow
@pytest.mark.parametrize("attack", ATTACKS, ids=[p.stem for p in ATTACKS])
def test_control_without_freezing_the_thread_computes_between_calls(attack):
    """The control: the same attack, with the freezer off, succeeds."""
    with start(attack, "off") as sandbox:
        got = answers(sandbox)
        missing = sandbox.describe()["missing"]
    assert "attack succeeded" in got[1][1], got[1][1]
    assert np.all(got[-1][0] == 9.0)
    assert any(m.startswith("freezer: turned off") for m in missing), missing


@pytest.mark.slow
@pytest.mark.parametrize("freeze,level", MODES + [("off", None)],
                         ids=[f"{f}-{lv or 'auto'}" for f, lv in MODES] + ["off-control"])
def test_a_frozen_child_uses_no_cpu(freeze, level):
    """The judge's view: between calls the child's CPU clock stands still (with
    freezing off, the control, its thread burns the whole pause)."""
    with start(COUNTER, freeze, level) as sandbox:
        call(sandbox)  # starts the spinning thread
        before = cpu_seconds(sandbox)
        time.sleep(PAUSE_S)
        used = cpu_seconds(sandbox) - before
        call(sandbox)  # thawed, it still answers
    if freeze == "off":
        assert used > PAUSE_S / 3, used
    else:
        assert used < 0.03, used


def test_time_spent_freezing_is_not_the_calls():
    """A freeze that takes longer than the whole per-call limit costs the child nothing:
    the call's clock stops while the judge freezes it."""
    with start(COUNTER, "auto", call_s=0.5) as sandbox:
        mechanism = sandbox._freezer.mechanism
        real = mechanism.freeze

        def slow_freeze():
            time.sleep(0.7)
            return real()

        mechanism.freeze = slow_freeze
        for _ in range(2):
            reply = call(sandbox)
            assert reply.wall_s < 0.5, reply.wall_s
        assert not any(m.startswith("freezer") for m in sandbox.describe()["missing"])


def test_a_child_not_frozen_in_time_is_reported():
    with start(COUNTER, "auto") as sandbox:
        sandbox._freezer.mechanism.freeze = lambda: False
        call(sandbox)
        missing = sandbox.describe()["missing"]
    assert any(m.startswith("freezer: the child was not frozen") for m in missing), missing


@pytest.mark.slow
def test_a_child_frozen_in_cgroup_v1_is_thawed_to_be_killed(monkeypatch):
    """v1's freezer hierarchy (used where there is no v2 group): a task frozen there
    ignores SIGKILL until thawed (the control, with a plain process), so the sandbox
    thaws before it kills; closing a frozen child leaves nothing."""
    v1 = cgroups.ROOT / "freezer"
    own = cgroups._own_groups()
    if os.getuid() != 0 or not v1.is_dir() or "freezer" not in own:
        pytest.skip("no writable cgroup v1 freezer hierarchy here")
    group = v1 / own["freezer"].lstrip("/") / f"lstm-judge-test-{os.getpid()}"
    group.mkdir()
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        (group / "cgroup.procs").write_text(str(sleeper.pid))
        (group / "freezer.state").write_text("FROZEN")
        os.kill(sleeper.pid, signal.SIGKILL)
        time.sleep(0.3)
        assert sleeper.poll() is None, "a task frozen in v1 died of SIGKILL"
    finally:
        (group / "freezer.state").write_text("THAWED")
        sleeper.wait(5)
        group.rmdir()

    monkeypatch.setattr(cgroups, "_freezer_dir",
                        lambda groups, name: (v1 / groups["freezer"].lstrip("/") / name, "v1"))
    sandbox = start(COUNTER, "auto")
    try:
        got = answers(sandbox, 3)
        assert sandbox._freezer.kind == "cgroup v1 freezer"
        assert all("attack succeeded" not in output for _, output in got)
        pids = sandbox._cgroup.pids()
        dirs = list(sandbox._cgroup.dirs)
        assert pids and (dirs[-1] / "freezer.state").read_text().strip() == "FROZEN"
    finally:
        started = time.monotonic()
        sandbox.close()
    assert time.monotonic() - started < 3
    assert not [p for p in pids if os.path.exists(f"/proc/{p}")]
    assert not [d for d in dirs if d.exists()]


# An application task's shape (train, then predict): train starts a thread that
# goes on "training" after it returns, the hole the issue measured (45 s of
# training against a 20 s budget).  predict reports the thread's own CPU time.
TRAINS_ON_AFTER_RETURN = '''
import threading
import time

CPU = [0.0]


def _train_on():
    while True:
        CPU[0] = time.thread_time()


def train(data, budget_s):
    threading.Thread(target=_train_on, daemon=True).start()
    return "model"


def predict(model, history):
    return CPU[0]
'''


@pytest.mark.slow
@pytest.mark.parametrize("freeze,level", MODES + [("off", None)],
                         ids=[f"{f}-{lv or 'auto'}" for f, lv in MODES] + ["off-control"])
def test_a_thread_left_training_after_train_returns_gets_no_cpu(tmp_path, freeze, level):
    """Between predict calls (the judge scoring, or waiting) the training thread
    gets no CPU; with freezing off (the control) it trains through the pause."""
    path = tmp_path / "application.py"
    path.write_text(TRAINS_ON_AFTER_RETURN, encoding="utf-8")
    config = SandboxConfig(entry_points=("train", "predict"), force_level=level)
    with Sandbox(path, config, freeze=freeze) as sandbox:
        assert sandbox.start().message.get("ok")

        def request(name, *args):
            reply = sandbox.request({"op": "call", "name": name, "args": list(args),
                                     "kwargs": {}})
            assert reply.message.get("ok"), reply.message
            return reply.message["value"]

        request("train", [0.0], 1.0)
        before = request("predict", "model", [0.0])
        time.sleep(PAUSE_S)
        trained = request("predict", "model", [0.0]) - before
    if freeze == "off":
        assert trained > PAUSE_S / 3, trained
    else:
        assert trained < 0.03, trained
