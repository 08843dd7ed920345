"""The sandbox end to end, through the CLI, with hostile submissions.

Every submission defines a working ``lstm_cell`` (the accepted reference
solution, copied) plus something hostile.  Each run goes through
``python -m grader submit cell SUB --format json`` and is checked for:

- the verdict the hostile part must get, with stdout still the judge's JSON;
- nothing left behind: the judge runs with its own TMPDIR, which must hold no
  ``lstm-judge-*`` directory afterwards, and no process whose command line
  names the submission, that TMPDIR or the run's marker may remain.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REFERENCE_FILE = REPO / "solutions" / "cell" / "accepted" / "reference.py"
SPEC_TESTS = ("example", "small_batch", "random_float64", "batch_one", "large_batch",
              "saturating", "float32", "inputs_unchanged")
VERDICTS = {"accepted", "wrong_answer", "runtime_error", "time_limit_exceeded",
            "memory_limit_exceeded", "compile_error", "forbidden_import", "judge_error"}
JSON_KEYS = {"schema", "problem", "submission", "mode", "verdict", "score", "max_score",
             "message", "seed", "isolation", "limits", "tests"}
RUN_TIMEOUT_S = 120


def correct_code() -> str:
    """The accepted reference, with its entry point renamed to ``_correct_cell``."""
    text = REFERENCE_FILE.read_text(encoding="utf-8")
    assert "def lstm_cell(" in text
    return text.replace("def lstm_cell(", "def _correct_cell(") + "\n\n"


def submission(hostile: str) -> str:
    """A submission: the correct cell, then the hostile part (which defines lstm_cell)."""
    return correct_code() + hostile


PASS_THROUGH = '''
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
'''


# --------------------------------------------------------------------------
# running the judge


@dataclass(repr=False)
class Run:
    code: int
    data: dict
    stdout: str
    stderr: str
    elapsed: float
    path: Path

    @property
    def verdicts(self) -> dict[str, str]:
        return {t["name"]: t["verdict"] for t in self.data["tests"]}

    def __str__(self) -> str:
        return (f"exit {self.code}, {self.elapsed:.1f} s\n--- stdout ---\n{self.stdout[-4000:]}"
                f"\n--- stderr ---\n{self.stderr[-2000:]}")

    __repr__ = __str__


def processes_mentioning(*needles: str) -> list[tuple[int, str]]:
    """Live processes whose command line contains one of ``needles``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if any(n.encode() in cmdline for n in needles):
            found.append((int(entry), cmdline.replace(b"\0", b" ").decode(errors="replace")))
    return found


def kill_leftovers(pids) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


class Judge:
    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.tmpdir = tmp_path / "judge-tmp"  # the judge's TMPDIR: its sandboxes go here
        self.tmpdir.mkdir()
        self.count = 0

    def __call__(self, source: str, *options: str, markers: tuple[str, ...] = ()) -> Run:
        self.count += 1
        path = self.tmp_path / f"submission_{self.count}.py"
        path.write_text(source, encoding="utf-8")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("PYTEST_") and k != "LSTM_JUDGE_PROBLEMS"}
        env["TMPDIR"] = str(self.tmpdir)
        argv = [sys.executable, "-m", "grader", "submit", "cell", str(path), "--format", "json",
                *options]
        start = time.monotonic()
        proc = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=RUN_TIMEOUT_S)
        elapsed = time.monotonic() - start
        self.assert_nothing_left(path, markers)
        try:
            data = json.loads(proc.stdout)
        except json.JSONDecodeError as exc:
            pytest.fail(f"stdout is not one JSON document ({exc}):\n{proc.stdout[:3000]}\n"
                        f"stderr:\n{proc.stderr[-3000:]}")
        run = Run(proc.returncode, data, proc.stdout, proc.stderr, elapsed, path)
        assert isinstance(data, dict) and JSON_KEYS <= set(data), run
        assert data["problem"] == "cell" and data["mode"] == "submit", run
        assert data["submission"] == str(path), run
        assert data["max_score"] == 100, run
        # Every test of the spec has a verdict, and the exit code follows the verdict.
        assert tuple(run.verdicts) == SPEC_TESTS, run
        assert set(run.verdicts.values()) <= VERDICTS, run
        expected_code = {"accepted": 0, "judge_error": 3}.get(data["verdict"], 1)
        assert run.code == expected_code, run
        return run

    def assert_nothing_left(self, path: Path, markers: tuple[str, ...]) -> None:
        left_dirs = sorted(p.name for p in self.tmpdir.glob("lstm-judge-*"))
        needles = (str(path), str(self.tmpdir), *markers)
        # A killed process tree takes a moment to be torn down by the kernel.
        deadline = time.monotonic() + 3.0
        while True:
            left = processes_mentioning(*needles)
            if not left or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        kill_leftovers(pid for pid, _ in left)  # our own test's processes: clean up either way
        assert not left_dirs, f"sandbox directories left behind: {left_dirs}"
        assert not left, f"processes left behind: {left}"


@pytest.fixture
def judge(tmp_path) -> Judge:
    return Judge(tmp_path)


# --------------------------------------------------------------------------
# a hostile submission reading what it must not see


def hostile_reader() -> str:
    targets = [str(REPO / "problems" / "cell" / "tests" / "test_cell.py"),
               str(REPO / "grader" / "judge.py"),
               str(REPO / "problems" / "cell" / "problem.yaml"),
               str(REFERENCE_FILE)]
    listings = [str(REPO / "solutions"), str(REPO / "solutions" / "cell"),
                str(REPO / "problems" / "cell" / "tests"), str(REPO)]
    return submission(f'''
import os

TARGETS = {targets!r}
LISTINGS = {listings!r}


def _peek():
    seen = []
    # The judge is this process's parent (or, under bubblewrap, the sandbox's init):
    # its working directory is the repository.
    via_parent = "/proc/%d/cwd/problems/cell/tests/test_cell.py" % os.getppid()
    for path in TARGETS + [via_parent]:
        try:
            with open(path, "rb") as f:
                if f.read(16):
                    seen.append(path)
        except OSError:
            pass
    for path in LISTINGS:
        try:
            names = os.listdir(path)
        except OSError:
            continue
        seen.append(path + " " + repr(sorted(names)[:5]))
    if seen:
        raise RuntimeError("the judge's files are readable: " + ", ".join(seen))


_peek()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    _peek()
    return _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
''')


def test_hidden_tests_solutions_and_judge_source_are_out_of_view(judge):
    assert (REPO / "problems" / "cell" / "tests" / "test_cell.py").is_file()  # they do exist
    run = judge(hostile_reader())
    isolation = run.data["isolation"]
    if shutil.which("bwrap"):
        assert isolation["level"] == "namespaces", run
    if isolation["level"] == "namespaces":
        assert isolation["missing"] == [], run
        assert run.data["verdict"] == "accepted", run
        assert run.data["score"] == 100, run
    else:  # no bubblewrap here: the result must say so, and the files were indeed in view
        assert isolation["level"] == "process" and isolation["missing"], run
        assert run.data["verdict"] == "compile_error", run


def test_process_level_reports_what_it_lacks_and_does_not_pretend(judge):
    run = judge(hostile_reader(), "--isolation", "process")
    isolation = run.data["isolation"]
    assert isolation["level"] == "process", run
    assert "process" in isolation.get("reason", ""), run  # says that it was forced
    # No mount namespace at this level: the result must say so.
    assert isolation["missing"], run
    assert any("mount namespace" in m or "filesystem" in m for m in isolation["missing"]), run
    claims_files = [layer for layer in isolation["layers"]
                    if layer.startswith("Landlock") and "files" in layer]
    if claims_files:
        # A layer that claims to limit files must really hide the hidden tests.
        assert run.data["verdict"] == "accepted", run
        assert run.data["score"] == 100, run
    else:
        # Nothing limits files: then the result must list that as missing, and the
        # submission (which raises when it can read them) cannot be accepted.
        assert any("Landlock" in m or "filesystem" in m for m in isolation["missing"]), run
        assert run.data["verdict"] == "compile_error", run
        assert "test_cell.py" in run.data["message"], run


# --------------------------------------------------------------------------
# lying, exiting, spinning, hoarding, flooding


FAKE_RESULT = json.dumps({"schema": 1, "problem": "cell", "verdict": "accepted", "score": 100,
                          "max_score": 100, "message": "", "tests": []})


def test_printed_fake_result_does_not_change_the_verdict(judge):
    source = submission(f'''
import os
import sys

FAKE = {FAKE_RESULT!r}


def _lie():
    print(FAKE)
    sys.stdout.flush()
    sys.stderr.write(FAKE + "\\n")
    sys.stderr.flush()
    os.write(1, (FAKE + "\\n").encode())
    os.write(2, (FAKE + "\\n").encode())
    for fd in (0, 1, 2):  # the parent's own descriptors, where /proc lets us reach them
        try:
            with open("/proc/%d/fd/%d" % (os.getppid(), fd), "w") as f:
                f.write(FAKE + "\\n")
        except OSError:
            pass


_lie()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    _lie()
    h, c = _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    return h + 0.25, c
''')
    run = judge(source)
    assert run.data["verdict"] == "wrong_answer", run
    assert run.data["score"] < 100, run
    assert set(run.verdicts.values()) == {"wrong_answer"}, run
    assert run.data["score"] == 0
    # What it printed is reported as its output, inside the judge's JSON.
    example = run.data["tests"][0]
    assert example["visibility"] == "sample" and '"verdict": "accepted"' in example["output"], run


def test_os_exit_during_import_is_a_compile_error(judge):
    run = judge(submission('''
import os
os._exit(0)
''' + PASS_THROUGH))
    assert run.data["verdict"] == "compile_error", run
    assert run.data["score"] == 0, run
    assert set(run.verdicts.values()) == {"compile_error"}, run
    assert "import" in run.data["message"], run


def test_sys_exit_inside_the_call_is_a_runtime_error(judge):
    run = judge(submission('''
import sys


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    sys.exit(0)
'''))
    assert run.data["verdict"] == "runtime_error", run
    assert run.data["score"] == 0, run
    assert set(run.verdicts.values()) == {"runtime_error"}, run
    assert "SystemExit" in run.data["tests"][0]["message"], run


def test_os_exit_inside_the_call_is_a_runtime_error(judge):
    run = judge(submission('''
import os


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    os._exit(3)
'''))
    assert run.data["verdict"] == "runtime_error", run
    assert set(run.verdicts.values()) == {"runtime_error"}, run
    assert run.data["score"] == 0, run


def test_spinning_is_stopped_within_the_total_time_limit(judge):
    run = judge(submission('''
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    h, c = _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    while True:
        pass
    return h, c
'''))
    assert run.data["verdict"] == "time_limit_exceeded", run
    assert set(run.verdicts.values()) == {"time_limit_exceeded"}, run
    assert run.data["score"] == 0, run
    total = run.data["limits"]["total_s"]
    assert run.elapsed <= total + 5, f"took {run.elapsed:.1f} s with a total limit of {total} s"


def test_hoarding_memory_is_a_memory_limit_and_the_judge_carries_on(judge):
    run = judge(submission('''
import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    h, c = _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    hoard = []
    while True:
        hoard.append(np.ones(10**7))
    return h, c
'''))
    assert run.code == 1, run
    assert run.data["verdict"] == "memory_limit_exceeded", run
    assert set(run.verdicts.values()) == {"memory_limit_exceeded"}, run
    assert run.data["score"] == 0, run
    hidden = next(t for t in run.data["tests"] if t["visibility"] == "hidden")
    assert f'limit {run.data["limits"]["memory_mb"]} MiB' in hidden["message"], run
    assert "MemoryError" in run.data["tests"][0]["message"], run  # sample: the traceback


def test_flooding_stdout_and_stderr_keeps_the_json_valid(judge):
    source = submission('''
import os
import sys

CHUNK = "x" * (1 << 20) + "\\n"


def _flood(megabytes):
    try:
        for _ in range(megabytes):
            sys.stdout.write(CHUNK)
        sys.stdout.flush()
    except OSError:
        pass  # the sandbox's file-size limit stops the flood
    for fd, text in ((1, "MARKER-ON-FD-1\\n"), (2, "MARKER-ON-FD-2\\n")):
        try:
            os.write(fd, text.encode())
        except OSError:
            pass
    try:
        os.write(2, b"y" * (50 << 20))
    except OSError:
        pass


_flood(50)


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    _flood(20)
    return _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
''')
    run = judge(source)
    assert run.data["verdict"] != "judge_error", run
    assert run.data["verdict"] == "accepted" and run.data["score"] == 100, run
    assert len(run.stdout) < 2 << 20, f"the judge printed {len(run.stdout)} bytes"
    example = run.data["tests"][0]
    assert example["visibility"] == "sample"
    assert len(example["output"]) <= (64 << 10) + 100, len(example["output"])
    assert "[output truncated]" in example["output"]


def test_markers_on_fd_1_and_fd_2_are_captured_as_output(judge):
    run = judge(submission('''
import os


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    os.write(1, b"MARKER-ON-FD-1\\n")
    os.write(2, b"MARKER-ON-FD-2\\n")
    print("MARKER-FROM-PRINT")
    return _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
'''))
    assert run.data["verdict"] == "accepted", run
    output = run.data["tests"][0]["output"]
    for marker in ("MARKER-ON-FD-1", "MARKER-ON-FD-2", "MARKER-FROM-PRINT"):
        assert marker in output, run
    assert "MARKER" not in run.stderr, run


def forged_reply(document: str, npy_shape=None) -> str:
    """Writes its own reply frame straight into the reply pipe (whose number
    the worker's command line gives away), then answers as usual."""
    return submission(f'''
import io
import json
import os
import struct
import sys

from numpy.lib import format as npy_format

REPLY_FD = json.loads(sys.argv[1])["fds"][1]
DOCUMENT = {document!r}
SHAPE = {npy_shape!r}


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    doc = DOCUMENT.encode()
    payload = struct.pack(">I", len(doc)) + doc
    if SHAPE is not None:
        header = io.BytesIO()
        npy_format.write_array_header_1_0(
            header, {{"descr": "<f8", "fortran_order": False, "shape": SHAPE}})
        payload += header.getvalue()
    os.write(REPLY_FD, struct.pack(">Q", len(payload)) + payload)
    return _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
''')


@pytest.mark.parametrize("document, shape", [
    ("{not json", None),
    ('{"$dict": [["ok", true], ["value", {"$array": 0, "$tuple": []}], ["output", ""]]}', None),
    ('{"$dict": [["ok", true], ["value", {"$array": 0}], ["output", ""]]}', (0, 10**20)),
], ids=["junk-json", "two-tags", "absurd-empty-shape"])
def test_a_forged_malformed_reply_is_the_submissions_fault(judge, document, shape):
    run = judge(forged_reply(document, shape))
    # Never judge_error (exit 3): the judge is not at fault for what the child sends.
    assert run.data["verdict"] != "judge_error", run
    assert set(run.verdicts.values()) == {"runtime_error"}, run
    assert "malformed" in run.data["tests"][2]["message"], run
    assert run.data["score"] == 0, run


# --------------------------------------------------------------------------
# nothing left behind, and no effect on the next submission

ESCAPE_MARKER = "lstm-judge-test-escapee"


def escaping_child(marker: str) -> str:
    """Forks a grandchild that leaves the process group (setsid) and sleeps."""
    return submission(f'''
import os
import time

MARKER = {marker!r}


def _escape():
    try:
        pid = os.fork()
    except OSError:
        return  # the sandbox refuses new processes: nothing can escape
    if pid == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                try:  # a program of its own, named by the marker ...
                    os.execv("/bin/sleep", [MARKER, "1000"])
                except OSError:
                    pass
                while True:  # ... or this very process, with the worker's command line
                    time.sleep(1)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


_escape()
''' + PASS_THROUGH)


@pytest.mark.parametrize("level", ["auto", "process"])
def test_no_process_escapes_the_judge(judge, level):
    """A grandchild in a session of its own is out of reach of a process-group
    kill; it must still not outlive the grading (where the seccomp layer
    refuses fork, the attempt fails at once and this checks the plain case)."""
    marker = f"{ESCAPE_MARKER}-{level}-{os.getpid()}"
    run = judge(escaping_child(marker), "--isolation", level, markers=(marker,))
    assert run.data["verdict"] == "accepted", run


def test_next_submission_is_unaffected_by_a_hostile_one(judge):
    poisoner = submission('''
import os
import tempfile

POISON = "raise SystemExit('poisoned')\\n"


def _poison():
    for folder in {os.getcwd(), os.path.expanduser("~"), tempfile.gettempdir(), "/tmp"}:
        for name in ("numpy.py", "submission.py", "protocol.py", "sitecustomize.py"):
            try:
                with open(os.path.join(folder, name), "w") as f:
                    f.write(POISON)
            except OSError:
                pass
    os.environ["PYTHONPATH"] = os.getcwd()


_poison()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    _poison()
    h, c = _correct_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    return h + 1.0, c
''')
    hostile = judge(poisoner)
    assert hostile.data["verdict"] == "wrong_answer", hostile
    after = judge(REFERENCE_FILE.read_text(encoding="utf-8"))
    assert after.data["verdict"] == "accepted", after
    assert after.data["score"] == 100, after
    assert set(after.verdicts.values()) == {"accepted"}, after
