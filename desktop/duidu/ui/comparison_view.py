"""Two documents side by side: loading them, their shared passages, sync scrolling, the active pair.

This widget owns the reading state of a pair — which documents, which scripts, the engine's
``Comparison``, the passage in focus — and keeps both panes and the gutter in step with it.
Everything slow (texts, script views, the comparison, inline differences, marks for
thousands of passages) runs through the task helper; panes only ever receive finished marks.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolTip, QWidget

from duidu.ui.gutter import ConnectorGutter
from duidu.ui.marks import ACTIVE, DIFFERS, Indexed, Mark, passage_marks, shown_layers, span_marks
from duidu.ui.pane import DocumentPane
from duidu.ui.tasks import TaskRunner

SIDES = ("a", "b")


@dataclass(frozen=True)
class Loaded:
    """A pane's document as a task hands it over: text, script view, its marks and their index."""

    doc_text: object
    view: object
    layers: dict
    indexed: Indexed | None = None


@dataclass(frozen=True)
class Place:
    """Where the reader is in a pane: the document, the stored position at its top, the selection."""

    document_id: int
    top: int
    selection: tuple[int, int] | None

    def restore(self, pane: DocumentPane) -> None:
        if self.selection:
            pane.select_stored(*self.selection)
        pane.scroll_to_stored(self.top)


@dataclass(frozen=True)
class SideMarks:
    """One side's marks of a new comparison, made on the worker for the view it was made for."""

    document_id: int
    script: str
    layers: dict
    indexed: Indexed


def _layers(comparison, shown, side: str, view, active: int = -1, differs=()) -> dict[str, list[Mark]]:
    if comparison is None:
        return {}
    qt_map = view.qt_map()
    layers = {"passages": passage_marks(shown, side, qt_map)}
    if 0 <= active < len(shown):
        p = shown[active]
        span = (p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)
        layers["active"] = [Mark(*qt_map.to_dst_span(*span), ACTIVE, active)]
    if differs:
        layers["differs"] = span_marks(differs, DIFFERS, qt_map)
    return layers


def _best_counterparts(alignment, side: str) -> tuple[dict[int, tuple[float, int]], list[int]]:
    """For each paragraph of ``side``, its best-scoring counterpart; and those paragraphs in order."""
    best: dict[int, tuple[float, int]] = {}
    for pair in alignment.pairs:
        i, j = (pair.a, pair.b) if side == "a" else (pair.b, pair.a)
        if i not in best or pair.score > best[i][0]:
            best[i] = (pair.score, j)
    return best, sorted(best)


class ComparisonView(QWidget):
    pairChanged = Signal(int, int)  # a id, b id (documents shown, comparison may still be running)
    comparisonReady = Signal(object)  # the engine's Comparison
    activeChanged = Signal(int)  # index into shown passages, -1 for none
    passagesShown = Signal()  # ``shown`` changed (a new comparison, the boilerplate switch, none)
    message = Signal(str)
    documentShown = Signal(str)  # a side whose pane now shows a (new) document or script

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.panes = {s: DocumentPane(s, self) for s in SIDES}
        self.gutter = ConnectorGutter(self.panes["a"], self.panes["b"], self)
        self.ids: dict[str, int | None] = {"a": None, "b": None}
        self.scripts: dict[str, str | None] = {"a": None, "b": None}  # None follows global_script
        self.global_script = "original"
        self.comparison = None
        self.shown: tuple = ()
        self.active = -1
        self._went_round = ""  # what the last step said when it went past either end
        self.differs: dict[str, list[tuple[int, int]]] = {"a": [], "b": []}
        self.sync = True
        self.boilerplate = False
        self.min_length: int | None = None
        self._syncing = False
        self._pending: dict[str, tuple[int, int]] = {}  # side -> stored span to show once loaded
        self._places: dict[str, Place] = {}  # side -> a place to return to once its document is loaded
        self._made: dict[str, SideMarks] = {}  # the last comparison's marks, per side, as its task made them
        self.describe_notes = None  # callable(side, stored pos) -> the notes there, for the tooltip
        self._order: dict[str, list[int]] = {"a": [], "b": []}  # passage indices by position on a side
        self._starts: dict[str, list[int]] = {"a": [], "b": []}

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.panes["a"], 1)
        row.addWidget(self.gutter)
        row.addWidget(self.panes["b"], 1)

        for side, pane in self.panes.items():
            pane.documentChosen.connect(lambda doc_id, s=side: self.set_document(s, doc_id))
            pane.scriptChosen.connect(lambda script, s=side: self.set_pane_script(s, script))
            pane.positionClicked.connect(lambda pos, s=side: self._clicked(s, pos))
            pane.positionHovered.connect(lambda pos, g, s=side: self._hovered(s, pos, g))
            pane.scrolled.connect(lambda by_user, s=side: self._scrolled(s, by_user))

    # -- choosing what to read ---------------------------------------------------------
    def script_of(self, side: str) -> str:
        return self.scripts[side] or self.global_script

    def set_choices(self, documents) -> None:
        for pane in self.panes.values():
            pane.set_choices(documents)

    def open_pair(self, a_id: int, b_id: int, script_a: str | None = None, script_b: str | None = None) -> None:
        self.ids = {"a": a_id, "b": b_id}
        self.scripts = {"a": script_a, "b": script_b}
        self._places = {}
        for side in SIDES:
            self.panes[side].set_script_choice(self.scripts[side])
        self._drop_comparison()
        for side in SIDES:
            self._load(side)
        self.pairChanged.emit(a_id, b_id)
        self._compare()

    def set_document(self, side: str, doc_id: int, span: tuple[int, int] | None = None) -> None:
        if span is not None:
            self._pending[side] = span
        self._places.pop(side, None)  # another place asked for: the one to return to is moot
        if self.ids[side] == doc_id:
            if span is not None:
                self._show_pending(side)
            return
        self.ids[side] = doc_id
        self._drop_comparison()
        self._load(side)
        if None not in self.ids.values():
            self.pairChanged.emit(self.ids["a"], self.ids["b"])
            self._compare()

    def places(self) -> dict[str, Place]:
        """Where the reader is in each pane that shows a document."""
        return {s: Place(pane.document_id, pane.stored_top(), pane.stored_selection())
                for s, pane in self.panes.items() if pane.doc_text is not None}

    def return_to(self, places: dict[str, Place]) -> None:
        """Go back to these places as each pane's document loads (a window rebuilt in another language)."""
        self._places = dict(places)
        for side in SIDES:
            self._show_place(side)

    def swap(self) -> None:
        """Exchange the panes, each document keeping its place, script and selection; the pair's
        analysis is mirrored rather than computed again."""
        if None in self.ids.values():
            return
        pa, pb = self.panes["a"], self.panes["b"]
        if pa.doc_text is None or pb.doc_text is None:
            self.open_pair(self.ids["b"], self.ids["a"], self.scripts["b"], self.scripts["a"])
            return
        places = self.places()
        loaded = {s: (self.panes[s].doc_text, self.panes[s].view) for s in SIDES}
        comparison, active = self.comparison, self.active
        self.tasks.cancel("compare")
        self.ids = {"a": self.ids["b"], "b": self.ids["a"]}
        self.scripts = {"a": self.scripts["b"], "b": self.scripts["a"]}
        self.comparison, self.shown, self.active = None, (), -1
        for side, other in (("a", "b"), ("b", "a")):
            pane = self.panes[side]
            pane.set_script_choice(self.scripts[side])
            pane.document_id = None  # a new document for this pane: nothing of the old place carries over
            pane.doc_text = None
            pane.set_document(*loaded[other])
            self.documentShown.emit(side)
            places[other].restore(pane)
        if comparison is not None:
            self._apply_comparison(comparison.mirrored())
            self.comparisonReady.emit(self.comparison)
            if active >= 0:
                self.active = active
                for side in SIDES:
                    self._mark_active(side)
                self.gutter.active = active
                self._inline(active)
        else:
            self._compare()
        self.pairChanged.emit(self.ids["a"], self.ids["b"])

    def set_global_script(self, script: str) -> None:
        self.global_script = script
        for side in SIDES:
            if self.scripts[side] is None:
                self._load(side)

    def set_pane_script(self, side: str, script: str | None) -> None:
        self.scripts[side] = script
        self.panes[side].set_script_choice(script)
        self._load(side)

    def set_boilerplate(self, shown: bool) -> None:
        self.boilerplate = shown
        if self.comparison is not None:
            self._apply_comparison(self.comparison)

    def set_sync(self, on: bool) -> None:
        self.sync = on

    def recompare(self) -> None:
        """Compare the open pair again (after a cancel, or to retry)."""
        if None not in self.ids.values():
            self._drop_comparison()
            self._compare()

    def set_min_length(self, n: int | None) -> None:
        self.min_length = n
        if None not in self.ids.values():
            self._drop_comparison()
            self._compare()

    # -- loading ------------------------------------------------------------------------
    def _load(self, side: str) -> None:
        doc_id, script = self.ids[side], self.script_of(side)
        if doc_id is None:
            return
        state = (self.comparison, self.shown, self.active, tuple(self.differs[side]))  # what marks are made for

        def work(lib, progress, cancel):
            doc_text, view = lib.text(doc_id), lib.view(doc_id, script)
            layers = _layers(*state[:2], side, view, *state[2:])
            return Loaded(doc_text, view, *shown_layers(view, doc_text, layers))

        def done(loaded: Loaded) -> None:
            if self.ids[side] != doc_id or self.script_of(side) != script:
                return  # the reader moved on meanwhile
            now = (self.comparison, self.shown, self.active, tuple(self.differs[side]))
            made = self._made.get(side)
            if now[0] is not state[0] or now[1] is not state[1] or now[2:] != state[2:]:
                # A comparison arrived or another passage was focused while converting.
                if (made is not None and (made.document_id, made.script) == (doc_id, script) and self.active < 0
                        and not self.differs[side]):
                    loaded = Loaded(loaded.doc_text, loaded.view, made.layers, made.indexed)  # made by the compare task
                else:
                    loaded = Loaded(loaded.doc_text, loaded.view,
                                    _layers(self.comparison, self.shown, side, loaded.view, self.active, self.differs[side]))
            self.panes[side].set_document(loaded.doc_text, loaded.view, loaded.layers, loaded.indexed)
            self.documentShown.emit(side)
            gc.freeze()  # as for a comparison: a long text's records need no rescanning
            self._show_pending(side)
            self._show_place(side)
            self.gutter.update()

        self.tasks.run(f"load-{side}", work, done, label=self.tr("Opening document"))

    def _compare(self) -> None:
        a_id, b_id = self.ids["a"], self.ids["b"]
        options = {} if self.min_length is None else {"min_length": self.min_length}

        scripts, boilerplate = {s: self.script_of(s) for s in SIDES}, self.boilerplate

        def work(lib, progress, cancel):
            comparison = lib.compare(a_id, b_id, progress=progress, cancel=cancel, **options)
            shown, marks = comparison.shown(boilerplate), {}
            for side, doc_id in (("a", a_id), ("b", b_id)):  # the marks too: thousands, off the UI thread
                view = lib.view(doc_id, scripts[side])
                layers = _layers(comparison, shown, side, view)
                marks[side] = SideMarks(doc_id, scripts[side], *shown_layers(view, lib.text(doc_id), layers))
            return comparison, marks

        def done(result) -> None:
            comparison, marks = result
            if (self.ids["a"], self.ids["b"]) == (a_id, b_id):
                self._apply_comparison(comparison, marks if self.boilerplate == boilerplate else None)
                self.comparisonReady.emit(comparison)
                # A large pair leaves hundreds of thousands of long-lived objects; the cyclic collector
                # would rescan them all on the UI thread (50–80 ms pauses). They are acyclic records
                # that reference counting frees, so they leave the collector's view.
                gc.freeze()

        self.tasks.run("compare", work, done, label=self.tr("Comparing"))

    def _drop_comparison(self) -> None:
        self.tasks.cancel("compare")
        self.tasks.cancel("inline")
        self.comparison, self.shown, self.active = None, (), -1
        self._made = {}
        self.differs = {"a": [], "b": []}
        self._order = {"a": [], "b": []}
        self._starts = {"a": [], "b": []}
        for pane in self.panes.values():
            if pane.doc_text is not None:
                pane.set_layers({})
        self.gutter.update()
        self.passagesShown.emit()

    def _apply_comparison(self, comparison, marks: dict[str, SideMarks] | None = None) -> None:
        self.comparison = comparison
        self._made = dict(marks or {})  # a pane still loading its document picks its marks up here
        self._aligned = {side: _best_counterparts(comparison.alignment, side) for side in SIDES}
        self.shown = comparison.shown(self.boilerplate)
        self.active, self.differs = -1, {"a": [], "b": []}
        for side in SIDES:
            key = (lambda n: self.shown[n].a_start) if side == "a" else (lambda n: self.shown[n].b_start)
            self._order[side] = sorted(range(len(self.shown)), key=key)
            self._starts[side] = [key(n) for n in self._order[side]]
            pane = self.panes[side]
            if pane.view is not None and pane.document_id == (comparison.a.id if side == "a" else comparison.b.id):
                made = (marks or {}).get(side)
                if made is not None and made.document_id == pane.document_id and made.script == pane.view.script:
                    pane.set_layers(made.layers, made.indexed)
                else:
                    pane.set_layers(_layers(comparison, self.shown, side, pane.view))
        self.gutter.active = -1
        self.gutter.update()
        n = len(self.shown)
        self.message.emit(self.tr("%n shared passages", "", n))
        self.passagesShown.emit()

    def _show_pending(self, side: str) -> None:
        span = self._pending.pop(side, None)
        pane = self.panes[side]
        if span is None or pane.doc_text is None:
            return
        pane.show_evidence(*span)

    def _show_place(self, side: str) -> None:
        place, pane = self._places.get(side), self.panes[side]
        if place is None or pane.doc_text is None or pane.document_id != place.document_id:
            return
        del self._places[side]
        place.restore(pane)

    # -- passages -------------------------------------------------------------------------
    def passage_at(self, side: str, pos: int) -> int:
        """The shown passage covering a stored position on ``side`` (the shortest), or -1."""
        best, best_len = -1, None
        for n, p in enumerate(self.shown):
            s, e = (p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)
            if s <= pos < e and (best_len is None or e - s < best_len):
                best, best_len = n, e - s
        return best

    def activate(self, index: int, *, scroll_side: str | None = None) -> None:
        """Focus a passage: mark it in both panes, bring both ends into view, diff the pair."""
        if not (0 <= index < len(self.shown)):
            return
        self.active = index
        self._went_round = ""  # step() sets it again after a wrap
        self.differs = {"a": [], "b": []}
        p = self.shown[index]
        for side in SIDES:  # placed by the program: the alignment does not move the other pane
            pane = self._mark_active(side)
            pane.set_layer("differs", [])
            if scroll_side in (None, side):
                pane.scroll_to_stored(p.a_start if side == "a" else p.b_start, center=True)
        self.gutter.active = index
        self.gutter.update()
        self.activeChanged.emit(index)
        self._inline(index)

    def _mark_active(self, side: str) -> DocumentPane:
        pane, p = self.panes[side], self.shown[self.active]
        span = (p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)
        pane.set_layer("active", [Mark(*pane.qt_span(*span), ACTIVE, self.active)])
        return pane

    def _inline(self, index: int) -> None:
        comparison, p = self.comparison, self.shown[index]

        def work(lib, progress, cancel):
            from duidu.engine.inline import inline_diff

            return inline_diff(comparison.a, comparison.b, p.a_key, p.b_key)

        def done(ops) -> None:
            if self.comparison is not comparison or self.active != index:
                return
            self.differs = {"a": [(o.a_start, o.a_end) for o in ops if o.op == "delete"],
                            "b": [(o.b_start, o.b_end) for o in ops if o.op == "insert"]}
            for side in SIDES:
                pane = self.panes[side]
                pane.set_layer("differs", span_marks(self.differs[side], DIFFERS, pane.qt_map()))
            changed = sum(1 for o in ops if o.op != "equal")
            said = self.tr("Differences in this passage: %1").replace("%1", str(changed))
            # The count comes a moment after a wrap was said: keep saying it, or the status bar loses it.
            self.message.emit(f"{self._went_round} · {said}" if self._went_round else said)

        self.tasks.run("inline", work, done, label=self.tr("Inline differences"))

    def step(self, direction: int, side: str = "a") -> None:
        """Next (+1) or previous (-1) shared passage in ``side``'s reading order."""
        order = self._order[side]
        if not order:
            return
        if self.active >= 0 and self.active in order:
            k = order.index(self.active) + direction
        else:
            top = self.panes[side].stored_top()
            k = bisect_right(self._starts[side], top - 1) if direction > 0 else bisect_right(self._starts[side], top) - 1
        self.activate(order[k % len(order)])
        if not 0 <= k < len(order):  # said, never silent: the reader should know they went round
            self._went_round = (self.tr("Past the last passage: back to the first") if direction > 0
                                else self.tr("Before the first passage: on to the last"))
            self.message.emit(self._went_round)

    def position(self) -> tuple[int, int]:
        """(n, N): the focused passage's place in A's reading order (0 when none is focused)."""
        order = self._order["a"]
        return (order.index(self.active) + 1 if self.active in order else 0), len(order)

    def _clicked(self, side: str, pos: int) -> None:
        n = self.passage_at(side, pos)
        if n >= 0:
            self.activate(n, scroll_side="b" if side == "a" else "a")

    def _hovered(self, side: str, pos: int, where: QPoint) -> None:
        n = self.passage_at(side, pos)
        if n != self.gutter.hovered:
            self.gutter.hovered = n
            self.gutter.update()
        parts = [self.describe_notes(side, pos)] if self.describe_notes else []
        if n >= 0:
            p = self.shown[n]
            other = p.b_text if side == "a" else p.a_text
            kind = self.tr("verbatim") if p.kind == "verbatim" else self.tr("fuzzy")
            parts.append(f"{kind} · {p.similarity:.0%}\n{other[:300]}")
        tip = "\n\n".join(x for x in parts if x)
        if tip:
            QToolTip.showText(where, tip, self.panes[side].edit)
        else:
            QToolTip.hideText()

    def show_span(self, doc_id: int, start: int, end: int, side: str | None = None) -> None:
        """Show a stored span of a document: in the pane that holds it, else in ``side`` (default b)."""
        for s in SIDES:
            if self.ids[s] == doc_id and side in (None, s):
                self._pending[s] = (start, end)
                self._show_pending(s)
                return
        self.set_document(side or "b", doc_id, (start, end))

    # -- scrolling in step ------------------------------------------------------------------
    def _scrolled(self, side: str, by_user: bool) -> None:
        self.gutter.update()
        if not by_user or not self.sync or self._syncing or self.comparison is None:
            return
        other = "b" if side == "a" else "a"
        src, dst = self.panes[side], self.panes[other]
        if src.doc_text is None or dst.doc_text is None:
            return
        target = self.counterpart_position(side, src.stored_top())
        if target is None:
            return
        self._syncing = True
        try:
            dst.scroll_to_stored(target)
        finally:
            self._syncing = False

    def counterpart_position(self, side: str, pos: int) -> int | None:
        """Where ``pos`` of one side lands in the other, by the engine's paragraph alignment."""
        if self.comparison is None:
            return None
        src = self.panes[side].doc_text
        dst = self.panes["b" if side == "a" else "a"].doc_text
        if src is None or dst is None or not src.paragraphs or not dst.paragraphs:
            return None
        best, anchors = self._aligned[side]
        i = self.panes[side].paragraph_of(pos)
        p = src.paragraphs[i]
        if i in best:
            q = dst.paragraphs[best[i][1]]
            fraction = (pos - p.start) / max(1, p.end - p.start)
            return q.start + int(fraction * (q.end - q.start))
        before = bisect_right(anchors, i - 1)
        if before:  # after the nearest aligned paragraph above, as far on as we are past it
            k = anchors[before - 1]
            q = dst.paragraphs[best[k][1]]
            return min(len(dst.text), q.end + max(0, pos - src.paragraphs[k].end))
        return int(pos * len(dst.text) / max(1, len(src.text)))
