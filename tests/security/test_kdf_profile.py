"""The product's Argon2id profile: calibrated on this machine, stored in the key file.

Generous bounds: the tests run on shared machines where a run can be slowed down at any time.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import PASSPHRASE
from therapist_desk.security.kdf import PRODUCT_PROFILE, TEST_PROFILE, KdfParams, derive_key
from therapist_desk.security.keyfile import KeyFile
from therapist_desk.services.vault_store import VaultStore

MIB = 1024


def _fastest_of_two(params: KdfParams) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        derive_key(b"a passphrase", params)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.slow
def test_product_profile_calibrates_to_the_target_on_this_machine():
    params = PRODUCT_PROFILE.choose()
    assert params.memory_kib >= 64 * MIB
    assert params.parallelism >= 1 and len(params.salt) >= 16
    assert params.time_cost >= 1
    seconds = _fastest_of_two(params)
    assert 0.3 <= seconds <= 2.5, f"time cost {params.time_cost} took {seconds:.2f} s"


@pytest.mark.slow
def test_parameters_are_read_back_from_the_key_file(paths):
    unlocked, _ = VaultStore(paths, PRODUCT_PROFILE).create(PASSPHRASE)
    chosen = unlocked.key_file.kdf
    unlocked.close()
    stored = KeyFile.from_bytes(paths.keys_path.read_bytes()).kdf
    assert stored == chosen
    assert stored.memory_kib >= 64 * MIB
    assert stored.time_cost > TEST_PROFILE.fixed_time_cost

    # A store configured with the cheap profile still unlocks with the file's own costs:
    # the profile only matters when a vault (or a new passphrase) is created.
    start = time.perf_counter()
    VaultStore(paths, TEST_PROFILE).unlock(PASSPHRASE).close()
    assert time.perf_counter() - start > 0.2
