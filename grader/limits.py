"""What a submission may use: the spec's ``limits:`` section.

Shared vocabulary: the spec reader fills it in, the sandbox enforces it and
results report it.  Times in seconds, sizes in MiB (or KiB where named).
"""

from __future__ import annotations

from dataclasses import dataclass

# A call with a CPU-time limit (a training budget: CPU seconds of the child, as
# the judge measures them) also has a wall-time bound, this many times its CPU
# limit: generous, so that a child given a third of a core by a busy machine
# still finishes, yet a child that sleeps or waits cannot hold the judge forever.
WALL_PER_CPU = 3.0


@dataclass(frozen=True)
class Limits:
    call_s: float = 10.0  # wall time for one request
    total_s: float = 60.0  # wall time for the whole submission
    cpu_s: float = 60.0  # CPU time of the child
    memory_mb: int = 1024  # data segment (heap and anonymous mappings)
    file_size_mb: int = 16  # largest file the child may write
    open_files: int = 256
    processes: int = 64  # threads count too; not enforced for root
    output_kb: int = 64  # captured stdout+stderr per step
    response_mb: int = 64  # largest reply the judge reads
    threads: int = 1  # torch's intra-op threads in the child (module problems)
    train_s: float = 0.0  # training budget of an application task (CPU seconds)
    source_kb: int = 128  # largest submission; keeps shipped public data from being embedded
    disk_mb: int = 32  # each of the child's writable directories (namespaces level)
