"""How what the child did becomes a verdict: the failure policy for calls
and for the import.

The child's own faults (an exception, a limit, a death, a malformed reply)
are the submission's verdicts; only a sandbox that did not start at all is
the judge's.  Texts come from ``error_text``: safe for hidden tests in the
summary, the submission's traceback in the detail.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass

from ..limits import Limits
from ..sandbox import ChildFailure
from ..sandbox.cgroups import BOOT_FAILURE
from ..scoring.failures import Kind, SubmissionFailed
from ..verdict import Verdict
from .error_text import SourceFacts, short_error, traceback_text


@dataclass(frozen=True)
class Blame:
    limits: Limits
    forbidden: tuple[str, ...]
    source: SourceFacts

    def error_reply(self, message: dict, output: str, subject: str = "") -> SubmissionFailed:
        """A well-formed reply with ``ok: false``: the call (to ``subject``) raised."""
        error = message["error"]
        kind = message.get("kind")
        if kind == "memory":
            return SubmissionFailed(Verdict.MEMORY_LIMIT_EXCEEDED,
                                    f"ran out of memory (limit {self.limits.memory_mb} MiB)",
                                    traceback_text(error), output, kind=Kind.MEMORY)
        if kind == "forbidden_import":
            module = message.get("module")  # named only if it is one the problem bans
            what = repr(module) if module in self.forbidden else "a module"
            return SubmissionFailed(Verdict.FORBIDDEN_IMPORT,
                                    f"imported {what}, which this problem forbids",
                                    traceback_text(error), output, kind=Kind.FORBIDDEN)
        return SubmissionFailed(Verdict.RUNTIME_ERROR, short_error(error, self.source),
                                traceback_text(error), output, kind=Kind.RAISED, subject=subject)

    def child_failure(self, exc: ChildFailure, timeout_s: float | None = None,
                      total_spent: bool = False, subject: str = "",
                      cpu_limit_s: float | None = None) -> SubmissionFailed:
        """The child did not answer: too slow, dead, or out of line."""
        limits = self.limits
        if exc.kind == "cpu":
            return SubmissionFailed(Verdict.TIME_LIMIT_EXCEEDED,
                                    f"went past the CPU-time limit of {cpu_limit_s:g} s for one call",
                                    kind=Kind.CPU, subject=subject)
        if exc.kind == "timeout":
            if total_spent:
                text = f"went past the total time limit of {limits.total_s:g} s"
            else:
                text = f"went past the time limit of {timeout_s or limits.call_s:g} s for one call"
            return SubmissionFailed(Verdict.TIME_LIMIT_EXCEEDED, text, kind=Kind.TIME,
                                    subject=subject)
        if exc.kind == "died" and exc.oom:
            return SubmissionFailed(Verdict.MEMORY_LIMIT_EXCEEDED,
                                    f"ran out of memory (limit {limits.memory_mb} MiB)",
                                    kind=Kind.MEMORY)
        if exc.kind == "died" and (exc.signal == signal.SIGXCPU or exc.cpu_s >= limits.cpu_s):
            return SubmissionFailed(Verdict.TIME_LIMIT_EXCEEDED,
                                    f"used up its {limits.cpu_s:g} s of CPU time", kind=Kind.CPU)
        if exc.kind == "died":
            return SubmissionFailed(Verdict.RUNTIME_ERROR,
                                    f"the process {exc.message} during the call",
                                    kind=Kind.CRASHED, subject=subject)
        return SubmissionFailed(Verdict.RUNTIME_ERROR, f"the process {exc.message}",
                                kind=Kind.MALFORMED if exc.kind == "violation" else Kind.CRASHED)

    def import_failure(self, exc: ChildFailure, boot_log: str) -> SubmissionFailed:
        """The child did not report its import."""
        failure = self.child_failure(exc)
        if failure.verdict is Verdict.RUNTIME_ERROR:
            if boot_log.startswith(("bwrap:", BOOT_FAILURE)):
                return SubmissionFailed(Verdict.JUDGE_ERROR, f"the sandbox did not start: {boot_log}")
            return SubmissionFailed(Verdict.COMPILE_ERROR,
                                    f"the process {exc.message} while importing the submission")
        failure.summary = failure.detail = failure.summary + " while importing the submission"
        return failure

    def import_error(self, message: dict, output: str) -> SubmissionFailed:
        """The child reported that the import failed."""
        kind = message.get("kind")
        error = message["error"]
        if kind == "syntax":
            frames = error.get("frames") or [[0, "", ""]]
            line = frames[0][0]
            text = f"does not parse: line {line}: {error.get('type')}: {error.get('message')}"
            return SubmissionFailed(Verdict.COMPILE_ERROR, text, output=output)
        if kind == "exception":
            text = "failed while importing: " + short_error(error, self.source, with_message=True)
            return SubmissionFailed(Verdict.COMPILE_ERROR, text, traceback_text(error), output)
        failure = self.error_reply(message, output)
        failure.summary = failure.detail = failure.summary + " while importing the submission"
        return failure
