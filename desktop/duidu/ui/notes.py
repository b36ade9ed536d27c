"""The user's notes and codebook as the window sees them: a cache, the edits, and their undo history.

Every edit is one library call run on the task helper's writer lane (in order, never
dropped). An edit enters the undo stack only once the library has accepted it, so the stack
never holds an action that did not happen; undo and redo are library calls too (a deleted
note comes back with its id and guid). After each change the cache reloads and ``changed``
tells the panes and the notes panel to redraw.
"""

from __future__ import annotations

import getpass
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from duidu.ui.tasks import TaskRunner

Call = Callable[[Any], Any]  # library -> result


def default_annotator() -> str:
    try:
        return getpass.getuser() or "annotator"
    except Exception:  # no user name in this environment (containers)
        return "annotator"


class _Edit(QUndoCommand):
    """An accepted edit: ``redo``/``undo`` are library calls that may use what the last call returned."""

    def __init__(self, notes: "NotesController", text: str, result: Any, redo: Callable, undo: Callable) -> None:
        super().__init__(text)
        self._notes = notes
        self.result = result  # what the library returned the last time (an Annotation, a CodeRemoval…)
        self._redo, self._undo = redo, undo
        self._first = True  # pushed after the library did it: the stack's first redo is a no-op

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._notes._write(lambda lib: self._set(self._redo(lib, self.result)), self.text())

    def undo(self) -> None:
        self._notes._write(lambda lib: self._set(self._undo(lib, self.result)), self.text())

    def _set(self, value: Any) -> Any:
        if value is not None:
            self.result = value
        return value


class NotesController(QObject):
    changed = Signal()  # the cache was reloaded
    failed = Signal(str)  # one line for the status bar
    lost = Signal(str)  # an edit the library could not take (gone, full, read-only): not only a status line
    done = Signal(str)  # what was just done, for the status bar

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None, *, history: QUndoStack | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.undo_stack = QUndoStack(self)
        if history is not None:
            self.adopt(history)
        self.annotations: list = []
        self.codes: list = []
        self._codes_by_id: dict = {}
        self._by_id: dict = {}
        self.annotator = default_annotator()
        self.blind = False  # show only this annotator's notes

    def adopt(self, history: QUndoStack) -> None:
        """Take over another window's undo history (the window rebuilt in another language): its
        edits stay undoable, now through this controller's task helper."""
        self.undo_stack = history
        history.setParent(self)
        for n in range(history.count()):
            command = history.command(n)
            if isinstance(command, _Edit):
                command._notes = self

    # -- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        def work(lib, progress, cancel):
            return lib.codes(), lib.annotations()

        def done(result) -> None:
            self.codes, self.annotations = list(result[0]), list(result[1])
            self._codes_by_id = {c.id: c for c in self.codes}  # read per note drawn and per tooltip
            self._by_id = {a.id: a for a in self.annotations}
            self.changed.emit()

        self.tasks.run("notes-load", work, done, label=self.tr("Loading notes"))

    def visible(self) -> list:
        """The notes shown to the reader (blind mode: only their own)."""
        if not self.blind:
            return list(self.annotations)
        return [a for a in self.annotations if a.annotator == self.annotator]

    def code_map(self) -> dict:
        return self._codes_by_id

    def note(self, annotation_id: int):
        """A note of the cache by id (None if it is gone)."""
        return self._by_id.get(annotation_id)

    def color_of(self, annotation) -> str:
        codes = self.code_map()
        for cid in annotation.code_ids:
            if cid in codes:
                return codes[cid].color
        return ""

    def path_of(self, code) -> str:
        """``group/name`` of a code, as exports and tooltips write it."""
        codes, parts = self.code_map(), []
        while code is not None:
            parts.append(code.name)
            code = codes.get(code.parent_id)
        return "/".join(reversed(parts))

    # -- annotations -----------------------------------------------------------------
    def annotate(self, document_id: int, start: int, end: int, code_ids=(), note: str = "") -> None:
        who = self.annotator
        self._do(self.tr("Annotate"),
                 lambda lib: lib.annotate(document_id, start, end, code_ids=code_ids, note=note, annotator=who),
                 redo=lambda lib, a: lib.restore_annotation(a), undo=lambda lib, a: lib.delete_annotation(a.id))

    def link(self, a: tuple[int, int, int], b: tuple[int, int, int], code_ids=(), note: str = "") -> None:
        who = self.annotator
        self._do(self.tr("Comparison note"),
                 lambda lib: lib.link(*a, *b, code_ids=code_ids, note=note, annotator=who),
                 redo=lambda lib, x: lib.restore_annotation(x), undo=lambda lib, x: lib.delete_annotation(x.id))

    def edit(self, annotation, code_ids, note: str) -> None:
        before = annotation
        self._do(self.tr("Edit note"),
                 lambda lib: lib.update_annotation(before.id, code_ids=code_ids, note=note),
                 redo=lambda lib, after: lib.update_annotation(before.id, code_ids=after.code_ids, note=after.note),
                 undo=lambda lib, after: (lib.update_annotation(before.id, code_ids=before.code_ids, note=before.note),
                                          after)[1])

    def delete(self, annotation) -> None:
        self._do(self.tr("Delete note"), lambda lib: lib.delete_annotation(annotation.id),
                 redo=lambda lib, gone: lib.delete_annotation(gone.id), undo=lambda lib, gone: lib.restore_annotation(gone))

    def place(self, annotation, n: int, document_id: int, start: int, end: int) -> None:
        """Anchor a note's passage ``n`` at a new span (an orphan placed again by hand)."""
        old = annotation.targets[n]
        self._do(self.tr("Re-place note"), lambda lib: lib.place_target(annotation.id, n, document_id, start, end),
                 redo=lambda lib, _: lib.place_target(annotation.id, n, document_id, start, end),
                 undo=lambda lib, _: lib.restore_target(annotation.id, n, old))

    def revise(self, document_id: int, path: str, on_report: Callable[[Any], None]) -> None:
        """Import a revised version of a document over it; its notes are found again (not undoable)."""
        def done(report) -> None:
            on_report(report)
            self.reload()

        self.tasks.write(lambda lib, progress, cancel: lib.revise(document_id, path), done, on_error=self._failed,
                         label=self.tr("Importing the revision"))

    # -- the codebook ------------------------------------------------------------------
    def add_code(self, name: str, parent_id: int | None = None, color: str | None = None, description: str = "") -> None:
        def undo(lib, code):
            removal = lib.delete_code(code.id)
            return (code, removal)

        def redo(lib, state):
            code, removal = state
            (restored, *_) = lib.restore_code(removal)
            return restored

        self._do(self.tr("Add code"),
                 lambda lib: lib.add_code(name, parent_id=parent_id, color=color, description=description),
                 redo=redo, undo=undo)

    def update_code(self, code, *, name=None, color=None, description=None) -> None:
        before = code
        self._do(self.tr("Edit code"),
                 lambda lib: lib.update_code(code.id, name=name, color=color, description=description),
                 redo=lambda lib, after: lib.update_code(code.id, name=after.name, color=after.color,
                                                         description=after.description),
                 undo=lambda lib, after: (lib.update_code(code.id, name=before.name, color=before.color,
                                                          description=before.description), after)[1])

    def move_code(self, code, parent_id: int | None) -> None:
        old = code.parent_id
        self._do(self.tr("Move code"), lambda lib: lib.move_code(code.id, parent_id),
                 redo=lambda lib, _: lib.move_code(code.id, parent_id), undo=lambda lib, _: lib.move_code(code.id, old))

    def merge_codes(self, source, target) -> None:
        self._do(self.tr("Merge codes"), lambda lib: lib.merge_codes(source.id, target.id),
                 redo=lambda lib, _: lib.merge_codes(source.id, target.id),
                 undo=lambda lib, removal: (lib.restore_code(removal), removal)[1])

    def delete_code(self, code, reassign_to: int | None = None) -> None:
        self._do(self.tr("Delete code"), lambda lib: lib.delete_code(code.id, reassign_to=reassign_to),
                 redo=lambda lib, _: lib.delete_code(code.id, reassign_to=reassign_to),
                 undo=lambda lib, removal: (lib.restore_code(removal), removal)[1])

    # -- plumbing -----------------------------------------------------------------------
    def _do(self, text: str, call: Call, *, redo: Callable, undo: Callable) -> None:
        def done(result) -> None:
            self.undo_stack.push(_Edit(self, text, result, redo, undo))
            self.done.emit(text)
            self.reload()

        self.tasks.write(lambda lib, progress, cancel: call(lib), done, on_error=self._failed, label=text)

    def _write(self, call: Call, text: str) -> None:
        self.tasks.write(lambda lib, progress, cancel: call(lib), lambda _: self.reload(),
                         on_error=self._failed, label=text)

    def _failed(self, exc: BaseException) -> None:
        from duidu.library.transactions import LibraryUnavailable

        lines = str(exc).strip().splitlines()
        self.failed.emit(lines[0] if lines else type(exc).__name__)
        if isinstance(exc, LibraryUnavailable):
            self.lost.emit(str(exc))
        self.reload()
