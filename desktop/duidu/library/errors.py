"""The one error type users see: a bad input named, with the reason, and nothing written."""

from __future__ import annotations


class InputError(Exception):
    """A file or argument Duidu cannot use. ``str()`` is the one line shown to the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
