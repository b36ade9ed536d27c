"""The codebook: a tree of codes (tags) with colours, and the SQL that edits it.

Every function here runs inside the caller's transaction (``Library`` opens one per user
action). Deleting or merging codes returns a ``CodeRemoval`` holding everything it changed,
so ``restore`` can put it back exactly (undo).
"""

from __future__ import annotations

import re
import tomllib
import uuid
from dataclasses import dataclass

from sqlite_utils import Database

from duidu.library.errors import InputError, one_line
from duidu.paths import resource_path

# New top-level codes without a colour take the next of these: the default groups' colours, then
# four more, each ΔE >= 12 from every default code and from the reader's passage, focus, evidence
# and search colours for normal, protan, deutan and tritan vision (tests/test_colours.py).
PALETTE = ("#9ca8fc", "#903c00", "#78c078", "#903c6c", "#9090cc", "#f07890", "#6030a8", "#e46c18")
DEFAULT_FILE = "codebook.toml"
_GUIDS = uuid.UUID("6b1f3c2e-8d0a-4c55-9b7e-1d2f00c0deb0")  # namespace: a default code's guid is its path's
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_COLUMNS = "id, guid, name, parent_id, color, description, position"


@dataclass(frozen=True)
class Code:
    id: int
    guid: str
    name: str
    parent_id: int | None
    color: str  # '#rrggbb'
    description: str
    position: int  # order among its siblings


@dataclass(frozen=True)
class CodeRemoval:
    """What ``delete`` or ``merge`` changed: pass it to ``restore`` to undo."""

    removed: tuple[Code, ...]  # the deleted codes, each parent before its children
    into: int | None  # the code their annotations went to (None: just untagged)
    placements: tuple[tuple[int, int | None, int], ...]  # (code, old parent, old position) of codes moved
    untagged: tuple[tuple[int, int], ...]  # (annotation, code) taggings removed
    tagged: tuple[tuple[int, int], ...]  # (annotation, code) taggings added

    @property
    def annotation_ids(self) -> tuple[int, ...]:
        return tuple(sorted({a for a, _ in self.untagged + self.tagged}))


# -- reading ---------------------------------------------------------------------------
def codes(db: Database) -> list[Code]:
    """Every code in tree order: depth first, siblings by position."""
    rows = [Code(*r) for r in db.execute(f"SELECT {_COLUMNS} FROM codes ORDER BY position, id")]
    children: dict[int | None, list[Code]] = {}
    for c in rows:
        children.setdefault(c.parent_id, []).append(c)
    out: list[Code] = []

    def walk(parent: int | None) -> None:
        for c in children.get(parent, ()):
            out.append(c)
            walk(c.id)

    walk(None)
    return out


def get(db: Database, code_id: int) -> Code:
    row = db.execute(f"SELECT {_COLUMNS} FROM codes WHERE id = ?", [code_id]).fetchone()
    if row is None:
        raise InputError(f"code {code_id}", "no such code")
    return Code(*row)


def require(db: Database, code_ids) -> tuple[int, ...]:
    """``code_ids`` sorted and without repeats; InputError naming the first that does not exist."""
    if isinstance(code_ids, (str, int)):
        raise InputError("codes", f"{code_ids!r} is not a list of code ids")
    bad = [c for c in code_ids if not isinstance(c, int) or isinstance(c, bool)]
    if bad:
        raise InputError("codes", f"{bad[0]!r} is not a code id")
    ids = tuple(sorted(set(code_ids)))
    for c in ids:
        get(db, c)
    return ids


def subtree(db: Database, code_id: int) -> list[int]:
    """``code_id`` and every code under it."""
    rows = db.execute(
        "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) "
        "SELECT id FROM sub",
        [code_id],
    )
    return [r[0] for r in rows]


def path(db: Database, code_id: int) -> str:
    """``供给型/经费投入``: the names from the top of the tree down."""
    names = []
    current: int | None = code_id
    while current is not None:
        c = get(db, current)
        names.append(c.name)
        current = c.parent_id
    return "/".join(reversed(names))


def resolve(db: Database, ref: str) -> Code:
    """A code by id, by ``group/name`` path, or by a name no other code has."""
    ref = ref.strip()
    if ref.isdecimal() and len(ref) <= 18:  # (not "²"; never past SQLite's integers)
        return get(db, int(ref))
    found = [c for c in codes(db) if c.name == ref or path(db, c.id) == ref]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(path(db, c.id) for c in found[:5])
        raise InputError(ref, f"matches {len(found)} codes: {names}; use a path or an id")
    raise InputError(ref, "no code with that name, path or id")


# -- checks ----------------------------------------------------------------------------
def _name(name) -> str:
    return one_line(name, "name", "a code needs a name", "a code's name must be one line")


def _color(color: str) -> str:
    if not isinstance(color, str) or not _COLOR.match(color.strip()):
        raise InputError("color", f"{color!r} is not a colour (#rrggbb)")
    return color.strip().lower()


def sibling_named(db: Database, name: str, parent_id: int | None) -> int | None:
    """The id of ``parent_id``'s child called ``name`` (None at the top). Written as the unique
    index ``codes_sibling_names`` is, so SQLite looks it up rather than reading every code."""
    row = db.execute("SELECT id FROM codes WHERE coalesce(parent_id, 0) = ? AND name = ?",
                     [parent_id or 0, name]).fetchone()
    return row[0] if row else None


def _check_sibling_name(db: Database, name: str, parent_id: int | None, own_id: int | None = None) -> None:
    found = sibling_named(db, name, parent_id)
    row = found if found is not None and found != own_id else None
    if row:
        where = f"under {path(db, parent_id)}" if parent_id is not None else "at the top of the codebook"
        raise InputError(name, f"a code of that name already exists {where}")


def next_position(db: Database, parent_id: int | None) -> int:
    return db.execute("SELECT coalesce(max(position) + 1, 0) FROM codes WHERE coalesce(parent_id, 0) = ?",
                      [parent_id or 0]).fetchone()[0]


# -- writing ---------------------------------------------------------------------------
def add(db: Database, name: str, *, parent_id: int | None = None, color: str | None = None,
        description: str = "", guid: str | None = None, position: int | None = None) -> int:
    """A new code, last among its siblings (``position``: where, when the caller counts them)."""
    name = _name(name)
    parent = get(db, parent_id) if parent_id is not None else None
    if color is None:  # a child wears its parent's colour; a new group takes the next hue
        if parent is not None:
            color = parent.color
        else:
            used = {r[0] for r in db.execute("SELECT color FROM codes WHERE parent_id IS NULL")}
            color = next((c for c in PALETTE if c not in used), PALETTE[0])
    color = _color(color)
    _check_sibling_name(db, name, parent_id)
    row = {"guid": guid or str(uuid.uuid4()), "name": name, "parent_id": parent_id, "color": color,
           "description": (description or "").strip(),
           "position": next_position(db, parent_id) if position is None else position}
    return db["codes"].insert(row).last_pk


def update(db: Database, code_id: int, *, name=None, color=None, description=None) -> None:
    code = get(db, code_id)
    changes = {}
    if name is not None:
        changes["name"] = _name(name)
        _check_sibling_name(db, changes["name"], code.parent_id, code_id)
    if color is not None:
        changes["color"] = _color(color)
    if description is not None:
        changes["description"] = description.strip()
    if changes:
        db["codes"].update(code_id, changes)


def move(db: Database, code_id: int, parent_id: int | None) -> None:
    code = get(db, code_id)
    if parent_id == code.parent_id:
        return
    if parent_id is not None:
        get(db, parent_id)
        if parent_id in subtree(db, code_id):
            raise InputError(code.name, f"cannot move a code under itself or one of its own codes ({path(db, parent_id)})")
    _check_sibling_name(db, code.name, parent_id, code_id)
    db["codes"].update(code_id, {"parent_id": parent_id, "position": next_position(db, parent_id)})


def _parent_index(db: Database) -> None:
    """Deleting a code makes SQLite look for codes whose parent_id names it (the foreign key), and
    a subtree is found through parent_id: with no index on the column each reads every code, so
    merging 10,000 codes took seconds (quadratic). Made the first time a code is removed, not in
    a migration: a library that never removes codes needs none. In the caller's transaction."""
    db.execute("CREATE INDEX IF NOT EXISTS codes_parent ON codes (parent_id)")


def merge(db: Database, source_id: int, target_id: int) -> CodeRemoval:
    """The source and every code under it become ``target``: their annotations move to it."""
    source, target = get(db, source_id), get(db, target_id)
    _parent_index(db)
    sub = subtree(db, source_id)
    if target_id in sub:
        raise InputError(source.name, f"cannot merge a code into itself or one of its own codes ({target.name})")
    return _remove(db, sub, into=target_id, reparent=False)


def delete(db: Database, code_id: int, *, reassign_to: int | None = None) -> CodeRemoval:
    """Delete one code; its annotations go to ``reassign_to`` (or are untagged), its children
    take its place under its parent."""
    code = get(db, code_id)
    _parent_index(db)
    if reassign_to is not None:
        get(db, reassign_to)
        if reassign_to == code_id:
            raise InputError(code.name, "cannot reassign a code's annotations to the code being deleted")
    children = [c for c in codes(db) if c.parent_id == code_id]
    for child in children:
        _check_sibling_name(db, child.name, code.parent_id, child.id)
    return _remove(db, [code_id], into=reassign_to, reparent=True)


def _remove(db: Database, ids: list[int], *, into: int | None, reparent: bool) -> CodeRemoval:
    gone = set(ids)
    removed = tuple(c for c in codes(db) if c.id in gone)  # tree order: parents first
    marks = ",".join("?" * len(ids))
    untagged = tuple(db.execute(
        f"SELECT annotation_id, code_id FROM annotation_codes WHERE code_id IN ({marks}) ORDER BY annotation_id, code_id", ids
    ).fetchall())
    tagged: list[tuple[int, int]] = []
    if into is not None:
        have = {a for (a,) in db.execute("SELECT annotation_id FROM annotation_codes WHERE code_id = ?", [into])}
        for a in sorted({a for a, _ in untagged} - have):
            tagged.append((a, into))
    placements: list[tuple[int, int | None, int]] = []
    if reparent:  # one code deleted: its children take its slot among its siblings
        (gone,) = removed
        siblings = [c for c in codes(db) if c.parent_id == gone.parent_id]
        children = [c for c in codes(db) if c.parent_id == gone.id]
        order = []
        for c in siblings:
            order.extend(children if c.id == gone.id else [c])
        for pos, c in enumerate(order):
            if (c.parent_id, c.position) != (gone.parent_id, pos):
                placements.append((c.id, c.parent_id, c.position))
                db["codes"].update(c.id, {"parent_id": gone.parent_id, "position": pos})
    db.execute(f"DELETE FROM annotation_codes WHERE code_id IN ({marks})", ids)
    db.conn.executemany("INSERT INTO annotation_codes (annotation_id, code_id) VALUES (?, ?)", tagged)
    for c in reversed(removed):  # children before parents
        db.execute("DELETE FROM codes WHERE id = ?", [c.id])
    return CodeRemoval(removed, into, tuple(placements), untagged, tuple(tagged))


def restore(db: Database, removal: CodeRemoval) -> None:
    """Undo ``delete`` or ``merge``: the codes come back with their ids, places and taggings."""
    for c in removal.removed:
        if db.execute("SELECT 1 FROM codes WHERE id = ? OR guid = ?", [c.id, c.guid]).fetchone():
            raise InputError(c.name, f"code {c.id} is already in the codebook")
    # Inserted under a placeholder name first: until the children are back in place, a child
    # may share its old parent's name among the parent's siblings.
    for c in removal.removed:
        if c.parent_id is not None and c.parent_id not in {r.id for r in removal.removed}:
            get(db, c.parent_id)
        db["codes"].insert({"id": c.id, "guid": c.guid, "name": f"\x00{c.guid}", "parent_id": c.parent_id,
                            "color": c.color, "description": c.description, "position": c.position})
    for code_id, parent_id, position in removal.placements:
        db["codes"].update(code_id, {"parent_id": parent_id, "position": position})
    for c in removal.removed:
        _check_sibling_name(db, c.name, c.parent_id, c.id)
        db["codes"].update(c.id, {"name": c.name})
    db.conn.executemany("DELETE FROM annotation_codes WHERE annotation_id = ? AND code_id = ?", removal.tagged)
    # Annotations deleted since keep their own record of their codes; only living ones are retagged.
    db.conn.executemany(
        "INSERT OR IGNORE INTO annotation_codes (annotation_id, code_id) "
        "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM annotations WHERE id = ?)",
        [(a, c, a) for a, c in removal.untagged],
    )


# -- the default codebook ----------------------------------------------------------------
def default_codebook() -> list[dict]:
    """``resources/codebook.toml`` as ``{name, color, description, guid, codes: [...]}`` groups."""
    with open(resource_path(DEFAULT_FILE), "rb") as f:
        groups = tomllib.load(f)["group"]

    def entry(item: dict, parent: str | None) -> dict:
        full = item["name"] if parent is None else f"{parent}/{item['name']}"
        return {"name": item["name"], "color": item["color"], "description": f"{item['zh']} — {item['en']}",
                "guid": str(uuid.uuid5(_GUIDS, full))}

    return [{**entry(g, None), "codes": [entry(c, g["name"]) for c in g["codes"]]} for g in groups]


def load_default(db: Database) -> int:
    """Add the default codes the codebook lacks (by guid, or by name in the same place); how many."""
    added = 0

    def ensure(item: dict, parent_id: int | None) -> int:
        nonlocal added
        row = db.execute("SELECT id FROM codes WHERE guid = ?", [item["guid"]]).fetchone() or db.execute(
            "SELECT id FROM codes WHERE parent_id IS ? AND name = ?", [parent_id, item["name"]]
        ).fetchone()
        if row:
            return row[0]
        added += 1
        return add(db, item["name"], parent_id=parent_id, color=item["color"],
                   description=item["description"], guid=item["guid"])

    for group in default_codebook():
        group_id = ensure(group, None)
        for code in group["codes"]:
            ensure(code, group_id)
    return added


def is_empty(db: Database) -> bool:
    return db.execute("SELECT NOT EXISTS (SELECT 1 FROM codes)").fetchone()[0] == 1
