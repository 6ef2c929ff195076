from __future__ import annotations

import pytest
import sqlcipher3

from tests.conftest import PASSPHRASE
from therapist_desk.domain.errors import (
    StorageWriteFailed,
    VaultAlreadyExists,
    VaultLockedByOtherInstance,
    WrongPassphrase,
    WrongRecoveryCode,
)
from therapist_desk.storage import migrations
from therapist_desk.storage.vault import PLAINTEXT_SQLITE_HEADER, Vault


def test_new_vault_is_encrypted_and_at_the_latest_schema(store, unlocked):
    assert store.db_path.read_bytes()[:16] != PLAINTEXT_SQLITE_HEADER
    assert migrations.schema_version(unlocked.vault) == migrations.latest_version()
    assert unlocked.vault.scalar("SELECT value FROM meta WHERE key='vault_id'") == unlocked.key_file.vault_id


def test_committed_rows_survive_lock_and_unlock(store, unlocked):
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('k', 'v')")
    unlocked.close()
    again = store.unlock(PASSPHRASE)
    try:
        assert again.vault.scalar("SELECT value FROM preferences WHERE key='k'") == "v"
    finally:
        again.close()


def test_failed_transaction_leaves_nothing(unlocked):
    with pytest.raises(ZeroDivisionError), unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('k', 'v')")
        raise ZeroDivisionError
    assert unlocked.vault.scalar("SELECT count(*) FROM preferences") == 0


def test_create_refuses_an_existing_vault(store, unlocked):
    before = store.db_path.read_bytes(), store.keys_path.read_bytes()
    with pytest.raises(VaultAlreadyExists):
        store.create("another passphrase")
    assert (store.db_path.read_bytes(), store.keys_path.read_bytes()) == before


def test_second_connection_is_refused_while_open(store, unlocked):
    with pytest.raises(VaultLockedByOtherInstance):
        Vault.open(store.db_path, unlocked.data_key)


def test_change_passphrase_then_recovery_code_and_rotation(store, created):
    unlocked, code = created
    with unlocked.vault.transaction():
        unlocked.vault.execute("INSERT INTO preferences VALUES ('kept', 'yes')")
    unlocked.vault.checkpoint()
    db_before = store.db_path.read_bytes()
    store.change_passphrase(unlocked, "a new passphrase")
    unlocked.close()
    assert store.db_path.read_bytes() == db_before  # re-wrap only, no database rewrite
    with pytest.raises(WrongPassphrase):
        store.unlock(PASSPHRASE)
    store.unlock_with_recovery_code(code).close()
    again = store.unlock("a new passphrase")
    rotated, new_code = store.rotate_data_key(again, "a new passphrase")
    try:
        assert rotated.vault.scalar("SELECT value FROM preferences WHERE key='kept'") == "yes"
    finally:
        rotated.close()
    assert new_code != code
    with pytest.raises(WrongRecoveryCode):
        store.unlock_with_recovery_code(code)
    store.unlock_with_recovery_code(new_code).close()
    final = store.unlock("a new passphrase")
    assert final.vault.integrity_problems() == []
    final.close()
    assert not list(store.paths.data_dir.glob("*.rotating"))


def test_a_refused_write_is_a_storage_failure_but_a_bug_in_our_sql_stays_a_bug(unlocked):
    vault = unlocked.vault
    vault.execute("CREATE TABLE t(x)")  # schema changes outside a transaction are committed at once
    with pytest.raises(sqlcipher3.OperationalError, match="no such table"), vault.transaction():
        vault.execute("INSERT INTO t VALUES (1)")
        vault.execute("INSERT INTO no_such_table VALUES (1)")  # a bug, not a full disk
    assert vault.scalar("SELECT count(*) FROM t") == 0  # rolled back all the same

    vault.execute("PRAGMA query_only = ON")  # SQLite refuses writes as on a read-only disk
    with pytest.raises(StorageWriteFailed, match="disk is full or not writable"), vault.transaction():
        vault.execute("INSERT INTO t VALUES (2)")
    vault.execute("PRAGMA query_only = OFF")
    assert vault.scalar("SELECT count(*) FROM t") == 0
