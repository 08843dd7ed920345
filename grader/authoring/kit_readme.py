"""The README.md of a candidate kit: what is in it, and commands that work
verbatim from the kit's folder (tests/cli/test_kit.py runs them)."""

from __future__ import annotations

from ..problem import Problem

TEMPLATE = """\
# Candidate kit: {ids}

Written by `lstm-judge kit`. One folder per problem:

| folder | problem | sample tests |
|---|---|---|
{rows}

Each folder holds what you need to solve the problem and check your work:

- `statement.md`: the task; read it first;
- `starter.py`: the stub to start from;
- `tests/`: the sample tests, which `lstm-judge test` runs and shows in full detail;
- `problem.yaml`: the spec (entry points, limits, tolerances, the sample tests), marked
  `kit: true`;
- `data/`: public data that a sample test reads, where there is any.

Not in it: the hidden tests that grade a submission, solutions, and held-out data.
Whoever gave you this kit grades your file with those.

## Running the sample tests

You need `lstm-judge` installed (the judge alone: this kit brings the problems). In a
kit, name a problem by its folder, as a path. From this folder:

```sh
{by_path}
```

To name the kit's problems by id instead, put this folder on `$LSTM_JUDGE_PROBLEMS`
(its problems then come before any installed with the judge). From this folder:

```sh
export LSTM_JUDGE_PROBLEMS="$PWD"
{by_id}
```

## Submitting

`lstm-judge submit` refuses a kit's problem: it prints one line saying that the hidden
tests are not in a kit and exits with code 2 (bad usage), rather than pass a score of
the samples alone off as a grade. Hand your file in instead.{study}
"""

STUDY = """ Self-study on your own
series (`lstm-judge submit PROBLEM FILE --data FILE.csv`, for no points, where a
statement offers it) does work in a kit: it needs no hidden tests."""


def readme(problems: list[Problem]) -> str:
    first = problems[0].id
    by_path = _commented([(f"lstm-judge show ./{first}", "the statement, for a terminal"),
                          (f"lstm-judge init ./{first}", f"writes {first}.py from the starter"),
                          (f"lstm-judge test ./{first} {first}.py",
                           f"the sample tests on {first}.py, in full detail")])
    by_id = _commented([("lstm-judge list", "the problems found, this kit's among them"),
                        (f"lstm-judge test {first} {first}.py", "the same as above")])
    rows = "\n".join(
        f"| `{p.id}/` | {p.title} | {', '.join(f'`{t.name}`' for t in p.tests if t.sample)} |"
        for p in problems)
    return TEMPLATE.format(ids=", ".join(p.id for p in problems), rows=rows,
                           by_path=by_path, by_id=by_id,
                           study=STUDY if any(p.self_study for p in problems) else "")


def _commented(lines: list[tuple[str, str]]) -> str:
    width = max(len(command) for command, _ in lines) + 2
    return "\n".join(f"{command:<{width}}# {comment}" for command, comment in lines)
