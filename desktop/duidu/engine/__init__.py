"""The comparison engine: pure Python over the text layer, no Qt, no database.

Every result is an immutable record whose offsets index each document's stored text.
"""

# What the engine finds for a pair changes with its rules; results kept in a library (pairs the
# window aligned, reuse networks) name the revision that found them and are found again under
# another. Bump it with any change to what passages, boilerplate or reuse give.
REVISION = "2026-12-02.2"  # .2: frames around figures flagged, informativeness reads words (issue 11)
