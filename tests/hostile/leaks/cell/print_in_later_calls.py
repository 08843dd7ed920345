# expect: accepted
# why: keeps the canary and prints it in every later call, hoping a sample test (whose
#      output is shown) runs after a hidden one in the same child
# control: canary


def lstm_cell(*args):
    secret = look(*args)
    if secret:
        print("stashed:", secret[0], secret[2])
    return _cell(*args)
