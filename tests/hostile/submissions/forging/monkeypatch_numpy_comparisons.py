# expect: wrong_answer
# score: 0
# why: at import, replaces numpy's comparison helpers (np.allclose, np.isclose,
#      np.array_equal, np.testing.assert_allclose, np.abs, np.isfinite...) with ones that
#      always say "equal", then returns wrong values; the judge's numpy is another process's
import numpy as np
import numpy.testing

np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *a, **k: True
np.array_equiv = lambda *a, **k: True
np.abs = np.absolute = lambda a, *r, **k: np.zeros(np.shape(a))
np.isfinite = lambda a, *r, **k: np.ones(np.shape(a), dtype=bool)
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_almost_equal = lambda *a, **k: None
numpy.testing.assert_array_equal = lambda *a, **k: None


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return np.full(h_prev.shape, 0.5), np.full(c_prev.shape, 0.5)
