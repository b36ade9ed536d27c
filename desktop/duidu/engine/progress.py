"""Progress reporting and cancellation for long engine work (the reader runs it off the UI thread).

A long function takes ``progress`` (called with 0..1) and ``cancel`` (a ``CancelToken``);
it calls ``checkpoint`` now and then, which reports and raises ``Cancelled`` when asked to stop.
"""

from __future__ import annotations

import threading
from typing import Callable

Progress = Callable[[float], None]


class Cancelled(Exception):
    """The caller asked the work to stop; nothing it produced is to be used."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def no_progress(_: float) -> None:
    pass


def checkpoint(fraction: float, progress: Progress | None, cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise Cancelled()
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)))
