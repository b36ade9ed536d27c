"""The pair report's labels in Taiwan wording, reviewed by hand.

``pair_report`` writes its labels in simplified Chinese with English beside them ("共享段落
Shared passages") and shows them in the report's script. For Taiwan (``tw``) a character
conversion is not enough: s2twp keeps mainland terms in traditional characters (共享段落, 套話,
文字 for the script), where Taiwan readers say 共同段落, 制式用語, 字體 — the README glossary's
繁體（臺灣） column. So each label has its Taiwan form here, keyed by the simplified label as
``pair_report`` writes it; ``tests/test_report.py`` checks every label in ``pair_report`` is here
and that none carries a term the glossary gives only to the mainland. Other scripts (traditional,
Hong Kong) are still converted.
"""

from __future__ import annotations

TAIWAN: dict[str, str] = {
    # headings
    "对读": "對讀",
    "摘要 Summary": "摘要 Summary",
    "文档 Documents": "文件 Documents",
    "共享段落 Shared passages": "共同段落 Shared passages",
    "措施 Measures": "措施 Measures",
    "数字 Figures": "數字 Figures",
    "笔记 Notes": "筆記 Notes",
    "对照笔记 Comparison notes": "對照筆記 Comparison notes",
    # the summary
    "相似度 Similarity": "相似度 Similarity",
    "见于 in": "見於 in",
    "共享段落 shared passages": "共同段落 shared passages",
    "逐字相同 verbatim": "逐字相同 verbatim",
    "近似 fuzzy": "近似 fuzzy",
    "逐字相同": "逐字相同",
    "近似": "近似",
    "套话段落未列出 boilerplate passages left out": "制式用語段落未列出 boilerplate passages left out",
    "对应数字不同 paired figures differ": "對應數字不同 paired figures differ",
    "不同 differing characters": "不同的字 differing characters",
    "共有 Shared": "共有 Shared",
    "仅见于 only in": "僅見於 only in",
    "项见措施表 more in Measures": "項見措施表 more in Measures",
    "无 none": "無 none",
    # the documents' metadata
    "标题 Title": "標題 Title",
    "地区 Region": "地區 Region",
    "日期 Date": "日期 Date",
    "来源 Source": "來源 Source",
    "文字 Script": "字體 Script",
    "文字": "字體",
    "字数 Length": "字數 Length",
    "原文 original": "原文 original",
    "简体 simplified": "簡體 simplified",
    "繁體 traditional": "繁體 traditional",
    "台灣 Taiwan": "臺灣 Taiwan",
    "香港 Hong Kong": "香港 Hong Kong",
    "混合 mixed": "混合 mixed",
    # passages, measures, figures
    "套话 boilerplate": "制式用語 boilerplate",
    "套话": "制式用語",
    "同上 as in": "同上 as in",
    "措施 Measure": "措施 Measure",
    "不同 differs": "不同 differs",
    "相同 same": "相同 same",
    # notes
    "引文 Quote": "引文 Quote",
    "编码 Codes": "編碼 Codes",
    "笔记 Note": "筆記 Note",
    "标注者 Annotator": "標註者 Annotator",
    "未能定位 orphaned": "未能定位 orphaned",
    "只列出此标注者的笔记 Only the notes of": "只列出此標註者的筆記 Only the notes of",
}
