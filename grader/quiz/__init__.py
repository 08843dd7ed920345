"""The quiz kind (``kind: quiz``): concept questions answered in a YAML file,
graded as data.  No child process runs: an answer file is parsed with a
restricted YAML loader (``answers``), each answer is checked by its question's
type (``checks``) against a key that the problem's own code computes from
parameters drawn from the seed (``draw``), and the outcome is the same
``Result`` every other kind produces (``grade``).  ``questions`` is the model
of a quiz's questions (read with the spec), ``answer_file`` writes the file
that ``lstm-judge init`` hands a candidate.

This package imports nothing of the sandbox, the child, grading or the CLI
(an import contract in pyproject.toml): a quiz can run nothing it is sent.
"""
