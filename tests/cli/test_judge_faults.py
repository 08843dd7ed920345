"""The judge itself: interrupts clean up, its own faults are judge_error,
and doctor reports the layers."""

import os
import signal
import time
from pathlib import Path

import pytest
from judge_cli import REPO_ROOT as ROOT
from judge_cli import environment, run, start
from readme_blocks import json_example

SPIN = "def lstm_cell(*args):\n    while True:\n        pass\n"


def child_started(tmp: Path) -> bool:
    """The sandbox's own folder is there (not the judge's torch cache or source copy)."""
    return any(not p.name.startswith(("lstm-judge-torch-", "lstm-judge-source-"))
               for p in tmp.glob("lstm-judge-*"))


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                    found.append(int(entry))
            except OSError:
                pass
    return found


def interrupt_a_spinning_judge(tmp_path, sig, code, *options):
    """Grade a spinning submission, send ``sig`` once its child is inside a call,
    and check the exit: ``code``, one line on stderr, no traceback.
    Returns (submission, the judge's TMPDIR, stdout, stderr)."""
    sub = tmp_path / f"spin_{sig.name}.py"
    sub.write_text(SPIN)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    judge = start("submit", "cell", sub, *options, env=environment(TMPDIR=str(tmp)), text=True)
    deadline = time.monotonic() + 20
    while not child_started(tmp) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert child_started(tmp), "the child never started"
    time.sleep(0.5)  # now inside a call
    judge.send_signal(sig)
    out, err = judge.communicate(timeout=30)
    assert judge.returncode == code, (judge.returncode, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    time.sleep(0.5)
    return sub, tmp, out, err


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_judge_ends_its_child_and_removes_its_files(tmp_path, sig, code):
    sub, tmp, out, err = interrupt_a_spinning_judge(tmp_path, sig, code)
    assert not list(tmp.glob("lstm-judge-*"))
    assert not processes_with(str(tmp))  # the child and its sandbox are gone


def test_a_fault_in_the_tests_is_a_judge_error_with_a_json_document(tmp_path):
    import shutil

    copy = tmp_path / "problems" / "cell"
    shutil.copytree(ROOT / "problems" / "cell", copy)
    test_file = copy / "tests" / "test_cell.py"
    test_file.write_text("import no_such_module_for_the_judge\n" + test_file.read_text())
    machine = run("submit", copy, "solutions/cell/accepted/reference.py", "--format", "json")
    assert machine.code == 3, machine
    doc = machine.json()
    assert doc["verdict"] == "judge_error" and doc["score"] == 0, machine
    assert doc["max_score"] == 100 and doc["tests"] == [], machine
    assert "no_such_module_for_the_judge" in doc["message"]
    assert "Traceback" not in machine.err
    text = run("submit", copy, "solutions/cell/accepted/reference.py")
    assert text.code == 3, text
    assert len(text.err.strip().splitlines()) == 1 and "judge_error" in text.err


def test_doctor_reports_every_layer():
    doctor = run("doctor")
    assert doctor.code == 0, doctor
    for layer in ("bubblewrap", "landlock", "seccomp", "cgroup", "uid of its own"):
        assert layer in doctor.out
    assert "a real child at level" in doctor.out


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_json_run_still_prints_one_document(tmp_path, sig, code):
    import json

    sub, tmp, out, err = interrupt_a_spinning_judge(tmp_path, sig, code, "--format", "json")
    doc = json.loads(out)  # stdout holds exactly one document
    assert doc["interrupted"] is True and doc["message"] == "interrupted", doc
    assert doc["verdict"] == "judge_error" and doc["tests"] == [], doc
    assert doc["schema"] == 1 and doc["problem"] == "cell" and doc["mode"] == "submit", doc
    assert doc["submission"] == str(sub), doc
    assert set(doc) == set(json_example()) | {"interrupted"}, doc  # every field of the schema
    assert not list(tmp.glob("lstm-judge-*"))


def test_an_interrupted_gradescope_run_still_writes_results(tmp_path):
    import json

    from gradescope_schema import check

    sub, tmp, out, err = interrupt_a_spinning_judge(tmp_path, signal.SIGTERM, 143,
                                                    "--format", "gradescope")
    doc = json.loads(out)  # stdout holds exactly one document
    check(doc)
    assert doc["score"] == 0 and doc["output"].startswith("verdict: judge_error"), doc
    assert [t["visibility"] for t in doc["tests"]] == ["visible", "hidden"], doc
    assert "interrupted" in doc["tests"][1]["output"], doc
    assert not list(tmp.glob("lstm-judge-*"))
