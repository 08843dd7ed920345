"""Hostile submissions, each trying one attack, graded through the real CLI.

Every file under ``submissions/<category>/`` starts with header lines:

``# expect: <verdict>``   the overall verdict it must get (``a | b`` where the judge may
                          honestly give either, e.g. a limit that can trip in two ways)
``# score: 0`` / ``# score: full``   the score must be 0 / the maximum
``# why: ...``            what it tries (continued on following ``#`` lines)
``# also-process: yes``   also run it under ``--isolation process`` (the reading category
                          always is)
``# known-hole: ...``     a hole found in the judge and reported, not yet fixed: the test
                          is an xfail(strict=True), so it turns red once the hole is closed,
                          as a reminder to delete this line
``# known-hole-process: ...``  the same, only for the ``--isolation process`` run

Most files embed a correct ``lstm_cell`` and do their attack first: if the attack is
blocked they compute the right answer, so ``accepted`` proves both that the attack failed
and that the judge was not disturbed.  An attack that *succeeds* makes itself visible (it
prints what it found, raises and returns wrong values), so the test fails.

Sources may hold placeholders that the test fills in when it writes the file out:
``__HOSTILE_TOKEN__`` (a fresh hex string per run, for the names of escape files),
``__HOSTILE_PROBLEM_DIR__`` (the canary problem), ``__HOSTILE_REPO__``,
``__HOSTILE_SUBMISSION_DIR__``, ``__HOSTILE_JUDGE_TMP__`` (where the judge makes its
sandboxes), ``__HOSTILE_TCP_PORT__``, ``__HOSTILE_UDP_PORT__``, ``__HOSTILE_UNIX_PATH__``,
``__HOSTILE_ABSTRACT__``, ``__HOSTILE_VICTIM__`` (a file outside the sandbox whose
metadata must not change) and ``__HOSTILE_SENTINEL_PID__`` (a process of the test's that
must survive).

Each run is checked for: the declared verdict and score; exit code 0 or 1 and no
traceback; valid JSON on stdout; wall time within ``limits.total_s`` + 5 s; no canary in
stdout or stderr; nothing left behind (sandbox folders, files in /tmp, /dev/shm, /var/tmp,
the repository, the problem or the submission's folder, SysV IPC objects, processes); the
test's listeners saw no connection; the sentinel process and the victim file are
untouched; and the judge's own peak memory (VmHWM of the CLI process, not the child's)
stays under 1.5 GiB.  After each category a known-good submission must still be accepted
with full score.

All submissions run against a *canary problem*: a copy of problems/cell (folder still
named ``cell``) whose hidden material carries canary strings, with short limits so that
exhaustion attacks end quickly.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import judge_cli
import pytest
import yaml
from judge_cli import VERDICTS

from grader.authoring.headers import declared

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SUBMISSIONS = HERE / "submissions"
CONCURRENT = HERE / "concurrent"
REFERENCE = REPO / "solutions" / "cell" / "accepted" / "reference.py"
CATEGORIES = ("reading", "forging", "attacking", "exhausting", "reaching")

CANARY_LIMITS = {"call_s": 1, "total_s": 4, "cpu_s": 4, "memory_mb": 256, "response_mb": 8}
LIMIT_SLACK_S = 5.0  # wall time allowed past limits.total_s (interpreter start, clean-up)
HARD_TIMEOUT_S = 90.0  # a judge still running after this is killed and the test fails
MAX_JUDGE_PEAK_MB = 1536  # the judge process's own peak RSS
PROCESS_GRACE_S = 1.5
CANARY_PREFIX = "CANARY-"
# /tmp, /dev/shm and /var/tmp: every escape attempt in the suite uses a name holding the
# run's token, and those are always checked; any entry owned by the sandbox's uid is too.
# On a machine where nothing else runs (CI, or HOSTILE_STRICT_TMP=1) every other new
# top-level entry fails the test as well; on a shared development machine other programs
# make entries there all the time, so only the names above count.  (Our judges put their
# sandboxes in a private TMPDIR, which is checked exactly.)
STRICT_TMP = bool(os.environ.get("CI") or os.environ.get("HOSTILE_STRICT_TMP"))
FOREIGN_TMP_PREFIXES = ("lstm-judge-", "pytest-of-", "bash_tool_", "bash_jobs", "tmp")
# Other sessions add files to grader/, problems/, solutions/ and tests/ concurrently, so
# only new entries at the top level or under tests/hostile/, and any file anywhere named
# after an escape attempt (the run's token, "escape-"), fail the test.
REPO_WATCHED = ("", "tests/hostile")
REPO_SKIPPED_DIRS = {".git", "__pycache__", ".pytest_cache", ".venv", "build", "dist"}


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    path: Path | None  # None: the known-good reference, graded after a category
    isolation: str = "auto"
    headers: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        suffix = "" if self.isolation == "auto" else f"@{self.isolation}"
        return f"{self.category}/{self.name}{suffix}"

    @property
    def expected(self) -> set[str]:
        if self.path is None:
            return {"accepted"}
        return {v.strip() for v in re.split(r"\||\bor\b", self.headers["expect"]) if v.strip()}

    @property
    def score(self) -> str | None:
        return "full" if self.path is None else self.headers.get("score")


def collect_cases() -> list[Case]:
    cases = []
    process_cases = []
    for category in CATEGORIES:
        for path in sorted((SUBMISSIONS / category).glob("*.py")):
            headers = declared(path)
            case = Case(category, path.stem, path, "auto", headers)
            cases.append(case)
            if category == "reading" or headers.get("also-process") == "yes":
                process_cases.append(Case(category, path.stem, path, "process", headers))
        cases.append(Case(category, "~known-good-after", None))
    return cases + process_cases + [Case("process", "~known-good-after", None, "process")]


CASES = collect_cases()


def test_every_submission_declares_a_verdict():
    """The headers are well-formed, so that no file is silently judged on nothing."""
    problems = []
    for case in CASES:
        if case.path is None:
            continue
        if "expect" not in case.headers:
            problems.append(f"{case.id}: no '# expect:' header")
        elif not case.expected <= VERDICTS or "judge_error" in case.expected:
            problems.append(f"{case.id}: expect {case.expected} (judge_error is never right)")
        if case.headers.get("score") not in (None, "0", "full"):
            problems.append(f"{case.id}: '# score:' must be 0 or full")
        if "why" not in case.headers:
            problems.append(f"{case.id}: no '# why:' header")
        if CANARY_PREFIX in case.path.read_text(encoding="utf-8"):
            problems.append(f"{case.id}: holds the canary prefix literally (it would find itself)")
    for category in CATEGORIES:
        if len([c for c in CASES if c.category == category and c.path]) < 3:
            problems.append(f"category {category} has fewer than 3 submissions")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the world


class Listener:
    """A TCP, a UDP, a unix and an abstract unix socket in the judge's network namespace,
    recording every connection or datagram that reaches them."""

    def __init__(self, folder: Path):
        self.events: list[str] = []
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(16)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.unix_path = str(folder / f"listen-{secrets.token_hex(4)}.sock")
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind(self.unix_path)
        os.chmod(self.unix_path, 0o777)  # so that only the sandbox can stop a connection
        self.unix.listen(16)
        self.abstract_name = f"hostile-{secrets.token_hex(6)}"
        self.abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.abstract.bind("\0" + self.abstract_name)
        self.abstract.listen(16)
        self._stop = False
        for sock, kind in ((self.tcp, "tcp"), (self.unix, "unix"), (self.abstract, "abstract")):
            threading.Thread(target=self._accept, args=(sock, kind), daemon=True).start()
        threading.Thread(target=self._receive, daemon=True).start()

    @property
    def tcp_port(self) -> int:
        return self.tcp.getsockname()[1]

    @property
    def udp_port(self) -> int:
        return self.udp.getsockname()[1]

    def _accept(self, sock, kind):
        while not self._stop:
            try:
                conn, peer = sock.accept()
            except OSError:
                return
            self.events.append(f"{kind} connection from {peer!r}")
            conn.close()

    def _receive(self):
        while not self._stop:
            try:
                data, peer = self.udp.recvfrom(65536)
            except OSError:
                return
            self.events.append(f"udp datagram from {peer!r}: {data[:60]!r}")

    def close(self):
        self._stop = True
        for sock in (self.tcp, self.udp, self.unix, self.abstract):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        try:
            os.unlink(self.unix_path)
        except OSError:
            pass


@dataclass
class World:
    root: Path
    problem: Path
    judge_tmp: Path
    subs: Path
    runs: Path
    canaries: dict[str, str]
    listener: Listener
    victim: Path
    victim_state: tuple
    sentinel: subprocess.Popen

    def env(self, judge_tmp: Path | None = None) -> dict:
        env = dict(os.environ)
        env.pop("LSTM_JUDGE_PROBLEMS", None)
        env["TMPDIR"] = str(judge_tmp or self.judge_tmp)
        env["LSTM_JUDGE_CANARY_ENV"] = self.canaries["env"]
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env


def file_state(path: Path) -> tuple:
    st = os.lstat(path)
    try:
        xattrs = tuple(sorted(os.listxattr(path)))
    except OSError:
        xattrs = ()
    return (st.st_mode, st.st_uid, st.st_gid, st.st_mtime_ns, st.st_size, xattrs,
            path.read_bytes())


def make_canary_problem(root: Path) -> tuple[Path, dict[str, str]]:
    """problems/cell copied to <root>/problems/cell with canaries in its hidden material
    and short limits; every part world-readable, as in a real checkout, so that only the
    sandbox (not file modes) keeps the child out."""
    problem = root / "problems" / "cell"
    shutil.copytree(REPO / "problems" / "cell", problem,
                    ignore=shutil.ignore_patterns("__pycache__"))
    canaries = {k: CANARY_PREFIX + secrets.token_hex(12) for k in ("tests", "tests_data", "data", "env")}
    with open(problem / "tests" / "test_cell.py", "a", encoding="utf-8") as f:
        f.write(f"\n# {canaries['tests']}\n")
    (problem / "tests" / "data").mkdir()
    (problem / "tests" / "data" / "secret.txt").write_text(canaries["tests_data"] + "\n")
    (problem / "data").mkdir(exist_ok=True)
    (problem / "data" / "secret.txt").write_text(canaries["data"] + "\n")
    spec_file = problem / "problem.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    spec.setdefault("limits", {}).update(CANARY_LIMITS)
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    for dirpath, dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)
    return problem, canaries


@pytest.fixture(scope="module")
def world():
    root = Path(tempfile.mkdtemp(prefix="hostile-"))
    problem, canaries = make_canary_problem(root / "canary")
    os.chmod(root, 0o755)
    judge_tmp = root / "judge-tmp"
    judge_tmp.mkdir()
    os.chmod(judge_tmp, 0o711)  # like /tmp: a child with a uid of its own passes through
    subs = root / "subs"
    subs.mkdir(mode=0o755)
    runs = root / "runs"
    runs.mkdir(mode=0o700)
    victim = root / "victim" / "file.txt"
    victim.parent.mkdir(mode=0o755)
    victim.write_text("a file outside every sandbox\n")
    os.chmod(victim, 0o644)
    listener = Listener(root)
    sentinel = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
    w = World(root, problem, judge_tmp, subs, runs, canaries, listener, victim,
              file_state(victim), sentinel)
    try:
        yield w
    finally:
        listener.close()
        sentinel.kill()
        sentinel.wait()
        # rm, not shutil.rmtree: a leftover of a known hole can be thousands of levels deep
        subprocess.run(["rm", "-rf", "--", str(root)], check=False)


# --------------------------------------------------------------------------- running


@dataclass
class JudgeRun:
    args: list[str]
    code: int
    out: str
    err: str
    elapsed: float
    peak_kb: int  # VmHWM of the judge process itself
    maxrss_kb: int  # rusage: the judge and every descendant it reaped
    data: dict | None

    def __str__(self) -> str:
        return (f"exit {self.code} after {self.elapsed:.1f} s, judge peak {self.peak_kb >> 10} MiB\n"
                f"--- stdout ---\n{self.out[-4000:]}\n--- stderr ---\n{self.err[-3000:]}")


def _vm_hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def start_judge(world: World, submission: Path, isolation: str = "auto",
                judge_tmp: Path | None = None):
    args = ["submit", world.problem, submission, "--format", "json"]
    if isolation != "auto":
        args += ["--isolation", isolation]
    tag = secrets.token_hex(4)
    out = open(world.runs / f"{tag}.out", "w+b")
    err = open(world.runs / f"{tag}.err", "w+b")
    proc = judge_cli.start(*args, env=world.env(judge_tmp), stdin=subprocess.DEVNULL,
                           stdout=out, stderr=err)
    return proc, proc.args, out, err, time.monotonic(), PeakSampler(proc.pid)


class PeakSampler(threading.Thread):
    """Reads the judge's VmHWM (its own peak RSS, children excluded) every 10 ms until it
    exits; the peak is monotonic, so only the last ~10 ms could be missed."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()
        self.start()

    def run(self):
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, _vm_hwm_kb(self.pid))
            time.sleep(0.01)


def finish_judge(started) -> JudgeRun:
    proc, args, out, err, start, sampler = started
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > HARD_TIMEOUT_S:
            proc.kill()
            sampler.done.set()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            pytest.fail(f"the judge ran past {HARD_TIMEOUT_S} s and was killed: {args}")
        time.sleep(0.01)
    elapsed = time.monotonic() - start  # (for a judge finished late, an upper bound)
    sampler.done.set()
    sampler.join()
    peak = sampler.peak_kb
    proc.returncode = os.waitstatus_to_exitcode(status)
    texts = []
    for f in (out, err):
        f.seek(0)
        texts.append(f.read().decode("utf-8", "replace"))
        f.close()
        os.unlink(f.name)
    try:
        data = json.loads(texts[0])
        data = data if isinstance(data, dict) else None
    except ValueError:
        data = None
    return JudgeRun(args, proc.returncode, texts[0], texts[1], elapsed, peak,
                    usage.ru_maxrss, data)


def materialise(world: World, source: Path, token: str, label: str) -> Path:
    folder = world.subs / f"{label}-{token}"
    folder.mkdir(mode=0o755)
    target = folder / f"{source.stem}__{token}.py"
    text = source.read_text(encoding="utf-8")
    values = {
        "__HOSTILE_TOKEN__": token,
        "__HOSTILE_PROBLEM_DIR__": str(world.problem),
        "__HOSTILE_REPO__": str(REPO),
        "__HOSTILE_SUBMISSION_DIR__": str(folder),
        "__HOSTILE_JUDGE_TMP__": str(world.judge_tmp),
        "__HOSTILE_TCP_PORT__": str(world.listener.tcp_port),
        "__HOSTILE_UDP_PORT__": str(world.listener.udp_port),
        "__HOSTILE_UNIX_PATH__": world.listener.unix_path,
        "__HOSTILE_ABSTRACT__": world.listener.abstract_name,
        "__HOSTILE_VICTIM__": str(world.victim),
        "__HOSTILE_SENTINEL_PID__": str(world.sentinel.pid),
    }
    for key, value in values.items():
        text = text.replace(key, value)
    assert "__HOSTILE_" not in text, f"{source}: unknown placeholder"
    target.write_text(text, encoding="utf-8")
    os.chmod(target, 0o644)
    return target


# --------------------------------------------------------------------------- leftovers


def _listing(folder: str) -> set[str]:
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def _repo_files() -> set[str]:
    found = set()
    for dirpath, dirnames, filenames in os.walk(REPO):
        dirnames[:] = [d for d in dirnames if d not in REPO_SKIPPED_DIRS
                       and not d.endswith(".egg-info")]
        rel = os.path.relpath(dirpath, REPO)
        for name in dirnames + filenames:
            found.add(os.path.normpath(os.path.join(rel, name)))
    return found


def _owner(folder: str, name: str) -> int:
    try:
        return os.lstat(os.path.join(folder, name)).st_uid
    except OSError:
        return -1


def _sysvipc() -> set[str]:
    lines = set()
    for kind in ("shm", "sem", "msg"):
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                lines |= {f"{kind}:{' '.join(line.split()[:2])}" for line in f.readlines()[1:]}
        except OSError:
            pass
    return lines


def _remove_sysvipc(objects: set[str]) -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    IPC_RMID = 0
    for item in objects:
        kind, _, rest = item.partition(":")
        ident = int(rest.split()[1])
        if kind == "shm":
            libc.shmctl(ident, IPC_RMID, None)
        elif kind == "sem":
            libc.semctl(ident, 0, IPC_RMID)
        elif kind == "msg":
            libc.msgctl(ident, IPC_RMID, None)


def _tree(folder: Path) -> set[str]:
    out = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in dirnames + filenames:
            out.add(os.path.relpath(os.path.join(dirpath, name), folder))
    return out


@dataclass
class Snapshot:
    tmp: dict[str, set[str]]
    repo: set[str]
    problem: set[str]
    ipc: set[str]
    pids: set[int]


def snapshot(world: World) -> Snapshot:
    return Snapshot({d: _listing(d) for d in ("/tmp", "/dev/shm", "/var/tmp")}, _repo_files(),
                    _tree(world.problem), _sysvipc(), _pids())


def _pids() -> set[int]:
    return {int(p) for p in os.listdir("/proc") if p.isdigit()}


def _cmdline(pid) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _status(pid) -> dict:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                out[key] = value.strip()
    except OSError:
        pass
    return out


def _owned_by_a_judge(pid: int) -> bool:
    """Whether a running judge (or a test process) is among ``pid``'s ancestors: a worker
    whose judge is gone has been re-parented to init."""
    seen = set()
    while pid > 1 and pid not in seen:
        seen.add(pid)
        pid = int(_status(pid).get("PPid", "0") or 0)
        cmd = _cmdline(pid)
        if "grader" in cmd or "pytest" in cmd or "lstm-judge" in cmd:
            return True
    return False


def leftover_processes(markers: list[str], uid) -> list[str]:
    me = os.getpid()
    found = []
    for pid in _pids():
        if pid == me:
            continue
        cmd = _cmdline(pid)
        status = _status(pid)
        if not status:
            continue
        real_uid = int(status.get("Uid", "-1 0").split()[0])
        if any(m in cmd for m in markers):
            found.append(f"{pid} (names this run): {cmd[:200]}")
        elif isinstance(uid, int) and uid > 0 and real_uid == uid:
            found.append(f"{pid} (runs as the sandbox's uid {uid}): {cmd[:200]}")
        elif ("worker.py" in cmd or cmd.startswith("bwrap")) and not _owned_by_a_judge(pid):
            found.append(f"{pid} (an orphaned sandbox process): {cmd[:200]}")
    return found


def check_clean(world: World, before: Snapshot, run: JudgeRun, submission: Path | None,
                token: str, judge_tmp: Path | None = None) -> list[str]:
    """Everything this run left behind, as a list of complaints."""
    problems = []
    judge_tmp = judge_tmp or world.judge_tmp
    left = sorted(os.listdir(judge_tmp))
    if left:
        problems.append(f"the judge left {left} in its TMPDIR {judge_tmp}")
        for name in left:  # do not let one failure spoil the next cases' checks
            subprocess.run(["rm", "-rf", "--", str(judge_tmp / name)], check=False)
    uid = ((run.data or {}).get("isolation") or {}).get("uid")
    for folder, names in before.tmp.items():
        fresh = _listing(folder) - names
        new = {n for n in fresh if token in n or "escape-" in n}
        new |= {n for n in fresh if isinstance(uid, int) and uid > 0 and _owner(folder, n) == uid}
        if STRICT_TMP:
            new |= {n for n in fresh if not n.startswith(FOREIGN_TMP_PREFIXES)}
        if new:
            problems.append(f"new entries in {folder}: {sorted(new)}")
    now = _repo_files()
    new = {p for p in now - before.repo
           if os.path.dirname(p) in REPO_WATCHED or p.startswith("tests/hostile/")}
    new |= {p for p in now if token in p or "escape-" in p}
    new = {p for p in new if "__pycache__" not in p}
    if new:
        problems.append(f"new files in the repository: {sorted(new)}")
    new = _tree(world.problem) ^ before.problem
    if new:
        problems.append(f"the canary problem changed: {sorted(new)}")
    if submission is not None:
        beside = sorted(os.listdir(submission.parent))
        if beside != [submission.name]:
            problems.append(f"the submission's folder now holds {beside}")
    ipc = _sysvipc() - before.ipc
    if ipc:
        problems.append(f"new SysV IPC objects: {sorted(ipc)}")
        _remove_sysvipc(ipc)  # so that one failure does not leave them on the machine
    markers = [str(judge_tmp)] + ([submission.name] if submission is not None else [])
    deadline = time.monotonic() + PROCESS_GRACE_S
    while True:
        procs = leftover_processes(markers, uid)
        if not procs or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if procs:
        problems.append(f"processes left running: {procs}")
    if world.listener.events:
        problems.append(f"the test's listeners were reached: {world.listener.events}")
        world.listener.events.clear()
    if world.sentinel.poll() is not None:
        problems.append("the test's sentinel process was killed")
    if file_state(world.victim) != world.victim_state:
        problems.append(f"the victim file {world.victim} outside the sandbox was changed")
    return problems


def check_run(world: World, run: JudgeRun, *, check_canaries: bool = True) -> list[str]:
    """The judge itself behaved: exit code, JSON, no traceback, limits, memory, no canary."""
    problems = []
    if run.code not in (0, 1):
        problems.append(f"exit code {run.code} (must be 0 or 1)")
    if "Traceback" in run.err:
        problems.append("a traceback on stderr")
    if run.data is None or "verdict" not in run.data:
        problems.append("stdout is not one JSON result")
    total = float(((run.data or {}).get("limits") or {}).get("total_s", CANARY_LIMITS["total_s"]))
    if run.elapsed > total + LIMIT_SLACK_S:
        problems.append(f"took {run.elapsed:.1f} s, over limits.total_s={total:g} + {LIMIT_SLACK_S:g} s")
    if run.peak_kb == 0:
        problems.append("the judge's peak memory could not be read from /proc")
    if run.peak_kb > MAX_JUDGE_PEAK_MB << 10:
        problems.append(f"the judge's peak memory was {run.peak_kb >> 10} MiB "
                        f"(over {MAX_JUDGE_PEAK_MB} MiB)")
    if check_canaries:
        for where, text in (("stdout", run.out), ("stderr", run.err)):
            leaked = [k for k, v in world.canaries.items() if v in text]
            if leaked or CANARY_PREFIX in text:
                problems.append(f"canary {leaked or CANARY_PREFIX} appears in the judge's {where}")
    return problems


def _isolation_problems(case: Case, run: JudgeRun) -> tuple[list[str], bool]:
    """For --isolation process: an honest report.  Returns (problems, landlock_in_force)."""
    iso = (run.data or {}).get("isolation") or {}
    if case.isolation != "process":
        return [], True
    problems = []
    if iso.get("level") != "process":
        problems.append(f"isolation.level is {iso.get('level')!r}, not 'process'")
    if not iso.get("missing"):
        problems.append("isolation.missing is empty at the process level")
    landlock = any("Landlock" in layer for layer in iso.get("layers") or [])
    return problems, landlock


# --------------------------------------------------------------------------- the tests


def _marks(case: Case):
    hole = case.headers.get("known-hole")
    if case.isolation == "process":
        hole = hole or case.headers.get("known-hole-process")
    if hole:
        return [pytest.mark.xfail(strict=True, reason=f"known hole: {hole}")]
    return []


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=_marks(c)) for c in CASES])
def test_hostile(world, case):
    token = secrets.token_hex(8)
    source = case.path or REFERENCE
    label = f"{case.category}-{case.name}".replace("~", "")
    submission = materialise(world, source, token, label)
    before = snapshot(world)
    run = finish_judge(start_judge(world, submission, case.isolation))
    problems, landlock = _isolation_problems(case, run)
    # Under --isolation process without Landlock nothing is promised about reads:
    # only the honest report (and the judge's own behaviour) is checked.
    strict = landlock or case.category != "reading"
    problems += check_run(world, run, check_canaries=strict)
    if strict and run.data:
        verdict = run.data.get("verdict")
        if verdict not in case.expected:
            problems.append(f"verdict {verdict!r}, expected {' or '.join(sorted(case.expected))}")
        score, top = run.data.get("score"), run.data.get("max_score")
        if case.score == "0" and score != 0:
            problems.append(f"score {score}, expected 0")
        if case.score == "full" and score != top:
            problems.append(f"score {score}, expected the full {top}")
    problems += check_clean(world, before, run, submission, token)
    shutil.rmtree(submission.parent, ignore_errors=True)
    assert not problems, f"{case.id}:\n  - " + "\n  - ".join(problems) + f"\n{run}"


@pytest.mark.parametrize("isolation", ["auto", "process"])
def test_two_judges_at_once(world, isolation):
    """A spinning submission, the reference and a submission that looks for other
    sandboxes, graded by three judges at the same time sharing one TMPDIR (so that the
    sandboxes are siblings): each gets its own verdict, and the looker sees no other
    sandbox's folder."""
    token = secrets.token_hex(8)
    shared = world.root / f"shared-tmp-{token}"
    shared.mkdir()
    os.chmod(shared, 0o711)
    spinner = materialise(world, CONCURRENT / "spinner.py", token, "spinner")
    reference = materialise(world, REFERENCE, token, "reference")
    looker_source = (CONCURRENT / "looker.py").read_text(encoding="utf-8")
    looker_source = looker_source.replace("__HOSTILE_JUDGE_TMP__", str(shared))
    looker = world.subs / f"looker-{token}" / f"looker__{token}.py"
    looker.parent.mkdir()
    looker.write_text(looker_source, encoding="utf-8")
    before = snapshot(world)

    first = start_judge(world, spinner, isolation, shared)
    deadline = time.monotonic() + 15
    while not any(n.startswith("lstm-judge-") for n in os.listdir(shared)):
        assert time.monotonic() < deadline and first[0].poll() is None, \
            "the spinning submission's sandbox never appeared"
        time.sleep(0.02)
    others = [start_judge(world, reference, isolation, shared),
              start_judge(world, looker, isolation, shared)]
    runs = [finish_judge(s) for s in others] + [finish_judge(first)]
    problems = []
    landlock = True
    for run, want in zip(runs, ("accepted", "accepted", "time_limit_exceeded")):
        p, landlock_here = _isolation_problems(Case("concurrent", "x", None, isolation), run)
        landlock = landlock and landlock_here
        problems += p + check_run(world, run)
        got = (run.data or {}).get("verdict")
        if got != want and not (want == "accepted" and run is runs[1] and not landlock_here):
            problems.append(f"{run.args[4]}: verdict {got!r}, expected {want!r}\n{run}")
    assert runs[0].elapsed < runs[2].elapsed, "the reference waited for the spinning judge"
    for run, sub in zip(runs, (reference, looker, spinner)):
        problems += check_clean(world, before, run, sub, token, shared)
    shared.rmdir()
    for sub in (spinner, reference, looker):
        shutil.rmtree(sub.parent, ignore_errors=True)
    assert not problems, "\n  - ".join(["concurrent judges:"] + problems)


# Readers marked ``# control: none`` have nothing to find on this machine outside a
# sandbox either, so they have no control run.
CONTROLS = [c for c in CASES if c.path and c.isolation == "auto"
            and (c.category == "reading" or c.headers.get("control") == "yes")
            and c.headers.get("control") != "none"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CONTROLS])
def test_attacks_work_without_a_sandbox(world, case):
    """The control experiment: run outside any sandbox (a plain interpreter, as root, with
    the judge's environment), each reader finds what it looks for and each attack marked
    ``# control: yes`` succeeds (its SUCCEEDED list fills, or the test's listeners are
    reached).  So an ``accepted`` under the judge means the sandbox stopped the attack, not
    that the attack was broken.  Only attacks that are harmless outside a sandbox are
    marked (never the ones that kill, fork or fill the disk)."""
    token = secrets.token_hex(8)
    submission = materialise(world, case.path, token, f"control-{case.name}")
    work = submission.parent / "work"
    work.mkdir()
    var = "FOUND" if case.category == "reading" else "SUCCEEDED"
    code = ("import runpy, sys; g = runpy.run_path(sys.argv[1]); "
            f"print('COUNT', len(g[{var!r}])); print(*g[{var!r}][:3], sep='\\n')")
    world.listener.events.clear()
    try:
        proc = subprocess.run([sys.executable, "-c", code, str(submission)], cwd=work,
                              env=world.env(), capture_output=True, text=True, timeout=60)
        time.sleep(0.2)  # let the listeners' threads record what arrived
    finally:
        shutil.rmtree(submission.parent, ignore_errors=True)
    reached = list(world.listener.events)
    world.listener.events.clear()
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "COUNT 0" not in proc.stdout or reached, \
        f"{case.id} achieves nothing even without a sandbox"
    assert file_state(world.victim) == world.victim_state, "the control changed the victim"
