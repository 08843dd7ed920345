# expect: accepted
# why: keeps the canary and prints it in every later forward, hoping a sample test (whose
#      output is shown) runs after a hidden one in the same child
# control: canary


class LSTMModel(_Reference):
    def forward(self, x):
        secret = look(x)
        if secret:
            print("stashed:", secret[0], secret[2])
        return super().forward(x)
