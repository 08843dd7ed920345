# expect: wrong_answer
# score: 0
# why: returns an ndarray subclass whose __eq__, __array__, __sub__, __abs__, __array_ufunc__
#      and comparisons all pretend to match anything, holding wrong data; only the raw data
#      crosses to the judge, so it is judged on those values
import numpy as np


class Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)

    def __ne__(self, other):
        return np.zeros(np.shape(other), dtype=bool)

    def __sub__(self, other):
        return np.zeros(np.shape(other))

    __rsub__ = __sub__

    def __abs__(self):
        return np.zeros(self.shape)

    def __lt__(self, other):
        return np.ones(np.broadcast(self, other).shape, dtype=bool)

    __le__ = __lt__

    def __array__(self, dtype=None, copy=None):
        return np.zeros(self.shape, dtype=dtype or np.float64)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(self.shape)

    def allclose(self, *args, **kwargs):
        return True


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    h = np.full(h_prev.shape, 123.0).view(Liar)
    c = np.full(c_prev.shape, -123.0).view(Liar)
    return h, c
