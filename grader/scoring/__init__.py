"""Scoring: comparison with tolerances and misconception hints
(``compare``), the ways a test fails (``failures``), partial credit
(``metric``), how cases add up to a test (``tally``) and tests to a
verdict (``result``), and the numpy references hidden tests compare with
(``lstm_reference``)."""
