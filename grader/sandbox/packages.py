"""Which files the child needs to import the packages a problem allows.

The sandbox binds exactly these into the child's view, so a package that is
not allowed (torch in a numpy problem) is not there to be imported at all.
"""

from __future__ import annotations

import csv
import functools
import importlib.metadata as metadata
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PackageView:
    paths: tuple[Path, ...]  # top-level files and folders to bind, from site dirs
    modules: frozenset[str]  # importable top-level names they provide


def _requirement_name(requirement: str) -> str | None:
    """The distribution a requirement names, or None for optional extras."""
    name, _, marker = requirement.partition(";")
    if "extra" in marker:
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", name)
    return match.group(1) if match else None


def _dist_tops(dist: metadata.Distribution) -> tuple[set[str], set[Path]]:
    root = Path(dist.locate_file(""))
    names = {top for top in map(_top, _installed(dist))
             if top and top not in ("..", "bin", "__pycache__") and not top.startswith(".")}
    paths = {root / n for n in names if (root / n).exists()}
    modules = {
        n.split(".")[0]
        for n in names
        if not n.endswith((".dist-info", ".egg-info", ".libs", ".pth", ".data"))
    }
    return modules, paths


def _installed(dist: metadata.Distribution) -> list[str]:
    """The paths a distribution installed, as strings.  Its RECORD is read as
    CSV directly: ``dist.files`` makes a path object of each of torch's
    ~20,000 entries, a third of a second before every torch child starts."""
    record = dist.read_text("RECORD")
    if record is None:  # an egg-info install: no RECORD
        return [str(f) for f in dist.files or ()]
    return [row[0] for row in csv.reader(record.splitlines()) if row]


def _top(entry: str) -> str:
    """An installed path's first part (``numpy`` of ``numpy/core/x.py``); empty
    for an absolute path, which names nothing under the distribution's root."""
    return entry.replace("\\", "/").split("/", 1)[0]


@functools.lru_cache(maxsize=None)
def resolve(packages: tuple[str, ...]) -> PackageView:
    """Resolve distribution names to their files and those of everything they
    require (recursively, without optional extras)."""
    seen: set[str] = set()
    paths: set[Path] = set()
    modules: set[str] = set()
    todo = list(packages)
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        mods, files = _dist_tops(dist)
        modules |= mods
        paths |= files
        for requirement in dist.requires or ():
            dep = _requirement_name(requirement)
            if dep:
                todo.append(dep)
    return PackageView(tuple(sorted(paths)), frozenset(modules))
