# The shared start of every leak attack (the harness puts it in front of each file):
# find the canary that the canary problem's hidden test sends, wherever it is in the
# arguments, and keep it.  SECRET is (canary text, its first 8 hex digits, their value).
import re as _re

SECRET = []


def _bytes_of(value):
    try:
        import numpy as _np
        if isinstance(value, _np.ndarray):
            return value.tobytes() + bytes(value.astype(_np.uint8, copy=False).ravel().tolist()
                                           if value.dtype.kind in "iu" else b"")
    except Exception:
        pass
    if hasattr(value, "detach"):  # a torch tensor
        return _bytes_of(value.detach().cpu().numpy())
    if isinstance(value, (list, tuple)):
        return b"".join(_bytes_of(v) for v in value)
    return b""


def look(*args):
    """Record the canary if it is in ``args``; return SECRET (empty until seen)."""
    if not SECRET:
        match = _re.search(rb"CANARY-([0-9a-f]{24})", b"".join(_bytes_of(a) for a in args))
        if match:
            hexes = match.group(1).decode()
            SECRET.extend([f"CANARY-{hexes}", hexes[:8], int(hexes[:8], 16)])
    return SECRET
