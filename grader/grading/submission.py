"""The ``submission`` fixture: a stand-in for the sandboxed submission.

Hidden tests call ``submission.lstm_cell(x, ...)`` as if the function were
local; the call becomes a request to the child, and whatever goes wrong there
becomes a ``SubmissionFailed`` with the matching verdict (``blame``).  A
child that dies is started afresh for the next test.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..child.confine import AUDIT_LABELS
from ..child.protocol import Handle
from ..limits import WALL_PER_CPU
from ..problem import EntryPoint
from ..sandbox import ChildFailure, Sandbox, SandboxConfig
from ..scoring.failures import Kind, SubmissionFailed
from ..verdict import Verdict
from .blame import Blame
from .call_log import CallLog, built_name, returned_names
from .error_text import SourceFacts
from .replies import keras_description, module_description, well_formed
from .signatures import check_entry_points

KNOWN_FLAGS = frozenset(AUDIT_LABELS.values())


class Submission:
    def __init__(self, path: Path, config: SandboxConfig, entry_points: tuple[EntryPoint, ...]):
        self.path = path
        self.config = config
        self.entry_points = {e.name: e for e in entry_points}
        self.log = CallLog()
        self.blame = Blame(config.limits, config.forbidden, SourceFacts.of(path))
        self.isolation: dict = {}
        self.starts = 0
        self.max_call_s = 0.0  # the slowest successful call, for validate's margin check
        self.flags: set[str] = set()  # what the audit hook saw it try (a fixed vocabulary)
        self.last_warnings: list[tuple[str, str]] = []  # (category, message) of the last call
        self.replies = 0  # replies received: data from the child (see plugin, provenance)
        self._sandbox: Sandbox | None = None
        self.spent = 0.0  # the child's own time: in calls and imports, not between them
        self._launched_at = 0.0
        self._ready: tuple | None = None  # (failure or None,) once the import is known

    # ------------------------------------------------------------- lifecycle

    def start(self) -> SubmissionFailed | None:
        """Start a child and import the submission; a failure to import is
        returned (as the verdict for every test), not raised."""
        self.launch()
        return self.wait_ready()

    def launch(self) -> None:
        """Start a child; ``wait_ready`` waits for its import."""
        self._launched_at = time.monotonic()
        self._sandbox = Sandbox(self.path, self.config, total_deadline=self._total_deadline())
        self.starts += 1
        self._sandbox.launch()
        self._ready = None

    def adopt(self, sandbox: Sandbox) -> None:
        """Take over a child the judge launched before it loaded the tests
        (``judge.grade``), as if ``launch`` had started it now: the judge's own
        loading, which the child's boot overlapped, is not the child's time."""
        self._launched_at = time.monotonic()
        sandbox.total_deadline = self._total_deadline()
        self._sandbox = sandbox
        self.starts += 1
        self._ready = None

    def _total_deadline(self) -> float:
        """When the rest of the total time runs out, if the child ran from now on.
        The total counts only the child's own time (it is frozen between calls),
        so the judge's work between calls never uses up a submission's time."""
        return time.monotonic() + max(0.0, self.config.limits.total_s - self.spent)

    def wait_ready(self) -> SubmissionFailed | None:
        """Wait for the launched child's import: None, or why it failed."""
        if self._ready is not None:
            return self._ready[0]
        try:
            reply = self._sandbox.wait_ready()
        except ChildFailure as exc:
            self._ready = (self.blame.import_failure(exc, self._sandbox.boot_log()),)
            return self._ready[0]
        finally:
            self.spent += time.monotonic() - self._launched_at
            self.isolation = self._sandbox.describe()
        message = well_formed(reply.message)
        self._note_flags(message)
        if not message["ok"]:
            failure = self.blame.import_error(message, message["output"])
        else:
            failure = check_entry_points(self.entry_points, message["entry_points"])
        self._ready = (failure,)
        return failure

    def close(self) -> None:
        if self._sandbox is not None:
            if self._sandbox.confined:  # what was in force to the end (a late freeze, say)
                self.isolation = self._sandbox.describe()
            self._sandbox.close()
            self._sandbox = None

    def begin_test(self) -> None:
        self.log = self.log.next()

    # ------------------------------------------------------------- calls

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self.__dict__.get("entry_points", {}):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)

    def call(self, name: str, *args, **kwargs):
        return self.call_within(None, name, *args, **kwargs)

    def call_within(self, timeout_s: float | None, name: str, *args, **kwargs):
        """``call``, with ``timeout_s`` of wall time instead of the per-call limit."""
        return self._call(name, args, kwargs, timeout_s)

    def call_cpu(self, cpu_s: float, name: str, *args, **kwargs):
        """``call``, limited to ``cpu_s`` seconds of the child's CPU time (a
        training budget plus its grace), measured by the judge, so that a
        busy machine gives it no less work; the wall time is bounded too, at
        ``WALL_PER_CPU`` times as long."""
        return self._call(name, args, kwargs, WALL_PER_CPU * cpu_s, cpu_s)

    def _call(self, name: str, args: tuple, kwargs: dict, timeout_s: float | None,
              cpu_s: float | None = None):
        entry_point = self.entry_points[name]
        entry = self.log.call(entry_point, args, kwargs)
        request = {"op": "call", "name": name, "args": list(args), "kwargs": kwargs}
        value = self._request(request, timeout_s, subject=name, cpu_s=cpu_s).get("value")
        self.log.returned(entry, value, returned_names(entry_point))
        return value

    def call_echo(self, name: str, *args):
        """Call ``name``; also return the arguments as the child holds them
        after the call (to see whether it modified its inputs)."""
        entry_point = self.entry_points[name]
        entry = self.log.call(entry_point, args, {})
        request = {"op": "call", "name": name, "args": list(args), "kwargs": {}, "echo_args": True}
        reply = self._request(request, subject=name)
        self.log.returned(entry, reply.get("value"), returned_names(entry_point))
        after = reply.get("args")
        if not isinstance(after, list) or len(after) != len(args):
            raise SubmissionFailed(Verdict.RUNTIME_ERROR, "sent a malformed reply (its arguments"
                                   " after the call were missing)", kind=Kind.MALFORMED)
        return reply.get("value"), after

    def call_method(self, target: Handle, name: str, *args, **kwargs):
        entry = self.log.method(target, name, args, kwargs)
        value = self._request({"op": "call_method", "target": target, "name": name,
                               "args": list(args), "kwargs": kwargs}, subject=name).get("value")
        self.log.method_returned(entry, target, name, value)
        return value

    def modules(self, target: Handle) -> list[dict]:
        """A torch module's submodules: path, type, config and parameters."""
        self.log.judge_step("read the layers and parameters of", target)
        value = module_description(
            self._request({"op": "inspect_module", "target": target}).get("value"))
        if value is None:
            raise SubmissionFailed(Verdict.RUNTIME_ERROR, "sent a malformed module description",
                                   kind=Kind.MALFORMED)
        return value

    def keras(self, name: str, *args, target: Handle | None = None, words: str = ""):
        """One of the child's Keras helpers (``child/keras_support.OPS``) on
        ``args``; ``words`` say in the call log what the judge did to ``target``."""
        if target is not None and words:
            self.log.judge_step(words, target)
        return self._request({"op": "keras", "name": name, "args": list(args)}).get("value")

    def keras_layers(self, model: Handle, input_shape: tuple, dtype: str) -> list[dict]:
        """A Keras model's layers (built first on zeros of ``input_shape``):
        class, module, settings and weight shapes, checked as child data."""
        value = keras_description(self.keras("describe", model, list(input_shape), dtype,
                                             target=model, words="read the layers of"))
        if value is None:
            raise SubmissionFailed(Verdict.RUNTIME_ERROR, "sent a malformed description of "
                                   "its Keras layers", kind=Kind.MALFORMED)
        return value

    def build(self, name: str, *args, params_of: Handle | None = None, seed: int | None = None,
              **kwargs):
        """Have the child construct a judge-chosen object (a loss, an
        optimizer, the reference model; see child/torch_support.BUILDABLE)."""
        entry = self.log.build(name, args, kwargs, params_of)
        value = self._request({"op": "build", "name": name, "args": list(args), "kwargs": kwargs,
                               "params_of": params_of, "seed": seed}).get("value")
        self.log.returned(entry, value, (built_name(name),))
        return value

    def _request(self, message: dict, timeout_s: float | None = None, subject: str = "",
                 cpu_s: float | None = None):
        if self.spent >= self.config.limits.total_s:
            raise SubmissionFailed(
                Verdict.TIME_LIMIT_EXCEEDED,
                f"not run: the submission used up its total time of {self.config.limits.total_s:g} s",
            )
        if self._sandbox is None or not self._sandbox.alive:
            self.close()
            failure = self.start()
            if failure is not None:
                raise failure
        self._sandbox.total_deadline = self._total_deadline()
        start = time.monotonic()
        try:
            reply = self._sandbox.request(message, timeout_s, cpu_s)
        except ChildFailure as exc:
            self.log.wall_s += time.monotonic() - start
            self.spent += time.monotonic() - start
            self.close()  # the child is dead; the next call starts a fresh one
            total_spent = self.spent >= self.config.limits.total_s - 0.01
            raise self.blame.child_failure(exc, timeout_s, total_spent, subject, cpu_s) from None
        self.spent += reply.wall_s
        self.replies += 1
        message = well_formed(reply.message)
        self._note_flags(message)
        self.log.wall_s += reply.wall_s
        self.log.max_call_s = max(self.log.max_call_s, reply.wall_s)
        self.max_call_s = max(self.max_call_s, reply.wall_s)
        self.last_warnings = message["warnings"]
        if message["output"]:
            self.log.output.append(message["output"])
        if message["ok"]:
            return message
        raise self.blame.error_reply(message, message["output"], subject)

    def _note_flags(self, message: dict) -> None:
        self.flags |= {f for f in message["flags"] if f in KNOWN_FLAGS}
