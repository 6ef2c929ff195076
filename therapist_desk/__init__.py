"""Therapist Desk: a private, encrypted reflection desk for psychotherapists."""

__version__ = "0.1.0"
APP_NAME = "therapist-desk"
APP_DISPLAY_NAME = "Therapist Desk"
