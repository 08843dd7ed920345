"""The child side: runs inside the sandbox, imports the submission and
answers the judge's requests.

Started as ``python -I -S worker.py CONFIG_JSON``.  Everything here runs
before the submission and sets up its world: resource limits, the import
guard, output capture.  Nothing here is trusted by the judge; a submission
that tampers with it only spoils its own answers.

Requests (from the judge): ``{"op": "call", "name", "args", "kwargs"}``,
``{"op": "call_method", "target", "name", "args", "kwargs"}``,
``{"op": "inspect_module", "target"}``, ``{"op": "build", "name", "args",
"kwargs", "params_of", "seed"}`` (torch problems, see torch_support.py),
``{"op": "keras", "name", "args"}`` (Keras problems, see keras_support.py) and
``{"op": "release", "target"}``.  Replies: ``{"ok": true, "value", "output"}``
or ``{"ok": false, "error": {...}, "output"}``.
"""

import json
import os
import sys

CONFIG = json.loads(sys.argv[1])
REQUESTS, REPLIES = CONFIG["fds"]


def install_import_guard(forbidden):
    """Refuse the forbidden modules when the submission itself imports them.

    A library looking for an optional module (torch probing for tensorflow)
    is left alone: it finds nothing, because the sandbox's view holds only
    the allowed packages."""
    import importlib.abc

    class ForbiddenImport(ModuleNotFoundError):
        def __init__(self, module):
            super().__init__(f"import of {module!r} is not allowed in this problem", name=module)
            self.module = module

    def importer():
        frame = sys._getframe(2)
        while frame is not None and (frame.f_code.co_filename.startswith("<frozen importlib")
                                     or "/importlib/" in frame.f_code.co_filename):
            frame = frame.f_back
        return frame.f_code.co_filename if frame is not None else ""

    class ImportGuard(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path=None, target=None):
            top = fullname.partition(".")[0]
            if top in forbidden and not importer().startswith(libraries):
                raise ForbiddenImport(top)
            return None

    # Code under these roots is a library; anything else (the submission, code
    # it exec'd) importing a forbidden module is the submission's doing.
    libraries = tuple(p.rstrip("/") + "/" for p in sys.path if p.startswith("/"))
    sys.meta_path.insert(0, ImportGuard())
    return ForbiddenImport


def seed_everything(seed):
    """The same seed for every generator a submission is likely to use, so
    that grading a submission twice gives the same score."""
    import random

    random.seed(seed)
    try:
        import numpy

        numpy.random.seed(seed % 2**32)
    except ImportError:
        pass
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)


class Output:
    """Captures what the submission writes to fds 1 and 2 during one step,
    into a file in the sandbox (bounded by RLIMIT_FSIZE)."""

    def __init__(self, path, cap):
        self.cap = cap
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(self.fd, 1)
        os.dup2(self.fd, 2)

    def take(self):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os.lseek(self.fd, 0, os.SEEK_SET)
        data = os.read(self.fd, self.cap + 1)
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        text = data[: self.cap].decode("utf-8", "replace")
        return text + ("\n[output truncated]" if len(data) > self.cap else "")


def describe_error(exc, submission_file):
    """The exception type, message and the submission's own frames."""
    import traceback

    frames = []
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == submission_file:
            frames.append([frame.lineno or 0, frame.name, (frame.line or "")[:200]])
    return {
        "type": type(exc).__name__[:100],
        "builtin": type(exc).__module__ == "builtins",
        "message": str(exc)[:2000],
        "frames": frames[-20:],
    }


class Channel:
    """The reply pipe: every reply carries the audit flags seen so far."""

    def __init__(self, protocol, flags):
        self.protocol = protocol
        self.flags = flags
        self.to_handle = None  # set once objects can be kept (after the import)

    def reply(self, message):
        message["flags"] = sorted(self.flags)
        try:
            frame = self.protocol.encode(message, self.to_handle)
        except Exception as exc:  # a value that cannot be sent
            frame = self.protocol.encode(
                {"ok": False, "error": {"type": "UnsendableValue", "builtin": False,
                                        "message": str(exc)[:500], "frames": []},
                 "output": message.get("output", "")}
            )
        self.protocol.write_frame(REPLIES, frame)


def set_up():
    """Close what is not ours, confine the process, report the confinement,
    guard imports and seed the generators: (channel, output, ForbiddenImport)."""
    for fd in range(3, 256):  # nothing else of the judge's stays open
        if fd not in (REQUESTS, REPLIES):
            try:
                os.close(fd)
            except OSError:
                pass
    sys.setrecursionlimit(CONFIG.get("recursion_limit", 10000))
    sys.path[:0] = CONFIG["sys_path"]
    import protocol  # beside this file, in the sandbox

    output = Output(CONFIG["output_file"], CONFIG["output_cap"])
    flags = set()
    import confine  # beside this file, in the sandbox

    confined = confine.confine_self(CONFIG["confine"], CONFIG["rlimits"],
                                    CONFIG.get("torch_threads", 0), flags,
                                    CONFIG.get("preload", ()))
    protocol.write_frame(REPLIES, protocol.encode({"phase": "confined", **confined}))
    forbidden_import = install_import_guard(frozenset(CONFIG["forbidden"]))
    seed_everything(CONFIG.get("seed", 0))
    return Channel(protocol, flags), output, forbidden_import


def import_submission(channel, output, forbidden_import):
    """Import the submission and report how it went: its module, or None
    after reporting why it did not import."""
    submission_file = CONFIG["submission"]
    failure = None
    try:
        import importlib.util

        spec = importlib.util.spec_from_file_location("submission", submission_file)
        module = importlib.util.module_from_spec(spec)
        sys.modules["submission"] = module
        spec.loader.exec_module(module)
    except forbidden_import as exc:
        failure = {"kind": "forbidden_import", "module": exc.module,
                   "error": describe_error(exc, submission_file)}
    except SyntaxError as exc:
        error = describe_error(exc, submission_file)
        error["frames"] = [[exc.lineno or 0, "<module>", (exc.text or "").strip()[:200]]]
        failure = {"kind": "syntax", "error": error}
    except MemoryError as exc:
        failure = {"kind": "memory", "error": describe_error(exc, submission_file)}
    except BaseException as exc:  # SystemExit and KeyboardInterrupt included
        failure = {"kind": "exception", "error": describe_error(exc, submission_file)}
    if failure is not None:
        channel.reply({"ok": False, "phase": "import", **failure, "output": output.take()})
        return None
    channel.reply({"ok": True, "phase": "import", "entry_points": entry_points(module),
                   "output": output.take()})
    return module


def entry_points(module):
    """What the spec's entry points are in the module: callable, a class,
    and their parameters (the judge checks them against the spec)."""
    import inspect

    out = {}
    for name in CONFIG["entry_points"]:
        obj = getattr(module, name, None)
        if obj is None:
            out[name] = None
            continue
        try:
            params = [
                [p.name, p.kind.name, p.default is not inspect.Parameter.empty]
                for p in inspect.signature(obj).parameters.values()
            ]
        except (TypeError, ValueError):
            params = None
        out[name] = {"callable": callable(obj), "class": inspect.isclass(obj), "params": params}
    return out


def serve(module, channel, output, forbidden_import):
    """Answer the judge's requests until it closes the pipe."""
    import warnings

    import torch_support

    protocol = channel.protocol
    submission_file = CONFIG["submission"]
    handles = {}

    def to_handle(obj):
        handles[id(obj)] = obj
        return id(obj), type(obj).__name__

    def resolve(value):
        if isinstance(value, protocol.Tensor):
            return torch_support.to_torch(value.array)
        if isinstance(value, protocol.Handle):
            if value.id not in handles:
                raise LookupError(f"no object {value.id}")
            return handles[value.id]
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, tuple):
            return tuple(resolve(v) for v in value)
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        return value

    channel.to_handle = to_handle
    while True:
        try:
            request = protocol.decode(protocol.read_frame(REQUESTS, 1 << 40))
        except protocol.Closed:
            return
        op = request.get("op")
        if op == "release":
            handles.pop(request["target"].id, None)
            continue
        try:
            args = resolve(request.get("args", []))
            kwargs = resolve(request.get("kwargs", {}))
            if op == "call":
                target = getattr(module, request["name"])
            elif op == "call_method":
                target = getattr(resolve(request["target"]), request["name"])
            elif op == "inspect_module":
                target = torch_support.inspect_module
                args = [resolve(request["target"])]
            elif op == "build":
                target = torch_support.build
                args = [request["name"], args, kwargs]
                kwargs = {"seed": request.get("seed")}
                if request.get("params_of") is not None:
                    kwargs["params_of"] = resolve(request["params_of"])
            elif op == "keras":
                import keras_support

                target = keras_support.run
                args, kwargs = [request["name"], args], {}
            else:
                raise ValueError(f"unknown request {op!r}")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value = target(*args, **kwargs)
            message = {"ok": True, "value": value, "output": output.take(),
                       "warnings": [[w.category.__name__, str(w.message)[:300]]
                                    for w in caught[:20]]}
            if request.get("echo_args"):  # the arguments as they are after the call
                message["args"] = args
            channel.reply(message)
        except MemoryError as exc:
            channel.reply({"ok": False, "kind": "memory", "output": output.take(),
                           "error": describe_error(exc, submission_file)})
        except forbidden_import as exc:
            channel.reply({"ok": False, "kind": "forbidden_import", "module": exc.module,
                           "error": describe_error(exc, submission_file), "output": output.take()})
        except BaseException as exc:
            channel.reply({"ok": False, "kind": "exception", "output": output.take(),
                           "error": describe_error(exc, submission_file)})


def main():
    channel, output, forbidden_import = set_up()
    module = import_submission(channel, output, forbidden_import)
    if module is not None:
        serve(module, channel, output, forbidden_import)


if __name__ == "__main__":
    main()
