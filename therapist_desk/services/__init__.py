"""Use cases that combine domain, storage and security. No Qt."""
