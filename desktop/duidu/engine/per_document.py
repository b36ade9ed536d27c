"""What is read from one document once and reused by every comparison it takes part in.

A comparison pairs what each side states (indicators, figures, quoted names, sentence ends);
reading them again for every pair would cost more than pairing them (a script conversion of
the whole text for the indicators). ``per_document`` keeps each result with the
``EngineDocument`` it was read from, as long as that object lives: the library hands out the
same object for a document while its text and furniture stay the same
(``Library.engine_document``), so the work is done once per document, not once per pair.
"""

from __future__ import annotations

import weakref
from functools import wraps
from typing import Callable, TypeVar

from duidu.engine.document import EngineDocument

T = TypeVar("T")


def per_document(fn: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``fn(doc, *args)`` per document object (``args`` must be hashable)."""
    cache: "weakref.WeakKeyDictionary[EngineDocument, dict]" = weakref.WeakKeyDictionary()

    @wraps(fn)
    def cached(doc: EngineDocument, *args) -> T:
        slot = cache.get(doc)
        if slot is None:
            slot = cache[doc] = {}
        if args not in slot:
            slot[args] = fn(doc, *args)
        return slot[args]

    cached.uncached = fn  # type: ignore[attr-defined]
    return cached
