# expect: wrong_answer
# why: once it has seen the canary, returns an object whose class name spells it: the
#      judge used to quote the type name of a non-array answer in hidden tests' messages
# control: canary


def lstm_cell(*args):
    secret = look(*args)
    if not secret:
        return _cell(*args)
    leak = type(f"Leak_{secret[1]}_{secret[2]}_{secret[0].replace('-', '_')}", (), {})
    return leak(), leak()
