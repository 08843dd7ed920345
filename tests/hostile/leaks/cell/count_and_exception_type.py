# expect: wrong_answer | runtime_error
# why: puts the canary in the name and the message of an exception of its own type, and in
#      the number of values it returns: each used to reach hidden tests' messages
# control: canary


CALLS = []


def lstm_cell(*args):
    secret = look(*args)
    if not secret:
        return _cell(*args)
    CALLS.append(1)
    if len(CALLS) % 2:
        raise type(f"Leak_{secret[1]}", (Exception,), {})(f"{secret[0]} {secret[2]}")
    return tuple(np.zeros(1) for _ in range(secret[2] % 1000 + 3))
