"""``batch --dask`` on real Dask clusters: a scheduler and two worker
processes started as users start them (``dask scheduler``, ``dask worker``)
on loopback, and ``--dask local:2``.  A mixed cohort graded on either gives
the results a local batch gives; a worker killed mid-submission loses
nothing and records nothing twice; without Dask, ``--dask`` says how to get it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from judge_cli import environment, run, start

try:
    import distributed  # noqa: F401
except ImportError:  # a plain install may leave the extra out; CI must not
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI must test batch --dask: setup.sh installs the dask extra")
    pytest.skip("the dask extra is not installed (pip install 'lstm-judge[dask]')",
                allow_module_level=True)

REPO = Path(__file__).resolve().parents[2]
CELL = REPO / "solutions" / "cell"
REFERENCE = (CELL / "accepted" / "reference.py").read_text()
# Accepted, but slow to import: a worker can be caught grading it.
SLOW = "import time\ntime.sleep(2.5)\n" + REFERENCE
STARTUP_S = 60
DASK = [sys.executable, "-m", "dask"]  # `dask scheduler`, `dask worker`, as users run them


def mixed_cohort(root: Path) -> Path:
    """Right, wrong, crashing and unparsable submissions, two of them identical."""
    root.mkdir(parents=True)
    files = {"alice": CELL / "accepted" / "reference.py", "bob": CELL / "accepted" / "reference.py",
             "carol": CELL / "accepted" / "concat.py", "dan": CELL / "wrong" / "no_b_hh.py",
             "erin": CELL / "wrong" / "runtime_error.py", "fay": CELL / "wrong" / "syntax_error.py"}
    for name, source in files.items():
        (root / f"{name}.py").write_bytes(source.read_bytes())
    return root


def outcome(out: Path) -> dict:
    """What a batch decided, per candidate: everything but times, paths and the worker."""
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    names = [r["candidate"] for r in records]
    assert len(names) == len(set(names)), f"a candidate was recorded twice: {names}"
    return {r["candidate"]: (r["verdict"], r["score"], r["problem_digest"], r["submission_sha256"],
                             [(t["name"], t["verdict"], t["score"]) for t in r["tests"]])
            for r in records}


class Cluster:
    """A scheduler and workers, each a process of its own, as a user starts them."""

    def __init__(self, tmp: Path, workers: int, *worker_args: str):
        self.tmp, self.env = tmp, environment(DASK_TEMPORARY_DIRECTORY=str(tmp))
        self.file = tmp / "scheduler.json"
        # port 0: any free port (8786 may be another cluster's), read from the file
        self.scheduler = self._start([*DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                      "--scheduler-file", str(self.file),
                                      "--dashboard-address", ":0", "--no-show"])
        deadline = time.monotonic() + STARTUP_S
        while not self.file.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]
        self.workers = [self._start([*DASK, "worker", self.address,
                                    "--nthreads", "1", "--host", "127.0.0.1",
                                    "--local-directory", str(tmp / f"worker{i}"), *worker_args])
                        for i in range(workers)]
        self._wait_for(workers)

    def _start(self, argv):
        return subprocess.Popen(argv, env=self.env, cwd=self.tmp, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

    def _wait_for(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(n, timeout=STARTUP_S)

    def close(self) -> None:
        for proc in self.workers + [self.scheduler]:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path, 2)
    yield c
    c.close()


@pytest.fixture(scope="module")
def local_batch(tmp_path_factory):
    """The cohort graded by a plain local batch: what every cluster must match."""
    tmp = tmp_path_factory.mktemp("local")
    subs = mixed_cohort(tmp / "subs")
    res = run("batch", "cell", subs, "--out", tmp / "out", "-j", "2", "--no-gradebook")
    assert res.code == 0, res
    return subs, outcome(tmp / "out")


def test_a_separately_started_cluster_grades_as_a_local_batch(local_batch, cluster, tmp_path):
    subs, expected = local_batch
    res = run("batch", "cell", subs, "--out", tmp_path / "out", "--dask", cluster.address,
              "--no-gradebook")
    assert res.code == 0, res
    assert outcome(tmp_path / "out") == expected
    verdicts = {v[0] for v in expected.values()}
    assert {"accepted", "wrong_answer", "compile_error"} <= verdicts  # a mixed cohort
    lines = (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    workers = {json.loads(line)["worker"] for line in lines}
    assert workers <= _worker_addresses(cluster.address), workers
    for name in ("results.csv", "junit.xml", "report.html"):
        assert (tmp_path / "out" / name).is_file()


def test_a_local_cluster_grades_as_a_local_batch(local_batch, tmp_path):
    subs, expected = local_batch
    res = run("batch", "cell", subs, "--out", tmp_path / "out", "--dask", "local:2",
              "--no-gradebook")
    assert res.code == 0, res
    assert outcome(tmp_path / "out") == expected
    # identical files of two candidates are two gradings, not one merged task
    assert expected["alice"][3] == expected["bob"][3]


def test_a_worker_killed_mid_submission_loses_nothing(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("ann", "ben", "cat", "dee"):
        (subs / f"{name}.py").write_text(SLOW)
    cluster = Cluster(tmp_path, 2, "--no-nanny")  # a killed worker stays dead
    try:
        batch = start("batch", "cell", subs, "--out", tmp_path / "out", "--dask",
                      cluster.address, "--no-gradebook")
        victim = cluster.workers[0]
        judge = _wait_for_judge_under(victim.pid)
        template = _parent(judge)
        os.killpg(victim.pid, signal.SIGKILL)  # the machine dies: its worker, its judge
        for pid in (template, judge):           # template and the judge it forked
            os.kill(pid, signal.SIGKILL)
        out, err = batch.communicate(timeout=240)
        assert batch.returncode == 0, (out, err)
    finally:
        cluster.close()
    records = [json.loads(line)
               for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    assert sorted(r["candidate"] for r in records) == ["ann", "ben", "cat", "dee"]
    assert {r["verdict"] for r in records} == {"accepted"}, records
    # it was killed in its first task, so the other worker graded all four,
    # the killed one again
    assert len({r["worker"] for r in records}) == 1, [r["worker"] for r in records]


def test_without_dask_the_option_says_how_to_install_it(tmp_path):
    blocker = tmp_path / "no_dask" / "distributed"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('No module named distributed')\n")
    subs = mixed_cohort(tmp_path / "subs")
    env = environment()
    env["PYTHONPATH"] = os.pathsep.join([str(blocker.parent), env["PYTHONPATH"]])
    res = run("batch", "cell", subs, "--out", tmp_path / "out", "--dask", "local:2", env=env)
    assert res.code == 2 and res.out == "", res
    assert res.err.strip() == ("lstm-judge: error: --dask: needs Dask's distributed scheduler:"
                               " pip install 'lstm-judge[dask]'"), res
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("address, needle", [
    ("local:0", "give 1 to 256 workers"),
    ("local:two", "write local:N"),
    ("cluster.example", "neither local:N nor a scheduler's address"),
])
def test_a_bad_address_is_bad_input(tmp_path, address, needle):
    subs = mixed_cohort(tmp_path / "subs")
    res = run("batch", "cell", subs, "--out", tmp_path / "out", "--dask", address)
    assert res.code == 2 and res.out == "" and "Traceback" not in res.err, res
    assert len(res.err.strip().splitlines()) == 1 and needle in res.err, res
    assert not (tmp_path / "out").exists()


def _judges() -> list[tuple[int, str, int]]:
    """Every judge process: pid, command line, parent.  A judge is forked by
    a judge template (``python -m grader.forkserver``): a template's child."""
    cmdlines, parents = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdlines[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return [(pid, cmd.decode(errors="replace"), parents[pid]) for pid, cmd in cmdlines.items()
            if b"grader.forkserver" in cmd
            and b"grader.forkserver" in cmdlines.get(parents.get(pid), b"")]


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError):
        return None


def _wait_for_judge_under(ancestor: int, timeout: float = STARTUP_S, depth: int = 3) -> int:
    """The pid of a judge that ``ancestor`` started (a worker; under a nanny,
    the nanny's worker process; for ``local:N``, the batch itself)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid, _, ppid in _judges():
            up = ppid
            for _ in range(depth):
                if up == ancestor:
                    return pid
                up = _parent(up) if up else None
        time.sleep(0.05)
    raise AssertionError("the worker never started a judge")


def _worker_addresses(address: str) -> set[str]:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        return set(client.scheduler_info()["workers"])


def test_an_unreachable_scheduler_is_bad_input(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subs = mixed_cohort(tmp_path / "subs")
    res = run("batch", "cell", subs, "--out", tmp_path / "out", "--dask", f"tcp://127.0.0.1:{port}")
    assert res.code == 2 and res.out == "" and "Traceback" not in res.err, res
    assert len(res.err.strip().splitlines()) == 1 and "cannot reach the scheduler" in res.err, res
    assert not (tmp_path / "out").exists()


def test_ctrl_c_ends_every_judge_on_the_cluster_and_resume_finishes(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("ann", "ben", "cat", "dee"):
        (subs / f"{name}.py").write_text(SLOW)
    cluster = Cluster(tmp_path, 2)
    try:
        args = ("batch", "cell", subs, "--out", tmp_path / "out", "--dask", cluster.address,
                "--no-gradebook")
        batch = start(*args)
        judge = _wait_for_judge_under(cluster.workers[0].pid)
        batch.send_signal(signal.SIGINT)
        out, err = batch.communicate(timeout=120)
        assert batch.returncode == 130, (out, err)
        assert b"run again with --resume" in out, out
        deadline = time.monotonic() + 15
        while Path(f"/proc/{judge}").exists():  # the worker ended its judge
            assert time.monotonic() < deadline, "a judge on the cluster outlived the interrupt"
            time.sleep(0.1)
        res = run(*args, "--resume")
        assert res.code == 0, res
    finally:
        cluster.close()
    assert sorted(outcome(tmp_path / "out")) == ["ann", "ben", "cat", "dee"]


def test_ctrl_c_at_a_terminal_ends_a_local_cluster_quietly(tmp_path):
    """Ctrl-C reaches the whole foreground process group, the local cluster's
    workers too: exit 130, no traceback, no judge left running."""
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("ann", "ben", "cat"):
        (subs / f"{name}.py").write_text(SLOW)
    batch = start("batch", "cell", subs, "--out", tmp_path / "out", "--dask", "local:2",
                  "--no-gradebook", start_new_session=True)
    _wait_for_judge_under(batch.pid, timeout=STARTUP_S, depth=5)
    os.killpg(batch.pid, signal.SIGINT)
    out, err = batch.communicate(timeout=120)
    assert batch.returncode == 130, (out, err)
    assert b"Traceback" not in err and err.strip().endswith(b"lstm-judge: interrupted"), err
    time.sleep(1)
    assert not _judges(), _judges()
