"""Imports every feature area's migrations so that they register in order."""

from __future__ import annotations
