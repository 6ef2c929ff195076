"""init, check, change-passphrase, recover."""

from __future__ import annotations

import argparse
import sys

from therapist_desk.cli_commands.common import (
    CliContext,
    add_command,
    check_new_passphrase,
    read_first_line,
)


def register(sub: argparse._SubParsersAction) -> None:
    add_command(sub, "init", "create a new vault and print its recovery code", cmd_init)
    add_command(sub, "check", "unlock and verify the key, schema and integrity", cmd_check)
    p = add_command(
        sub, "change-passphrase", "re-wrap the data key under a new passphrase", cmd_change_passphrase
    )
    p.add_argument("--new-passphrase-file", required=True, metavar="FILE")
    p = add_command(sub, "recover", "set a new passphrase using the recovery code", cmd_recover)
    p.add_argument("--recovery-code", required=True, metavar="CODE")
    p.add_argument("--new-passphrase-file", required=True, metavar="FILE")


def cmd_init(ctx: CliContext) -> int:
    with ctx.instance_lock():
        store = ctx.store
        if store.exists():
            from therapist_desk.domain.errors import VaultAlreadyExists

            raise VaultAlreadyExists(
                f"A vault already exists in {ctx.paths.data_dir}; it was left untouched."
            )
        passphrase = check_new_passphrase(ctx.read_passphrase("New passphrase: ", confirm=True))
        unlocked, code = store.create(passphrase)
        unlocked.close()
    print(f"Created a vault in {ctx.paths.data_dir}.", file=sys.stderr)
    print("Recovery code (store it somewhere safe; it is shown only once):", file=sys.stderr)
    print(code)
    return 0


def cmd_check(ctx: CliContext) -> int:
    with ctx.instance_lock():
        store = ctx.store
        store.read_key_file()
        problems = store.check(ctx.read_passphrase())
    if problems:
        print("The vault has problems:", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 4
    print("The vault is healthy: key, schema and integrity checks passed.")
    return 0


def cmd_change_passphrase(ctx: CliContext) -> int:
    new = check_new_passphrase(read_first_line(ctx.args.new_passphrase_file, "new passphrase file"))
    with ctx.unlocked() as unlocked:
        ctx.store.change_passphrase(unlocked, new)
    print("The passphrase was changed. The recovery code still works.")
    return 0


def cmd_recover(ctx: CliContext) -> int:
    new = check_new_passphrase(read_first_line(ctx.args.new_passphrase_file, "new passphrase file"))
    with ctx.instance_lock():
        ctx.store.read_key_file()
        ctx.store.recover(ctx.args.recovery_code, new)
    print("A new passphrase was set using the recovery code.")
    return 0
