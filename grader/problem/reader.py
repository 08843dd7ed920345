"""Reads and checks one ``problem.yaml``: anything malformed is a
``SpecError`` naming the file, the field and what is wrong."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import SpecError
from ..limits import Limits
from .spec import (DEFAULT_FORBIDDEN, DEFAULT_TOLERANCES, DTYPES, KINDS, VISIBILITIES,
                   EntryPoint, Problem, TestSpec, Tolerance)


class SpecReader:
    """Reads one spec, keeping the file name for every message."""

    def __init__(self, root: Path):
        self.root = root
        self.file = root / "problem.yaml"

    def fail(self, where: str, what: str) -> SpecError:
        return SpecError(f"{self.file}: {where}" if where else str(self.file), what)

    def problem(self) -> Problem:
        try:
            data = yaml.safe_load(self.file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SpecError(str(self.file), f"cannot read ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise SpecError(str(self.file), "is not UTF-8 text") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else ""
            raise self.fail(where, f"malformed YAML ({getattr(exc, 'problem', exc)})") from None
        if not isinstance(data, dict):
            raise self.fail("", "must be a mapping of fields")
        known = {"id", "title", "kind", "statement", "starter", "entry_points", "imports",
                 "limits", "tolerances", "tests", "description", "self_study", "validate_seeds",
                 "kit", "questions", "code"}
        for key in data:
            if key not in known:
                raise self.fail(str(key), "unknown field")
        pid = self.string(data, "id")
        if pid != self.root.name:
            raise self.fail("id", f"is {pid!r} but the folder is named {self.root.name!r}")
        kind = self.string(data, "kind")
        if kind not in KINDS:
            raise self.fail("kind", f"must be one of {', '.join(KINDS)}, not {kind!r}")
        if kind == "quiz":
            return self.quiz(data, pid)
        for key in ("questions", "code"):
            if key in data:
                raise self.fail(key, "only a quiz (kind: quiz) has questions and code")
        tolerances = self.tolerances(data.get("tolerances", {}), "tolerances",
                                     dict(_default_tolerances()))
        imports = self.mapping(data, "imports", {})
        kit = data.get("kit", False)
        if not isinstance(kit, bool):
            raise self.fail("kit", "must be true or false")
        tests = self.tests(data.get("tests"), tolerances)
        for k, test in enumerate(tests):
            if kit and not test.sample:
                raise self.fail(f"tests[{k}].visibility", "a candidate kit (kit: true) holds"
                                                          " sample tests only")
        return Problem(
            id=pid,
            title=self.string(data, "title"),
            kind=kind,
            root=self.root,
            statement=self.file_field(data, "statement"),
            starter=self.file_field(data, "starter"),
            entry_points=self.entry_points(data.get("entry_points")),
            allowed=self.names(imports, "imports.allow", "allow", ["numpy"]),
            forbidden=self.names(imports, "imports.forbid", "forbid", list(DEFAULT_FORBIDDEN)),
            limits=self.limits(self.mapping(data, "limits", {})),
            tolerances=tolerances,
            tests=tests,
            spec_file=self.file,
            self_study=self.identifier(data, "self_study"),
            validate_seeds=self.seeds(data.get("validate_seeds", [0])),
            kit=kit,
        )

    def quiz(self, data: dict, pid: str) -> Problem:
        """A quiz: its questions are its tests (one each, a sample: the
        candidate holds their text); it has no entry points, starter or tests
        of its own.  Its questions and code live in the folder's quiz/, which
        the problem's digest covers."""
        from ..quiz.questions import read_questions

        for key in ("entry_points", "tests", "starter", "self_study", "tolerances", "kit"):
            if key in data:
                raise self.fail(key, "a quiz has none: its questions are its tests, and"
                                     " `init` draws its answer file from a seed")
        value = data.get("questions")
        where = "questions"
        if isinstance(value, str):
            source = self.quiz_file(value, "questions")
            try:
                value = yaml.safe_load(source.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                mark = getattr(exc, "problem_mark", None)
                line = f" line {mark.line + 1}" if mark else ""
                raise SpecError(f"{source}{line}", f"cannot be read as YAML ({exc})"[:300]) from None
            if isinstance(value, dict) and set(value) == {"questions"}:
                value = value["questions"]
            where = f"questions ({source.name})"
        questions = read_questions(value, self.fail, where)
        code = self.quiz_file(data["code"], "code") if "code" in data else None
        if code is None and any(q.uses_code for q in questions):
            raise self.fail("code", "is required: a question computes its key or parameters"
                                    " with code")
        tolerances = dict(_default_tolerances())
        return Problem(
            id=pid, title=self.string(data, "title"), kind="quiz", root=self.root,
            statement=self.file_field(data, "statement"), starter=None, entry_points=(),
            allowed=(), forbidden=(), limits=self.limits(self.mapping(data, "limits", {})),
            tolerances=tolerances,
            tests=tuple(TestSpec(q.id, q.points, "sample", tolerances, q.topic)
                        for q in questions),
            spec_file=self.file, validate_seeds=self.seeds(data.get("validate_seeds", [0])),
            questions=questions, quiz_code=code)

    def quiz_file(self, value, key: str) -> Path:
        """A file of the quiz, under the folder's quiz/ (what the digest covers)."""
        if not isinstance(value, str) or not value.startswith("quiz/") or ".." in value:
            raise self.fail(key, "must name a file under the problem's quiz/ folder"
                                 " (quiz/questions.yaml), which the problem's digest covers")
        path = self.root / value
        if not path.is_file():
            raise self.fail(key, f"names {path}, which does not exist")
        return path

    # field readers -------------------------------------------------------

    def string(self, data: dict, key: str, where: str | None = None) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where or key, "is required and must be a non-empty string")
        return value

    def identifier(self, data: dict, key: str) -> str:
        value = data.get(key, "")
        if value and (not isinstance(value, str) or not value.isidentifier()):
            raise self.fail(key, "must be a test name (an identifier)")
        return value

    def seeds(self, value) -> tuple[int, ...]:
        if (not isinstance(value, list) or not value
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
            raise self.fail("validate_seeds", "must be a non-empty list of integers")
        return tuple(value)

    def mapping(self, data: dict, key: str, default) -> dict:
        value = data.get(key, default)
        if not isinstance(value, dict):
            raise self.fail(key, "must be a mapping")
        return value

    def number(self, data: dict, key: str, where: str, default=None, positive=True) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, "must be a number")
        if value < 0 or (positive and value == 0):
            raise self.fail(where, "must be positive" if positive else "must not be negative")
        return value

    def file_field(self, data: dict, key: str) -> Path:
        path = self.root / self.string(data, key)
        if not path.is_file():
            raise self.fail(key, f"names {path}, which does not exist")
        return path

    def names(self, data: dict, where: str, key: str, default: list) -> tuple[str, ...]:
        value = data.get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(where, "must be a list of module names")
        return tuple(value)

    def entry_points(self, value) -> tuple[EntryPoint, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("entry_points", "is required: a list of {name, params}")
        out = []
        for k, item in enumerate(value):
            where = f"entry_points[{k}]"
            if not isinstance(item, dict):
                raise self.fail(where, "must be a mapping with name and params")
            name = self.string(item, "name", f"{where}.name")
            if not name.isidentifier():
                raise self.fail(f"{where}.name", f"{name!r} is not a Python identifier")
            params = item.get("params", [])
            if not isinstance(params, list) or not all(isinstance(p, str) for p in params):
                raise self.fail(f"{where}.params", "must be a list of parameter names")
            keywords = item.get("keywords", [])
            if not isinstance(keywords, list) or not set(keywords) <= set(params):
                raise self.fail(f"{where}.keywords", "must list some of the params")
            optional = item.get("optional", [])
            if not isinstance(optional, list) or not set(optional) <= set(params):
                raise self.fail(f"{where}.optional", "must list some of the params")
            out.append(EntryPoint(name, tuple(params), str(item.get("returns", "")),
                                  tuple(keywords), tuple(optional)))
        return tuple(out)

    def limits(self, data: dict) -> Limits:
        fields = Limits.__dataclass_fields__
        values = {}
        for key, value in data.items():
            if key not in fields:
                raise self.fail(f"limits.{key}", f"unknown limit (known: {', '.join(fields)})")
            number = self.number(data, key, f"limits.{key}")
            values[key] = int(number) if fields[key].type == "int" else float(number)
        return Limits(**values)

    def tolerances(self, data, where: str, base: dict[str, Tolerance]) -> dict[str, Tolerance]:
        if not isinstance(data, dict):
            raise self.fail(where, "must map dtypes (float64, float32) to {atol, rtol}")
        out = dict(base)
        for dtype, tol in data.items():
            if dtype not in DTYPES:
                raise self.fail(f"{where}.{dtype}", f"unknown dtype (known: {', '.join(DTYPES)})")
            if not isinstance(tol, dict) or set(tol) - {"atol", "rtol"}:
                raise self.fail(f"{where}.{dtype}", "must be a mapping with atol and rtol")
            old = out[dtype]
            out[dtype] = Tolerance(
                float(self.number(tol, "atol", f"{where}.{dtype}.atol", old.atol, positive=False)),
                float(self.number(tol, "rtol", f"{where}.{dtype}.rtol", old.rtol, positive=False)),
            )
        return out

    def tests(self, value, tolerances: dict[str, Tolerance]) -> tuple[TestSpec, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail("tests", "is required: a list of {name, points, visibility}")
        out, seen = [], set()
        for k, item in enumerate(value):
            where = f"tests[{k}]"
            if not isinstance(item, dict):
                raise self.fail(where, "must be a mapping with name, points and visibility")
            for key in item:
                if key not in ("name", "points", "visibility", "tolerance", "description"):
                    raise self.fail(f"{where}.{key}", "unknown field")
            name = self.string(item, "name", f"{where}.name")
            if not name.isidentifier():
                raise self.fail(f"{where}.name", f"{name!r} must be an identifier (test_{name})")
            if name in seen:
                raise self.fail(f"{where}.name", f"{name!r} is listed twice")
            seen.add(name)
            visibility = item.get("visibility")
            if visibility not in VISIBILITIES:
                raise self.fail(f"{where}.visibility", "must be sample or hidden")
            out.append(TestSpec(
                name=name,
                points=self.number(item, "points", f"{where}.points", positive=False),
                visibility=visibility,
                tolerances=self.tolerances(item.get("tolerance", {}), f"{where}.tolerance",
                                           tolerances),
                description=str(item.get("description", "")),
            ))
        return tuple(out)


def _default_tolerances():
    for dtype, (atol, rtol) in DEFAULT_TOLERANCES.items():
        yield dtype, Tolerance(atol, rtol)
