"""The child side: runs inside the sandbox, imports the submission and
answers the judge's requests.

Started as ``python -I -S worker.py CONFIG_JSON``.  Everything here runs
before the submission and sets up its world: resource limits, the import
guard, output capture.  Nothing here is trusted by the judge; a submission
that tampers with it only spoils its own answers.

Requests (from the judge): ``{"op": "call", "name", "args", "kwargs"}``,
``{"op": "call_method", "target", "name", "args", "kwargs"}``,
``{"op": "inspect_module", "target"}``, ``{"op": "build", "name", "args",
"kwargs", "params_of", "seed"}`` (torch problems, see torchops.py) and
``{"op": "release", "target"}``.  Replies: ``{"ok": true, "value", "output"}``
or ``{"ok": false, "error": {...}, "output"}``.
"""

import json
import os
import sys

CONFIG = json.loads(sys.argv[1])
REQUESTS, REPLIES = CONFIG["fds"]


def apply_limits(limits, own_uid):
    import resource

    for name, value in limits.items():
        if name == "nproc" and not own_uid:
            continue  # counts every process of a shared uid; only for a uid of our own
        which = getattr(resource, "RLIMIT_" + name.upper())
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            # The hard limit is already lower, or the kernel lacks the limit.
            pass


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


def confine_self(spec, flags):
    """Every layer the child puts on itself, in an order where each step
    still has the rights it needs; returns what took effect."""
    import confine

    report = {"uid": os.getuid()}
    if spec.get("uid") is not None:
        try:
            report["dropped"] = confine.drop_uid(spec["uid"], spec["uid"])
        except OSError as exc:
            report["dropped"] = False
            report["uid_why"] = str(exc)
        report["uid"] = os.getuid()
    if os.getuid() == 0:  # could not change uid: at least keep no capability
        report["caps_dropped"] = confine.drop_capabilities()
    apply_limits(CONFIG["rlimits"], report.get("dropped", False))
    report["nproc"] = bool(report.get("dropped"))
    if CONFIG.get("torch_threads"):  # before the filters: torch reads and spawns at import
        try:
            import torch

            torch.set_num_threads(CONFIG["torch_threads"])
        except Exception:
            pass
    read = list(spec["read"]) + [f"/proc/{os.getpid()}"]
    try:
        report["landlock_abi"] = confine.landlock(read, spec["write"])
    except Exception as exc:
        report["landlock_abi"], report["landlock_why"] = 0, f"{type(exc).__name__}: {exc}"
    if not report["landlock_abi"] and "landlock_why" not in report:
        report["landlock_why"] = "the kernel does not offer it (or refused the ruleset)"
    report["no_new_privs"] = confine.no_new_privs()
    if spec.get("seccomp"):
        with open(spec["seccomp"], "rb") as f:
            report["seccomp"] = confine.seccomp(f.read())
        if not report["seccomp"]:
            report["seccomp_why"] = "the kernel refused the filter"
    else:
        report["seccomp"] = False
        report["seccomp_why"] = spec.get("seccomp_why", "not available")
    sys.addaudithook(confine.audit_hook(flags))
    return report


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


def main():
    for fd in range(3, 256):  # nothing else of the judge's stays open
        if fd not in (REQUESTS, REPLIES):
            try:
                os.close(fd)
            except OSError:
                pass
    sys.setrecursionlimit(CONFIG.get("recursion_limit", 10000))
    sys.path[:0] = CONFIG["sys_path"]
    import protocol  # noqa: E402  (beside this file, in the sandbox)

    output = Output(CONFIG["output_file"], CONFIG["output_cap"])
    flags = set()
    confined = confine_self(CONFIG["confine"], flags)
    protocol.write_frame(REPLIES, protocol.encode({"phase": "confined", **confined}))
    ForbiddenImport = install_import_guard(frozenset(CONFIG["forbidden"]))
    seed_everything(CONFIG.get("seed", 0))
    handles = {}
    types = {}

    def to_handle(obj):
        key = id(obj)
        handles[key] = obj
        types[key] = type(obj).__name__
        return key, types[key]

    def resolve(value):
        if isinstance(value, protocol.Tensor):
            return torchops.to_torch(value.array)
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

    def reply(message):
        message["flags"] = sorted(flags)
        try:
            frame = protocol.encode(message, to_handle)
        except Exception as exc:  # a value that cannot be sent
            frame = protocol.encode(
                {"ok": False, "error": {"type": "UnsendableValue", "builtin": False,
                                        "message": str(exc)[:500], "frames": []},
                 "output": message.get("output", "")}
            )
        protocol.write_frame(REPLIES, frame)

    submission_file = CONFIG["submission"]
    try:
        import importlib.util

        spec = importlib.util.spec_from_file_location("submission", submission_file)
        module = importlib.util.module_from_spec(spec)
        sys.modules["submission"] = module
        spec.loader.exec_module(module)
    except ForbiddenImport as exc:
        reply({"ok": False, "phase": "import", "kind": "forbidden_import",
               "error": describe_error(exc, submission_file), "module": exc.module,
               "output": output.take()})
        return
    except SyntaxError as exc:
        error = describe_error(exc, submission_file)
        error["frames"] = [[exc.lineno or 0, "<module>", (exc.text or "").strip()[:200]]]
        reply({"ok": False, "phase": "import", "kind": "syntax", "error": error,
               "output": output.take()})
        return
    except MemoryError as exc:
        reply({"ok": False, "phase": "import", "kind": "memory",
               "error": describe_error(exc, submission_file), "output": output.take()})
        return
    except BaseException as exc:  # SystemExit and KeyboardInterrupt included
        reply({"ok": False, "phase": "import", "kind": "exception",
               "error": describe_error(exc, submission_file), "output": output.take()})
        return

    import inspect
    import warnings

    import torchops

    entry_points = {}
    for name in CONFIG["entry_points"]:
        obj = getattr(module, name, None)
        if obj is None:
            entry_points[name] = None
            continue
        try:
            params = [
                [p.name, p.kind.name, p.default is not inspect.Parameter.empty]
                for p in inspect.signature(obj).parameters.values()
            ]
        except (TypeError, ValueError):
            params = None
        entry_points[name] = {"callable": callable(obj), "class": inspect.isclass(obj),
                              "params": params}
    reply({"ok": True, "phase": "import", "entry_points": entry_points, "output": output.take()})

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
                target = torchops.inspect_module
                args = [resolve(request["target"])]
            elif op == "build":
                target = torchops.build
                args = [request["name"], args, kwargs]
                kwargs = {"seed": request.get("seed")}
                if request.get("params_of") is not None:
                    kwargs["params_of"] = resolve(request["params_of"])
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
            reply(message)
        except MemoryError as exc:
            reply({"ok": False, "kind": "memory", "error": describe_error(exc, submission_file),
                   "output": output.take()})
        except ForbiddenImport as exc:
            reply({"ok": False, "kind": "forbidden_import", "module": exc.module,
                   "error": describe_error(exc, submission_file), "output": output.take()})
        except BaseException as exc:
            reply({"ok": False, "kind": "exception", "error": describe_error(exc, submission_file),
                   "output": output.take()})


if __name__ == "__main__":
    main()
