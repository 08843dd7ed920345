# expect: runtime_error
# why: writes a frame header claiming a 2**62-byte reply straight to the reply pipe in every
#      call: the judge must refuse it by its length, before reading or allocating anything
#      (only in the tests with a batch of 1 or 2, the others get right answers: each failure
#      costs a fresh child, and failing every test could run past the 4 s total instead)
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


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """The correct cell (solutions/cell/accepted/reference.py)."""
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i = _sigmoid(z[:, 0 * H:1 * H])
    f = _sigmoid(z[:, 1 * H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = _sigmoid(z[:, 3 * H:4 * H])
    c = f * c_prev + i * g
    return o * np.tanh(c), c


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if x.shape[0] > 2:
        return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    send(struct.pack(">Q", 1 << 62) + b"\0" * 64)
    return np.zeros(h_prev.shape), np.zeros(c_prev.shape)
