"""A problem's test modules cut down to its sample tests, for a candidate kit.

Sample and hidden tests may share a module, so each module is cut with
``ast``: it keeps its imports, the tests it is asked to keep (the samples and
the self-study test), and the top-level definitions they need, transitively:
the functions, classes and constants they name, and the module's fixtures
they take as parameters (or through ``usefixtures``, or ``autouse``).  Left
out: every other test, the helpers, fixtures and constants only those use,
the comments between definitions and the module's docstring (both may speak
of hidden tests).  Kept definitions are copied line for line, so the sample
tests read as their author wrote them.

What the cut cannot reason about is refused (``SpecError``), never guessed:
top-level code other than imports, definitions and assignments, classes of
tests, several statements on one line, a kept definition that needs another
test's function, and files in tests/ other than ``test_*.py`` modules.
"""

from __future__ import annotations

import ast
import symtable
from pathlib import Path

from ..errors import SpecError
from ..problem import Problem

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
DEFINITIONS = DEFS + (ast.Assign, ast.AnnAssign, ast.AugAssign)


def kept_tests(problem: Problem) -> set[str]:
    """The tests a kit keeps: the samples and the self-study test."""
    return {t.name for t in problem.tests if t.sample} | ({problem.self_study} - {""})


def sample_modules(problem: Problem) -> dict[str, tuple[str, set[str]]]:
    """``{file name: (source, string constants)}`` of the cut test modules
    that keep a test; modules with none are left out."""
    keep = kept_tests(problem)
    out, found = {}, set()
    for path in sorted(problem.tests_dir.rglob("*")):
        if "__pycache__" in path.parts or path.is_dir():
            continue
        if path.parent != problem.tests_dir or not (path.name.startswith("test_")
                                                     and path.suffix == ".py"):
            raise SpecError(str(path), "a kit can only cut test_*.py modules directly in tests/;"
                                       " move this file or keep it out of tests/")
        cut = Cut(path, keep)
        found |= cut.tests
        if cut.kept_tests:
            out[path.name] = (cut.source(problem.id), cut.constants())
    missing = sorted(keep - found)
    if missing:
        raise SpecError(str(problem.tests_dir), f"test_{missing[0]} (a sample test) is in no module")
    return out


class Cut:
    """One test module, and the part of it that the kept tests need."""

    def __init__(self, path: Path, keep: set[str]):
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(self.text)
        except SyntaxError as exc:
            raise SpecError(f"{path}: line {exc.lineno}", "does not parse") from None
        body = tree.body
        if ast.get_docstring(tree, clean=False) is not None:
            body = body[1:]
        self.nodes = body
        self.scopes = symtable.symtable(self.text, str(path), "exec").get_children()
        for node in body:
            if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                self.refuse(node, f"a class of tests ({node.name}); keep tests as functions")
            if not isinstance(node, DEFINITIONS + (ast.Import, ast.ImportFrom)):
                self.refuse(node, f"top-level {type(node).__name__.lower()} statement; only"
                                  " imports, definitions and assignments can be cut")
        for before, node in zip(body, body[1:]):
            if _first_line(node) <= before.end_lineno:
                self.refuse(node, "several statements on one line")
        self.fixtures = {n for node in body for n in _fixture_names(node)}
        self.tests = {_test_name(n) for n in body if _test_name(n)}
        self.kept_tests = self.tests & keep
        self.kept = self._closure(keep)

    def refuse(self, node, what: str):
        raise SpecError(f"{self.path}: line {_first_line(node)}", f"cannot cut: {what}")

    def _closure(self, keep: set[str]) -> list[ast.stmt]:
        defines: dict[str, list[ast.stmt]] = {}
        for node in self.nodes:
            for name in _defined(node):
                defines.setdefault(name, []).append(node)
        todo = [n for n in self.nodes if _test_name(n) in keep or _autouse(n)]
        kept = {id(n) for n in todo}
        while todo:
            node = todo.pop()
            for name in _used(node, self.fixtures, self.scopes):
                for other in defines.get(name, []):
                    if id(other) in kept:
                        continue
                    if _test_name(other):
                        self.refuse(node, f"it needs test_{_test_name(other)}, a test that"
                                          " is not kept")
                    kept.add(id(other))
                    todo.append(other)
        imports = (ast.Import, ast.ImportFrom)
        return [n for n in self.nodes if id(n) in kept or isinstance(n, imports)]

    def source(self, problem_id: str) -> str:
        """The cut module: a docstring of its own, then the kept statements."""
        lines = self.text.splitlines(keepends=True)
        out = [f'"""Sample tests of `{problem_id}`, cut from the problem\'s tests by'
               f' `lstm-judge kit`\n(without the hidden tests and what only they use)."""\n']
        previous = None
        for node in self.kept:
            first = _first_line(node)
            if previous is None:
                blank = 1
            elif isinstance(node, DEFS) or isinstance(previous, DEFS):
                blank = 2
            else:  # as many blank lines as the original has between them, at most 2
                blank = min(2, sum(not line.strip() for line in lines[previous.end_lineno:first - 1]))
            segment = "".join(lines[first - 1:node.end_lineno])
            out.append("\n" * blank + segment + ("" if segment.endswith("\n") else "\n"))
            previous = node
        return "".join(out)

    def constants(self) -> set[str]:
        """The string constants in the kept code (which data files it names)."""
        return {n.value for node in self.kept for n in ast.walk(node)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _first_line(node) -> int:
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])


def _test_name(node) -> str:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
        return node.name[len("test_"):]
    return ""


def _fixture_call(node):
    """The ``pytest.fixture`` decorator of ``node`` (a Name, Attribute or Call), or None."""
    for decorator in getattr(node, "decorator_list", []):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if getattr(target, "attr", getattr(target, "id", "")) == "fixture":
            return decorator
    return None


def _keyword(call, name):
    if isinstance(call, ast.Call):
        for keyword in call.keywords:
            if keyword.arg == name:
                return keyword.value
    return None


def _fixture_names(node) -> set[str]:
    call = _fixture_call(node)
    if call is None:
        return set()
    alias = _keyword(call, "name")
    return {node.name} | ({alias.value} if isinstance(alias, ast.Constant) else set())


def _autouse(node) -> bool:
    value = _keyword(_fixture_call(node), "autouse")
    return value is not None and not (isinstance(value, ast.Constant) and not value.value)


def _defined(node) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name} | _fixture_names(node)
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return set()
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _used(node, fixtures: set[str], scopes: list) -> set[str]:
    """The module-level names ``node`` uses: those read in module scope (its
    decorators, defaults, bases, or the statement itself), the global names
    of the scopes inside it (``symtable``, so that a local variable named
    like a module-level definition does not pull that in), and the module's
    fixtures it requests (as a test's or fixture's parameters, or through
    ``usefixtures``)."""
    names = _module_loads(node)
    for table in scopes:
        if node.lineno <= table.get_lineno() <= node.end_lineno:
            names |= _globals(table)
    if _test_name(node) or _fixture_call(node) is not None:
        args = node.args
        names |= {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs} & fixtures
    for decorator in getattr(node, "decorator_list", []):
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "usefixtures":
            names |= {a.value for a in decorator.args if isinstance(a, ast.Constant)}
    return names


def _module_loads(node) -> set[str]:
    """Names read by the parts of ``node`` that run in module scope."""
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = node.args
        parts = list(getattr(node, "decorator_list", [])) + args.defaults + [
            d for d in args.kw_defaults if d is not None]
        parts += [a.annotation for a in args.posonlyargs + args.args + args.kwonlyargs
                  + [args.vararg, args.kwarg] if a is not None and a.annotation is not None]
        parts += [node.returns] if getattr(node, "returns", None) is not None else []
    elif isinstance(node, ast.ClassDef):
        parts = node.decorator_list + node.bases + [k.value for k in node.keywords]
    elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        parts = [node.generators[0].iter]  # the rest runs in the comprehension's scope
    else:
        parts = list(ast.iter_child_nodes(node))
    return set().union(*(_module_loads(p) for p in parts)) if parts else set()


def _globals(table) -> set[str]:
    """The global names a scope and the scopes inside it read."""
    names = {s.get_name() for s in table.get_symbols() if s.is_global() and s.is_referenced()}
    for child in table.get_children():
        names |= _globals(child)
    return names
