"""Opening a file a user named, whatever it turns out to be: checked, then read in bounded chunks.

A FIFO would block for ever, ``/dev/zero`` never ends, and a file may grow while it is read; so
every reader asks ``require_regular_file`` first and reads through ``read_bounded``, which
stops at a byte limit and says which limit in one line (never a MemoryError after gigabytes).
"""

from __future__ import annotations

import os
import stat

from duidu.library.errors import InputError

CHUNK = 1024 * 1024


def require_regular_file(source: str) -> None:
    """InputError unless ``source`` is a regular file (after symlinks) that exists."""
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as e:  # a name too long, a symlink loop, …
        raise InputError(source, f"cannot read the file ({e.strerror or e})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):  # a FIFO, socket or device would block or never end
        raise InputError(source, "is not a regular file")


def too_large(limit: int, what: str = "bytes") -> str:
    return f"too large: limit {limit:,} {what}"


def read_bounded(source: str, limit: int) -> bytes:
    """The whole file, refused as soon as it passes ``limit`` bytes (checked as it is read, not
    from its size: a file can grow). Raises InputError."""
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the check, opening
        # it returns at once instead of waiting for a writer.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb", buffering=0) as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise InputError(source, "is not a regular file")
            return read_stream(f, source, limit)
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except FileNotFoundError:  # removed between the check and the read
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, not a file") from None
    except OSError as e:
        raise InputError(source, f"cannot read the file ({e.strerror or e})") from None


def read_stream(stream, source: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a binary stream (standard input too), read in chunks."""
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(min(CHUNK, limit + 1 - size)):
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(source, too_large(limit))
    return b"".join(parts)
