"""What a sandbox is asked to do (``SandboxConfig``), and what the worker
is told when it starts: its resource limits, paths and environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..limits import Limits
from .levels import Inside


@dataclass(frozen=True)
class SandboxConfig:
    entry_points: tuple[str, ...]
    limits: Limits = Limits()
    allowed: tuple[str, ...] = ("numpy",)  # third-party distributions in view
    forbidden: tuple[str, ...] = ()  # top-level modules named as forbidden
    torch_threads: int = 0  # >0: import torch and set its threads first
    preload: tuple[str, ...] = ()  # imported after torch, before the submission (keras)
    seed: int = 0  # seeds random, numpy and torch in the child before the import
    force_level: str | None = None  # for tests: run at a given isolation level


def worker_config(config: SandboxConfig, inside: Inside) -> dict:
    """The worker's command-line configuration (its confinement is added by
    the sandbox)."""
    limits = config.limits
    rlimits = {
        "cpu": max(1, int(limits.cpu_s + 0.999)),
        "data": limits.memory_mb << 20,
        "fsize": limits.file_size_mb << 20,
        "nofile": limits.open_files,
        "core": 0,
        # RLIMIT_NPROC counts every process of the uid, and root is exempt: the
        # worker sets it only where it has a uid of its own (child/worker.py).
        "nproc": limits.processes,
    }
    return {
        "submission": f"{inside.work}/submission.py",
        "sys_path": [inside.judge, *inside.site],
        "rlimits": rlimits,
        "forbidden": sorted(config.forbidden),
        "entry_points": list(config.entry_points),
        "output_file": f"{inside.work}/.output",
        "output_cap": limits.output_kb << 10,
        "torch_threads": config.torch_threads,
        "preload": list(config.preload),
        "seed": config.seed,
    }


def environment(inside: Inside, marker: str) -> dict:
    """The child's whole environment: nothing of the judge's but these."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(inside.work),
        "TMPDIR": str(inside.tmp),
        "LANG": "C.UTF-8",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "LSTM_JUDGE_SANDBOX": marker,  # marks its descendants (see reaping.reap_orphans)
        # Keras (where a problem allows it) runs on torch, the one backend in the
        # view, and keeps its keras.json in the child's own directory, not ~/.keras.
        "KERAS_BACKEND": "torch",
        "KERAS_HOME": f"{inside.work}/.keras",
    }
    # Older OpenBLAS builds compute wrong results on some CPUs without these.
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env
