"""lstm-judge: a sandboxed automated judge for LSTM coding exercises."""
