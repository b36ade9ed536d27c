"""File → Export report: the pair open in the reader as a PDF or HTML report.

The report is gathered and rendered on a worker (comparing and inline differences take a
while on long documents); a PDF is then painted on the UI thread, because Qt paints only
there, and an HTML page is written by the worker. The window's status bar says how it went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from duidu.library.errors import InputError

_FILTERS = "PDF (*.pdf);;HTML (*.html *.htm)"


def report_kind(path: str, chosen_filter: str = "") -> tuple[str, str]:
    """``(path, "pdf" | "html")``: by the file's extension, else by the filter chosen (added to the name)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return path, "pdf"
    if suffix in (".html", ".htm"):
        return path, "html"
    kind = "html" if chosen_filter.startswith("HTML") else "pdf"
    return f"{path}.{kind}", kind


def export_report(window, path: str | None = None) -> None:
    """Ask for a file (unless ``path`` is given) and write the report of the pair in ``window.reader``."""
    reader = window.reader
    a_id, b_id = reader.ids["a"], reader.ids["b"]
    bar = window.statusBar()
    if a_id is None or b_id is None:
        bar.showMessage(QCoreApplication.translate("ReportAction", "Open two documents first"), 6000)
        return
    chosen = ""
    if path is None:
        title = QCoreApplication.translate("ReportAction", "Export report")
        path, chosen = QFileDialog.getSaveFileName(window, title, f"duidu-report-{a_id}-{b_id}.pdf", _FILTERS)
        if not path:
            return
    path, kind = report_kind(path, chosen)
    script, boilerplate = reader.script_of("a"), reader.boilerplate
    comparison = reader.comparison  # reused when it is of this pair (frozen, safe on a worker)
    notes = getattr(getattr(window, "notes_ui", None), "notes", None)
    annotator = notes.annotator if notes is not None and notes.blind else None  # blind mode: only one's own notes

    def work(lib, progress, cancel):
        from duidu.library.pair_report import build_pair_report, pair_report_html

        report = build_pair_report(lib, a_id, b_id, script=script, boilerplate=boilerplate, comparison=comparison,
                                   annotator=annotator, progress=progress, cancel=cancel)
        page = pair_report_html(report, for_print=kind == "pdf")
        if kind == "html":
            from duidu.library.notes_export import save

            save(path, page.encode("utf-8"))
        return page

    def done(page: str) -> None:
        if kind == "pdf":
            from duidu.ui.pdf import write_pdf

            try:
                pages = write_pdf(page, path, script=script)
            except InputError as exc:
                bar.showMessage(f"{QCoreApplication.translate('ReportAction', 'Report')}: {exc}", 10000)
                return
            written = QCoreApplication.translate("ReportAction", "Report written: {path} ({n} pages)")
            bar.showMessage(written.format(path=path, n=pages), 8000)
        else:
            bar.showMessage(QCoreApplication.translate("ReportAction", "Report written: {path}").format(path=path), 8000)

    window.tasks.run("report", work, done, label=QCoreApplication.translate("ReportAction", "Report"))
