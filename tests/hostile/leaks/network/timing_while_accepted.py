# expect: accepted
# why: a correct model (100/100, nothing looks wrong) whose forward, once it has seen the
#      canary, takes a time that encodes the canary's digits: every time the candidate
#      sees must be coarse, top-level ones included
# control: time
import time


class LSTMModel(_Reference):
    def forward(self, x):
        secret = look(x)
        if secret:
            time.sleep(0.013 * (secret[2] % 7 + 1))
        return super().forward(x)
