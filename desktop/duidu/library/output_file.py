"""Writing an export where the user asked: the file the path names, whole, every byte checked.

A temporary file renamed over the target keeps a half-written export from ever being seen,
but renaming over the *path* would replace a symlink by a regular file (leaving the file it
points to as it was) and a FIFO or a device node by a file. So the path is resolved first and
the rename happens beside the real file; anything but a regular file (or nothing) there is
refused. The temporary file is read back before the rename: a short write (a disk that filled
up, a medium that lies) leaves the old file as it was and says so.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from duidu.library import faults
from duidu.library.errors import InputError

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def target(path: str | os.PathLike) -> Path:
    """The regular file ``path`` names (following symlinks), existing or about to be created."""
    given = Path(path)
    real = Path(os.path.realpath(given))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real  # a new file (a missing folder is named when writing)
    except OSError as exc:
        raise InputError(str(given), exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(str(given), "is a directory, not a file")
    for test, kind in _KINDS:
        if test(st.st_mode):
            where = "" if real == given.absolute() else f" ({real})"
            raise InputError(str(given), f"is {kind}{where}, not a regular file: exports are written only to regular files")
    return real


def write_whole(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to the file ``path`` names, all or nothing; the real file written."""
    real = target(path)
    tmp = real.with_name(f".duidu-{secrets.token_hex(6)}.tmp")  # short: a long target name still fits
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        faults.point("export", tmp)
        _verify(tmp, data, str(path))
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(real).st_mode))  # an existing file keeps its permissions
        except FileNotFoundError:
            pass
        os.replace(tmp, real)
        _sync_folder(real.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        kept = "; the file was left as it was" if real.exists() else ""
        raise InputError(str(path), f"{exc.strerror or exc}{kept}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return real


def _verify(tmp: Path, data: bytes, name: str) -> None:
    with open(tmp, "rb") as f:
        back = f.read(len(data) + 1)
    if back != data:
        raise InputError(name, f"only {len(back):,} of {len(data):,} bytes reached the disk (is it full?); "
                               "the file was left as it was")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
