"""Issue 14 part 1, no number split from its unit — in every script the panes show: a
traditional view writes 50餘場, 1.2萬場, 3億元, and the quantity word's traditional form
(餘 萬 億) let Qt break "50餘 / 場" in the Taiwan view of the Sichuan report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from duidu.library.store import Library
from duidu.text import linebreak
from duidu.text.chars import HAN_CLASS

FULL = Path(__file__).parent / "data" / "reports_full"


@pytest.mark.parametrize("text", ["举办赛事50余场", "舉辦賽事50餘場", "收入1.2万亿元", "收入1.2萬億元"])
def test_every_quantity_word_is_kept_with_its_figure_in_either_script(text):
    digits = max(i for i, ch in enumerate(text) if ch.isdigit()) + 1
    unit = len(text) - 1
    assert list(range(digits, unit + 1)) == [p for p in linebreak.unbreakable_points(text) if p >= digits]


def test_the_taiwan_view_of_a_full_report_keeps_figures_with_their_units(qtbot, tmp_path):
    """The Sichuan report (tests/data/reports_full) in the Taiwan view, laid out in a real pane at
    several widths: no line starts with a Han unit after a figure and its quantity words."""
    from duidu.ui.pane import DocumentPane

    with Library.open(tmp_path / "lib.sqlite", seed=False) as lib:
        doc = lib.import_file(FULL / "2026_四川省_政府工作报告.txt").document.id
        doc_text, view = lib.text(doc), lib.view(doc, "tw")
    ends_in_figure = re.compile(r"[0-9０-９][余餘多万萬亿億千百十]*$")  # spelled out: the check stands apart from the code
    assert len(re.findall(rf"[0-9][餘萬億]+{HAN_CLASS}", view.text)) >= 20  # the case: 餘 萬 億 before a unit
    pane = DocumentPane("a")
    qtbot.addWidget(pane)
    pane.set_font_size(12)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_document(doc_text, view)
    em = pane.edit.fontMetrics().horizontalAdvance("中")
    checked, bad = 0, []
    for chars in (13, 17, 24, 31):
        pane.resize(chars * em + pane.margin.width_needed() + 40, 600)
        QApplication.processEvents()
        doc = pane.edit.document()
        block = doc.firstBlock()
        while block.isValid():
            doc.documentLayout().blockBoundingRect(block)
            lines, text = block.layout(), block.text().replace(linebreak.JOINER, "\0")
            shown = [text[lines.lineAt(n).textStart():lines.lineAt(n).textStart() + lines.lineAt(n).textLength()]
                     .replace("\0", "") for n in range(lines.lineCount())]
            for before, line in zip(shown, shown[1:]):
                checked += 1
                if ends_in_figure.search(before.rstrip()) and re.match(HAN_CLASS, line):
                    bad.append(f"{chars}/line: …{before[-6:]} / {line[:4]}")
            block = block.next()
    assert checked >= 1000
    assert bad == []
