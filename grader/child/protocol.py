"""The wire format between the judge and the sandboxed child.

A message is one frame: an 8-byte big-endian length, then a 4-byte length
and a JSON document, then the numpy arrays the document refers to, each in
``.npy`` format.  Only data crosses: nothing received is unpickled, imported
or executed.

This module is copied into the sandbox and imported there by the worker, so
it depends on the standard library and numpy only.  It is longer than most
modules because it is the whole wire format, both directions, kept in one
file that both sides import the same way.

JSON tags (one-key objects whose key starts with ``$``):
``{"$array": k}`` the k-th array, ``{"$scalar": k}`` a numpy scalar stored as
the k-th (0-d) array, ``{"$tensor": k}`` a torch tensor sent as the k-th array,
``{"$tuple": [...]}``, ``{"$dict": [[key, value], ...]}``,
``{"$handle": id, "type": name}`` an object that stays in the child.
"""

from __future__ import annotations

import io
import json
import math
import os
import select
import struct
import time

import numpy as np
from numpy.lib import format as npy_format

FRAME = struct.Struct(">Q")
HEADER = struct.Struct(">I")
# Kinds of dtype that may cross the wire: bool, signed, unsigned, float, complex.
ALLOWED_DTYPE_KINDS = frozenset("biufc")
MAX_ARRAYS = 4096
# Decoding cost must stay a small fraction of a call's time limit: the JSON
# part is small (arrays travel as .npy), its values are counted, and the
# deadline is checked as the values are walked.
MAX_JSON_BYTES = 2 << 20
MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_INT = 2**63  # integers outside int64 are refused: judge code may float() them
CHECK_EVERY = 4096  # values walked between deadline checks


class ProtocolError(Exception):
    """The peer sent something that is not a well-formed message."""


class Timeout(Exception):
    """The peer did not answer before the deadline."""


class Closed(Exception):
    """The peer closed its end of the pipe."""


class Handle:
    """An object that lives in the child; the judge only holds its id."""

    __slots__ = ("id", "type")

    def __init__(self, id: int, type: str):
        self.id = id
        self.type = type

    def __repr__(self) -> str:
        return f"<remote {self.type} #{self.id}>"


class Tensor:
    """Marks an array that the child sent as a torch tensor."""

    __slots__ = ("array",)

    def __init__(self, array: np.ndarray):
        self.array = array

    def __repr__(self) -> str:
        return f"Tensor({self.array!r})"


# --------------------------------------------------------------------------
# encoding


def encode(value, to_handle=None) -> bytes:
    """Encode ``value`` as one frame.

    ``to_handle(obj) -> (id, type)`` is called for objects that have no wire
    form; without it such objects are an error.
    """
    arrays: list[np.ndarray] = []

    def add(array) -> int:
        arrays.append(np.asarray(array))
        return len(arrays) - 1

    def walk(v):
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, np.ndarray):
            if (v.dtype.kind not in ALLOWED_DTYPE_KINDS or v.dtype.fields) and to_handle:
                id, _ = to_handle(v)
                return {"$handle": id, "type": f"ndarray[{v.dtype}]"}
            return {"$array": add(v)}
        if isinstance(v, np.generic):
            return {"$scalar": add(np.asarray(v))}
        if isinstance(v, (int, float)):
            if isinstance(v, int) and not -(2**63) <= v < 2**63:
                return {"$scalar": add(np.asarray(float(v)))}
            return v
        if isinstance(v, Tensor):
            return {"$tensor": add(v.array)}
        if isinstance(v, Handle):
            return {"$handle": v.id, "type": v.type}
        if isinstance(v, tuple):
            return {"$tuple": [walk(x) for x in v]}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict) and all(isinstance(k, str) for k in v):
            return {"$dict": [[k, walk(x)] for k, x in v.items()]}
        tensor = _torch_tensor_array(v)
        if tensor is not None:
            return {"$tensor": add(tensor)}
        if to_handle is not None:
            id, type_name = to_handle(v)
            return {"$handle": id, "type": type_name}
        raise TypeError(f"cannot send a {type(v).__name__}")

    doc = json.dumps(walk(value), allow_nan=True).encode()
    out = io.BytesIO()
    out.write(HEADER.pack(len(doc)))
    out.write(doc)
    for array in arrays:
        if array.dtype.kind not in ALLOWED_DTYPE_KINDS or array.dtype.fields:
            raise TypeError(f"cannot send an array of dtype {array.dtype}")
        npy_format.write_array(out, array, allow_pickle=False)
    payload = out.getvalue()
    return FRAME.pack(len(payload)) + payload


def _torch_tensor_array(v):
    """The numpy copy of a torch tensor, or None when ``v`` is not one."""
    module = type(v).__module__ or ""
    if not module.startswith("torch") or not hasattr(v, "detach"):
        return None
    return v.detach().cpu().numpy()


# --------------------------------------------------------------------------
# decoding (the judge decodes untrusted input: everything is checked)


def decode(payload: bytes, deadline: float | None = None):
    """Decode a frame's payload into Python values, checking every part:
    only exact builtin types, numeric arrays, tensors and handles come out,
    with integers within int64, at most ``MAX_NODES`` values nested at most
    ``MAX_DEPTH`` deep.  Past ``deadline`` it raises ``Timeout``."""
    view = memoryview(payload)
    if len(view) < HEADER.size:
        raise ProtocolError("truncated message")
    (doc_len,) = HEADER.unpack_from(view)
    if doc_len > MAX_JSON_BYTES or HEADER.size + doc_len > len(view):
        raise ProtocolError("bad document length")
    try:
        doc = json.loads(bytes(view[HEADER.size : HEADER.size + doc_len]))
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"malformed JSON: {type(exc).__name__}") from None
    _check_deadline(deadline)
    arrays = _read_arrays(payload, HEADER.size + doc_len, deadline)
    try:
        return _Unwalker(arrays, deadline).value(doc, 0)
    except RecursionError:
        raise ProtocolError("message nested too deeply") from None
    except (ProtocolError, Timeout):
        raise
    except Exception as exc:  # anything else malformed is still the child's fault
        raise ProtocolError(f"malformed message ({type(exc).__name__})") from None


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise Timeout()


def _read_arrays(payload: bytes, offset: int, deadline: float | None = None) -> list[np.ndarray]:
    arrays = []
    stream = io.BytesIO(payload)
    stream.seek(offset)
    end = len(payload)
    while stream.tell() < end:
        if len(arrays) >= MAX_ARRAYS:
            raise ProtocolError("too many arrays")
        arrays.append(_read_array(stream, payload, end))
        if len(arrays) % 64 == 0:
            _check_deadline(deadline)
    return arrays


def _read_array(stream: io.BytesIO, payload: bytes, end: int) -> np.ndarray:
    """Read one .npy array, checking its header against what is left before
    allocating anything."""
    try:
        version = npy_format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = npy_format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran, dtype = npy_format.read_array_header_2_0(stream)
        else:
            raise ProtocolError(f"unsupported .npy version {version}")
    except ProtocolError:
        raise
    except Exception as exc:  # numpy raises ValueError, others for junk
        raise ProtocolError(f"malformed array header: {type(exc).__name__}") from None
    if dtype.kind not in ALLOWED_DTYPE_KINDS or dtype.fields is not None or dtype.hasobject:
        raise ProtocolError(f"array dtype {dtype} is not allowed")
    if len(shape) > 32 or any(not isinstance(n, int) or not 0 <= n < 2**40 for n in shape):
        raise ProtocolError("bad array shape")
    count = math.prod(shape)
    nbytes = count * dtype.itemsize
    start = stream.tell()
    if nbytes > end - start:
        raise ProtocolError(f"array header claims {nbytes} bytes, only {end - start} sent")
    array = np.frombuffer(payload, dtype=dtype, count=count, offset=start).copy()
    stream.seek(start + nbytes)
    try:
        return array.reshape(shape, order="F" if fortran else "C")
    except ValueError:  # e.g. a zero-size array with absurd dimensions
        raise ProtocolError("bad array shape") from None


class _Unwalker:
    """JSON values back into Python values, counting them and watching the
    deadline; anything unexpected is a ``ProtocolError``."""

    def __init__(self, arrays: list[np.ndarray], deadline: float | None):
        self.arrays = arrays
        self.deadline = deadline
        self.nodes = 0

    def value(self, v, depth: int):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ProtocolError(f"more than {MAX_NODES} values in one message")
        if self.nodes % CHECK_EVERY == 0:
            _check_deadline(self.deadline)
        if depth > MAX_DEPTH:
            raise ProtocolError("message nested too deeply")
        if v is None or isinstance(v, (bool, float, str)):
            return v
        if isinstance(v, int):
            if not -MAX_INT <= v < MAX_INT:
                raise ProtocolError("an integer outside int64")
            return v
        if isinstance(v, list):
            return [self.value(x, depth + 1) for x in v]
        if isinstance(v, dict) and len(v) >= 1:
            return self.tagged(v, depth)
        raise ProtocolError("unknown JSON value")

    def tagged(self, v: dict, depth: int):
        tags = [k for k in v if k.startswith("$")]
        if len(tags) != 1:
            raise ProtocolError("a JSON object must carry exactly one tag")
        tag = tags[0]
        body = v[tag]
        if tag in ("$array", "$scalar", "$tensor"):
            if type(body) is not int or not 0 <= body < len(self.arrays):
                raise ProtocolError(f"bad array reference {body!r}"[:80])
            array = self.arrays[body]
            if tag == "$scalar":
                if array.ndim != 0:
                    raise ProtocolError("scalar is not 0-d")
                return array[()]
            return Tensor(array) if tag == "$tensor" else array
        if tag == "$tuple" and isinstance(body, list):
            return tuple(self.value(x, depth + 1) for x in body)
        if tag == "$dict" and isinstance(body, list):
            out = {}
            for item in body:
                if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
                    raise ProtocolError("bad dict item")
                out[item[0]] = self.value(item[1], depth + 1)
            return out
        if tag == "$handle" and type(body) is int and 0 <= body < MAX_INT:
            kind = v.get("type", "object")
            return Handle(body, kind[:100] if isinstance(kind, str) else "object")
        raise ProtocolError("unknown JSON value")


# --------------------------------------------------------------------------
# transport over pipes


def write_frame(fd: int, frame: bytes, deadline: float | None = None) -> None:
    """Write a whole frame; with a deadline the fd must be non-blocking."""
    view = memoryview(frame)
    while view:
        if deadline is not None:
            _wait(fd, deadline, write=True)
        try:
            n = os.write(fd, view)
        except BlockingIOError:
            continue
        except BrokenPipeError:
            raise Closed("peer closed the pipe") from None
        view = view[n:]


def read_frame(fd: int, max_bytes: int, deadline: float | None = None) -> bytes:
    """Read one frame's payload; refuse payloads larger than ``max_bytes``."""
    (length,) = FRAME.unpack(_read_exact(fd, FRAME.size, deadline))
    if length > max_bytes:
        raise ProtocolError(f"message of {length} bytes is over the {max_bytes}-byte cap")
    return _read_exact(fd, length, deadline)


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    chunks = []
    while n:
        if deadline is not None:
            _wait(fd, deadline, write=False)
        try:
            chunk = os.read(fd, min(n, 1 << 20))
        except BlockingIOError:
            continue
        if not chunk:
            raise Closed("peer closed the pipe")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _wait(fd: int, deadline: float, write: bool) -> None:
    left = deadline - time.monotonic()
    if left <= 0:
        raise Timeout()
    ready = select.select([], [fd], [], left) if write else select.select([fd], [], [], left)
    if not (ready[1] if write else ready[0]):
        raise Timeout()
