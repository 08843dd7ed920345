"""What one test asked of the submission, written as a learner writes it.

For the test's feedback (shown with details only: sample tests and the
staff view)::

    model = LSTMModel(input_dim=3, hidden_dim=5, output_dim=2)
    # the judge read the layers and parameters of model
    out = model(x) with x: float32 tensor of shape (2, 4, 3); returned: float32 ...

Arguments take the spec's parameter names; small ones are written out, the
rest are described (``describe``).  Objects that stay in the child are named
by the spec (``returns: (loss_fn, optimizer)``), by what the judge built, or
by how the test uses them (``predict(model, ...)``, ``model(x)``): never by a
type name the child chose or a handle's id.
Repeated lines are said once, with how many times.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from itertools import groupby

from ..child import torch_support
from ..child.protocol import Handle
from ..problem import EntryPoint
from .describe import data, listing, literal

MAX_ENTRIES = 500  # calls remembered per test; later ones are only counted
MAX_KEPT = 32  # results remembered (the most recently used), to name them when passed back


@dataclass(eq=False)
class Entry:
    """One call: ``targets = call with given; returned: ...  note``."""

    call: str
    given: str = ""
    note: str = ""
    targets: str = ""
    returned: str | None = None

    def line(self) -> str:
        text = f"{self.targets} = {self.call}" if self.targets else self.call
        if self.given:
            text += f" with {self.given}"
        if self.returned is not None:
            text += f"; returned: {self.returned}"
        return text + self.note


@dataclass(eq=False)
class Kept:
    """A value an entry point returned, kept to be named when a test passes
    it back (a model that is not an object in the child: a dict, a float)."""

    value: object
    entry: Entry
    name: str = ""


@dataclass
class CallLog:
    """What one test asked of the submission, for its feedback."""

    entries: list[Entry] = field(default_factory=list)
    output: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    max_call_s: float = 0.0
    dropped: int = 0  # calls past MAX_ENTRIES
    names: dict[int, str] = field(default_factory=dict)  # handle id -> its name here
    kept: list[Kept] = field(default_factory=list)  # shared with the next test's log
    unnamed: dict[int, Entry] = field(default_factory=dict)  # handle id -> the call that made it

    def next(self) -> "CallLog":
        """The log of the next test: new entries, the same kept results (a
        model trained in one test is passed back in later ones)."""
        return CallLog(kept=self.kept)

    # ------------------------------------------------------------- recording

    def call(self, entry_point: EntryPoint, args, kwargs) -> Entry:
        """A call of an entry point, ``lstm_cell(x, h_prev, ...)``."""
        written, given = self._arguments(args, kwargs, entry_point.params)
        return self._add(Entry(f"{entry_point.name}({written})", given))

    def method(self, target: Handle, name: str, args, kwargs) -> Entry:
        """A method of an object in the child: ``model(x)``, ``model.double()``."""
        owner = self._name(target, "model")
        forward = name == "__call__"
        written, given = self._arguments(args, kwargs, ("x",) if forward else ())
        return self._add(Entry(f"{owner}({written})" if forward else f"{owner}.{name}({written})",
                               given))

    def build(self, name: str, args, kwargs, params_of: Handle | None) -> Entry:
        """An object the judge has the child build: a loss, an optimizer, its own model."""
        written, given = self._arguments(args, kwargs, _build_params(name))
        if params_of is not None:
            owner = f"{self._name(params_of, 'model')}.parameters()"
            written = ", ".join(w for w in (owner, written) if w)
        shown = name.removeprefix("reference.")
        return self._add(Entry(f"{shown}({written})", given, note="  # built by the judge"))

    def judge_step(self, words: str, target: Handle) -> None:
        """Something the judge did itself, said in words: ``# the judge read ... of model``."""
        self._add(Entry(f"# the judge {words} {self._name(target, 'model')}"))

    def returned(self, entry: Entry, value, names: tuple[str, ...] = ()) -> None:
        """What a call gave back: handles get names (``names``, as the spec gives
        them), anything else is described."""
        if isinstance(value, tuple) and len(names) > 1 and len(value) == len(names):
            entry.targets = ", ".join(self._name(v, n) if isinstance(v, Handle) else n
                                      for n, v in zip(names, value))
            shown = [(n, v) for n, v in zip(names, value) if not isinstance(v, Handle)]
            entry.returned = listing(shown) if shown else None
        elif isinstance(value, Handle) and (len(names) == 1 or value.id in self.names):
            entry.targets = self._name(value, names[0] if names else "")
        elif isinstance(value, Handle):  # named once the test uses it: model(x), predict(model)
            self.unnamed[value.id] = entry
            entry.returned = data(value)
        else:
            entry.targets = names[0] if len(names) == 1 else ""
            entry.returned = data(value)
            if _trackable(value):
                self.kept.append(Kept(value, entry, entry.targets))
                del self.kept[:-MAX_KEPT]

    def method_returned(self, entry: Entry, target: Handle, name: str, value) -> None:
        """What a method gave back: ``out = model(x)``; a method that returns
        its own object (``model.double()``) or None says nothing more."""
        if name == "__call__":
            self.returned(entry, value, ("out",))
        elif not (value is None or isinstance(value, Handle) and value.id == target.id):
            self.returned(entry, value)

    # ------------------------------------------------------------- reading

    def lines(self) -> list[str]:
        """The calls in order.  A run of calls written alike is said once with
        its count where they are the same, else by its first and last."""
        lines = []
        for _, run in groupby(self.entries, key=lambda e: (e.targets, e.call)):
            texts = [entry.line() for entry in run]
            if len(set(texts)) == 1:
                lines.append(texts[0] + (f" ({len(texts)} times)" if len(texts) > 1 else ""))
            elif len(texts) <= 3:
                lines += texts
            else:
                lines += [texts[0], f"... {len(texts) - 2} more calls like these", texts[-1]]
        if self.dropped:
            lines.append(f"... and {self.dropped} more calls")
        return lines

    # ------------------------------------------------------------- helpers

    def _add(self, entry: Entry) -> Entry:
        if len(self.entries) < MAX_ENTRIES:
            self.entries.append(entry)
        else:
            self.dropped += 1
        return entry

    def _arguments(self, args, kwargs, params) -> tuple[str, str]:
        """The arguments as written (``x, input_dim=3``) and what the data ones are."""
        written, given = [], []
        named = [(params[i] if i < len(params) else "", v, False) for i, v in enumerate(args)]
        named += [(k, v, True) for k, v in kwargs.items()]
        for i, (name, value, keyword) in enumerate(named):
            if (kept := self._kept(value, name)) is not None:
                written.append(f"{name}={kept}" if keyword else kept)
            elif isinstance(value, Handle):
                shown = self._name(value, name or "obj")
                written.append(f"{name}={shown}" if keyword else shown)
            elif (text := literal(value)) is not None:
                written.append(f"{name}={text}" if name else text)
            else:
                var = name or f"arg{i + 1}"
                written.append(f"{name}={var}" if keyword else var)
                given.append((var, value))
        return ", ".join(written), listing(given)

    def _name(self, handle: Handle, wanted: str) -> str:
        """The handle's name in this log; a new one is ``wanted`` (``wanted2`` if taken)."""
        if handle.id not in self.names:
            self.names[handle.id] = self._free(wanted)
            if (entry := self.unnamed.pop(handle.id, None)) is not None:
                entry.targets, entry.returned = self.names[handle.id], None
        return self.names[handle.id]

    def _kept(self, value, param: str) -> str | None:
        """The name of a returned value passed back, else None; named after
        the parameter it is first passed as (``model = train(...)``)."""
        at = next((i for i, k in enumerate(self.kept) if k.value is value), None)
        if at is None:
            return None
        kept = self.kept.pop(at)  # by identity: a kept value may be an array or anything
        self.kept.append(kept)  # the most recently used are kept longest
        if not kept.name:
            kept.name = self._free(param or "result")
            kept.entry.targets = kept.name
        return kept.name

    def _free(self, wanted: str) -> str:
        """``wanted``, or ``wanted2``, ``wanted3``... if a name in use has it."""
        taken = set(self.names.values()) | {k.name for k in self.kept}
        name, k = wanted, 1
        while name in taken:
            k += 1
            name = f"{wanted}{k}"
        return name


def _trackable(value) -> bool:
    """Whether a returned value is told apart by identity from the judge's
    own arguments: not None, a bool, an int, a string of one character or
    the empty tuple, which Python shares between unrelated places."""
    if value is None or isinstance(value, (bool, int)):
        return False
    return not (isinstance(value, (str, tuple)) and len(value) <= 1)


def returned_names(entry_point: EntryPoint) -> tuple[str, ...]:
    """The names the spec gives what an entry point returns, where its
    ``returns`` is only names: ``(h, c)`` -> ("h", "c")."""
    text = entry_point.returns.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    names = tuple(n.strip() for n in text.split(","))
    return names if all(n.isidentifier() for n in names) else ()


BUILT_NAMES = (("Loss", "loss_fn"), ("torch.optim.", "optimizer"))


def built_name(name: str) -> str:
    """What the judge's code calls an object it built: loss_fn, optimizer or model."""
    return next((n for part, n in BUILT_NAMES if part in name), "model")


def _build_params(name: str) -> tuple[str, ...]:
    """The parameter names of a model the judge builds from its own code
    (``reference.LSTMRegressor``), so its arguments read as the network's do."""
    if name not in torch_support.BUILDABLE or not name.startswith("reference."):
        return ()
    factory = getattr(torch_support, name.removeprefix("reference."))
    return tuple(inspect.signature(factory).parameters)
