"""Reading an answer file: YAML as data, and nothing but data.

The loader is PyYAML's safe loader, narrowed further:

- **no anchors or aliases** (so no merge keys ``<<: *a``): an answer file
  needs none, and they are how a small file becomes a huge amount of work
  (the "billion laughs" of nested aliases, and merge keys, which the safe
  loader copies anew at every level: exponential time for a few hundred
  bytes).  The first one is bad input, naming its line;
- **no tags** of Python objects (``!!python/object``): the safe loader
  already refuses them; a refusal names the line;
- YAML 1.2's booleans only (``true``/``false``): an answer ``no`` or ``on``
  stays the text the candidate wrote.

The file is read bounded (``grader.files.read_bounded``) and must be UTF-8.
A file that does not parse, is not a mapping, names another quiz or has no
usable seed is ``BadInput`` (exit 2, one line naming the file and the line);
a single malformed entry is not: it is noted and the rest is graded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..errors import BadInput

MAX_ENTRIES = 200       # question entries read; more is noted, not read
MAX_NOTES = 20


class _NoAliases(Exception):
    pass


class QuizLoader(yaml.SafeLoader):
    """The safe loader without aliases or anchors, with YAML 1.2 booleans."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "uses an alias (*name): answer files take no anchors or aliases",
                event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(
                None, None, "uses an anchor (&name): answer files take no anchors or aliases",
                event.start_mark)
        return super().compose_node(parent, index)


QuizLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


@dataclass
class AnswerFile:
    """What an answer file says: its seed (None if it says none), and per
    question id the raw answer, as YAML data; ``notes`` are entries that
    could not be used (each names where)."""

    seed: int | None
    answers: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def load(source: bytes, where: str):
    """The YAML data in ``source``, or ``BadInput`` naming ``where`` and the line."""
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source[:exc.start].count(b"\n") + 1
        raise BadInput(where, f"line {line}: is not UTF-8 text (expected a YAML answer file)"
                       ) from None
    try:
        return yaml.load(text, Loader=QuizLoader)  # noqa: S506 (QuizLoader is a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        verb = ("is refused" if isinstance(exc, (yaml.constructor.ConstructorError,
                                                 yaml.composer.ComposerError))
                else "is not valid YAML")
        raise BadInput(where, f"{line}{verb} ({_short(what)})") from None
    except RecursionError:
        raise BadInput(where, "nests deeper than an answer file can (is it YAML?)") from None


def parse(source: bytes, where: str, quiz: str) -> AnswerFile:
    """The answer file in ``source`` for the quiz ``quiz``."""
    data = load(source, where)
    if not isinstance(data, dict):
        raise BadInput(where, f"is not a quiz answer file (a mapping with `seed` and"
                              f" `questions`); write one with `lstm-judge init {quiz} --seed N`")
    named = data.get("quiz")
    if named is not None and named != quiz:
        shown = _short(named) if isinstance(named, str) else "something else"
        raise BadInput(where, f"is an answer file for {shown}, not for {quiz}")
    seed = data.get("seed")
    if seed is not None and (type(seed) is not int or not 0 <= seed < 2 ** 63):
        raise BadInput(where, "`seed` must be a whole number from 0 (the seed `init` wrote)")
    found = AnswerFile(seed)
    entries = data.get("questions", [])
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise BadInput(where, "`questions` must be a list of {id, ..., answer} entries")
    if len(entries) > MAX_ENTRIES:
        found.notes.append(f"questions: only the first {MAX_ENTRIES} of {len(entries)} entries"
                           " were read")
    for k, entry in enumerate(entries[:MAX_ENTRIES]):
        here = f"questions[{k}]"
        if not isinstance(entry, dict):
            found.notes.append(f"{here} is not a mapping with an id and an answer: not read")
            continue
        qid = entry.get("id")
        if not isinstance(qid, str) or not qid.strip():
            found.notes.append(f"{here} has no id: its answer is not read")
            continue
        qid = _short(qid.strip(), 60)
        if qid in found.answers:
            found.notes.append(f"{here}: `{qid}` is answered twice: the first answer counts")
            continue
        found.answers[qid] = entry.get("answer")
    del found.notes[MAX_NOTES:]
    return found


def _short(text, most: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= most else text[:most - 1] + "…"
