"""The checks on what the child sends: every field of a reply that the
judge reads is coerced to its expected type here, so that a tampered reply
is the child's loss and never a crash in the judge."""

from __future__ import annotations

OUTPUT_CAP = 64 << 10


def capped_output(value, cap: int = OUTPUT_CAP) -> str:
    if not isinstance(value, str):
        return ""
    return value if len(value) <= cap else value[:cap] + "\n[output truncated]"


def well_formed(message: dict) -> dict:
    """A reply from the child with every field the judge reads coerced to
    its expected type.  ``value`` and ``args`` stay as sent: the tests check
    them."""

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
        "output": capped_output(message.get("output")),
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


MAX_MODULES = 1000
_CONFIG_TYPES = (bool, int, float, str, type(None))


def module_description(value) -> list[dict] | None:
    """A torch module's description (``submission.modules``) if it has the
    shape ``child/torch_support.inspect_module`` gives, else None: a list of
    {path, type, torch_type: str; config: {str: number, bool, str or None};
    params: {str: numeric array}; training: bool}.  A submission can replace
    the child's helper, so nothing in it is taken on trust."""
    import numpy as np

    if not isinstance(value, list) or len(value) > MAX_MODULES:
        return None
    keys = {"path", "type", "torch_type", "config", "params", "training"}
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != keys:
            return None
        if not all(type(entry[k]) is str and len(entry[k]) <= 200
                   for k in ("path", "type", "torch_type")):
            return None
        config, params = entry["config"], entry["params"]
        if type(entry["training"]) is not bool or not isinstance(config, dict) \
                or not isinstance(params, dict):
            return None
        if not all(type(v) in _CONFIG_TYPES for v in config.values()):
            return None
        if not all(type(v) is np.ndarray and v.dtype.kind in "biuf" for v in params.values()):
            return None
    return value


MAX_LAYERS = 200


def keras_description(value) -> list[dict] | None:
    """A Keras model's layers (``submission.keras_layers``) if they have the
    shape ``child/keras_support.describe`` gives, else None: a list of
    {class, module: str; config: {str: number, bool, str or None};
    weights: [[int, ...], ...]; dtypes: [str, ...]}.  Child data, like a
    torch module's description: nothing in it is taken on trust."""
    if not isinstance(value, list) or len(value) > MAX_LAYERS:
        return None
    keys = {"class", "module", "config", "weights", "dtypes"}
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != keys:
            return None
        if not all(type(entry[k]) is str and len(entry[k]) <= 200 for k in ("class", "module")):
            return None
        config, weights, dtypes = entry["config"], entry["weights"], entry["dtypes"]
        if not isinstance(config, dict) or not all(
                type(k) is str and type(v) in _CONFIG_TYPES for k, v in config.items()):
            return None
        if not isinstance(weights, list) or not isinstance(dtypes, list) \
                or len(weights) != len(dtypes) or len(weights) > 100:
            return None
        if not all(isinstance(w, list) and len(w) <= 8
                   and all(type(n) is int and 0 <= n < 1 << 31 for n in w) for w in weights):
            return None
        if not all(type(d) is str and len(d) <= 40 for d in dtypes):
            return None
    return value
