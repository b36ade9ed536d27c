"""What every command shares: the library opened as the command line opens it, JSON on
stdout, and text laid out in terminal columns (a Chinese character takes two).

Imports nothing else of ``duidu.cli``, so the command modules depend on it and not on each other.
"""

from __future__ import annotations

import json
import shutil
import sys
import unicodedata

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from duidu.library.store import Library


def open_library(args) -> Library:
    """The library of ``--library`` (else the default). Scripts run commands in loops: at most
    one backup per interval, so they cannot rotate out the backups a reading session left."""
    # Here, not at the top: building the parser imports this module, and `duidu --version` should
    # not load the library (sqlite-utils and all: 0.3 s of CPU before it prints a line).
    from duidu.library import backups
    from duidu.library.store import Library

    return Library.open(args.library, backup_interval=backups.CLI_INTERVAL)


def dump_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def columns(text: str) -> int:
    """Terminal columns ``text`` takes: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """Left-justify for a terminal, where a Chinese character takes two columns."""
    return text + " " * max(0, width - columns(text))


def elide(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal columns, ending in "…" when cut."""
    if columns(text) <= width:
        return text
    kept, used = [], 1  # the "…"
    for ch in text:
        used += columns(ch)
        if used > width:
            break
        kept.append(ch)
    return "".join(kept) + "…"


# A name cut shorter than this says too little to be worth keeping the line in the terminal.
NAME_LEAST = 12  # columns: five Chinese characters and the "…"


def name_width(longest: int, others: int) -> int:
    """Columns for a table's name column beside ``others`` columns of figures: the longest name
    whole in a pipe or a file; on a terminal, cut to what the figures leave of its width, unless
    they leave under ``NAME_LEAST`` (the line overflows anyway: names are kept whole)."""
    terminal = shutil.get_terminal_size((0, 0)).columns  # 0: not a terminal and no $COLUMNS
    room = terminal - others
    if not terminal or room < NAME_LEAST:
        return longest
    return min(longest, room)
