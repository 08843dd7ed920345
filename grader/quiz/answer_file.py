"""The answer file ``lstm-judge init QUIZ --seed N`` writes: the questions
as that seed draws them (text, choices in the drawn order, the parameters),
a blank ``answer:`` under each, and the seed, which is all that grading
reads back besides the answers.  ``with_key`` fills in the key instead (the
problem's accepted solutions, and tests)."""

from __future__ import annotations

import yaml

from .checks import show
from .draw import Drawn

FORMS = {
    "single": "one letter, e.g. b",
    "multiple": "the letters of every right choice, e.g. [a, c]",
    "numeric": "a number, e.g. 0.25",
    "integer": "a whole number, e.g. 2560",
    "shape": "a shape, e.g. (2, 8, 20)",
    "text": "a word or a short phrase",
}


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def render(quiz: str, title: str, seed: int, drawn: list[Drawn], key: bytes | None = None,
           with_key: bool = False) -> str:
    """The answer file's text for ``drawn`` (as ``seed`` drew it)."""
    keyed = ("\n# These questions were drawn with the grader's key: hand this file to the"
             "\n# candidate as it is (running init again without the key gives others).") if key else ""
    head = (f"# {title}: your questions, as seed {seed} draws them.\n"
            f"# Write each answer after `answer:`, then grade the file:\n"
            f"#     lstm-judge submit {quiz} THIS_FILE\n"
            f"# Only `seed` and the answers are read back; changing the seed gives you\n"
            f"# other questions (and other right answers), not these.{keyed}\n")
    document = {"quiz": quiz, "seed": seed}
    lines = [head + yaml.dump(document, Dumper=_Dumper, sort_keys=False).rstrip(),
             "questions:"]
    for d in drawn:
        q = d.question
        entry = {"id": q.id, "type": q.type, "points": q.points, "question": d.text}
        if d.choices:
            entry["choices"] = {label: text for label, text, _ in d.choices}
        if d.params:
            entry["numbers"] = dict(d.params)
        body = yaml.dump(entry, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88)
        block = ["- " + line if k == 0 else "  " + line
                 for k, line in enumerate(body.rstrip("\n").split("\n"))]
        block.append(f"  # answer: {FORMS[q.type]}")
        block.append("  answer:" + (" " + _key_yaml(d) if with_key else ""))
        lines += block
    return "\n".join(lines) + "\n"


def _key_yaml(d: Drawn) -> str:
    qtype = d.question.type
    if qtype == "multiple":
        return "[" + ", ".join(sorted(d.key)) + "]"
    if qtype == "numeric":
        return f"{float(d.key):.10g}"
    if qtype in ("integer", "single"):
        return str(d.key)
    text = show(qtype, d.key)
    return yaml.dump(text, Dumper=_Dumper, default_style='"').strip().removesuffix("\n...")
