# expect: time_limit_exceeded
# score: 0
# why: ignores SIGTERM, SIGINT, SIGHUP, SIGXCPU and friends, then spins in every call:
#      the judge's deadline uses SIGKILL, which cannot be ignored
import signal

for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
            signal.SIGUSR2, signal.SIGALRM, signal.SIGXCPU, signal.SIGPIPE):
    try:
        signal.signal(sig, signal.SIG_IGN)
    except (OSError, ValueError):
        pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    while True:
        pass
