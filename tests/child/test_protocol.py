"""Unit tests of grader/protocol.py: the wire format between judge and child.

The judge decodes whatever the untrusted child sends, so besides round trips
these tests feed ``decode`` and ``read_frame`` hand-made hostile payloads and
check that each is refused with ``ProtocolError`` (never another exception,
never a large allocation).
"""

from __future__ import annotations

import io
import json
import math
import os
import time
import tracemalloc

import numpy as np
import pytest
from numpy.lib import format as npy_format

from grader.child import protocol
from grader.child.protocol import Closed, Handle, ProtocolError, Tensor, Timeout, decode, encode

# --------------------------------------------------------------------------
# helpers


def payload_of(frame: bytes) -> bytes:
    """The payload of an encoded frame (what ``read_frame`` returns)."""
    (length,) = protocol.FRAME.unpack_from(frame)
    assert length == len(frame) - protocol.FRAME.size
    return frame[protocol.FRAME.size:]


def roundtrip(value):
    return decode(payload_of(encode(value)))


def npy_header(descr, shape, fortran=False) -> bytes:
    """A bare .npy header (no data), as a hostile child could write it."""
    out = io.BytesIO()
    npy_format.write_array_header_1_0(out, {"descr": descr, "fortran_order": fortran,
                                            "shape": shape})
    return out.getvalue()


def raw_payload(doc, *blobs: bytes) -> bytes:
    """A payload from a JSON document (object or raw bytes) and raw array blobs."""
    text = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    return protocol.HEADER.pack(len(text)) + text + b"".join(blobs)


def same(a, b) -> bool:
    """Structural equality that also compares types and array dtypes."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, np.generic):
        return a.dtype == b.dtype and (a == b or (a != a and b != b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


# --------------------------------------------------------------------------
# round trips


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int8", "int32", "int64",
                                   "uint8", "uint16", "bool", "complex128"])
def test_array_dtypes_round_trip(dtype):
    rng = np.random.default_rng(1)
    array = (rng.standard_normal((3, 4)) * 10).astype(dtype)
    back = roundtrip(array)
    assert isinstance(back, np.ndarray)
    assert back.dtype == np.dtype(dtype)
    assert back.shape == (3, 4)
    assert np.array_equal(back, array)


def test_zero_d_and_empty_arrays_round_trip():
    for array in (np.array(2.5), np.array(7, dtype=np.int16), np.zeros((0, 3)),
                  np.zeros((2, 0, 5), dtype=np.float32)):
        back = roundtrip(array)
        assert isinstance(back, np.ndarray)
        assert (back.shape, back.dtype) == (array.shape, array.dtype)
        assert np.array_equal(back, array)


def test_fortran_order_and_non_contiguous_arrays_round_trip():
    base = np.arange(24, dtype=np.float64).reshape(4, 6)
    for array in (np.asfortranarray(base), base[:, ::2], base.T):
        back = roundtrip(array)
        assert back.shape == array.shape
        assert np.array_equal(back, array)


def test_received_arrays_are_writable_copies():
    frame = encode(np.arange(3.0))
    back = decode(payload_of(frame))
    back[0] = 42.0  # a read-only view of the payload would raise here
    assert back[0] == 42.0


def test_numpy_scalars_keep_their_dtype():
    for scalar in (np.float32(1.5), np.float64(-2.25), np.int64(7), np.int8(-3), np.bool_(True),
                   np.uint32(9), np.complex64(1 + 2j)):
        back = roundtrip(scalar)
        assert isinstance(back, np.generic), type(back)
        assert back.dtype == scalar.dtype
        assert back == scalar


def test_plain_python_values_round_trip():
    for value in (None, True, False, 0, -5, 2**62, 1.5, -0.0, "", "héllo ✓", float("inf"),
                  float("-inf")):
        back = roundtrip(value)
        assert type(back) is type(value) and back == value, (value, back)


def test_nan_round_trips():
    back = roundtrip(float("nan"))
    assert isinstance(back, float) and math.isnan(back)
    arr = roundtrip(np.array([1.0, np.nan, -np.inf]))
    assert np.isnan(arr[1]) and arr[2] == -np.inf


def test_nested_values_round_trip():
    rng = np.random.default_rng(0)
    value = {
        "h": rng.standard_normal((2, 3)),
        "pair": (rng.standard_normal(4).astype(np.float32), np.array(3.0)),
        "list": [1, 2.5, None, True, "s", [np.int32(4), (np.float32(0.5),)]],
        "empty": {"t": (), "l": [], "d": {}},
        "nan": float("nan"),
        "handle": Handle(17, "Model"),
    }
    back = roundtrip(value)
    handle = back.pop("handle")
    assert isinstance(handle, Handle) and (handle.id, handle.type) == (17, "Model")
    value.pop("handle")
    assert same(back, value)
    assert isinstance(back["pair"], tuple) and isinstance(back["list"], list)
    assert isinstance(back["list"][5][1], tuple)


def test_tensor_marker_round_trips():
    back = roundtrip(Tensor(np.ones((2, 2), dtype=np.float32)))
    assert isinstance(back, Tensor)
    assert back.array.dtype == np.float32 and np.array_equal(back.array, np.ones((2, 2)))


def test_huge_python_int_is_sent_as_a_float_scalar():
    back = roundtrip(10**30)
    assert isinstance(back, np.generic) and back.dtype == np.float64 and back == 1e30


def test_unsendable_values_are_refused_or_become_handles():
    with pytest.raises(TypeError):
        encode(object())
    with pytest.raises(TypeError):
        encode(np.array(["a", "b"]))  # str arrays never cross
    with pytest.raises(TypeError):
        encode({1: "non-string key"})
    seen = []

    def to_handle(obj):
        seen.append(obj)
        return 5, type(obj).__name__

    marker = object()
    back = decode(payload_of(encode([marker, np.array([b"x"], dtype=object)], to_handle)))
    assert [type(h) for h in back] == [Handle, Handle]
    assert back[0].id == 5 and back[0].type == "object"
    assert seen[0] is marker


# --------------------------------------------------------------------------
# hostile payloads: always ProtocolError


def test_object_dtype_array_is_refused():
    # What np.save(allow_pickle=True) of an object array starts with, then a pickle.
    import pickle

    blob = npy_header("|O", (1,)) + pickle.dumps([print])
    with pytest.raises(ProtocolError, match="dtype"):
        decode(raw_payload({"$array": 0}, blob))


@pytest.mark.parametrize("descr", [[("a", "<f8"), ("b", "<i4")], "<U3", "|S4", "<M8[s]",
                                   "|V8"])
def test_structured_and_non_numeric_dtypes_are_refused(descr):
    blob = npy_header(descr, (2,)) + b"\0" * 64
    with pytest.raises(ProtocolError):
        decode(raw_payload({"$array": 0}, blob))


def test_huge_shape_is_refused_quickly_without_allocating():
    blob = npy_header("<f8", (10**12,)) + b"\0" * 64
    payload = raw_payload({"$array": 0}, blob)
    tracemalloc.start()  # numpy reports its allocations to tracemalloc too
    try:
        with pytest.raises(ProtocolError):
            decode(payload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20, f"decoding a lying header allocated {peak} bytes"


@pytest.mark.parametrize("shape", [(0, 10**20), (0, 2**62, 4), (2**31, 2**31, 2**31, 0)])
def test_empty_arrays_with_absurd_dimensions_are_refused(shape):
    # Zero elements, so no data needs to follow, but numpy cannot build the shape.
    with pytest.raises(ProtocolError):
        decode(raw_payload({"$array": 0}, npy_header("<f8", shape)))


def test_array_with_too_many_dimensions_is_refused():
    with pytest.raises(ProtocolError):
        decode(raw_payload({"$array": 0}, npy_header("<f8", (1,) * 40) + b"\0" * 8))


def test_short_array_data_is_refused():
    blob = npy_header("<f8", (4,)) + b"\0" * 31  # one byte short of 4 float64
    with pytest.raises(ProtocolError):
        decode(raw_payload({"$array": 0}, blob))


def test_garbage_after_the_document_is_refused():
    with pytest.raises(ProtocolError):
        decode(raw_payload({"$array": 0}, b"this is not an npy file at all"))


@pytest.mark.parametrize("doc", [b"{not json", b"[1, 2", b"\xff\xfe", b"", b"[1] trailing"])
def test_malformed_json_is_refused(doc):
    with pytest.raises(ProtocolError):
        decode(raw_payload(doc))


@pytest.mark.parametrize("ref", [1, -1, "0", 0.0, None, [0]])
def test_bad_array_reference_is_refused(ref):
    blob = io.BytesIO()
    npy_format.write_array(blob, np.zeros(2), allow_pickle=False)
    for tag in ("$array", "$scalar", "$tensor"):
        with pytest.raises(ProtocolError):
            decode(raw_payload({tag: ref}, blob.getvalue()))


def test_scalar_reference_to_a_non_0d_array_is_refused():
    blob = io.BytesIO()
    npy_format.write_array(blob, np.zeros(2), allow_pickle=False)
    with pytest.raises(ProtocolError):
        decode(raw_payload({"$scalar": 0}, blob.getvalue()))


@pytest.mark.parametrize("doc", [
    {},
    {"plain": 1},
    {"$unknown": 1},
    {"$tuple": 3},
    {"$dict": [["k"]]},
    {"$dict": [[1, 2]]},
    {"$dict": {"k": 1}},
    {"$handle": "7"},
    {"$array": 0, "$tuple": []},  # two tags in one object
    [1, {"$tuple": [{"$dict": [["a", {"bogus": True}]]}]}],
])
def test_unknown_or_malformed_tags_are_refused(doc):
    blob = io.BytesIO()
    npy_format.write_array(blob, np.zeros(2), allow_pickle=False)
    with pytest.raises(ProtocolError):
        decode(raw_payload(doc, blob.getvalue()))


def test_deeply_nested_json_is_refused():
    depth = 100_000
    with pytest.raises(ProtocolError):
        decode(raw_payload(b"[" * depth + b"]" * depth))
    nested_tuples = b'{"$tuple": [' * depth + b"]}" * depth
    with pytest.raises(ProtocolError):
        decode(raw_payload(nested_tuples))


def test_moderately_nested_values_still_decode():
    value = 1
    for _ in range(50):
        value = (value,)
    assert roundtrip(value) == value


@pytest.mark.parametrize("cut", [1, 3, 6, 20])
def test_truncated_payload_is_refused(cut):
    payload = payload_of(encode({"h": np.arange(10.0), "c": (np.ones(3), "x")}))
    with pytest.raises(ProtocolError):
        decode(payload[:-cut])
    with pytest.raises(ProtocolError):
        decode(payload[:cut])  # inside the document's header or the document


def test_document_length_larger_than_the_payload_is_refused():
    doc = b'{"a": 1}'
    payload = protocol.HEADER.pack(len(doc) + 100) + doc
    with pytest.raises(ProtocolError):
        decode(payload)


def test_document_over_the_json_cap_is_refused():
    payload = protocol.HEADER.pack(protocol.MAX_JSON_BYTES + 1) + b" " * 16
    with pytest.raises(ProtocolError):
        decode(payload)


def test_too_many_arrays_are_refused():
    blob = io.BytesIO()
    npy_format.write_array(blob, np.zeros(0), allow_pickle=False)
    with pytest.raises(ProtocolError, match="too many"):
        decode(raw_payload([], blob.getvalue() * (protocol.MAX_ARRAYS + 1)))


# --------------------------------------------------------------------------
# transport over pipes


@pytest.fixture
def pipe():
    r, w = os.pipe()
    fds = {"r": r, "w": w}
    yield fds
    for fd in fds.values():
        try:
            os.close(fd)
        except OSError:
            pass


def test_frames_travel_over_a_pipe(pipe):
    value = {"ok": True, "value": (np.arange(6.0).reshape(2, 3), np.float32(2.0))}
    protocol.write_frame(pipe["w"], encode(value))
    payload = protocol.read_frame(pipe["r"], 1 << 20, time.monotonic() + 5)
    assert same(decode(payload), value)


def test_read_frame_refuses_a_length_over_the_cap(pipe):
    os.write(pipe["w"], protocol.FRAME.pack(10**9))  # claims 1 GB, sends nothing more
    # Refused from the length alone: were it to wait for the payload, this would
    # end in Timeout instead.
    with pytest.raises(ProtocolError, match="cap"):
        protocol.read_frame(pipe["r"], 1 << 20, time.monotonic() + 2)


def test_read_frame_cap_is_exclusive_of_exact_size(pipe):
    frame = encode("x" * 100)
    os.write(pipe["w"], frame)
    size = len(frame) - protocol.FRAME.size
    assert decode(protocol.read_frame(pipe["r"], size, time.monotonic() + 5)) == "x" * 100
    os.write(pipe["w"], frame)
    with pytest.raises(ProtocolError):
        protocol.read_frame(pipe["r"], size - 1, time.monotonic() + 5)


def test_read_frame_times_out_when_nothing_arrives(pipe):
    with pytest.raises(Timeout):
        protocol.read_frame(pipe["r"], 1 << 20, time.monotonic() + 0.2)


def test_read_frame_times_out_on_a_partial_frame(pipe):
    frame = encode(np.arange(100.0))
    os.write(pipe["w"], frame[: len(frame) // 2])  # the rest never comes
    with pytest.raises(Timeout):
        protocol.read_frame(pipe["r"], 1 << 20, time.monotonic() + 0.3)


def test_read_frame_reports_a_closed_pipe(pipe):
    frame = encode(np.arange(100.0))
    os.write(pipe["w"], frame[:20])
    os.close(pipe.pop("w"))
    with pytest.raises(Closed):
        protocol.read_frame(pipe["r"], 1 << 20, time.monotonic() + 5)


def test_write_frame_times_out_when_nobody_reads(pipe):
    os.set_blocking(pipe["w"], False)
    frame = encode(np.zeros(1 << 18))  # 2 MiB: far more than a pipe buffer
    with pytest.raises(Timeout):
        protocol.write_frame(pipe["w"], frame, time.monotonic() + 0.3)


def test_write_frame_reports_a_closed_reader(pipe):
    os.close(pipe.pop("r"))
    with pytest.raises(Closed):
        protocol.write_frame(pipe["w"], encode("hello"), time.monotonic() + 5)


# --------------------------------------------------------------------------
# one validation layer: exact types, bounded values, counted, within the deadline


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**400])
def test_integers_outside_int64_are_refused(number):
    """Judge code may float() or index with what arrives; a 400-digit integer
    (which a lying int subclass gets past the child's own check) is refused."""
    with pytest.raises(ProtocolError, match="int64"):
        decode(raw_payload(f"[{number}]".encode()))
    assert decode(raw_payload(f"[{2**63 - 1}, {-(2**63)}]".encode())) == [2**63 - 1, -(2**63)]


@pytest.mark.parametrize("doc", [
    {"$handle": 2**80, "type": "x"}, {"$handle": -1, "type": "x"}, {"$handle": True},
    {"$handle": 1.5}, {"$array": True},
])
def test_handles_and_references_must_be_plain_bounded_ints(doc):
    with pytest.raises(ProtocolError):
        decode(raw_payload(doc))


def test_a_handles_type_name_is_bounded_and_a_string():
    value = decode(raw_payload({"$handle": 5, "type": "T" * 5000}))
    assert isinstance(value, Handle) and value.type == "T" * 100
    assert decode(raw_payload({"$handle": 5, "type": [1]})).type == "object"


def test_too_many_values_are_refused_before_they_cost_the_judge():
    many = b"[" + b",".join([b"0"] * (protocol.MAX_NODES + 1)) + b"]"
    with pytest.raises(ProtocolError, match="values"):
        decode(raw_payload(many))
    assert len(decode(raw_payload(b"[" + b",".join([b"0"] * 1000) + b"]"))) == 1000


def test_decoding_stops_at_the_deadline():
    payload = raw_payload(b"[" + b",".join([b"0"] * 50_000) + b"]")
    with pytest.raises(Timeout):
        decode(payload, deadline=time.monotonic() - 1)
    assert len(decode(payload, deadline=time.monotonic() + 60)) == 50_000
