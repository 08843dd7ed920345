"""Whether the packages a problem lets the child import are installed here,
and how to install them: a Keras problem on a judge installed without the
``keras`` extra says so in one line instead of failing in the child."""

from __future__ import annotations

import importlib.metadata as metadata
import re

from ..errors import BadInput
from .spec import Problem

DISTRIBUTION = "lstm-judge"


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def missing(problem: Problem) -> list[str]:
    """The distributions ``problem`` allows that are not installed."""
    out = []
    for name in problem.allowed:
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            out.append(name)
    return out


def install_command(names: list[str]) -> str:
    """``pip install 'lstm-judge[EXTRA]'`` where one of the judge's extras
    provides every name, else ``pip install NAME ...``."""
    try:
        requires = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:  # run from a source tree, not installed
        requires = []
    extras: dict[str, set[str]] = {}
    for requirement in requires:
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*).*extra\s*==\s*['\"]([^'\"]+)['\"]",
                         requirement)
        if match:
            extras.setdefault(match.group(2), set()).add(_key(match.group(1)))
    wanted = {_key(n) for n in names}
    for extra, provided in sorted(extras.items()):
        if wanted <= provided:
            return f"pip install '{DISTRIBUTION}[{extra}]'"
    return "pip install " + " ".join(names)


def why_unavailable(problem: Problem) -> str | None:
    """One line saying what to install for ``problem``, or None if nothing."""
    names = missing(problem)
    if not names:
        return None
    verb = "is" if len(names) == 1 else "are"
    return f"needs {', '.join(names)}, which {verb} not installed: {install_command(names)}"


def ensure_installed(problem: Problem) -> None:
    """Refuse, as bad input naming the problem's folder, a problem whose
    packages are not installed."""
    why = why_unavailable(problem)
    if why:
        raise BadInput(str(problem.root), why)
