"""Pure Python domain: dataclasses, scoring, indicators, prompt library. No Qt, no SQL."""
