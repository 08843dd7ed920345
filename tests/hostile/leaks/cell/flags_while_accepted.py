# expect: accepted
# why: answers correctly, and picks which forbidden things to try (open a socket, start a
#      process, send a signal) by the canary's bits: the flags used to be shown to everyone
# control: flags
import os
import socket
import subprocess


def lstm_cell(*args):
    secret = look(*args)
    if secret:
        bits = secret[2]
        for bit, attempt in enumerate((lambda: socket.socket(),
                                       lambda: subprocess.Popen(["/bin/true"]),
                                       lambda: os.kill(1, 0))):
            if bits >> bit & 1 or bit == 0:
                try:
                    attempt()
                except Exception:
                    pass
    return _cell(*args)
