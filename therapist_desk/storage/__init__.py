"""SQLCipher vault, migrations and repositories. No Qt."""
