"""What decoding a reply costs the judge, at the limits a child can reach.

    python bench/decode.py [--repeat N]

Every reply is decoded inside the call's deadline (see grader/child/protocol.py),
and its cost is bounded by the caps on the JSON part (MAX_JSON_BYTES) and on the
number of values (MAX_NODES).  This measures, side by side: a small ordinary
reply (the baseline), the largest reply that is still accepted (MAX_NODES tiny
values), one just over the value cap (refused after counting), one over the size
cap (refused before parsing), and a 16 MiB array (arrays travel as .npy, not
JSON).  Medians of N runs, in milliseconds and as a ratio to the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader.child import protocol  # noqa: E402


def payload(value) -> bytes:
    return protocol.encode(value)[protocol.FRAME.size:]


def raw(doc: bytes) -> bytes:
    return protocol.HEADER.pack(len(doc)) + doc


CASES = {
    "ordinary reply (h, c)": payload({"ok": True, "value": (np.zeros((4, 8)), np.zeros((4, 8)))}),
    f"{protocol.MAX_NODES - 10} tiny values (accepted)":
        raw(b"[" + b",".join([b"0"] * (protocol.MAX_NODES - 10)) + b"]"),
    f"{protocol.MAX_NODES + 1} tiny values (refused)":
        raw(b"[" + b",".join([b"0"] * (protocol.MAX_NODES + 1)) + b"]"),
    "JSON over the size cap (refused)": raw(b"[" + b"0," * (protocol.MAX_JSON_BYTES // 2) + b"0]"),
    "one 16 MiB array": payload({"ok": True, "value": np.zeros(2 << 20)}),
}


def once(data: bytes) -> float:
    start = time.perf_counter()
    try:
        protocol.decode(data, deadline=time.monotonic() + 60)
    except protocol.ProtocolError:
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    samples = {name: [] for name in CASES}
    for _ in range(args.repeat):  # interleaved, so that load hits every case alike
        for name, data in CASES.items():
            samples[name].append(once(data))
    base = statistics.median(samples["ordinary reply (h, c)"])
    print(f"{'case':<36} {'bytes':>10} {'median ms':>10} {'x base':>8}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:<36} {len(CASES[name]):>10} {median * 1e3:>10.2f} {median / base:>8.0f}")


if __name__ == "__main__":
    main()
