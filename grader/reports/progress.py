"""The progress line: while a test has run for more than ``DELAY_S``, a line
on stderr says which and for how long (``  … train running, 14 s``), redrawn
about once a second and erased before the test's own line is printed.

Only where stderr is a terminal (``Progress.on_terminal``); never in pipes or
files.  A thread of its own draws it; it only ever writes to stderr, so the
judge's measurements and the child's freezing are none of its business.
"""

from __future__ import annotations

import os
import sys
import threading
import time

DELAY_S = 2.0
ERASE = "\r\x1b[K"  # to the line's start, and clear it


class Progress:
    def __init__(self, stream):
        self._stream = stream  # a terminal's text stream, ours to close
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._name: str | None = None  # the test that runs
        self._since = 0.0
        self._shown = False  # a line is on the screen
        self._stopped = False
        self._thread: threading.Thread | None = None

    @classmethod
    def on_terminal(cls) -> Progress | None:
        """A progress line on stderr, if stderr is a terminal; else None."""
        try:
            if not os.isatty(2):
                return None
            # A stream of our own: pytest captures fd 2 while a test runs.
            fd = os.dup(2)
        except OSError:
            return None
        encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
        return cls(open(fd, "w", encoding=encoding, errors="replace", closefd=True))

    def begin(self, name: str) -> None:
        """Test ``name`` starts now."""
        with self._lock:
            self._name, self._since = name, time.monotonic()
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
                self._thread.start()
        self._wake.set()

    def end(self) -> None:
        """The test is over: erase its line."""
        with self._lock:
            self._name = None
            self._erase()

    def stop(self) -> None:
        """Erase the line and end the thread (at the end, or on Ctrl-C)."""
        with self._lock:
            if self._stopped:
                return
            self._stopped, self._name = True, None
            self._erase()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._stream.close()

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._stopped:
                    return
                wait = self._draw()
            self._wake.wait(wait)
            self._wake.clear()

    def _draw(self) -> float | None:
        """Draw the line if it is due; the seconds until it is next due (None:
        no test runs, wait for one)."""
        if self._name is None:
            return None
        elapsed = time.monotonic() - self._since
        if elapsed < DELAY_S:
            return DELAY_S - elapsed
        self._write(f"{ERASE}  … {self._name} running, {int(elapsed)} s")
        self._shown = True
        return 1.0 - elapsed % 1.0

    def _erase(self) -> None:
        if self._shown:
            self._write(ERASE)
            self._shown = False

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # the terminal is gone: nothing to show
            pass
