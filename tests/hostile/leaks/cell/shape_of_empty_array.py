# expect: wrong_answer
# why: returns empty arrays whose shapes carry the canary's digits: the judge used to print
#      a wrong shape in hidden tests' messages (an empty array carries ~60 bits in its shape)
# control: canary


def lstm_cell(*args):
    secret = look(*args)
    if not secret:
        return _cell(*args)
    empty = np.empty((secret[2], 0))
    return empty, empty
