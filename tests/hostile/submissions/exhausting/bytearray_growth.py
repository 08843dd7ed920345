# expect: memory_limit_exceeded
# score: 0
# why: grows one bytearray by 8 MB at a time without end (each growth reallocates): the
#      memory limit stops it with MemoryError
def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    buf = bytearray()
    while True:
        buf += b"\x01" * (8 << 20)
