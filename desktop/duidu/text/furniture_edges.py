"""Furniture found from where a line stands on the page, not only from what it says.

A saved web page is a document framed by the site: a toolbar, a breadcrumb, a dateline and a
source line before it, share buttons, related-article lists and a licence after it. The
document itself is prose: lines with sentence-final punctuation and many Han characters. So the
page is read in three parts:

* the **head**: the lines before the first prose line (title, dateline and speaker are here
  too, and stay document);
* the **body**: from the first prose line to the last;
* the **tail**: the lines after the last prose line.

The weaker signals (a line of a few characters, a bare label with its value, a timestamp, a
line with no letters at all, a caption credit without 摄, a caption naming the speaker of the
byline above it, a link list, a line repeating the page's beginning) only count in the head or the tail, where the site's frame stands; in the
body a line must be furniture by its own content (see ``furniture.RULES``). In the tail,
everything after the first furniture line is furniture too (a site never puts the document
back after its footer).

Each pass takes the marks made so far (``None`` = document) and fills more; nothing here looks
at one site's words: the few UI words used are the ones every Chinese site's toolbar shares.
"""

from __future__ import annotations

import re
from typing import Sequence

from .chars import HAN_RANGES, count_han

# A line ending a sentence somewhere and holding at least PROSE_HAN Han characters is prose.
SENTENCE_END = "。！？!?；;"
PROSE_HAN = 20
PROSE_LONG = 50  # ... or this many with clauses (a comma) even without a sentence end
# A "tiny" line: a toolbar button or a breadcrumb step exploded one per line.
TINY = 4
TINY_RUN = 3  # this many tiny lines in a row are a toolbar/menu
# A label line ("来源：", "阅读量：") and a value after it.
LABEL_MAX_HAN = 6
VALUE_MAX = 12
# The page's share text: a prose line among the last REPEAT_TAIL repeating the first REPEAT_HEAD.
REPEAT_TAIL = 12
REPEAT_HEAD = 40
# A link-list heading in the tail ("相关报道：", "相关链接>>").
LINK_HEADING_MAX = 10
# What a link list's heading talks about (one signal: the heading must also stand in the tail,
# end in a colon or ">>" and be followed only by link-like lines).
LINK_LIST_CUES = ("相关", "相關", "链接", "鏈接", "延伸", "推荐", "推薦", "阅读", "閱讀", "报道", "報道", "文章",
                  "稿件", "新闻", "新聞", "文档", "文檔", "附件下载", "专题", "專題", "热点", "熱點")
# A caption naming the speaker stands within this many lines after the speech's byline.
SPEAKER_CAPTION_GAP = 3
# A credit or caption in the head/tail.
CAPTION_MAX = 120
# A licence footer: a licence mark within this many lines of the end.
LICENCE_TAIL = 30
LICENCE_LINE_MAX = 60

# The buttons of a Chinese site's article toolbar (one signal among several: a line of these
# words is furniture anywhere; a tiny line without them only in a run or at the page's edge).
UI_WORDS = frozenset(
    """
    下载 打印 全屏 收藏 加大 还原 减小 大 中 小 默认 字体 字号 字體 字號 分享 分享到 分享至 微信 微博
    朋友圈 QQ空间 QQ 复制链接 扫一扫 掃一掃 关闭 關閉 关闭窗口 打印本页 打印本頁 返回顶部 返回 顶部 纠错
    我要纠错 点赞 评论 阅读 浏览 A+ A- 放大 缩小 朗读 语音播报 手机版 二维码 关怀版 无障碍 长者版 点击
    打印页面 关闭页面 TOP 首页 网站地图 联系我们
    """.split()
)
# Labels a site puts before a page's metadata (a label line counts when its value is short).
PAGE_LABELS = frozenset(
    """
    来源 來源 信息来源 稿源 时间 時間 发表时间 发布时间 發布時間 发布日期 日期 更新时间 阅读量 阅读 浏览量
    浏览次数 浏览 点击 点击量 点击数 访问量 作者 编辑 责任编辑 责编 审核
    """.split()
)
# Marks of a licence or copyright footer (a short line with one of these, near the end).
LICENCE_MARKS = re.compile(
    r"公有领域|公有領域|public domain|著作权法|著作權法|版[权權](?:所有|声明|聲明)(?![人者权權])|copyright|©|知识共享|知識共享"
    r"|creative commons|cc[ -]by|许可协议|許可協議|icp[备備证證]|公[网網]安[备備]|免[责責][声聲]明", re.I)

_SENTENCE_END = re.compile(f"[{SENTENCE_END}]")
_OPEN_END = re.compile(r"[《（(“‘「『，,、]\s*$")
_CONT_START = re.compile(r"^[，,、》）)”’」』。：:]")
_CLOSED = re.compile(rf"[{SENTENCE_END}”’」』）)》】\]]\s*$")
_WORD = re.compile(rf"[{HAN_RANGES}A-Za-z0-9]")
_UI_SPLIT = re.compile(r"[\s|丨｜·・•/【】\[\]<>＜＞«»›‹→:：()（）,，、]+")
_LABEL = re.compile(rf"^[【\[(（]?\s*([{HAN_RANGES}\s]{{1,{LABEL_MAX_HAN + 2}}}?)\s*[:：]\s*$")
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}\s*[:：时時]\s*\d{2}")
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_DATE_LINE = re.compile(
    rf"^[(（]?\s*(?:[{HAN_RANGES}]{{0,6}}\s*[:：]\s*)?\d{{4}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?"
    r"(?:\s*\d{1,2}\s*[:：时時]\s*\d{1,2}\s*(?:[:：分]\s*\d{1,2}\s*秒?)?分?)?\s*[)）]?$"
)
_COUNT_LINE = re.compile(rf"^[{HAN_RANGES}]{{1,6}}\s*[:：]\s*\d+\s*(?:次|人次)?$")
_MENU_ITEM = re.compile(r"^[|｜丨]?[^。，,；;|｜丨]{1,10}[|｜丨]$")
_URL = re.compile(r"^(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?$")
_DATED_LINK = re.compile(r"[^\d\s]\s*\d{4}-\d{1,2}-\d{1,2}$")  # "…的政策解读2022-10-13"
_LINK_HEADING = re.compile(rf"^([{HAN_RANGES}]{{2,{LINK_HEADING_MAX}}})\s*(?:[:：]|>>|》》|＞＞)\s*$")
_BULLET = re.compile(r"^[·•・▪■□◆◇●○►▶]")
_INFO_LABEL = re.compile(rf"[{HAN_RANGES}](?:[\s\u3000]*[{HAN_RANGES}]){{1,5}}[\s\u3000]*[:：]")
# A printed page number standing alone: "— 3 —", "- 3 -", "第3页", "第 3 页 共 12 页".
_PAGE_NUMBER = re.compile(r"^(?:[-—–－―]+\s*\d{1,4}\s*[-—–－―]+|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?)$")
# A speech's byline: a title and the speaker's name set off by a space ("天津市市长 张工").
_SPEAKER = re.compile(rf"^[^。，：:]{{2,40}}?[\s\u3000]+([{HAN_RANGES}]{{1,3}}(?:[\s\u3000]?[{HAN_RANGES}]{{1,3}})?)$")
_HASH_ID = re.compile(r"[0-9a-f]{16,}", re.I)
_LIST_NUMBER = re.compile(r"^\s*(?:\d+[.、．]|[（(［\[]\s*[\d一二三四五六七八九十]+\s*[）)］\]]|[一二三四五六七八九十]+、)")
# A caption's credit at the end: "本报记者 朱江 摄", "石榴云/新疆日报记者谢龙摄", "记者 盛学卿".
_CREDIT = re.compile(
    rf"(?:记者|記者|摄影|攝影|通讯员|通訊員)[\s/·:：]*[{HAN_RANGES}](?:\s?[{HAN_RANGES}]){{1,3}}\s*([摄攝])?\s*[)）]?$"
)


def is_prose(line: str) -> bool:
    """A sentence of the document: sentence-final punctuation and many Han characters, or a
    long run of clauses ending in a colon ("…有关事项公告如下：")."""
    han = count_han(line)
    if _SENTENCE_END.search(line) is not None:
        return han >= PROSE_HAN
    return han >= PROSE_LONG and ("，" in line or "," in line)


def starts_with_ui_word(line: str) -> bool:
    """``扫一扫在手机打开当前页``, ``》》点击图片进入专题《《``: a short instruction to the reader."""
    core = _UI_SPLIT.sub("", re.sub(r"[》《«»]+", "", line))
    return len(line) <= 20 and not _SENTENCE_END.search(line) and any(
        core.startswith(w) for w in UI_WORDS if len(w) >= 2)


def is_info_row(line: str) -> bool:
    """A row of a page's information box: ``索 引 号：…	主题分类：…``, ``发布机构	安化县``."""
    if len(line) > 200 or _SENTENCE_END.search(line) or "，" in line or _LIST_NUMBER.match(line):
        return False
    if len(_INFO_LABEL.findall(line)) >= 2:
        return True
    cells = [c for c in line.split("\t") if c.strip()]
    return len(cells) >= 2 and all(len(c.strip()) <= 60 for c in cells)


def is_ui_line(line: str) -> bool:
    """A line made only of toolbar words, separated by spaces, bars or brackets."""
    if len(line) > 40 or _SENTENCE_END.search(line):
        return False
    words = [w for w in _UI_SPLIT.split(line) if w]
    return bool(words) and all(w in UI_WORDS for w in words)


def is_decoration(line: str) -> bool:
    """Brackets, bars and arrows with no letter, digit or Han character: ``】``, ``|``, ``>``."""
    return _WORD.search(line) is None


def is_tiny(line: str) -> bool:
    return len(line) <= TINY and _SENTENCE_END.search(line) is None and not line.isdigit()


def label_of(line: str) -> str | None:
    """``来源：`` -> ``来源``; None if the line is not a bare label."""
    m = _LABEL.match(line)
    return re.sub(r"\s+", "", m.group(1)) if m else None


def is_dateline(line: str) -> bool:
    """A timestamp with the time of day, or a labelled date: a page's publishing line."""
    if len(line) > 40 or _DATE_LINE.match(line) is None:
        return False
    date = _DATE.search(line)
    labelled = re.search("[:：]", line[: date.start()]) is not None
    return labelled or _TIME_OF_DAY.search(line, date.end()) is not None


def is_credit(line: str) -> bool:
    """A caption or photo line ending with the reporter's credit."""
    return len(line) <= CAPTION_MAX and _CREDIT.search(line) is not None


def zones(lines: Sequence[str], marks: Sequence[str | None], repeats: Sequence[bool] = ()) -> tuple[int, int]:
    """``(head_end, tail_start)``: the head is ``lines[:head_end]``, the tail ``lines[tail_start:]``.

    The body runs from the first to the last prose line not already furniture nor ending in a
    reporter's credit (nor, for the tail, a repeat of the page's beginning). A page without prose has no body: all head.
    """
    prose = [i for i, line in enumerate(lines) if marks[i] is None and is_prose(line) and not is_credit(line)]
    if not prose:
        return len(lines), len(lines)
    last = len(prose) - 1
    while last > 0 and repeats and repeats[prose[last]]:
        last -= 1
    return prose[0], prose[last] + 1


def repeats_of_beginning(lines: Sequence[str]) -> list[bool]:
    """Prose lines among the last few that repeat the page's beginning (its share text).
    Only prose: a signature or a date repeating the page's information box is the document's."""
    n = len(lines)
    out = [False] * n
    if n < 8:
        return out
    beginning = "".join(re.sub(r"\s+", "", line) for line in lines[: min(REPEAT_HEAD, n // 2)])
    for i in range(max(n // 2, n - REPEAT_TAIL), n):
        key = re.sub(r"\s+", "", lines[i])
        out[i] = is_prose(lines[i]) and key in beginning
    return out


def mark_edges(lines: Sequence[str], marks: list[str | None]) -> tuple[int, int]:
    """Fill ``marks`` (in place) with the furniture of the page's head and tail; returns the
    zones (see ``zones``) as they stood before."""
    n = len(lines)
    repeats = repeats_of_beginning(lines)
    head_end, tail_start = zones(lines, marks, repeats)

    def edge(i: int) -> bool:
        return i < head_end or i >= tail_start

    # Toolbar words and printed page numbers anywhere; tiny lines in runs; bare decoration at the edges.
    for i, line in enumerate(lines):
        if marks[i] is None and is_ui_line(line):
            marks[i] = "navigation"
        elif marks[i] is None and _PAGE_NUMBER.match(line):
            marks[i] = "page-number"
    i = 0
    while i < n:
        j = i
        while j < n and is_tiny(lines[j]):
            j += 1
        run = range(i, j)
        if j - i >= TINY_RUN and (any(edge(k) for k in run) or any(is_ui_line(lines[k]) for k in run)):
            for k in run:
                marks[k] = marks[k] or "navigation"
        i = max(j, i + 1)
    for i, line in enumerate(lines):
        if marks[i] is not None or not edge(i):
            continue
        if is_decoration(line) or is_dateline(line) or _COUNT_LINE.match(line) or _HASH_ID.search(line) and len(line) <= 40:
            marks[i] = "byline" if (is_dateline(line) or _COUNT_LINE.match(line)) else "navigation"
        elif is_credit(line):
            marks[i] = "caption"
        elif starts_with_ui_word(line) or _MENU_ITEM.match(line) or _URL.match(line):
            marks[i] = "navigation"
    _mark_info_box(lines, marks, head_end)
    _mark_speaker_captions(lines, marks, head_end)
    _mark_labels(lines, marks, edge)
    _mark_breadcrumb_steps(lines, marks, edge)
    for i in range(tail_start, n):
        if marks[i] is None and repeats[i]:
            marks[i] = "repeat"
    _mark_link_lists(lines, marks, tail_start)
    _mark_licence(lines, marks, tail_start)
    return head_end, tail_start


def _mark_labels(lines: Sequence[str], marks: list[str | None], edge) -> None:
    """``来源：`` / ``四川日报`` and ``阅读量：`` with no value: a page's metadata, label and value."""
    n = len(lines)
    for i, line in enumerate(lines):
        if not edge(i):
            continue
        label = label_of(line)
        if label is None or label not in PAGE_LABELS:
            continue
        marks[i] = marks[i] or "byline"
        if i + 1 < n and edge(i + 1) and marks[i + 1] is None:
            value = lines[i + 1]
            if len(value) <= VALUE_MAX and not _SENTENCE_END.search(value) and label_of(value) is None:
                marks[i + 1] = "byline"


def _mark_info_box(lines: Sequence[str], marks: list[str | None], head_end: int) -> None:
    """A page's information box in the head (index number, issuing body, dates): its rows, and
    the bare labels and short values standing between them."""
    rows = [i for i in range(head_end) if is_info_row(lines[i])]
    if len(rows) < 2:
        return
    for i in rows:
        marks[i] = marks[i] or "metadata"
    # A lone label between two rows of the box ("统一登记号" whose value cell was empty).
    for a, b in zip(rows, rows[1:]):
        if b == a + 2 and marks[a + 1] is None and len(lines[a + 1]) <= 8 and not _SENTENCE_END.search(lines[a + 1]):
            marks[a + 1] = "metadata"
    # Labels and values right after the last row ("备案登记号：", "有效").
    i = rows[-1] + 1
    while i < head_end and marks[i] is None and (label_of(lines[i]) is not None or _INFO_LABEL.match(lines[i])
                                                 or (len(lines[i]) <= 4 and not _SENTENCE_END.search(lines[i]))):
        marks[i] = "metadata"
        i += 1


def _mark_speaker_captions(lines: Sequence[str], marks: list[str | None], head_end: int) -> None:
    """The photo caption under a speech's byline, credit or not: after ``天津市市长 张工`` in the
    head, one of the next few document lines naming 张工 in the third person
    (``张工作政府工作报告。``) is the caption."""
    for i in range(head_end):
        m = _SPEAKER.match(lines[i])
        if m is None or marks[i] is not None:
            continue
        name = re.sub(r"\s+", "", m.group(1))
        seen = 0  # document lines looked at (furniture between byline and caption is skipped)
        for k in range(i + 1, head_end):
            if marks[k] is not None:
                continue
            line = lines[k]
            if name in re.sub(r"\s+", "", line) and _SPEAKER.match(line) is None and len(line) <= CAPTION_MAX:
                marks[k] = "caption"
            seen += 1
            if seen == SPEAKER_CAPTION_GAP:
                break


def _mark_breadcrumb_steps(lines: Sequence[str], marks: list[str | None], edge) -> None:
    """A breadcrumb exploded one step per line: the steps around a lone ``>`` line, and a
    channel name repeated right after the breadcrumb."""
    n = len(lines)
    for i, line in enumerate(lines):
        if not (edge(i) and is_decoration(line) and line.strip() in (">", "＞", "»", "›", "→", "/")):
            continue
        for k in (i - 1, i + 1):
            if 0 <= k < n and marks[k] is None and len(lines[k]) <= 15 and not _SENTENCE_END.search(lines[k]):
                marks[k] = "navigation"
        k = i + 2
        if k < n and marks[k] is None and lines[k] == lines[k - 1]:
            marks[k] = "navigation"


def _mark_link_lists(lines: Sequence[str], marks: list[str | None], tail_start: int) -> None:
    """In the tail, a short heading about links ending in ``：`` or ``>>`` (``相关报道：``,
    ``相关链接>>``; not ``附件：`` or a form's ``申请人（签名）：``) followed only by link titles; and
    bulleted or dated items (``·《…》政策解读``, ``…的政策解读2022-10-13``) with the short
    heading right above them."""
    n = len(lines)
    for i in range(tail_start, n):
        if marks[i] is None and (_BULLET.match(lines[i]) or _DATED_LINK.search(lines[i])) and not is_prose(lines[i]):
            marks[i] = "links"
            k = i - 1
            if k >= tail_start and marks[k] is None and len(lines[k]) <= LINK_HEADING_MAX and not _SENTENCE_END.search(lines[k]):
                marks[k] = "links"
    for i in range(tail_start, n):
        m = _LINK_HEADING.match(lines[i])
        if m is None or not any(cue in m.group(1) for cue in LINK_LIST_CUES):
            continue
        rest = range(i + 1, n)
        if all(marks[k] is not None or not (_SENTENCE_END.search(lines[k].rstrip("。")) or "\t" in lines[k]
                                            or "__" in lines[k] or _LIST_NUMBER.match(lines[k])) for k in rest):
            marks[i] = marks[i] or "links"
            for k in rest:
                marks[k] = marks[k] or "links"
            return


def _continues(before: str, line: str) -> bool:
    """``line`` goes on the sentence of ``before``: a sentence broken into link fragments
    ("本作品是中华人民共和国的" / "法律" / "、" / "法规" / "，国家机关的决议……根据《")."""
    if _CLOSED.search(before):
        return False
    return bool(_OPEN_END.search(before) or _CONT_START.match(line) or is_tiny(before) or is_tiny(line))


def _mark_licence(lines: Sequence[str], marks: list[str | None], tail_start: int) -> None:
    """A licence or copyright footer near the end: the whole (line-broken) sentence holding the
    mark, and every line after it, provided no prose follows. The mark must stand in the tail
    or right after the last prose line's sentence (a licence broken into link fragments)."""
    n = len(lines)
    first = None
    for i in range(max(0, n - LICENCE_TAIL, tail_start - 1), n):
        if len(lines[i]) <= LICENCE_LINE_MAX and LICENCE_MARKS.search(lines[i]):
            first = i
            break
    if first is None:
        return
    for k in range(first + 1, n):
        if marks[k] is None and is_prose(lines[k]) and not LICENCE_MARKS.search(lines[k]):
            return
    start = first
    while start > 0 and marks[start - 1] is None and _continues(lines[start - 1], lines[start]):
        start -= 1
    for k in range(start, n):
        marks[k] = marks[k] or "copyright"
