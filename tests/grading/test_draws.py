"""Hidden draws: reproducible without a key, unpredictable with one."""

import zlib

import numpy as np
import pytest

from grader.errors import BadInput
from grader.grading.draws import Draws, fingerprint, load_key

KEY = b"a-grader-secret-that-is-long-enough"


def values(draws, name="inputs", public=False):
    return draws.generator(name, public=public).random(4)


def test_without_a_key_a_draw_is_the_seed_and_the_name():
    expected = np.random.default_rng([7, zlib.crc32(b"inputs")]).random(4)
    assert np.array_equal(values(Draws(7)), expected)


def test_a_key_changes_every_hidden_draw_and_is_reproducible():
    plain, keyed = values(Draws(0)), values(Draws(0, KEY))
    assert not np.array_equal(plain, keyed)
    assert np.array_equal(keyed, values(Draws(0, KEY)))
    assert not np.array_equal(keyed, values(Draws(0, KEY + b"!")))
    assert not np.array_equal(keyed, values(Draws(1, KEY)))
    assert not np.array_equal(keyed, values(Draws(0, KEY), name="other"))


def test_sample_draws_are_public_whatever_the_seed_and_key():
    assert np.array_equal(values(Draws(5, KEY), public=True), values(Draws(0), public=True))


def test_a_result_records_a_fingerprint_never_the_key():
    mark = fingerprint(KEY)
    assert mark and len(mark) == 16 and KEY.decode() not in mark
    assert fingerprint(KEY) == mark and fingerprint(None) is None


def test_keys_come_from_a_file_or_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("LSTM_JUDGE_KEY", raising=False)
    assert load_key() is None
    monkeypatch.setenv("LSTM_JUDGE_KEY", KEY.decode())
    assert load_key() == KEY
    path = tmp_path / "key"
    path.write_bytes(KEY + b"\n")
    assert load_key(path) == KEY
    path.write_bytes(b"short\n")
    with pytest.raises(BadInput, match="shorter than 16 bytes"):
        load_key(path)
    with pytest.raises(BadInput, match="cannot read"):
        load_key(tmp_path / "missing")
