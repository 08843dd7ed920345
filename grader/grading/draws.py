"""Where hidden tests' random inputs come from: a pure function of the
run's seed, the draw's name and, when a grader sets one, a secret key.

Without a key (self-study), a draw is ``default_rng([seed, crc32(name)])``:
anyone can reproduce a run with ``--seed``.  With a key, a draw is seeded
by HMAC-SHA256(key, seed and name), so nothing in the public repository
predicts hidden inputs or held-out data.  Sample tests always draw from the
fixed public seed without the key: their inputs are shown.

Results record the key's fingerprint, never the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BadInput

if TYPE_CHECKING:
    import numpy as np

KEY_ENV = "LSTM_JUDGE_KEY"
PUBLIC_SEED = 0  # sample tests' seed, and the default run seed
MAX_KEY_BYTES = 4096


@dataclass(frozen=True)
class Draws:
    seed: int
    key: bytes | None = None

    def generator(self, name: str, public: bool = False) -> "np.random.Generator":
        """The generator for draw ``name``; ``public`` for sample tests."""
        import numpy as np  # here, not at the top: the child starts before numpy loads

        if public:
            return np.random.default_rng([PUBLIC_SEED, zlib.crc32(name.encode())])
        if self.key is None:
            return np.random.default_rng([self.seed, zlib.crc32(name.encode())])
        digest = hmac.new(self.key, f"{self.seed}\0{name}".encode(), hashlib.sha256).digest()
        return np.random.default_rng(int.from_bytes(digest, "big"))

    @property
    def fingerprint(self) -> str | None:
        return fingerprint(self.key)


def fingerprint(key: bytes | None) -> str | None:
    """A short public name for a key (which key graded this), not the key."""
    if key is None:
        return None
    return hashlib.sha256(b"lstm-judge key fingerprint\0" + key).hexdigest()[:16]


def load_key(key_file: Path | None = None) -> bytes | None:
    """The grader's key: from ``key_file`` if given, else ``$LSTM_JUDGE_KEY``,
    else none.  Surrounding white space is not part of it."""
    if key_file is not None:
        try:
            with open(key_file, "rb") as f:
                data = f.read(MAX_KEY_BYTES + 1)
        except OSError as exc:
            raise BadInput(str(key_file), f"cannot read the key file ({exc.strerror})") from None
        where = str(key_file)
    else:
        data = os.environ.get(KEY_ENV, "").encode()
        where = f"${KEY_ENV}"
        if not data:
            return None
    key = data.strip()
    if len(data) > MAX_KEY_BYTES:
        raise BadInput(where, f"the key is longer than {MAX_KEY_BYTES} bytes")
    if len(key) < 16:
        raise BadInput(where, "the key is shorter than 16 bytes; use a long random secret"
                              " (e.g. `openssl rand -hex 32`)")
    return key
