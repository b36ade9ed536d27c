"""Page furniture: the lines of a saved web page that are not part of the document.

Three signals decide, none alone: a line's own content (the rules below), where it stands on
the page (``furniture_edges``: the head before the first prose line and the tail after the
last one), and repetition across the library (``templates``: line pairs at the edges of
several documents). ``furniture_ranges(text)`` is the one-call entry point.

Navigation and breadcrumbs, photo captions, the site's copyright notice, editor credits, the
byline/dateline, comment-policy lines and link lists are *marked*, never deleted: the reader
shows them dimmed and the engine leaves them out. Rules work on whole lines (paragraphs) and
are deliberately conservative: every rule needs a short line, a keyword in a fixed position or
the end of the document, so a sentence of an article is never excluded.

The keyword tables come first (simplified and traditional forms side by side); each rule is a
small function ``(line, context) -> bool``, tried in the order of ``RULES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Collection, Sequence

from .chars import HAN_RANGES
from .furniture_edges import mark_edges
from .structure import paragraphs
from .templates import edge_keys as _edge_keys, mark_templates

# -- keyword tables ------------------------------------------------------------------------

# Whole-line site sections and page chrome: a line made only of these is navigation.
NAVIGATION_WORDS = frozenset(
    """
    首页 首頁 网站首页 網站首頁 返回首页 返回首頁 返回顶部 返回頂部 回到顶部 回到頂部
    网站地图 網站地圖 网站导航 網站導航 导航 導航 站内搜索 站內搜索 搜索 登录 登錄 注册 註冊
    关于我们 關於我們 联系我们 聯繫我們 聯系我們 广告服务 廣告服務 广告合作 廣告合作
    我要投稿 投稿 投稿邮箱 投稿郵箱 加入收藏 设为首页 設為首頁 收藏 收藏本页 收藏本頁
    打印 打印本页 打印本頁 打印此文 关闭 關閉 关闭窗口 關閉窗口 分享 分享到 手机版 手機版
    移动版 移動版 客户端 客戶端 下载客户端 下載客戶端 扫一扫 掃一掃 扫码关注 掃碼關注
    相关新闻 相關新聞 相关阅读 相關閱讀 相关文章 相關文章 相关推荐 相關推薦 推荐阅读 推薦閱讀
    延伸阅读 延伸閱讀 热点推荐 熱點推薦 热门推荐 熱門推薦 热门文章 熱門文章 精彩推荐 精彩推薦
    猜你喜欢 猜你喜歡 经典小说推荐 經典小說推薦 小说推荐 小說推薦 杂志订阅 雜誌訂閱 雜志訂閱
    期刊订阅 期刊訂閱 在线订阅 在線訂閱 订阅 訂閱 更多 更多精彩 查看更多 上一篇 下一篇 上一页
    上一頁 下一页 下一頁 字号 字號 大中小 正文 新闻中心 新聞中心 滚动新闻 滾動新聞 即时新闻
    即時新聞 图片新闻 圖片新聞 要闻 要聞 专题 專題 视频 視頻 图片 圖片 评论 評論
    """.split()
)
# Separators between navigation words / breadcrumb steps (also stripped as decoration).
NAVIGATION_SEPARATORS = r"\s|丨｜·・•、/【】\[\]<>＜＞«»›‹→"
BREADCRUMB_ARROWS = r">＞»›→"
# The first step of a breadcrumb.
BREADCRUMB_HOME = ("首页", "首頁", "主页", "主頁", "网站首页", "網站首頁", "当前位置", "當前位置",
                   "您的位置", "您現在的位置", "您现在的位置", "位置")
# Line prefixes that introduce navigation.
NAVIGATION_PREFIXES = ("当前位置", "當前位置", "您的位置", "您现在的位置", "您現在的位置",
                       "上一篇", "下一篇", "上一條", "下一條", "上一条", "下一条")
# A short line ending like this is a page header ("中新社四川分社正文").
PAGE_HEADER_SUFFIX = "正文"

# A line starting with one of these is a list of links.
LINK_HEADINGS = ("友情链接", "友情鏈接", "友情連結", "相关链接", "相關鏈接", "相關連結", "网站链接",
                 "網站鏈接", "合作媒体", "合作媒體")

# Photographer credit at the end of a caption: "曾誠 攝".
CAPTION_CREDIT = "摄攝"
CAPTION_ROLES = ("记者", "記者", "通讯员", "通訊員", "摄影", "攝影")

# A copyright block starts with one of these headings near the end of the page.
COPYRIGHT_HEADINGS = ("版权与免责声明", "版權與免責聲明", "版权和免责声明", "版權和免責聲明", "版权声明",
                      "版權聲明", "免责声明", "免責聲明", "版权说明", "版權說明")
# How many non-blank lines from the end the heading may stand.
COPYRIGHT_TAIL_LINES = 12
# Single lines that are a copyright notice wherever they stand.
COPYRIGHT_MARKS = ("©", "Copyright", "COPYRIGHT", "版权所有", "版權所有", "ICP备", "ICP備", "ICP证",
                   "ICP證", "公网安备", "公網安備")

# Credit lines: "责任编辑:钟学丽", "【編輯:曹惠君】". The role must be followed by a colon, except
# the unambiguous "责任编辑", which may also be followed by a space and the name.
EDITOR_ROLES = ("责任编辑", "責任編輯", "责编", "責編", "值班编辑", "值班編輯", "编辑", "編輯", "审核", "審核",
                "校对", "校對", "编审", "編審", "初审", "初審", "复审", "複審", "终审", "終審", "监制",
                "監製", "主编", "主編", "美编", "美編", "编校", "編校")
EDITOR_ROLES_NO_COLON = ("责任编辑", "責任編輯")

# Metadata labels of a byline/dateline ("来源:中新網四川", "发布时间:"), counted when followed by
# a colon on a line that also carries a date.
BYLINE_LABELS = ("来源", "來源", "稿源", "信息来源", "信息來源", "发布时间", "發布時間", "發佈時間", "发布日期",
                 "發布日期", "发布者", "發布者", "编辑", "編輯", "责任编辑", "責任編輯", "作者", "浏览",
                 "瀏覽", "浏览次数", "瀏覽次數", "点击", "點擊", "阅读", "閱讀", "字号", "字號", "访问量", "訪問量")
# A short line starting with one of these (and a colon) is a byline even without a date.
BYLINE_START_LABELS = ("来源", "來源", "稿源", "信息来源", "信息來源", "发布时间", "發布時間", "發佈時間",
                       "发布日期", "發布日期")
# Signed articles name their author ("作者: 刘宴兵"); that line is part of the document and kept.

# Comment-policy and comment-count lines.
COMMENT_PHRASES = ("发言请遵守", "發言請遵守", "跟帖服务协议", "跟帖服務協議", "跟帖评论自律", "跟帖評論自律",
                   "我要跟帖", "我要评论", "我要評論", "发表评论", "發表評論", "网友评论", "網友評論",
                   "查看评论", "查看評論", "参与评论", "參與評論", "文明上网理性发言", "文明上網理性發言",
                   "评论区", "評論區")

# Length limits (characters, after trimming).
SHORT_LINE = 40
CAPTION_MAX = 120
BYLINE_MAX = 120
COPYRIGHT_MARK_MAX = 100
LINK_LINE_MAX = 300
COMMENT_MAX = 60
# No rule looks at a longer line (except the copyright block, which takes whatever follows).
LONGEST_FURNITURE = max(SHORT_LINE * 2, CAPTION_MAX, BYLINE_MAX, COPYRIGHT_MARK_MAX, LINK_LINE_MAX,
                        COMMENT_MAX)

# Sentence-final punctuation: navigation, credits and datelines never contain it.
SENTENCE_MARKS = "。！？!?；;"

# -- compiled patterns ---------------------------------------------------------------------

_NAME = rf"[{HAN_RANGES}·]{{2,5}}"  # a person's name: two to five Han characters
_ROLES = "|".join(CAPTION_ROLES)
_CAPTION = re.compile(
    # "...。曾誠 攝", "新华社记者 李四 摄", "（记者 张三 摄）"; the credit word is set off by a space.
    rf"(?:^|[。．.！!？?：:\s(（])(?:(?:{_ROLES})[:：]?\s*)?{_NAME}(?:[\s、]+{_NAME})*"
    rf"\s+[{CAPTION_CREDIT}]影?[)）]?$"
    rf"|[(（](?:(?:{_ROLES})[:：]?\s*)?{_NAME}(?:[\s、]+{_NAME})*\s*[{CAPTION_CREDIT}]影?[)）]$"
)
_NAV_SPLIT = re.compile(f"(?:[{NAVIGATION_SEPARATORS}])+")
_BREADCRUMB_SPLIT = re.compile(rf"\s*[{BREADCRUMB_ARROWS}]+\s*")
_EDITOR = re.compile(
    r"^[(（【\[]?\s*(?:(?:" + "|".join(EDITOR_ROLES) + r")\s*[:：]\s*"
    r"|(?:" + "|".join(EDITOR_ROLES_NO_COLON) + r")\s+)[^\s:：]"
)
_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_LABEL = re.compile("(?:" + "|".join(sorted(BYLINE_LABELS, key=len, reverse=True)) + r")\s*[:：]")
_BYLINE_START = re.compile(
    r"^[(（【\[]?\s*(?:" + "|".join(sorted(BYLINE_START_LABELS, key=len, reverse=True)) + r")\s*[:：]"
)
_COMMENT_COUNT = re.compile(r"^(?:已有|共)?\d+\s*(?:条|條|人)?\s*(?:评论|評論|跟帖|参与|參與)$")
_COPYRIGHT_HEADING = re.compile(
    "(?:" + "|".join(COPYRIGHT_HEADINGS) + r")\s*[:：]?$"
)
_COPYRIGHT_MARK = re.compile(
    "(?:" + "|".join(re.escape(m) for m in COPYRIGHT_MARKS) + r")(?![人者权權])"
)
_REPRINT = re.compile(r"未经.{0,8}(?:授权|许可|同意).{0,8}不得转载|未經.{0,8}(?:授權|許可|同意).{0,8}不得轉載")
_SENTENCE_MARK = re.compile(f"[{SENTENCE_MARKS}]")


# -- rules ---------------------------------------------------------------------------------


# Every furniture kind (``Excluded.reason``): the line rules' and those found from the page's
# structure ("metadata": a page's information box; "repeat": the page's beginning repeated in
# its tail) and from the library
# ("template": a line pair at the edges of several documents).
KINDS = ("navigation", "caption", "copyright", "editor", "byline", "comments", "links", "metadata", "repeat",
         "page-number", "template")


@dataclass(frozen=True, slots=True)
class Excluded:
    start: int
    end: int
    reason: str  # KINDS


@dataclass
class Context:
    """What a rule may know about a line besides its text."""

    lines: Sequence[str]
    index: int = 0
    copyright_from: int | None = None  # index of a copyright heading near the end, if any


def _has_sentence_mark(line: str) -> bool:
    return _SENTENCE_MARK.search(line) is not None


def is_byline(line: str, ctx: Context) -> bool:
    """``2024年10月30日 09:54 來源:中新網四川 編輯:曹惠君``, ``来源: 第1眼TV-华龙网``."""
    if len(line) > BYLINE_MAX or _has_sentence_mark(line):
        return False
    if _BYLINE_START.match(line) and len(line) <= SHORT_LINE:
        return True
    if _DATE.search(line) is None:
        return False
    return _TIME.search(line) is not None or _LABEL.search(line) is not None


def is_editor(line: str, ctx: Context) -> bool:
    """``责任编辑:钟学丽``, ``【編輯:曹惠君】``."""
    return len(line) <= SHORT_LINE and not _has_sentence_mark(line) and _EDITOR.match(line) is not None


def is_links(line: str, ctx: Context) -> bool:
    """``友情链接`` and a list of links after it."""
    return len(line) <= LINK_LINE_MAX and line.startswith(LINK_HEADINGS)


def is_comments(line: str, ctx: Context) -> bool:
    """``发言请遵守新闻跟帖服务协议``, ``0条评论``."""
    if len(line) > COMMENT_MAX:
        return False
    return any(p in line for p in COMMENT_PHRASES) or _COMMENT_COUNT.match(line) is not None


def is_caption(line: str, ctx: Context) -> bool:
    """A photo caption ending in the photographer's credit: ``會議現場。曾誠 攝``."""
    if len(line) > CAPTION_MAX or line[-1] not in CAPTION_CREDIT + "影)）":
        return False
    return _CAPTION.search(line) is not None


def is_navigation(line: str, ctx: Context) -> bool:
    """Breadcrumbs, page headers and lines made only of site-section words."""
    if len(line) > 2 * SHORT_LINE or _has_sentence_mark(line):
        return False
    if line.startswith(NAVIGATION_PREFIXES):
        return True
    if len(line) <= SHORT_LINE and line.endswith(PAGE_HEADER_SUFFIX):
        return True
    steps = [s for s in _BREADCRUMB_SPLIT.split(line) if s]
    if len(steps) >= 2 and all(len(s) <= 15 for s in steps):
        if steps[0] in BREADCRUMB_HOME or len(steps) >= 3:
            return True
    if len(line) <= SHORT_LINE:
        words = [w for w in _NAV_SPLIT.split(line) if w]
        return bool(words) and all(w in NAVIGATION_WORDS for w in words)
    return False


def is_copyright(line: str, ctx: Context) -> bool:
    """The copyright/disclaimer heading near the end and every line after it; © lines anywhere."""
    if ctx.copyright_from is not None and ctx.index >= ctx.copyright_from:
        return True
    if len(line) <= COPYRIGHT_MARK_MAX:
        return _COPYRIGHT_MARK.search(line) is not None or _REPRINT.search(line) is not None
    return False


Rule = Callable[[str, Context], bool]
# Tried in this order; the first that matches names the reason.
RULES: tuple[tuple[str, Rule], ...] = (
    ("byline", is_byline),
    ("editor", is_editor),
    ("links", is_links),
    ("comments", is_comments),
    ("caption", is_caption),
    ("navigation", is_navigation),
    ("copyright", is_copyright),
)


def _copyright_heading(lines: Sequence[str]) -> int | None:
    """Index of the copyright heading if one stands among the last lines."""
    for i in range(max(0, len(lines) - COPYRIGHT_TAIL_LINES), len(lines)):
        line = lines[i]
        if len(line) <= SHORT_LINE + 20 and _COPYRIGHT_HEADING.search(line):
            return i
    return None


def line_marks(lines: Sequence[str]) -> list[str | None]:
    """The furniture reason of each line by its own content alone (``RULES``)."""
    ctx = Context(lines, copyright_from=_copyright_heading(lines))
    out: list[str | None] = []
    block = len(lines) if ctx.copyright_from is None else ctx.copyright_from
    for i, line in enumerate(lines):
        if len(line) > LONGEST_FURNITURE and i < block:
            out.append(None)
            continue
        ctx.index = i
        reason = None
        for name, rule in RULES:
            if rule(line, ctx):
                reason = name
                break
        out.append(reason)
    return out


def structure(lines: Sequence[str]) -> tuple[list[str | None], int, int]:
    """Marks by content and by place on the page, and the page's ``(head_end, tail_start)``."""
    marks = line_marks(lines)
    head_end, tail_start = mark_edges(lines, marks)
    return marks, head_end, tail_start


def classify(lines: Sequence[str], template: Collection[str] = ()) -> list[str | None]:
    """The furniture reason of each (trimmed, non-blank) line, or None for document text.

    ``template``: the line-pair keys the library has seen at the edges of enough documents
    (``templates.MIN_DOCUMENTS``); without it only the page's own structure decides.
    """
    marks, head_end, tail_start = structure(lines)
    if template:
        mark_templates(lines, marks, head_end, tail_start, template)
    return marks


def find_furniture(text: str, paragraphs: Sequence, template: Collection[str] = ()) -> list[Excluded]:
    """Excluded ranges of ``text``: one per furniture paragraph (objects with start/end)."""
    lines = [text[p.start : p.end] for p in paragraphs]
    return [
        Excluded(p.start, p.end, reason)
        for p, reason in zip(paragraphs, classify(lines, template))
        if reason is not None
    ]


def furniture_ranges(text: str, template: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every furniture line of ``text``, in order (a stable entry point
    for readers and metadata extraction: skip these lines when looking for a title or a date)."""
    return [(e.start, e.end, e.reason) for e in find_furniture(text, paragraphs(text), template)]


def edge_keys(text: str, paragraphs: Sequence) -> set[str]:
    """The line-pair keys at the head and tail of ``text`` that the library counts."""
    lines = [text[p.start : p.end] for p in paragraphs]
    _, head_end, tail_start = structure(lines)
    return _edge_keys(lines, head_end, tail_start)
