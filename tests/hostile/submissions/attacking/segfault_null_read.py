# expect: runtime_error
# score: 0
# why: reads a kernel address through ctypes.string_at in every call (address 0 can be
#      mapped on some machines): the child dies of SIGSEGV (a runtime error; no core file)
import ctypes


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return ctypes.string_at(0xFFFF880000000000, 16)
