"""A results.jsonl record: the staff document that ``submit`` printed, plus
who (``candidate``), which bytes (``submission_sha256``), which judge
(``judge_version``) and when (``started_at``, ``ended_at``, UTC ISO 8601).

A judge process that printed no document still gets a record: the
judge_error document (built by ``reports.json``, the one place documents are
made) with the reason in ``message`` and the judge's stderr in
``judge_stderr`` (staff only, as everything in results.jsonl is).  Its
``key`` is null: the judge never said which key it used.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ..gradebook.attempt import judge_version, utc_timestamp
from ..reports.json import document as json_document
from ..scoring.result import STAFF, Result
from .candidates import Task
from .worker import Graded

BATCH_FIELDS = ("candidate", "submission_sha256", "judge_version", "started_at", "ended_at",
                "batch_seed")
PUBLIC_SEED = 0  # the seed submit grades with when none is given (grading.draws)


def run_seed(seed: int | None) -> int:
    return PUBLIC_SEED if seed is None else seed


def record(graded: Graded, seed: int | None, version: str | None = None) -> dict:
    """The results.jsonl record of what a worker brought back."""
    if graded.document is not None:
        doc = graded.document
    elif graded.refused:
        doc = _refused(graded, seed)
    else:
        doc = _judge_error(graded, seed)
    doc.update({"candidate": graded.task.candidate, "submission_sha256": graded.sha256,
                "judge_version": version or judge_version(),
                "started_at": utc_timestamp(graded.started),
                "ended_at": utc_timestamp(graded.ended),
                # the seed the batch asked for (what resume keys on): a quiz is
                # graded on the seed its file records unless one is asked for,
                # so its document's `seed` may differ
                "batch_seed": run_seed(seed)})
    return doc


def _judge_error(graded: Graded, seed: int | None) -> dict:
    task = graded.task
    result = Result(problem=task.problem.id, submission=str(task.path), mode="submit",
                    seed=run_seed(seed), limits=dict(task.problem.limits), view=STAFF,
                    isolation={"level": "none", "uid": None, "layers": [], "missing": [],
                               "note": "the judge process printed no result: nothing was"
                                       " graded"},
                    problem_dir=task.problem.root, problem_digest=task.problem.digest,
                    judge_error=True, message=graded.failure[:500],
                    declared_max_score=task.problem.max_score,
                    time_s=(graded.ended - graded.started).total_seconds())
    doc = json_document(result)
    doc["judge_stderr"] = graded.stderr
    return doc


def _refused(graded: Graded, seed: int | None) -> dict:
    """A quiz's answer file that does not parse (``submit`` exits 2, naming
    the line): the candidate's compile_error, scored 0, with the reason."""
    from ..scoring.failures import Kind
    from ..scoring.result import TestResult
    from ..verdict import Verdict

    task = graded.task
    reason = graded.refused[:500]
    test = TestResult("answer_file", "sample", Verdict.COMPILE_ERROR, 0, 0, summary=reason,
                      detail=reason, kind=Kind.COMPILE)
    result = Result(problem=task.problem.id, submission=str(task.path), mode="submit",
                    seed=run_seed(seed), limits=dict(task.problem.limits), view=STAFF,
                    isolation={"level": "none", "uid": None, "layers": [], "missing": [],
                               "note": "a quiz runs no child; this answer file was refused"},
                    problem_dir=task.problem.root, problem_digest=task.problem.digest,
                    message=f"the answer file was refused: {reason}", tests=[test],
                    declared_max_score=task.problem.max_score,
                    time_s=(graded.ended - graded.started).total_seconds())
    return json_document(result)


def resume_key(candidate: str, digest: str, sha256: str, seed: int, version: str) -> tuple:
    """What makes a result the same grading: who, against which problem
    digest, which bytes, which seed, which judge."""
    return (candidate, digest, sha256, seed, version)


def key_of(rec: dict) -> tuple | None:
    """A record's resume key, or None for a record that does not count as
    graded: a judge_error (the judge failed, so ``--resume`` tries again) or
    one without the fields."""
    try:
        if rec["verdict"] == "judge_error":
            return None
        return resume_key(rec["candidate"], rec["problem_digest"], rec["submission_sha256"],
                          rec.get("batch_seed", rec["seed"]), rec["judge_version"])
    except (KeyError, TypeError):
        return None


def task_key(task: Task, seed: int | None, version: str) -> tuple:
    return resume_key(task.candidate, task.problem.digest, task.sha256, run_seed(seed), version)


def parse_time(text: str) -> datetime:
    """A ``utc_timestamp`` back into a datetime."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
