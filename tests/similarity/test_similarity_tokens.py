"""Normalization: what a copier changes cheaply (names, comments, layout,
literal values, the order of functions) leaves the tokens as they were;
what a program computes (operators, library calls) does not."""

from __future__ import annotations

import pytest

from grader.similarity.tokens import NotComparable, fragments


def tokens(source: str) -> list[list[str]]:
    return fragments(source.encode())


def test_names_become_a_placeholder_and_keywords_builtins_and_library_calls_stay():
    assert tokens("total = np.tanh(len(x)) if x else None\n") == [
        ["V", "=", "V", ".", "tanh", "(", "len", "(", "V", ")", ")", "if", "V", "else",
         "None"]]


def test_renaming_changes_nothing_but_a_different_library_call_does():
    original = "def gate(z, W):\n    return np.tanh(z @ W.T)\n"
    renamed = "def squash(pre, weights):\n    return np.tanh(pre @ weights.T)\n"
    other_call = "def gate(z, W):\n    return np.exp(z @ W.T)\n"
    assert tokens(original) == tokens(renamed)
    assert tokens(original) != tokens(other_call)


def test_comments_docstrings_blank_lines_and_layout_are_dropped():
    plain = "def f(a, b):\n    c = a + b\n    return c\n"
    dressed = ('"""Module docstring."""\n\n\n'
               "def f( a,\n       b ):  # two inputs\n"
               '    """Add them."""\n\n'
               "    c=a+b    # the sum\n"
               "    '''a string used as a comment'''\n"
               "    return c\n")
    assert tokens(dressed) == tokens(plain)


def test_indentation_width_does_not_matter():
    assert tokens("if a:\n  b = 1\n") == tokens("if a:\n        b = 1\n")


def test_literals_become_their_kind():
    assert tokens("f(1, 0x1f, 2.5, 1e-3, 3j, 'a', \"\"\"b\"\"\", b'c')\n") == [
        ["V", "(", "INT", ",", "INT", ",", "FLOAT", ",", "FLOAT", ",", "IMAG", ",", "STR",
         ",", "STR", ",", "STR", ")"]]
    assert tokens("x = 0.5 * y\n") == tokens("x = 0.25 * y\n")
    assert tokens("x = 1 * y\n") != tokens("x = 1.0 * y\n")


def test_attributes_the_file_assigns_or_defines_are_its_own_names():
    torch_style = ("class M:\n    def __init__(self):\n        self.fc = make()\n"
                   "    def forward(self, x):\n        return self.fc(x).relu()\n")
    renamed = torch_style.replace("fc", "head")
    assert tokens(torch_style) == tokens(renamed)
    flat = [t for fragment in tokens(torch_style) for t in fragment]
    assert "relu" in flat and "fc" not in flat  # a library method stays, the own attribute does not


def test_every_def_and_class_is_a_fragment_of_its_own_with_its_decorators():
    source = ("import numpy as np\n"
              "@cache\n@other\ndef f(x):\n    def inner(y):\n        return y\n"
              "    return inner(x)\n"
              "class K:\n    def m(self): return 1\n    size = 2\n"
              "z = f(1)\n")
    assert tokens(source) == [
        ["import", "V", "as", "V"],
        ["@", "V", "@", "V", "def", "V", "(", "V", ")", ":"],
        ["def", "V", "(", "V", ")", ":", "return", "V"],
        ["return", "V", "(", "V", ")"],             # f's body after the nested def
        ["class", "V", ":"],
        ["def", "V", "(", "V", ")", ":", "return", "INT"],
        ["V", "=", "INT"],                           # the class body after the method
        ["V", "=", "V", "(", "INT", ")"],
    ]


def test_reordering_functions_reorders_fragments_only():
    a = "def f(x):\n    return x + 1\n\ndef g(y):\n    return y * 2\n"
    b = "def g(y):\n    return y * 2\n\ndef f(x):\n    return x + 1\n"
    assert tokens(a) != tokens(b)
    assert sorted(tokens(a)) == sorted(tokens(b))


def test_a_declared_encoding_is_honoured():
    source = "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n".encode("latin-1")
    assert fragments(source) == [["V", "=", "STR"]]


@pytest.mark.parametrize("source, reason", [
    (b"import numpy\x00\x01\x02", "is not text"),
    ("x = 'caf\xe9'\n".encode("latin-1"), "is not text"),   # not UTF-8 and no declaration
    (b"", "is empty"),
    (b"# just a comment\n\n", "is empty"),
    (b'"""Only a docstring."""\n', "is empty"),
    (b"def f(x:\n    return (\n", "does not tokenize"),
    (b"x = '''never closed\n", "does not tokenize (line 1"),
    (b"if x:\n        a = 1\n    b = 2\n", "does not tokenize (line 3"),
])
def test_what_cannot_be_compared_says_why(source, reason):
    with pytest.raises(NotComparable) as caught:
        fragments(source)
    assert str(caught.value).startswith(reason), caught.value


def test_code_that_tokenizes_but_does_not_parse_is_still_compared():
    """A compile_error submission can still be a copy."""
    assert tokens("def f(x) return x +\n") == [
        ["def", "V", "(", "V", ")", "return", "V", "+"]]
