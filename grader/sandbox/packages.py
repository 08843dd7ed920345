"""Which files the child needs to import the packages a problem allows.

The sandbox binds exactly these into the child's view, so a package that is
not allowed (torch in a numpy problem) is not there to be imported at all.
"""

from __future__ import annotations

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
    names: set[str] = set()
    for file in dist.files or ():
        parts = Path(file).parts
        if not parts or parts[0] in ("..", "bin", "__pycache__") or parts[0].startswith("."):
            continue
        names.add(parts[0])
    paths = {root / n for n in names if (root / n).exists()}
    modules = {
        n.split(".")[0]
        for n in names
        if not n.endswith((".dist-info", ".egg-info", ".libs", ".pth", ".data"))
    }
    return modules, paths


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
