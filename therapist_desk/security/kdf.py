"""Argon2id passphrase stretching with a calibrated, stored cost."""

from __future__ import annotations

import math
import os
import time
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32
SALT_BYTES = 16
MIN_PRODUCT_MEMORY_KIB = 64 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters as stored in the key file."""

    time_cost: int
    memory_kib: int
    parallelism: int
    salt: bytes

    def to_json(self) -> dict[str, object]:
        return {
            "algorithm": "argon2id",
            "version": 19,
            "time_cost": self.time_cost,
            "memory_kib": self.memory_kib,
            "parallelism": self.parallelism,
            "salt": self.salt.hex(),
        }


@dataclass(frozen=True)
class KdfProfile:
    """How to choose Argon2id parameters for a new vault.

    The product calibrates to ``target_seconds``; tests inject a cheap fixed profile.
    """

    memory_kib: int = MIN_PRODUCT_MEMORY_KIB
    parallelism: int = 2
    target_seconds: float = 0.6
    # A ceiling in case a timing glitch asks for an absurd count (64 passes of 64 MiB take
    # about 1.6 s on a 2-core laptop).
    max_time_cost: int = 64
    fixed_time_cost: int | None = None

    def choose(self) -> KdfParams:
        salt = os.urandom(SALT_BYTES)
        if self.fixed_time_cost is not None:
            return KdfParams(self.fixed_time_cost, self.memory_kib, self.parallelism, salt)
        return KdfParams(calibrate_time_cost(self), self.memory_kib, self.parallelism, salt)


PRODUCT_PROFILE = KdfProfile()
# Fast and deliberately weak: only for tests and benchmarks, never chosen by the app itself.
TEST_PROFILE = KdfProfile(memory_kib=256, parallelism=1, fixed_time_cost=1)


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC-normalise so the same passphrase typed on another keyboard layout still unlocks."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(secret: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=secret,
        salt=params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def derive_passphrase_key(passphrase: str, params: KdfParams) -> bytes:
    return derive_key(normalise_passphrase(passphrase), params)


def calibrate_time_cost(profile: KdfProfile) -> int:
    """Smallest time cost whose run takes at least the profile's target on this machine.

    A run costs a fixed part (allocating and first filling the memory) plus a part per pass.
    Timing one pass alone counts the fixed part as a pass and lands well under the target
    (about half of it on a typical laptop), so time one and three passes and use the
    difference. Each is timed twice and the faster kept: a busy machine only slows runs down.
    """
    salt = os.urandom(SALT_BYTES)

    def seconds(time_cost: int) -> float:
        probe = KdfParams(time_cost, profile.memory_kib, profile.parallelism, salt)
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            derive_key(b"calibration", probe)
            best = min(best, time.perf_counter() - start)
        return best

    one, three = seconds(1), seconds(3)
    # Noise can make the difference tiny or negative; a pass never costs less than a part of a run.
    per_pass = max((three - one) / 2, one / 8, 1e-4)
    fixed = max(one - per_pass, 0.0)
    time_cost = math.ceil((profile.target_seconds - fixed) / per_pass)
    return max(1, min(time_cost, profile.max_time_cost))
