"""The ``submission`` fixture: a stand-in for the sandboxed submission.

Hidden tests call ``submission.lstm_cell(x, ...)`` as if the function were
local; the call becomes a request to the child, and whatever goes wrong there
becomes a ``SubmissionFailed`` with the matching verdict.  A child that dies
is started afresh for the next test.
"""

from __future__ import annotations

import ast
import builtins
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .confine import AUDIT_LABELS
from .outcome import SubmissionFailed
from .problem import EntryPoint
from .protocol import Handle
from .sandbox import ChildFailure, Sandbox, SandboxConfig
from .verdict import Verdict


KNOWN_FLAGS = frozenset(AUDIT_LABELS.values())


@dataclass
class CallLog:
    """What one test asked of the submission, for its feedback."""

    calls: list[str] = field(default_factory=list)
    output: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    max_call_s: float = 0.0


class Submission:
    def __init__(self, path: Path, config: SandboxConfig, entry_points: tuple[EntryPoint, ...]):
        self.path = path
        self.config = config
        self.entry_points = {e.name: e for e in entry_points}
        self.log = CallLog()
        self.source = SourceFacts.of(path)
        self.isolation: dict = {}
        self.starts = 0
        self.max_call_s = 0.0  # the slowest successful call, for validate's margin check
        self.flags: set[str] = set()  # what the audit hook saw it try (a fixed vocabulary)
        self.last_warnings: list[tuple[str, str]] = []  # (category, message) of the last call
        self._sandbox: Sandbox | None = None
        self._deadline: float | None = None
        self._import_output = ""
        self._ready: tuple | None = None  # (failure or None,) once the import is known

    # ------------------------------------------------------------- lifecycle

    def start(self) -> SubmissionFailed | None:
        """Start a child and import the submission; a failure to import is
        returned (as the verdict for every test), not raised."""
        self.launch()
        return self.ready()

    def launch(self) -> None:
        """Start a child; ``ready`` waits for its import."""
        if self._deadline is None:
            self._deadline = time.monotonic() + self.config.limits.total_s
        self._sandbox = Sandbox(self.path, self.config)
        self._sandbox.total_deadline = self._deadline
        self.starts += 1
        self._sandbox.launch()
        self._ready = None

    def ready(self) -> SubmissionFailed | None:
        """Wait for the launched child's import: None, or why it failed."""
        if self._ready is not None:
            return self._ready[0]
        try:
            reply = self._sandbox.handshake()
        except ChildFailure as exc:
            self._ready = (self._import_failure(exc),)
            return self._ready[0]
        finally:
            self.isolation = self._sandbox.describe()
        message = well_formed(reply.message)
        self._note_flags(message)
        self._import_output = str(message.get("output", ""))
        failure = (self._import_error(message) if not message.get("ok")
                   else self._check_entry_points(message.get("entry_points")))
        self._ready = (failure,)
        return failure

    def close(self) -> None:
        if self._sandbox is not None:
            self._sandbox.close()
            self._sandbox = None

    def begin_test(self) -> None:
        self.log = CallLog()

    # ------------------------------------------------------------- calls

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self.__dict__.get("entry_points", {}):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)

    def call(self, name: str, *args, **kwargs):
        self.log.calls.append(_describe_call(name, args, kwargs, self.entry_points[name].params))
        request = {"op": "call", "name": name, "args": list(args), "kwargs": kwargs}
        return self._request(request).get("value")

    def call_within(self, timeout_s: float, name: str, *args, **kwargs):
        """``call``, with ``timeout_s`` of wall time instead of the per-call
        limit (a training budget, say)."""
        self.log.calls.append(_describe_call(name, args, kwargs, self.entry_points[name].params))
        request = {"op": "call", "name": name, "args": list(args), "kwargs": kwargs}
        return self._request(request, timeout_s).get("value")

    def call_echo(self, name: str, *args):
        """Call ``name``; also return the arguments as the child holds them
        after the call (to see whether it modified its inputs)."""
        self.log.calls.append(_describe_call(name, args, {}, self.entry_points[name].params))
        request = {"op": "call", "name": name, "args": list(args), "kwargs": {}, "echo_args": True}
        reply = self._request(request)
        after = reply.get("args")
        if not isinstance(after, list) or len(after) != len(args):
            raise SubmissionFailed(Verdict.RUNTIME_ERROR, "sent a malformed reply (its arguments"
                                   " after the call were missing)")
        return reply.get("value"), after

    def call_method(self, target: Handle, name: str, *args, **kwargs):
        self.log.calls.append(_describe_call(f"{target.type}.{name}", args, kwargs))
        return self._request({"op": "call_method", "target": target, "name": name,
                              "args": list(args), "kwargs": kwargs}).get("value")

    def modules(self, target: Handle) -> list[dict]:
        """A torch module's submodules: path, type, config and parameters."""
        self.log.calls.append(f"inspect({target.type})")
        value = self._request({"op": "inspect_module", "target": target}).get("value")
        if not isinstance(value, list):
            raise SubmissionFailed(Verdict.RUNTIME_ERROR, "sent a malformed module description")
        return value

    def build(self, name: str, *args, params_of: Handle | None = None, seed: int | None = None,
              **kwargs):
        """Have the child construct a judge-chosen object (a loss, an
        optimizer, the reference model; see torchops.BUILDABLE)."""
        self.log.calls.append(f"build({name})")
        return self._request({"op": "build", "name": name, "args": list(args), "kwargs": kwargs,
                              "params_of": params_of, "seed": seed}).get("value")

    def _request(self, message: dict, timeout_s: float | None = None):
        if self._deadline is not None and time.monotonic() >= self._deadline:
            raise SubmissionFailed(
                Verdict.TIME_LIMIT_EXCEEDED,
                f"not run: the submission used up its total time of {self.config.limits.total_s:g} s",
            )
        if self._sandbox is None or not self._sandbox.alive:
            self.close()
            failure = self.start()
            if failure is not None:
                raise failure
        start = time.monotonic()
        try:
            reply = self._sandbox.request(message, timeout_s)
        except ChildFailure as exc:
            self.log.wall_s += time.monotonic() - start
            self.close()  # the child is dead; the next call starts a fresh one
            raise self._call_failure(exc, timeout_s) from None
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
        raise self._call_error(message, message["output"])

    def _note_flags(self, message: dict) -> None:
        self.flags |= {f for f in message["flags"] if f in KNOWN_FLAGS}

    # ------------------------------------------------------------- verdicts

    def _call_error(self, message: dict, output: str) -> SubmissionFailed:
        error = message["error"]
        kind = message.get("kind")
        limits = self.config.limits
        if kind == "memory":
            return SubmissionFailed(Verdict.MEMORY_LIMIT_EXCEEDED,
                                    f"ran out of memory (limit {limits.memory_mb} MiB)",
                                    _traceback(error), output)
        if kind == "forbidden_import":
            module = message.get("module")  # named only if it is one the problem bans
            what = repr(module) if module in self.config.forbidden else "a module"
            return SubmissionFailed(Verdict.FORBIDDEN_IMPORT,
                                    f"imported {what}, which this problem forbids",
                                    _traceback(error), output)
        return SubmissionFailed(Verdict.RUNTIME_ERROR, _short_error(error, self.source),
                                _traceback(error), output)

    def _call_failure(self, exc: ChildFailure, timeout_s: float | None = None) -> SubmissionFailed:
        limits = self.config.limits
        if exc.kind == "timeout":
            if self._deadline is not None and time.monotonic() >= self._deadline - 0.01:
                text = f"went past the total time limit of {limits.total_s:g} s"
            else:
                text = f"went past the time limit of {timeout_s or limits.call_s:g} s for one call"
            return SubmissionFailed(Verdict.TIME_LIMIT_EXCEEDED, text)
        if exc.kind == "died" and exc.oom:
            return SubmissionFailed(Verdict.MEMORY_LIMIT_EXCEEDED,
                                    f"ran out of memory (limit {limits.memory_mb} MiB)")
        if exc.kind == "died" and (exc.signal == signal.SIGXCPU or exc.cpu_s >= limits.cpu_s):
            return SubmissionFailed(Verdict.TIME_LIMIT_EXCEEDED,
                                    f"used up its {limits.cpu_s:g} s of CPU time")
        if exc.kind == "died":
            return SubmissionFailed(Verdict.RUNTIME_ERROR, f"the process {exc.message} during the call")
        return SubmissionFailed(Verdict.RUNTIME_ERROR, f"the process {exc.message}")

    def _import_failure(self, exc: ChildFailure) -> SubmissionFailed:
        failure = self._call_failure(exc)
        if failure.verdict is Verdict.RUNTIME_ERROR:
            boot = self._sandbox.boot_log() if self._sandbox else ""
            if boot.startswith("bwrap:"):
                return SubmissionFailed(Verdict.JUDGE_ERROR, f"the sandbox did not start: {boot}")
            return SubmissionFailed(Verdict.COMPILE_ERROR,
                                    f"the process {exc.message} while importing the submission")
        failure.summary = failure.detail = failure.summary + " while importing the submission"
        return failure

    def _import_error(self, message: dict) -> SubmissionFailed:
        kind = message.get("kind")
        error = message["error"]
        output = self._import_output
        if kind == "syntax":
            frames = error.get("frames") or [[0, "", ""]]
            line = frames[0][0]
            text = f"does not parse: line {line}: {error.get('type')}: {error.get('message')}"
            return SubmissionFailed(Verdict.COMPILE_ERROR, text, output=output)
        if kind == "exception":
            text = "failed while importing: " + _short_error(error, self.source, with_message=True)
            return SubmissionFailed(Verdict.COMPILE_ERROR, text, _traceback(error), output)
        failure = self._call_error(message, output)
        failure.summary = failure.detail = failure.summary + " while importing the submission"
        return failure

    def _check_entry_points(self, found: dict) -> SubmissionFailed | None:
        """``found`` is a well_formed reply's entry_points (always a dict)."""
        for name, entry in self.entry_points.items():
            info = found.get(name)
            if not isinstance(info, dict):
                return SubmissionFailed(Verdict.COMPILE_ERROR, f"does not define {entry.signature}")
            if not info.get("callable"):
                return SubmissionFailed(Verdict.COMPILE_ERROR,
                                        f"defines {name}, but it is not callable")
            problem = _arity_problem(info.get("params"), entry, info.get("class") is True)
            if problem:
                return SubmissionFailed(Verdict.COMPILE_ERROR, problem)
        return None


def _capped_output(v, cap: int = 64 << 10) -> str:
    if not isinstance(v, str):
        return ""
    return v if len(v) <= cap else v[:cap] + "\n[output truncated]"


def well_formed(message: dict) -> dict:
    """A reply from the child with every field the judge reads coerced to
    its expected type, so that a tampered reply is the child's loss and never
    a crash in the judge.  ``value`` and ``args`` stay as sent: the tests
    check them."""

    def text(v, cap=1 << 16) -> str:
        return v[:cap] if isinstance(v, str) else ""

    def frame(f):
        if (isinstance(f, (list, tuple)) and len(f) == 3 and isinstance(f[0], int)
                and not isinstance(f[0], bool)):
            return [f[0], text(f[1], 200), text(f[2], 200)]
        return None

    error = message.get("error") if isinstance(message.get("error"), dict) else {}
    frames = error.get("frames") if isinstance(error.get("frames"), list) else []
    warnings = message.get("warnings") if isinstance(message.get("warnings"), list) else []
    points = message.get("entry_points") if isinstance(message.get("entry_points"), dict) else {}
    return {
        "ok": message.get("ok") is True,
        "phase": text(message.get("phase"), 20),
        "kind": text(message.get("kind"), 40),
        "module": text(message.get("module"), 100),
        "output": _capped_output(message.get("output")),
        "flags": [f for f in (message.get("flags") or []) if isinstance(f, str)]
        if isinstance(message.get("flags"), list) else [],
        "warnings": [(text(w[0], 100), text(w[1], 300)) for w in warnings[:20]
                     if isinstance(w, (list, tuple)) and len(w) == 2],
        "error": {"type": text(error.get("type"), 100), "builtin": error.get("builtin") is True,
                  "message": text(error.get("message"), 2000),
                  "frames": [f for f in map(frame, frames[-20:]) if f]},
        "entry_points": {k: v for k, v in points.items() if isinstance(k, str)},
        "value": message.get("value"),
        "args": message.get("args") if isinstance(message.get("args"), list) else None,
    }


def _arity_problem(params, entry: EntryPoint, is_class: bool) -> str:
    """Why ``params`` (from inspect, in the child) cannot take the spec's
    parameters (``entry.keywords`` by keyword, the rest positionally);
    empty when they can."""
    if not isinstance(params, list):
        return ""
    try:
        triples = [(str(p[0]), str(p[1]), bool(p[2])) for p in params]
    except (IndexError, TypeError, KeyError):
        return f"{entry.name}: the child sent a malformed description of its signature"
    if is_class and triples and triples[0][0] == "self":
        triples = triples[1:]
    positional = [(n, d) for n, k, d in triples if k in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
    by_name = {n for n, k, _ in triples if k in ("POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY")}
    varargs = any(k == "VAR_POSITIONAL" for _, k, _ in triples)
    varkw = any(k == "VAR_KEYWORD" for _, k, _ in triples)
    wanted = [p for p in entry.params if p not in entry.keywords]
    # Keyword arguments fill these first, so the positional ones must fit in the rest.
    free = [(n, d) for n, d in positional if n not in entry.keywords]
    required = sum(1 for _, d in free if not d)
    required_kw = {n for n, k, d in triples if k == "KEYWORD_ONLY" and not d}
    missing_kw = [k for k in entry.keywords if k not in by_name and not varkw]
    if (required > len(wanted) or (len(wanted) > len(free) and not varargs)
            or required_kw - set(entry.keywords) or missing_kw):
        return (f"{entry.name} takes {len(positional)} positional parameter(s), expected"
                f" {len(wanted)}: {entry.signature}"
                + (f" (with {', '.join(entry.keywords)} by keyword)" if entry.keywords else ""))
    return ""
    try:
        kinds = [(str(p[1]), bool(p[2])) for p in params]
    except (IndexError, TypeError):
        return ""
    if is_class and kinds and params[0][0] == "self":
        kinds = kinds[1:]
    positional = [d for k, d in kinds if k in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
    varargs = any(k == "VAR_POSITIONAL" for k, _ in kinds)
    required = sum(1 for d in positional if not d)
    required_kw = sum(1 for k, d in kinds if k == "KEYWORD_ONLY" and not d)
    n = len(entry.params)
    if required > n or (n > len(positional) and not varargs) or required_kw:
        return (f"{entry.name} takes {len(positional)} positional parameter(s), "
                f"expected {n}: {entry.signature}")
    return ""


BUILTIN_EXCEPTIONS = frozenset(
    name for name, obj in vars(builtins).items()
    if isinstance(obj, type) and issubclass(obj, BaseException)
)


def _short_error(error: dict, source: "SourceFacts", with_message: bool = False) -> str:
    """The exception type and the submission's line, safe for hidden tests.

    All of it comes from the child, which could hide data in any string or
    number, so only what the judge can check is kept: a builtin exception
    name, a line that exists in the submission, a function it defines.  The
    message is left out entirely unless ``with_message`` (import errors,
    before any hidden data reached the child)."""
    name = error.get("type")
    name = name if name in BUILTIN_EXCEPTIONS else "an exception of its own type"
    text = f"raised {name}"
    frames = error.get("frames") or []
    frame = frames[-1] if frames and isinstance(frames[-1], list) and len(frames[-1]) >= 2 else None
    if frame and isinstance(frame[0], int) and 1 <= frame[0] <= source.lines:
        text += f" at line {frame[0]}"
        if frame[1] in source.functions:
            text += f" in {frame[1]}"
    if with_message:
        text += f": {str(error.get('message', ''))[:300]}"
    return text


@dataclass(frozen=True)
class SourceFacts:
    """What the judge itself knows of the submission's source."""

    lines: int
    functions: frozenset

    @classmethod
    def of(cls, path: Path) -> "SourceFacts":
        source = path.read_bytes()
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return cls(source.count(b"\n") + 1, frozenset())
        names = {n.name for n in ast.walk(tree)
                 if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        return cls(source.count(b"\n") + 1, frozenset(names | {"<module>"}))


def _traceback(error: dict) -> str:
    """The submission's own frames, trimmed, then the exception."""
    lines = ["Traceback (submission frames only):"]
    for frame in (error.get("frames") or [])[-8:]:
        if isinstance(frame, list) and len(frame) == 3:
            lines.append(f"  line {frame[0]}, in {frame[1]}")
            if frame[2]:
                lines.append(f"    {frame[2]}")
    lines.append(f"{error.get('type', 'Exception')}: {str(error.get('message', ''))[:1000]}")
    return "\n".join(lines)


def _describe_call(name: str, args, kwargs, params=()) -> str:
    def one(value) -> str:
        if isinstance(value, np.ndarray):
            return f"{value.dtype} {value.shape}"
        return type(value).__name__

    names = list(params) + [""] * len(args)
    parts = [f"{n}: {one(a)}" if n else one(a) for n, a in zip(names, args)]
    parts += [f"{k}: {one(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"
