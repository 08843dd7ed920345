# expect: runtime_error
# why: replaces the worker's torch helper (importable in the child) so that the description
#      of its modules is garbage of the wrong types: judge code that trusted it used to fail,
#      a judge_error on demand
# control: none
import sys


class LSTMModel(_Reference):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        helper = sys.modules.get("torch_support")
        if helper is not None:
            helper.inspect_module = lambda module: [{"path": 7, "type": None, "params": "x"}]
