"""Whether the submission defines the entry points the spec names, with
parameters that can take the spec's arguments.  A missing name or a
signature that cannot take them is compile_error, as a link failure is for
a compiled judge."""

from __future__ import annotations

from ..problem import EntryPoint
from ..scoring.failures import SubmissionFailed
from ..verdict import Verdict


def check_entry_points(wanted: dict[str, EntryPoint], found: dict) -> SubmissionFailed | None:
    """``found`` is a well-formed import reply's entry_points (always a dict)."""
    for name, entry in wanted.items():
        info = found.get(name)
        if not isinstance(info, dict):
            return SubmissionFailed(Verdict.COMPILE_ERROR, f"does not define {entry.signature}")
        if not info.get("callable"):
            return SubmissionFailed(Verdict.COMPILE_ERROR,
                                    f"defines {name}, but it is not callable")
        problem = arity_problem(info.get("params"), entry, info.get("class") is True)
        if problem:
            return SubmissionFailed(Verdict.COMPILE_ERROR, problem)
    return None


def arity_problem(params, entry: EntryPoint, is_class: bool) -> str:
    """Why ``params`` (from inspect, in the child) cannot take the spec's
    parameters (``entry.keywords`` by keyword, the rest positionally);
    empty when they can.  A signature that cannot take ``entry.optional``
    passes if it can take the other parameters (the tests grade it without
    them)."""
    problem = _arity_problem(params, entry, is_class)
    if problem and entry.optional and not _arity_problem(params, entry.required, is_class):
        return ""
    return problem


def _arity_problem(params, entry: EntryPoint, is_class: bool) -> str:
    if not isinstance(params, list):
        return ""
    try:
        triples = [(str(p[0]), str(p[1]), bool(p[2])) for p in params]
    except (IndexError, TypeError, KeyError):
        return f"{entry.name}: the child sent a malformed description of its signature"
    if is_class and triples and triples[0][0] == "self":
        triples = triples[1:]
    positional = [(n, d) for n, k, d in triples if k in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
    by_name = {n for n, k, _ in triples if k in ("POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY")}
    varargs = any(k == "VAR_POSITIONAL" for _, k, _ in triples)
    varkw = any(k == "VAR_KEYWORD" for _, k, _ in triples)
    wanted = [p for p in entry.params if p not in entry.keywords]
    # Keyword arguments fill these first, so the positional ones must fit in the rest.
    free = [(n, d) for n, d in positional if n not in entry.keywords]
    required = sum(1 for _, d in free if not d)
    required_kw = {n for n, k, d in triples if k == "KEYWORD_ONLY" and not d}
    missing_kw = [k for k in entry.keywords if k not in by_name and not varkw]
    if (required > len(wanted) or (len(wanted) > len(free) and not varargs)
            or required_kw - set(entry.keywords) or missing_kw):
        return (f"{entry.name} takes {len(positional)} positional parameter(s), expected"
                f" {len(wanted)}: {entry.signature}"
                + (f" (with {', '.join(entry.keywords)} by keyword)" if entry.keywords else ""))
    return ""
