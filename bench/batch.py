"""A long batch stays healthy: the coordinator's memory, open descriptors and
child processes over a batch of many tiny submissions, measured (never
asserted), beside the shell loop over ``submit`` that batch replaces.

    python bench/batch.py [--n 100] [-j 2 | --dask local:2] [--loop N]

The coordinator (``lstm-judge batch``) is sampled every 0.2 s from /proc:
RSS, open fds, live children and zombie children, and the RSS of its whole
process tree (the judges it runs; with ``--dask local:N`` the workers too).  We report the median of
each over the first, middle and last tenth of the run and the ratio last /
first (flat is about 1.0), the maximum, and the wall time per submission
against ``--loop`` sequential ``submit`` runs of the same files (the shell
loop an interviewer would write; default 20, scaled to n).  Results also go
to bench/results/batch.json (not committed).  No gradebook is written.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "LSTM_JUDGE_GRADEBOOK": "off",
       "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
SOURCES = ["accepted/reference.py", "accepted/concat.py", "accepted/split_gates.py",
           "wrong/no_b_hh.py", "wrong/runtime_error.py", "wrong/syntax_error.py",
           "wrong/returns_list.py", "wrong/gate_order_ifog.py"]


def make_submissions(folder: Path, n: int, problem: str = "cell",
                     sources: list[str] = SOURCES) -> list[Path]:
    """n candidates' files, cycling through ``sources`` (relative to
    solutions/PROBLEM), each with a first line of its own so that no two are
    the same file."""
    folder.mkdir()
    files = []
    for i in range(n):
        source = (ROOT / "solutions" / problem / sources[i % len(sources)]).read_text()
        path = folder / f"cand{i:04d}.py"
        path.write_text(f"# candidate {i}\n{source}")
        files.append(path)
    return files


def sample(pid: int) -> dict | None:
    """The coordinator's RSS (KiB), open fds, live and zombie children, and
    the RSS of its whole process tree (with --dask local:N, the workers too)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return None
    rss = _rss(status)
    live = zombies = 0
    parent, rss_of = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            rss_of[int(entry)] = _rss(Path(f"/proc/{entry}/status").read_text())
        except OSError:
            continue
        parent[int(entry)] = int(fields[1])
        if int(fields[1]) == pid:
            zombies += fields[0] == "Z"
            live += fields[0] != "Z"
    tree, frontier = {pid}, [pid]
    while frontier:
        frontier = [c for c, p in parent.items() if p in frontier and c not in tree]
        tree.update(frontier)
    return {"t": time.monotonic(), "rss_kib": rss, "fds": fds, "children": live,
            "zombies": zombies, "tree_rss_kib": sum(rss_of.get(p, 0) for p in tree)}


def _rss(status: str) -> int:
    return next((int(line.split()[1]) for line in status.splitlines()
                 if line.startswith("VmRSS")), 0)


def run_batch(folder: Path, out: Path, jobs: int,
              dask: str | None = None) -> tuple[float, list[dict], int]:
    start = time.monotonic()
    where = ["--dask", dask] if dask else ["-j", str(jobs)]
    proc = subprocess.Popen([PY, "-m", "grader", "batch", "cell", str(folder), "--out", str(out),
                             *where, "--no-gradebook"], cwd=ROOT, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    while proc.poll() is None:
        s = sample(proc.pid)
        if s is not None:
            samples.append(s)
        time.sleep(0.2)
    return time.monotonic() - start, samples, proc.returncode


def run_loop(files: list[Path]) -> float:
    start = time.monotonic()
    for path in files:
        subprocess.run([PY, "-m", "grader", "submit", "cell", str(path), "--format", "json",
                        "--no-gradebook"], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def tenths(samples: list[dict], key: str) -> tuple[float, float, float, float]:
    """Median over the first, middle and last tenth of the run, and the maximum."""
    k = max(1, len(samples) // 10)
    mid = len(samples) // 2
    parts = [samples[:k], samples[max(0, mid - k // 2):mid + k // 2 + 1], samples[-k:]]
    return (*(statistics.median(s[key] for s in part) for part in parts),
            max(s[key] for s in samples))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--loop", type=int, default=20)
    parser.add_argument("--dask", help="grade on a Dask cluster (local:N, tcp://...) instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        files = make_submissions(Path(tmp) / "subs", args.n)
        wall, samples, code = run_batch(Path(tmp) / "subs", Path(tmp) / "out", args.jobs,
                                        args.dask)
        loop = run_loop(files[:args.loop])
    where = f"--dask {args.dask}" if args.dask else f"-j {args.jobs}"
    print(f"batch of {args.n} at {where}: exit {code}, {wall:.1f} s,"
          f" {wall / args.n:.3f} s per submission; {len(samples)} samples")
    per_loop = loop / max(1, min(args.loop, args.n))
    print(f"shell loop of {min(args.loop, args.n)} submits: {per_loop:.3f} s per submission"
          f" (batch is {per_loop / (wall / args.n):.2f}x as fast)")
    results = {"n": args.n, "jobs": args.jobs, "dask": args.dask, "exit": code, "wall_s": wall,
               "per_submission_s": wall / args.n, "loop_per_submission_s": per_loop}
    print(f"{'coordinator':<14} {'first 10%':>10} {'middle':>10} {'last 10%':>10} {'max':>8}"
          f" {'last/first':>10}")
    for key in ("rss_kib", "fds", "children", "zombies", "tree_rss_kib"):
        if not samples:
            break
        first, middle, last, top = tenths(samples, key)
        ratio = last / first if first else float("nan")
        print(f"{key:<14} {first:>10g} {middle:>10g} {last:>10g} {top:>8g} {ratio:>10.2f}")
        results[key] = {"first": first, "middle": middle, "last": last, "max": top,
                        "ratio": ratio}
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "batch.json").write_text(json.dumps({**results, "samples": samples}, indent=2))


if __name__ == "__main__":
    main()
