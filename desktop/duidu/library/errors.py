"""The one error type users see: a bad input named, with the reason, and nothing written."""

from __future__ import annotations


class InputError(Exception):
    """A file or argument Duidu cannot use. ``str()`` is the one line shown to the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def database_reason(exc: Exception) -> str:
    """The user's words for an SQLite failure on an open library."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "the library is busy (another Duidu is writing to it); try again"
    if "readonly" in text or "read-only" in text:
        return "the library is read-only here"
    return f"library error: {text}"


def one_line(value, source: str, missing: str, multiline: str) -> str:
    """``value`` stripped, refused when empty (or not text) or when it runs over one line."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InputError(source, missing)
    if "\n" in text or "\r" in text:
        raise InputError(source, multiline)
    return text
