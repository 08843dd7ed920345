"""Speed of grading, side by side with the floors Python sets (issue 12,
"Speed, measured side by side").

    python bench/speed.py [--repeat N] [--batch-repeat N] [--problems a,b]
                          [--n-cell 50] [--n-network 20] [--only SUBSTR] [--json PATH]
    python bench/speed.py --smoke      # 1 round, N=2, cell and network: that it runs

In one run, interleaved round by round (bench/run.py's ``interleave``), so that
drift in the machine's load hits every case alike:

- floors: ``python -c pass``, ``python -c "import numpy"``, ``python -c "import torch"``;
- the naive alternative: pytest importing the submission into its own process,
  no sandbox (a test file generated in a temporary folder checks one forward
  step of solutions/cell/accepted/reference.py against numpy, and of
  solutions/network/accepted/reference.py against torch.nn.LSTM + nn.Linear),
  with no plugins autoloaded, as the judge runs pytest;
- ``lstm-judge submit PROBLEM ACCEPTED --format json --no-gradebook`` of an
  accepted solution (reference.py where there is one) of every problem
  ``lstm-judge list`` shows;
- ``lstm-judge batch`` of N copies of an accepted solution (N = 50 for cell, 20
  for network, each copy with a first line of its own), in submissions a
  second, against the shell loop users write without batch: the same files
  through ``xargs -P 2`` running ``submit`` two at a time.

Every run is checked (exit 0, so accepted; a batch's results.jsonl holds N
accepted results): a run that fails is reported, and makes the exit status 1.
The markdown table (case, median, min, ratio to the relevant floor, the issue's
target, met?) goes to stdout, the samples and the machine (CPUs, CPU model,
Python, numpy and torch versions, load) to bench/results/speed.json (not
committed).  Timings are measured, never asserted (tests/test_bench_smoke.py
runs --smoke and checks only that every case is in the table).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import make_submissions  # noqa: E402  (bench/batch.py)
from run import interleave  # noqa: E402  (bench/run.py)

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "LSTM_JUDGE_GRADEBOOK": "off",
       "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
LOOP_JOBS = 2   # the two-way shell loop the issue measures against
FLOOR_PASS, FLOOR_NUMPY, FLOOR_TORCH = ("python -c pass", "python -c 'import numpy'",
                                        "python -c 'import torch'")
TORCH_KINDS = {"module", "application"}   # the child preloads torch for these kinds


class Failed(Exception):
    """A run that did not do what the case measures (not accepted, crashed)."""


@dataclass
class Case:
    name: str
    once: Callable[[], float]          # runs the case once, returns wall seconds
    floor: str | None = None           # the floor its ratio is taken against
    n: int | None = None               # submissions, for throughput cases
    samples: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def run_once(self) -> float | None:
        try:
            return self.once()
        except Failed as exc:
            self.errors.append(str(exc))
            return None


def timed(argv: list[str], cwd: Path = ROOT, stdin: str | None = None,
          env: dict | None = None) -> float:
    """Wall seconds of one run of argv; Failed unless it exits 0."""
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env or ENV, input=stdin, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise Failed(f"`{' '.join(map(str, argv))}` exited {proc.returncode}:"
                     f" {proc.stderr.strip()[-500:]}")
    return wall


def judge(*args) -> list[str]:
    return [PY, "-m", "grader", *map(str, args)]


# ------------------------------------------------------------------ the naive alternative

NAIVE_CELL = '''
import importlib.util
import numpy as np

spec = importlib.util.spec_from_file_location("submission", {path!r})
submission = importlib.util.module_from_spec(spec)
spec.loader.exec_module(submission)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_forward_step():
    rng = np.random.default_rng(0)
    B, I, H = 3, 4, 5
    x, h, c = rng.standard_normal((B, I)), rng.standard_normal((B, H)), rng.standard_normal((B, H))
    W_ih, W_hh = rng.standard_normal((4 * H, I)), rng.standard_normal((4 * H, H))
    b_ih, b_hh = rng.standard_normal(4 * H), rng.standard_normal(4 * H)
    i, f, g, o = np.split(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
    c_next = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    h_next = sigmoid(o) * np.tanh(c_next)
    got_h, got_c = submission.lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh)
    np.testing.assert_allclose(got_h, h_next, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(got_c, c_next, rtol=1e-8, atol=1e-10)
'''

NAIVE_NETWORK = '''
import importlib.util
import torch

spec = importlib.util.spec_from_file_location("submission", {path!r})
submission = importlib.util.module_from_spec(spec)
spec.loader.exec_module(submission)


def test_forward_step():
    torch.manual_seed(0)
    model = submission.LSTMModel(4, 8, 3, num_layers=2)
    lstm = torch.nn.LSTM(4, 8, 2, batch_first=True)
    fc = torch.nn.Linear(8, 3)
    with torch.no_grad():   # the same weights, in the order nn.LSTM then nn.Linear
        for mine, theirs in zip([*lstm.parameters(), *fc.parameters()], model.parameters()):
            mine.copy_(theirs)
        x = torch.randn(2, 5, 4)
        out, _ = lstm(x)
        # (not torch.testing.assert_close: its first call imports torch.distributed.tensor, ~0.8 s)
        assert torch.allclose(model(x), fc(out[:, -1]), rtol=1e-5, atol=1e-6)
'''


def naive_case(name: str, template: str, solution: Path, tmp: Path, floor: str) -> Case:
    folder = tmp / f"naive-{solution.parent.parent.name}"
    folder.mkdir()
    (folder / "test_submission.py").write_text(textwrap.dedent(template).format(path=str(solution)))
    argv = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_submission.py"]
    # The plugins the judge runs with: none autoloaded (an installed plugin such
    # as hypothesis's costs more than a second at every start).
    env = {**ENV, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return Case(name, lambda: timed(argv, cwd=folder, env=env), floor)


# ------------------------------------------------------------------ problems and batches

def problems() -> dict[str, str]:
    """id -> kind, as ``lstm-judge list`` shows them."""
    out = subprocess.run(judge("list"), cwd=ROOT, env=ENV, capture_output=True, text=True,
                         check=True).stdout
    rows = [line.split() for line in out.splitlines()[1:] if line.strip()]
    return {row[0]: row[1] for row in rows}


def accepted(problem: str) -> Path:
    folder = ROOT / "solutions" / problem / "accepted"
    reference = folder / "reference.py"
    # a quiz's accepted "solutions" are answer files (key_seed1.yaml)
    if reference.exists():
        return reference
    return (sorted(folder.glob("*.py")) or sorted(folder.glob("*.yaml")))[0]


def batch_case(problem: str, n: int, tmp: Path) -> Case:
    solution = accepted(problem)
    subs = tmp / f"batch-{problem}"
    make_submissions(subs, n, problem, [str(solution.relative_to(ROOT / "solutions" / problem))])
    runs = iter(range(10**6))

    def once() -> float:
        out = tmp / f"out-{problem}-{next(runs)}"
        wall = timed(judge("batch", problem, subs, "--out", out, "-j", CORES, "--no-gradebook"))
        results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()
                   if line.strip()]
        verdicts = [r.get("verdict") for r in results]
        shutil.rmtree(out, ignore_errors=True)
        if len(results) != n or set(verdicts) != {"accepted"}:
            raise Failed(f"batch {problem}: {len(results)} of {n} results, verdicts {verdicts}")
        return wall

    return Case(f"batch {problem} (N={n}, -j {CORES})", once, n=n)


def loop_case(problem: str, n: int, tmp: Path) -> Case:
    files = sorted((tmp / f"batch-{problem}").glob("*.py"))
    argv = ["xargs", "-P", str(LOOP_JOBS), "-I", "{}",
            *judge("submit", problem, "{}", "--format", "json", "--no-gradebook")]
    stdin = "".join(f"{f}\n" for f in files)
    return Case(f"shell loop: submit {problem} x{n}, xargs -P {LOOP_JOBS}",
                lambda: timed(argv, stdin=stdin), n=n)


# ------------------------------------------------------------------ the machine

def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    return {"nproc": CORES, "cpu_count": os.cpu_count(), "cpu_model": model,
            "python": platform.python_version(), "numpy": version("numpy"),
            "torch": version("torch"), "pytest": version("pytest"),
            "platform": platform.platform(), "commit": commit,
            "loadavg_start": os.getloadavg(),
            "date": time.strftime("%Y-%m-%d %H:%M:%S %z")}


# ------------------------------------------------------------------ targets and the table

def rate(case: Case) -> float:
    """Submissions a second, from the median wall time."""
    return case.n / statistics.median(case.samples)


def evaluate(cases: dict[str, Case], kinds: dict[str, str]) -> list[dict]:
    """One row per case: median, min, ratio to its floor, target, met."""
    medians = {name: statistics.median(c.samples) for name, c in cases.items() if c.samples}
    numpy_s = medians.get(FLOOR_NUMPY)
    rows = []
    for name, case in cases.items():
        row = {"case": name, "samples": case.samples, "errors": case.errors,
               "median": None, "min": None, "ratio": None, "vs": None, "target": None,
               "met": None}
        rows.append(row)
        if not case.samples:
            continue
        med, best = medians[name], min(case.samples)
        row.update(median_s=med, min_s=best)
        if case.n:   # throughput
            row.update(rate=case.n / med, median=f"{case.n / med:.2f} sub/s",
                       min=f"{best:.1f} s for {case.n}")
        else:
            row.update(median=f"{med:.3f} s", min=f"{best:.3f} s")
        if case.floor and case.floor in medians:
            row.update(ratio=med / medians[case.floor], vs=case.floor)
        if name == "submit cell":
            row.update(target="<= 4x numpy floor", met=row["ratio"] <= 4)
        elif name == "submit network":
            row.update(target="<= 1.5x torch floor", met=row["ratio"] <= 1.5)
        elif name == "submit training":
            row.update(target="<= 2x torch floor", met=row["ratio"] <= 2)
        elif name.startswith("batch cell") and numpy_s:
            ideal = CORES / numpy_s
            row.update(ratio=row["rate"] / ideal, vs=f"{CORES} cores / numpy floor"
                       f" = {ideal:.2f} sub/s", target=">= 0.7x cores / numpy floor")
            row["met"] = row["ratio"] >= 0.7
        elif name.startswith("batch network"):
            loop = next((c for c in cases.values()
                         if c.name.startswith("shell loop: submit network") and c.samples), None)
            if loop:
                row.update(ratio=row["rate"] / rate(loop), vs="the shell loop",
                           target=">= 3x the shell loop")
                row["met"] = row["ratio"] >= 3
        elif name.startswith("shell loop") and numpy_s and "cell" in name:
            ideal = CORES / numpy_s
            row.update(ratio=row["rate"] / ideal, vs=f"{CORES} cores / numpy floor")
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| case | median | min | ratio | vs | target | met? |",
             "|---|---:|---:|---:|---|---|---|"]
    for r in rows:
        if r["errors"] and not r["samples"]:
            lines.append(f"| {r['case']} | FAILED | | | | {r['target'] or ''} |"
                         f" {r['errors'][0][:120]} |")
            continue
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else ""
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        if r["errors"]:
            met += f" ({len(r['errors'])} failed runs)"
        lines.append(f"| {r['case']} | {r['median']} | {r['min']} | {ratio} | {r['vs'] or ''} |"
                     f" {r['target'] or ''} | {met} |")
    return "\n".join(lines)


# ------------------------------------------------------------------ main

def build(args, tmp: Path, kinds: dict[str, str]) -> dict[str, Case]:
    floor_of = {kind: FLOOR_TORCH if kind in TORCH_KINDS else FLOOR_NUMPY
                for kind in kinds.values()}
    cases = [
        Case(FLOOR_PASS, lambda: timed([PY, "-c", "pass"])),
        Case(FLOOR_NUMPY, lambda: timed([PY, "-c", "import numpy"]), FLOOR_PASS),
        Case(FLOOR_TORCH, lambda: timed([PY, "-c", "import torch"]), FLOOR_PASS),
        naive_case("naive: pytest imports cell, no sandbox", NAIVE_CELL, accepted("cell"), tmp,
                   FLOOR_NUMPY),
        naive_case("naive: pytest imports network, no sandbox", NAIVE_NETWORK,
                   accepted("network"), tmp, FLOOR_TORCH),
    ]
    for problem in args.problems or kinds:
        argv = judge("submit", problem, accepted(problem).relative_to(ROOT), "--format", "json",
                     "--no-gradebook")
        cases.append(Case(f"submit {problem}", lambda argv=argv: timed(argv),
                          floor_of[kinds[problem]]))
    for problem, n in (("cell", args.n_cell), ("network", args.n_network)):
        cases.append(batch_case(problem, n, tmp))
        cases.append(loop_case(problem, n, tmp))
    floors = (FLOOR_PASS, FLOOR_NUMPY, FLOOR_TORCH)
    return {c.name: c for c in cases if args.only is None or c.name in floors or any(
        s in c.name for s in args.only.split(","))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the single commands")
    parser.add_argument("--batch-repeat", type=int, default=None,
                        help="rounds of the batches and shell loops (default: --repeat, at most 3)")
    parser.add_argument("--problems", default=None,
                        help="comma-separated problems to submit (default: every one listed)")
    parser.add_argument("--n-cell", type=int, default=50)
    parser.add_argument("--n-network", type=int, default=20)
    parser.add_argument("--only", default=None,
                        help="only the cases whose name contains one of these comma-separated"
                             " strings (the floors are needed for ratios)")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm-up round")
    parser.add_argument("--smoke", action="store_true",
                        help="1 round, N=2, cell and network, no warm-up: that it runs")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "speed.json")
    args = parser.parse_args()
    if args.smoke:
        args.repeat, args.batch_repeat, args.n_cell, args.n_network = 1, 1, 2, 2
        args.problems, args.no_warm = "cell,network", True
    if args.batch_repeat is None:
        args.batch_repeat = min(args.repeat, 3)
    kinds = problems()
    if args.problems:
        args.problems = args.problems.split(",")
        unknown = set(args.problems) - set(kinds)
        if unknown:
            parser.error(f"unknown problems: {', '.join(sorted(unknown))}")
    info = machine()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        cases = build(args, Path(tmp), kinds)
        single = {k: c for k, c in cases.items() if c.n is None}
        batches = {k: c for k, c in cases.items() if c.n is not None}
        if not args.no_warm:   # the page cache: python, numpy, torch, pytest, the judge
            for name, case in single.items():
                if not name.startswith("submit") or name in ("submit cell", "submit network"):
                    case.run_once()
                    case.errors.clear()
        # The single commands round by round, then the batches round by round
        # (minutes each; their rounds are fewer).
        for group, repeat in ((single, args.repeat), (batches, args.batch_repeat)):
            got = interleave({k: c.run_once for k, c in group.items()}, repeat)
            for name, samples in got.items():
                cases[name].samples = [s for s in samples if s is not None]
    info["loadavg_end"] = os.getloadavg()
    info["wall_s"] = time.monotonic() - started
    rows = evaluate(cases, kinds)
    print(f"machine: {info['nproc']} CPUs ({info['cpu_model']}), Python {info['python']},"
          f" numpy {info['numpy']}, torch {info['torch']}; load {info['loadavg_start'][0]:.2f}"
          f" -> {info['loadavg_end'][0]:.2f}; repeat {args.repeat}, batches {args.batch_repeat};"
          f" {info['date']}")
    print()
    print(table(rows))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": info, "args": {
        k: v for k, v in vars(args).items() if k != "json"}, "rows": rows}, indent=2,
        default=str))
    failed = [r["case"] for r in rows if r["errors"]]
    if failed:
        print(f"\nfailed runs in: {', '.join(failed)}", file=sys.stderr)
        for r in rows:
            for e in r["errors"][:1]:
                print(f"  {r['case']}: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
