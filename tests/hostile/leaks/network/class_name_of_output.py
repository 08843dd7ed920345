# expect: wrong_answer
# why: once it has seen the canary, forward returns an object whose class name spells it
#      (it stays in the child as a handle named after its type): the judge used to quote
#      that type name in hidden tests' messages
# control: canary


class LSTMModel(_Reference):
    def forward(self, x):
        secret = look(x)
        if not secret:
            return super().forward(x)
        return type(f"Leak_{secret[1]}_{secret[2]}_{secret[0].replace('-', '_')}", (), {})()
