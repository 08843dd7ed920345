"""The batch coordinator: the one process that writes OUT and the gradebook.

It finds the candidates, leaves out what an earlier run already graded
(``--resume``: same candidate, problem digest, submission SHA-256, seed and
judge version; a judge_error is tried again), runs up to ``jobs`` judge
processes at once (``worker``), and as each result arrives appends it to
results.jsonl, records it in the gradebook and rewrites results.csv and
junit.xml.  At the end: the similarity files, report.html, a summary.

Ctrl-C or SIGTERM ends every running judge (its process group) and waits
for it; what was finished stays on disk, and the interrupt is re-raised for
the CLI's exit code (130, 143).  Returns 0 when every submission was graded,
1 when some could not be (judge_error).
"""

from __future__ import annotations

import shutil
import signal
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput
from ..gradebook import Attempt, Gradebook, judge_version, locate
from ..files import write_atomically
from ..gradebook.queries import attempts
from ..reports.escape import printable
from . import finish, progress, records, results, tables
from .candidates import Found, ProblemRef, discover
from .local_pool import LocalPool

WORK = ".work"  # OUT/.work: the private copies of submissions being graded


@dataclass
class Options:
    problems: list[str]
    submissions: Path
    out: Path
    jobs: int
    resume: bool = False
    seed: int | None = None
    key_file: Path | None = None
    gradebook: Path | None = None
    no_gradebook: bool = False
    dask: str | None = None  # a scheduler's address, or local:N (cluster_pool)
    seeds: Path | None = None  # a CSV of candidate,seed: each candidate's assigned seed


def problem_ref(name: str) -> ProblemRef:
    import dataclasses

    from ..problem import find
    from ..problem.digest import digest
    from ..problem.requirements import ensure_installed

    spec = find(name)
    ensure_installed(spec)
    if spec.kit:
        raise BadInput(str(spec.root), "is a candidate kit's problem: it has no hidden tests"
                                       " to grade with")
    return ProblemRef(name, spec.id, digest(spec.root), spec.max_score, spec.limits.total_s,
                      spec.limits.source_kb, spec.starter, str(spec.root.resolve()),
                      dataclasses.asdict(spec.limits), spec.kind)


def check_out(opts: Options) -> None:
    out = opts.out
    if out.exists() and not out.is_dir():
        raise BadInput(str(out), "is not a folder")
    if out.resolve().is_relative_to(opts.submissions.resolve()):
        raise BadInput(str(out), "is inside SUBMISSIONS (it would be read as a candidate)")
    entries = [e.name for e in out.iterdir()] if out.is_dir() else []
    if entries and not opts.resume:
        raise BadInput(str(out), "is not empty; add --resume to finish the batch it holds,"
                                 " or choose a new folder")
    if entries and not (out / results.NAME).is_file():
        raise BadInput(str(out), f"has no {results.NAME}: not a batch's folder to resume")
    if opts.key_file is not None and not opts.key_file.is_file():
        raise BadInput(str(opts.key_file), "no such key file")


def run(opts: Options) -> int:
    refs = [problem_ref(p) for p in opts.problems]
    if len({r.id for r in refs}) < len(refs):
        raise BadInput("--problems", "names a problem twice")
    check_out(opts)
    assigned = None
    if opts.seeds is not None:
        from .seeds import read_seeds

        assigned = read_seeds(opts.seeds)
    found = discover(opts.submissions, refs, assigned)
    if assigned is not None:
        unassigned = [c for c in found.candidates if c not in assigned]
        if unassigned:
            shown = ", ".join(unassigned[:5]) + (" ..." if len(unassigned) > 5 else "")
            raise BadInput(str(opts.seeds), f"assigns no seed to {len(unassigned)} candidate(s)"
                                            f" in {opts.submissions}: {_name(shown)}")
    if not found.candidates:
        raise BadInput(str(opts.submissions), "holds no candidates (a .py file or a folder"
                                              " per candidate)")
    batch = Batch(opts, refs, found)
    batch.go()
    return batch.exit_code()


class Batch:
    def __init__(self, opts: Options, refs: list[ProblemRef], found: Found):
        self.opts, self.refs, self.found = opts, refs, found
        self.version = judge_version()
        self.notes: list[str] = []
        self.entries: dict[tuple[str, str], tables.Entry] = {}
        self.graded_now = 0
        self.book = None

    # -- set-up -------------------------------------------------------------------
    def go(self) -> None:
        out = self.opts.out
        work = out / WORK
        pool = self._pool(work)  # first: a cluster that cannot be reached is exit 2 at once
        try:
            self._go(pool, work)
        finally:
            pool.close()

    def _go(self, pool, work: Path) -> None:
        out = self.opts.out
        out.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)  # a killed run's copies
        work.mkdir()
        loaded = results.load(out / results.NAME)
        self.notes += loaded.notes
        done = set()
        for rec in loaded.records:
            self._remember(rec)
            done.add(records.key_of(rec))
        for m in self.found.missing:
            self.entries[(m.candidate, m.problem.id)] = tables.Entry(
                m.candidate, m.problem.id, tables.NO_SUBMISSION, 0.0, m.problem.max_score,
                m.message)
        pending = [t for t in self.found.tasks
                   if records.task_key(t, _seed(t, self.opts.seed), self.version) not in done]
        self.already = len(self.found.tasks) - len(pending)
        self._open_gradebook(loaded.records)
        self._write_tables()
        log = results.Log(out / results.NAME)
        try:
            self._grade(pool, pending, log)
        except KeyboardInterrupt:
            self._summary(interrupted=True)
            raise
        finally:
            log.close()
            if self.book is not None:
                self.book.conn.close()
            shutil.rmtree(work, ignore_errors=True)
        self._finish()

    def _open_gradebook(self, earlier: list[dict]) -> None:
        try:
            target = locate(self.opts.gradebook, self.opts.no_gradebook)
            if target is None:
                return
            self.book = Gradebook.open(target)
            self._catch_up(earlier)
        except Exception as exc:
            self._warn(f"results are not recorded in the gradebook: {exc}")
            self.book = None

    def _catch_up(self, earlier: list[dict]) -> None:
        """Record what an earlier run wrote to results.jsonl but was killed
        before recording, so the gradebook holds each result once."""
        known: dict[tuple[str, str], set] = {}
        for rec in earlier:
            attempt = self._attempt(rec)
            if attempt is None:
                continue
            pair = (attempt.candidate, attempt.problem)
            if pair not in known:
                known[pair] = {(r["started_at"], r["submission_sha256"])
                               for r in attempts(self.book, *pair)}
            if (attempt.started_at, attempt.submission_sha256) not in known[pair]:
                self.book.record(attempt)
                self.notes.append(f"recorded in the gradebook a result an interrupted run"
                                  f" had not: {_name(rec['candidate'])} {rec['problem']}")

    # -- grading ------------------------------------------------------------------
    def _grade(self, pool, pending, log: results.Log) -> None:
        try:
            with progress.show(len(pending)) as shown:
                for graded in pool.results(pending):
                    if graded.stopped:
                        continue
                    rec = records.record(graded, _seed(graded.task, self.opts.seed),
                                         self.version)
                    log.append(rec)
                    self._record(rec)
                    self._remember(rec)
                    self._write_tables()
                    self.graded_now += 1
                    shown.advance(rec["candidate"], rec["problem"], rec["verdict"],
                                  rec["score"], rec["max_score"],
                                  (graded.ended - graded.started).total_seconds())
        except BaseException:
            for sig in (signal.SIGINT, signal.SIGTERM):  # a second signal must not cut this short
                signal.signal(sig, signal.SIG_IGN)
            pool.stop()
            raise

    def _pool(self, work: Path):
        """Where the judges run: here (``-j``), or on a Dask cluster (``--dask``)."""
        if self.opts.dask:
            from .cluster_pool import ClusterPool

            return ClusterPool(self.opts.dask, self.opts.seed, self.opts.key_file)
        return LocalPool(self.opts.jobs, self.opts.seed, self.opts.key_file, work)

    def _attempt(self, rec: dict) -> Attempt | None:
        try:
            return Attempt.from_document(
                rec, candidate=rec["candidate"], submission_sha256=rec["submission_sha256"],
                started_at=records.parse_time(rec["started_at"]),
                ended_at=records.parse_time(rec["ended_at"]), version=rec["judge_version"])
        except (KeyError, TypeError, ValueError):
            return None

    def _record(self, rec: dict) -> None:
        if self.book is None:
            return
        try:
            self.book.record(self._attempt(rec))
        except Exception as exc:  # the result is on disk; say it once, go on
            self._warn(f"results are no longer recorded in the gradebook: {exc}")
            self.book = None

    def _remember(self, rec: dict) -> None:
        try:
            self.entries[(rec["candidate"], rec["problem"])] = tables.entry(rec)
        except (KeyError, TypeError, ValueError):
            pass

    def _write_tables(self) -> None:
        out, candidates = self.opts.out, self.found.candidates
        problems = [(r.id, r.max_score) for r in self.refs]
        write_atomically(out / "results.csv", tables.csv_text(candidates, problems, self.entries))
        write_atomically(out / "junit.xml", tables.junit_text(self._current()))

    def _current(self) -> list[tables.Entry]:
        """This batch's entries, candidate by candidate, in the problems' order."""
        return [self.entries[(c, r.id)] for c in self.found.candidates for r in self.refs
                if (c, r.id) in self.entries]

    # -- the end ------------------------------------------------------------------
    def _finish(self) -> None:
        out = self.opts.out
        latest = {}
        wanted = {(c, r.id) for c in self.found.candidates for r in self.refs}
        for rec in results.load(out / results.NAME).records:
            pair = (rec.get("candidate"), rec.get("problem"))
            if pair in wanted:
                latest[pair] = rec
        docs, notes = finish.similarity(self.found, self.refs, self.opts.submissions, out)
        self.notes += notes
        self.notes.append(finish.report_html(list(latest.values()), docs, out))
        self._summary()

    def exit_code(self) -> int:
        return 1 if any(e.verdict == "judge_error" for e in self._current()) else 0

    def _summary(self, interrupted: bool = False) -> None:
        current = self._current()
        total = len(self.found.tasks)
        lines = [f"batch: {len(self.found.candidates)} candidate(s), {total} submission(s)"
                 f" to {', '.join(r.id for r in self.refs)}; graded now {self.graded_now},"
                 f" already graded {self.already} (into {_name(str(self.opts.out))})"]
        counts = Counter(e.verdict for e in current)
        lines.append("verdicts: " + (", ".join(f"{v} {n}" for v, n in sorted(counts.items()))
                                     or "none yet"))
        lines += [f"{_name(e.candidate)} {e.problem}: {e.verdict}: {_name(e.message)}"
                  for e in current if e.verdict in ("judge_error", tables.NO_SUBMISSION)]
        lines += [f"skipped: {_name(s)}" for s in self.found.skipped]
        lines += [_name(n) for n in self.notes]
        if interrupted:
            lines.append(f"interrupted: {self.already + self.graded_now} of {total} graded;"
                         " every finished result is on disk: run again with --resume")
        print("\n".join(lines), flush=True)

    def _warn(self, text: str) -> None:
        print(f"lstm-judge: warning: {_name(text)}", file=sys.stderr, flush=True)


def _seed(task, seed: int | None) -> int | None:
    """The seed a task is graded with: the candidate's assigned one, else the batch's."""
    return task.seed if task.seed is not None else seed


def _name(text: str) -> str:
    return printable(text, newlines=False)
