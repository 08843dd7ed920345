# expect: wrong_answer | runtime_error
# score: 0
# why: before returning, writes its own well-formed "ok" reply carrying wrong values to the
#      reply pipe, so that replies run one behind the requests; a lie is judged like a
#      wrong computation, never better
import io
import json
import os
import struct

import numpy as np

def reply_pipe():
    """The write end of the reply pipe: the only pipe this process holds open for writing
    (found by scanning /proc/self/fd and fdinfo, as any submission could)."""
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        fd = int(name)
        try:
            if not os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                continue
            with open(f"/proc/self/fdinfo/{fd}") as f:
                flags = int(f.read().split("flags:")[1].split()[0], 8)
        except (OSError, IndexError, ValueError):
            continue
        if flags & os.O_ACCMODE == os.O_WRONLY:
            return fd
    raise RuntimeError("no reply pipe found")


def to_wire(value, arrays):
    """A value in the wire's JSON form: dicts, tuples and arrays are tagged objects."""
    if isinstance(value, dict):
        return {"$dict": [[k, to_wire(v, arrays)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"$tuple": [to_wire(v, arrays) for v in value]}
    if isinstance(value, list):
        return [to_wire(v, arrays) for v in value]
    if isinstance(value, np.ndarray):
        arrays.append(value)
        return {"$array": len(arrays) - 1}
    return value


def frame(doc, raw_json=None, tail=b""):
    """One frame of the wire format: 8-byte length, 4-byte JSON length, JSON, .npy arrays."""
    arrays = []
    text = (raw_json or json.dumps(to_wire(doc, arrays))).encode()
    body = io.BytesIO()
    body.write(struct.pack(">I", len(text)) + text)
    for a in arrays:
        np.lib.format.write_array(body, a, allow_pickle=False)
    payload = body.getvalue() + tail
    return struct.pack(">Q", len(payload)) + payload


def send(data):
    fd = reply_pipe()
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    fake = (np.full(h_prev.shape, 0.25), np.full(c_prev.shape, 0.25))
    send(frame({"ok": True, "value": fake, "output": "", "flags": []}))
    return fake
