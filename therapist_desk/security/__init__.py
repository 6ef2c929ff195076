"""Key derivation, key wrapping, recovery codes and signing. No Qt."""
