"""An official document's own metadata, read from its text (GB/T 9704-2012 公文格式).

What a 公文 states about itself, in the places the standard puts it: the issuing body
(发文机关标志 "…文件", the title's "X关于…", the signature), the document number
(发文字号 渝府办发〔2025〕42号; [] and () brackets too, always given back with 〔〕), the title
(the line(s) ending in the document's kind: 通知, 意见, 办法, 报告 …), the addressees
(主送机关: the "…：" line after the title), the attachments listed (附件：1. …), and the date
written (成文日期, in figures or Chinese numerals, 二〇二五年七月十五日). Government pages add
a labelled table (发文机关：… 成文日期：… 发文字号：…), taken first. A work report states its
own date and congress (——2026年1月28日在重庆市第六届人民代表大会第四次会议上).

A date in the page's furniture (时间：2026-02-03, 2026-02-03 09:02:33) is when a site
re-published the document, never its date: only dates written the way documents write them
(年月日) count, and the release date (发布日期) only when nothing else is stated.
Nothing here knows a particular site: every rule reads the document's own structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from duidu.engine.divisions import NATIONAL, gazetteer_starts, region_of
from duidu.text.chars import HAN_CLASS, HAN_RANGES, is_han

HEAD = 60  # lines: where titles, numbers and addressees stand
_SPACE = re.compile(r"[ \u3000\u00a0\u2002\u2003]+")  # tabs (table cells) are kept
_GAP = r"[ \u3000\u00a0\u2002\u2003]+"
_CJK_GAP = re.compile(rf"(?<=[\u3000-\u9fff\uff00-\uffef]){_GAP}(?=[\u3000-\u9fff\uff00-\uffef\d])|(?<=\d){_GAP}(?=[\u3000-\u9fff])")

# 发文字号: 机关代字〔年份〕序号号
_NUMBER = re.compile(
    rf"({HAN_CLASS}{{1,14}}?)\s*[〔\[［【（(]\s*((?:19|20)\d{{2}})\s*[〕\]］】）)]\s*(?:第\s*)?(\d{{1,5}})\s*号"
)
_DIGIT_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN = "〇○零Ｏ０O一二三四五六七八九十"
_CN_DATE = re.compile(rf"([{_CN[:6]}一二三四五六七八九]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "Ｏ": 0, "０": 0, "O": 0}

_KINDS = (
    "通知|通报|意见|决定|决议|批复|报告|请示|办法|规定|规则|细则|方案|规划|计划|纲要|公告|通告|函|纪要|命令|令|议案"
    "|条例|章程|准则|标准|指南|意见书|工作报告|指标体系|基准表|规范表|清单|目录|说明|解读|答复|复函|公报"
)
# The title's last words: the kind, then maybe qualifiers such as （暂行）（试行）（征求意见稿）.
_TITLE_END = re.compile(rf"(?:{_KINDS})(?:[（(][^（）()]{{1,30}}[）)])*$")
_ORGAN_END = re.compile(
    r"(人民政府|政府|办公厅|办公室|委员会|管理委员会|常务委员会|人民代表大会|局|厅|委|部|署|院|办|中心|公司|集团|协会|"
    r"联合会|研究会|学会|大学|学院|医院|学校|处|所|室|站|队|会|支行|分行|银行|法院|检察院|党委|委员会办公室)$"
)
_LABELS = {
    "title": ("标题", "文件名称", "题名"),
    "issuing_body": ("发文机关", "发布机关", "发文单位", "发布机构", "制发机关"),
    "doc_number": ("发文字号", "文号", "文件编号"),
    "date_written": ("成文日期", "成文时间", "印发日期"),
    "released": ("发布日期", "发文日期", "公布日期", "发布时间"),
}
_LABEL_LINE = re.compile(rf"^\s*({HAN_CLASS}[{HAN_RANGES}\s]{{0,6}}?)\s*[：:]\s*(.*)$")
_REPORT_LINE = re.compile(
    r"^[—\-－─]*\s*(?:\d{4}\s*年\s*)?.*?在(.{0,24}?)第?[一二三四五六七八九十]+届\s*(?:全国)?人民代表大会"
)
_PAGE_LABEL = re.compile(r"^(来源|时间|作者|日期|字号|分享|当前位置|您的位置|发布|浏览|责任编辑|编辑)")  # a page's labels, not addressees
_REPORT = re.compile(r"^(?:(\d{4})年)?(.{0,16}?)(?:人民)?政府工作报告$")
_ATTACHMENT = re.compile(r"^附\s*件\s*[：:]\s*(.*)$")
_LIST_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.．、]\s*(.+)$")
_SALUTATION_END = ("：", ":")
_SENTENCE = re.compile(r"[。；;！？!?]")
_FALLBACK_MIN = 6  # a title shorter than this, with no kind word, is page furniture (下载, 打印)


@dataclass(frozen=True)
class OfficialMetadata:
    title: str | None = None
    issuing_body: str | None = None
    doc_number: str | None = None
    date_written: str | None = None  # YYYY-MM-DD (or YYYY-MM, YYYY)
    addressees: str | None = None
    attachments: tuple[str, ...] = field(default_factory=tuple)
    region: str | None = None
    region_code: str | None = None


def squeeze(line: str) -> str:
    """A line as matched: no spaces between Chinese characters, runs of spaces as one."""
    return _SPACE.sub(" ", _CJK_GAP.sub("", line)).strip()


def parse_date(text: str) -> str | None:
    """The first date written as documents write it (年月日, figures or Chinese numerals), as ISO."""
    found = []
    m = _DIGIT_DATE.search(text)
    if m:
        found.append((m.start(), _iso(int(m[1]), int(m[2]), int(m[3]))))
    m = _CN_DATE.search(text)
    if m:
        year = "".join(str(_CN_DIGIT.get(c, -1)) for c in m[1])
        month, day = _cn_number(m[2]), _cn_number(m[3])
        if year.isdigit() and month and day:
            found.append((m.start(), _iso(int(year), month, day)))
    found = [f for f in found if f[1]]
    return min(found)[1] if found else None


def _cn_number(text: str) -> int | None:
    text = "".join(str(_CN_DIGIT[c]) if c in _CN_DIGIT else c for c in text)
    if text.isdigit():
        return int(text)
    tens, _, units = text.partition("十")
    if not tens and not units:
        return 10
    try:
        return (int(tens) if tens else 1) * 10 + (int(units) if units else 0)
    except ValueError:
        return None


def _iso(y: int, m: int, d: int) -> str | None:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def doc_number(text: str) -> str | None:
    """A 发文字号 in ``text``, brackets made 〔〕: 渝府办发[2025]42号 → 渝府办发〔2025〕42号."""
    m = _NUMBER.search(squeeze(text))
    if not m:
        return None
    agency = re.sub(r"^.*(?:[：:，,。（(《]|文号|字号)", "", m[1])
    if not agency:
        return None
    return f"{agency}〔{m[2]}〕{m[3]}号"


def _is_organ(name: str) -> bool:
    return 2 <= len(name) <= 60 and bool(_ORGAN_END.search(name)) and not _SENTENCE.search(name)


_KEY_OF = {name: key for key, names in _LABELS.items() for name in names}
_LABEL = re.compile("(" + "|".join(r"\s*".join(n) for n in sorted(_KEY_OF, key=len, reverse=True)) + r")(?:\s*[：:]\s*|\t)")


def _labelled(lines: list[str]) -> dict[str, str]:
    """Fields of a page's information table: "发文机关：X" (value on the line or the next; a
    table row run together on one line holds several: "发文机关：国务院 成文日期：…")."""
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        # A run-together row has no space before its next label: long labels are found anywhere,
        # two-character ones (文号, 标题) only at a boundary.
        marks = [m for m in _LABEL.finditer(line) if m.start() == 0 or len(re.sub(r"\s", "", m[1])) >= 4
                 or not is_han(line[m.start() - 1])]
        for n, m in enumerate(marks):
            key = _KEY_OF[re.sub(r"\s+", "", m[1])]
            value = line[m.end() : marks[n + 1].start() if n + 1 < len(marks) else len(line)].strip()
            if not value and len(marks) == 1 and i + 1 < len(lines) and not _LABEL.match(lines[i + 1]):
                value = lines[i + 1].strip()
            if value and key not in found:
                found[key] = value
    return found


def _title_at(lines: list[str], end: int) -> tuple[str, int]:
    """The title ending on line ``end``, with the lines before it that carry on the same title."""
    start = end
    while start > 0 and end - start < 3:
        if _issuer_from_title(lines[start]):
            break  # the title's first line: it names the issuer
        prev = lines[start - 1]
        if lines[start].startswith("关于"):  # only the issuer's name can stand above 关于…
            parts = _organs(prev)
            if parts and all(_is_organ(p) for p in parts) and not prev.endswith("文件"):
                start -= 1
            break
        # A wrapped title's lines are long; page furniture (还原, 】, 首页>要闻) is short or marked.
        if (len(prev) < _FALLBACK_MIN or len(prev) > 40 or re.search(r"[【】>|｜]|\d{4}", prev) or _SENTENCE.search(prev) or prev.endswith(_SALUTATION_END)
                or _NUMBER.search(prev) or parse_date(prev) or prev.endswith("文件") or _TITLE_END.search(prev)
                or _LABEL_LINE.match(prev)):
            break
        start -= 1
    return "".join(lines[start : end + 1]), start


def _number_line(lines: list[str]) -> int:
    """The line holding the 发文字号 on its own (under the red header), or -1."""
    for i, line in enumerate(lines[:HEAD]):
        if len(line) <= 40 and "：" not in line and ":" not in line and doc_number(line):
            return i
    return -1


def _find_title(lines: list[str], furniture: list[bool]) -> tuple[str | None, int]:
    # The title stands below the document number; a page's own heading above it is the site's.
    below = _number_line(lines) + 1
    for i, line in enumerate(lines[:HEAD]):
        if i < below and any(_TITLE_END.search(x) for x in lines[below:HEAD]):
            continue
        if furniture[i] or not line or len(line) > 100 or _SENTENCE.search(line) or line.endswith(_SALUTATION_END):
            continue
        if _LABEL_LINE.match(line) and not line.startswith("关于"):
            continue
        if _TITLE_END.search(line) and len(line) >= 4:
            title, start = _title_at(lines, i)
            return title, start
    return None, -1


def _report(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """A work report's date, region and issuer from its "——…在…人民代表大会…上" line."""
    for i, line in enumerate(lines[:HEAD]):
        if "人民代表大会" not in line and i + 1 < len(lines) and line.endswith("届"):
            line += lines[i + 1]  # the line broken inside the congress's name
        m = _REPORT_LINE.match(line)
        if not m:
            continue
        date = parse_date(line)
        place = m[1].strip()
        if "全国人民代表大会" in line and not place:
            return date, NATIONAL, "国务院"
        found = region_of(place)
        if found:
            return date, found.name, found.name + "人民政府"
        return date, None, None
    return None, None, None


_ON_BEHALF = re.compile(rf"我代表(国务院|國務院|中央人民政府|{HAN_CLASS}{{2,12}}?人民政府)[，,]?"
                        r"(?:向大会报告|向大會報告|作工作报告|作工作報告)")
_REVIEWED_YEAR = re.compile(r"^[一二三四五六七八九十]+、\s*(\d{4})年.{0,12}工作回顾")


def _untitled_report(lines: list[str]) -> tuple[str | None, str | None]:
    """A work report given without its heading ("各位代表：现在，我代表国务院，向大会报告…"):
    its title from who reports and the year after the one it reviews (一、2024年工作回顾)."""
    who = next((m[1] for m in map(_ON_BEHALF.search, lines[:8]) if m), None)
    if not who:
        return None, None
    year = next((int(m[1]) + 1 for m in map(_REVIEWED_YEAR.match, lines[:HEAD]) if m), None)
    kind = "工作报告" if who.endswith("政府") else "政府工作报告"  # 中央人民政府工作报告, 国务院政府工作报告
    return (f"{year}年{who}{kind}" if year else f"{who}{kind}"), who


def _organs(name: str) -> list[str]:
    """Joint issuers as a list: split at "、", spaces, and where one organ's name ends and the
    next begins with a division's name (江门市住房和城乡建设局江门市财政局)."""
    out = []
    for part in (p for p in re.split(r"[、，,\s]+", name) if p):
        start = 0
        for i in range(2, len(part) - 2):
            if _ORGAN_END.search(part[start:i]) and gazetteer_starts(part[i:]):
                out.append(part[start:i])
                start = i
        out.append(part[start:])
    return out


def _issuer_from_title(title: str) -> str | None:
    m = re.match(r"^(.{2,60}?)(?:关于|印发|转发|批转)", title)
    parts = _organs(m[1]) if m else []
    if parts and all(_is_organ(p) for p in parts):
        return "、".join(parts)
    return None


def _issuer_from_header(lines: list[str]) -> str | None:
    for line in lines[:15]:
        if line.endswith("文件") and len(line) > 4:
            parts = _organs(line[: -len("文件")].strip())
            if parts and all(_is_organ(p) for p in parts):
                return "、".join(parts)
    return None


def _signature_and_date(lines: list[str], after: int) -> tuple[str | None, str | None]:
    """成文日期 and the signature above it: the first line after the title that is only a date."""
    for i in range(max(after, 0), len(lines)):
        line = lines[i]
        if len(line) > 40 or "印发" in line:
            continue
        date = parse_date(line)
        if not date:
            continue
        rest = _DIGIT_DATE.sub("", _CN_DATE.sub("", line)).strip(" （()）")
        if rest and not _is_organ(rest):
            continue
        signer = rest or (lines[i - 1] if i > 0 and _is_organ(lines[i - 1]) else None)
        return signer, date
    return None, None


def _printed_date(lines: list[str]) -> str | None:
    """The 版记's 印发日期 ("…办公室 2023年9月11日印发"), the last resort of a 公文's date."""
    for line in reversed(lines):
        if line.endswith("印发") and len(line) <= 60:
            date = parse_date(line)
            if date:
                return date
    return None


def _addressees(lines: list[str], title_line: int) -> str | None:
    for line in lines[title_line + 1 : title_line + 6]:
        if (line.endswith(_SALUTATION_END) and len(line) <= 200 and not line.startswith(("为", "根据", "按照"))
                and not re.search(r"如下|现将|现就|特制定", line) and not _LABEL.match(line) and not _PAGE_LABEL.match(line)):
            name = line.rstrip("：:").strip()
            # Organs, or people addressed as a body (各住房公积金缴存人); not a speech's 各位代表.
            if (_ORGAN_END.search(name) or re.search(r"(单位|部门|机构|政府|委员会|局)", name)
                    or (name.startswith("各") and not name.startswith("各位"))):
                return name
    return None


def _attachments(lines: list[str]) -> tuple[str, ...]:
    for i, line in enumerate(lines):
        m = _ATTACHMENT.match(line)
        if not m:
            continue
        items: list[str] = []
        first = m[1].strip()
        if first:
            item = _LIST_ITEM.match(first)
            items.append((item[2] if item else first).strip())
        for nxt in lines[i + 1 : i + 30]:
            item = _LIST_ITEM.match(nxt)
            if not item or len(nxt) > 120 or (items and int(item[1]) != len(items) + 1):
                break
            items.append(item[2].strip())
        if items:
            return tuple(items)
    return ()


def _trustworthy(title: str | None, lines: list[str]) -> str | None:
    """A title from the file's metadata (HTML <title>, PDF/OFD info) if the text bears it out:
    the part before a site's " - 站名" / "_站名" suffix found in the document's head."""
    if not title:
        return None
    head = "".join(lines[:HEAD])
    for candidate in [title, *re.split(r"\s*[_|｜]\s*|\s+[-—–]\s+", title)]:
        candidate = squeeze(candidate)
        if len(candidate) >= _FALLBACK_MIN and candidate in head:
            return candidate
    return None


def extract(lines: list[str], furniture: list[bool] | None = None, *, file_title: str | None = None) -> OfficialMetadata:
    """The metadata ``lines`` (a document's paragraphs, in order) state; ``furniture[i]`` marks
    page furniture (not a title); ``file_title``: the title the file's own metadata gives."""
    lines = [squeeze(line) for line in lines]
    furniture = list(furniture or [False] * len(lines))
    labelled = _labelled(lines[:HEAD * 2])

    title, title_line = _find_title(lines, furniture)
    from_file = _trustworthy(file_title, lines)
    if labelled.get("title"):
        title = squeeze(labelled["title"])
    elif from_file and (not title or (title in from_file and len(from_file) > len(title))):
        title = from_file

    report_date, report_region, report_issuer = _report(lines)
    if not title and not report_issuer:
        title, report_issuer = _untitled_report(lines)
    # The document's own statement first (red header, title, signature), then the page's table.
    signer, signed = _signature_and_date(lines, title_line + 1 if title_line >= 0 else 0)
    named = [_issuer_from_header(lines), _issuer_from_title(title) if title else None, signer,
             labelled.get("issuing_body"), report_issuer]
    issuer = next((n for n in named if n), None)

    number = None
    if labelled.get("doc_number"):
        number = doc_number(labelled["doc_number"])
    for line in lines[:HEAD]:
        if number:
            break
        if len(line) <= 40:
            number = doc_number(line)
    if not number and title:
        number = doc_number(title)

    date = None
    if labelled.get("date_written"):
        date = parse_date(labelled["date_written"]) or _iso_like(labelled["date_written"])
    date = date or report_date or signed or _printed_date(lines)
    if not date and labelled.get("released"):
        date = parse_date(labelled["released"]) or _iso_like(labelled["released"])

    region = next((r for r in map(region_of, [n for n in named if n]) if r), None)
    if region is None and not issuer and title:  # an attachment or a rule with no issuer: its title's place
        region = region_of(title)
    region_name = region.name if region else report_region
    region_code = region.code if region else None

    if title:
        m = _REPORT.match(title)
        if m and region_name and region_name not in title:
            year = m[1] or (report_date or date or "")[:4]
            who = "国务院" if region_name == NATIONAL else region_name
            title = f"{year}年{who}政府工作报告" if year else title

    return OfficialMetadata(
        title=title, issuing_body=issuer, doc_number=number, date_written=date,
        addressees=_addressees(lines, title_line) if title_line >= 0 else None,
        attachments=_attachments(lines), region=region_name, region_code=region_code,
    )


def _iso_like(text: str) -> str | None:
    m = re.search(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None
