"""The comparison engine: pure Python over the text layer, no Qt, no database.

Every result is an immutable record whose offsets index each document's stored text.
"""
