"""duidu.library.readers: real seed texts re-encoded every way users save them, and every way
a file can be unusable -- each must decode exactly or fail with one clear InputError line."""

from __future__ import annotations

import codecs
import io
import os
import re
import socket
import zipfile
from pathlib import Path

import pytest

from duidu.library import charsets, html_text, input_files, readers
from duidu.library.errors import InputError
from duidu.library.readers import read_source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


def seed(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def traditional_big5_text() -> str:
    """Seed 001 without its pinyin readings (wǎng, qū... have no Big5 code), still traditional."""
    text = re.sub(rf"\([a-z{TONED}]+\)", "", seed("001"))
    text = re.sub(rf"[a-z]*[{TONED}][a-z]*\)?", "", text)  # one garbled "請?jiān)" reading
    text.encode("big5")  # the whole text must be encodable: no replacement characters
    return text


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _lines_of(data: bytes, size: int) -> bytes:
    """The first whole lines of ``data`` making at least ``size`` bytes."""
    return data[: data.index(b"\n", size) + 1]


def read_error(path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_source(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message, "errors are one line"
    assert message.startswith(f"{os.fspath(path)}: "), "errors name the file"
    return message


# --- encodings -----------------------------------------------------------------------------

ENCODINGS = [
    # id, seed, bytes from text, codec reported, note must contain
    ("utf-8", "000", lambda t: t.encode("utf-8"), "utf-8", "UTF-8 (valid throughout)"),
    ("utf-8-bom", "002", lambda t: t.encode("utf-8-sig"), "utf-8-sig", "UTF-8 (BOM)"),
    ("utf-16-le-bom", "003", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16",
     "UTF-16 LE (BOM)"),
    ("utf-16-be-bom", "004", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16",
     "UTF-16 BE (BOM)"),
    ("utf-16-le-no-bom", "000", lambda t: t.encode("utf-16-le"), "utf-16-le", "UTF-16 LE (no BOM"),
    ("utf-16-be-no-bom", "002", lambda t: t.encode("utf-16-be"), "utf-16-be", "UTF-16 BE (no BOM"),
    ("gb18030", "002", lambda t: t.encode("gb18030"), "gb18030", "GB18030 (guessed: 100% of"),
    ("gbk-read-as-gb18030", "004", lambda t: t.encode("gbk"), "gb18030", "GB18030 (guessed"),
    ("gb2312-read-as-gb18030", "003", lambda t: t.encode("gb2312"), "gb18030", "GB18030 (guessed"),
]


@pytest.mark.parametrize("number, encode, codec, note", [e[1:] for e in ENCODINGS],
                         ids=[e[0] for e in ENCODINGS])
def test_each_encoding_round_trips_and_is_named(tmp_path, number, encode, codec, note):
    text = seed(number)
    data = encode(text)
    path = write(tmp_path, "doc.txt", data)
    source = read_source(path)
    assert source.encoding == codec
    assert note in source.encoding_note
    assert source.body == text
    assert source.raw == data.decode(codec)  # raw is the file exactly as decoded
    assert source.format == "text" and source.title is None and source.path == str(path)
    assert 0.9 <= source.encoding_confidence <= 1.0


def test_big5_from_the_traditional_seed(tmp_path):
    text = traditional_big5_text()
    source = read_source(write(tmp_path, "big5.txt", text.encode("big5")))
    assert (source.encoding, source.body) == ("big5", text)
    assert source.encoding_note.startswith("Big5 (guessed: ")
    assert source.encoding_confidence >= 0.9


def test_big5hkscs_only_when_the_file_needs_it(tmp_path):
    text = traditional_big5_text() + "\n香港增補字符集：𠝹、嘅、咗。\n"
    data = text.encode("big5hkscs")
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")  # the file really is outside plain Big5
    source = read_source(write(tmp_path, "hk.txt", data))
    assert (source.encoding, source.body) == ("big5hkscs", text)
    assert source.encoding_note.startswith("Big5-HKSCS (guessed")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16-le"])
def test_every_seed_in_every_unicode_and_gb_encoding(tmp_path, path, codec):
    text = path.read_text(encoding="utf-8")  # 001 is traditional: GB18030 covers it too
    source = read_source(write(tmp_path, "s.txt", text.encode(codec)))
    assert (source.encoding, source.body) == (codec, text)


def test_gb_and_big5_are_not_confused_where_both_decode(tmp_path):
    # Lines whose GB18030 bytes are also valid Big5 (and the reverse): only the share of
    # common characters tells them apart.
    gb_lines = [line for line in seed("002").splitlines() if _decodes(line.encode("gb18030"), "big5hkscs")]
    b5_lines = [line for line in traditional_big5_text().splitlines()
                if len(line) > 20 and _decodes(line.encode("big5"), "gb18030")]
    assert gb_lines and b5_lines
    gb = read_source(write(tmp_path, "gb.txt", "\n".join(gb_lines).encode("gb18030")))
    b5 = read_source(write(tmp_path, "b5.txt", "\n".join(b5_lines).encode("big5")))
    assert (gb.encoding, gb.body) == ("gb18030", "\n".join(gb_lines))
    assert (b5.encoding, b5.body) == ("big5", "\n".join(b5_lines))


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def test_crlf_and_cr_become_lf_in_body_only(tmp_path):
    text = seed("003")
    lines = text.split("\n")
    assert len(lines) > 6
    mixed = "\r\n".join(lines[:4]) + "\r" + "\r".join(lines[4:])  # Windows, then old Mac
    source = read_source(write(tmp_path, "crlf.txt", mixed.encode("utf-8-sig")), encoding="utf-8")
    assert source.encoding == "utf-8"
    assert source.raw == "\ufeff" + mixed  # untouched, even the BOM the codec left in
    assert source.body == text  # BOM dropped, line ends normalised


def test_common_set_is_built_from_the_codecs():
    common = charsets.common_han()
    assert 6500 < len(common) < 7500
    assert {"中", "国", "國", "教", "育", "發"} <= common
    assert not {"珨", "芢", "穝", "籇", "𠝹"} & common  # mojibake and rare characters are not common


# --- decode_bytes (duidu convert: any text, from a file or standard input) ------------------

@pytest.mark.parametrize("data, text, note", [
    (b"An English memo.\r\nNothing Chinese here.\n", "An English memo.\r\nNothing Chinese here.\n",
     "UTF-8 (plain ASCII)"),
    (b"", "", "UTF-8 (plain ASCII)"),
    ("naïve café\n".encode("utf-8"), "naïve café\n", "UTF-8 (valid throughout)"),
    ("Résumé".encode("utf-8-sig"), "Résumé", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE + "Hello, world\n".encode("utf-16-le"), "Hello, world\n",
     "UTF-16 LE (BOM)"),
    ("——“注”".encode("gbk")[:4] + b"\n", "——\n", "GB18030 (guessed: no Han characters to go by)"),
], ids=["ascii", "empty", "utf8-latin", "utf8-bom", "utf16-bom", "gbk-punctuation"])
def test_decode_bytes_accepts_text_without_chinese(data, text, note):
    assert charsets.decode_bytes(data, "<stdin>") == (text, note)


def test_decode_bytes_detects_like_an_import():
    text = seed("002")
    assert charsets.decode_bytes(text.encode("gb18030"), "in.txt")[0] == text
    big5 = traditional_big5_text()
    got, note = charsets.decode_bytes(big5.encode("big5"), "in.txt")
    assert got == big5 and note.startswith("Big5 (guessed: ")
    assert charsets.decode_bytes(text.encode("gbk"), "in.txt", "gbk") == (
        text, "GBK (given with --encoding)")
    assert readers.decode_bytes is charsets.decode_bytes  # offered by both modules


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "looks like a binary file, not text (a PNG image)"),
    ("Chinese 中文".encode("utf-8")[:-1], "ends in the middle of a UTF-8 character (truncated?)"),
    ("中文内容".encode("utf-8") + "中文内容".encode("gbk"), "mixed or unknown encoding"),
    (_lines_of(seed("002").encode("gbk"), 3000) + _lines_of(traditional_big5_text().encode("big5"), 3000),
     "mixed or unknown encoding"),
    ("abc".encode("ascii") + b"\xff\xfe\xfd", "mixed or unknown encoding"),
], ids=["binary", "truncated", "mixed-short", "mixed-gbk-big5", "garbage"])
def test_decode_bytes_refuses_what_an_import_refuses(data, reason):
    with pytest.raises(InputError) as info:
        charsets.decode_bytes(data, "<stdin>")
    message = str(info.value)
    assert message.startswith("<stdin>: ") and reason in message and "\n" not in message


# --- one definition of Han and of whitespace ---------------------------------------------------

# One character of every Han block (Extension H and I are newer than some Unicode databases).
HAN_PROBES = ["\u3400", "\u4e02", "\u9fa5", "\uf900", "\U00020000", "\U0002a700", "\U0002b740",
              "\U0002b820", "\U0002ceb0", "\U0002ebf0", "\U0002f800", "\U00030000", "\U00031350"]


@pytest.mark.parametrize("ch", HAN_PROBES, ids=lambda ch: f"U+{ord(ch):04X}")
def test_library_modules_agree_on_han(tmp_path, ch):
    assert charsets.han_stats(ch * 3) == (3, 0)  # Han, and not a common character
    assert html_text.extract(f"<p>{ch}\n{ch}</p>").text == ch * 2  # a Chinese line break
    path = write(tmp_path, "han.txt", f"Name: {ch}\n".encode("utf-8"))
    assert read_source(path).body == f"Name: {ch}\n"  # not "contains no Chinese text"


@pytest.mark.parametrize("blank", ["\u200b", "\u2002", "\u202f", "\u3000\u00a0\ufeff"])
def test_library_blank_is_the_text_layers_whitespace(tmp_path, blank):
    assert "the file is empty (only whitespace)" in read_error(
        write(tmp_path, "blank.txt", f"{blank}\n".encode("utf-8")))
    page = write(tmp_path, "blank.html", f"<p>{blank}</p>".encode("utf-8"))
    assert "the page has no text" in read_error(page)


# --- --encoding override -------------------------------------------------------------------

def test_override_is_used_and_reported(tmp_path):
    text = traditional_big5_text()
    path = write(tmp_path, "b5.txt", text.encode("big5"))
    source = read_source(path, encoding="BIG5")
    assert (source.encoding, source.body, source.encoding_confidence) == ("big5", text, 1.0)
    assert source.encoding_note == "Big5 (given with --encoding)"
    gbk = read_source(write(tmp_path, "gbk.txt", seed("003").encode("gbk")), encoding="gbk")
    assert gbk.encoding == "gbk" and gbk.body == seed("003")


def test_wrong_override_names_the_byte(tmp_path):
    text = seed("002")
    data = text.encode("gb18030")
    first_high = next(i for i, b in enumerate(data) if b >= 0x80)
    message = read_error(write(tmp_path, "gb.txt", data), encoding="utf-8")
    assert f"not valid UTF-8 at byte {first_high} (0x" in message
    assert "check --encoding" in message


@pytest.mark.parametrize("name", ["klingon", "rot13", "base64"])
def test_unknown_or_non_text_codec_is_refused(tmp_path, name):
    path = write(tmp_path, "u.txt", seed("000").encode("utf-8"))
    assert f"unknown encoding '{name}'" in read_error(path, encoding=name)


# --- bad input -----------------------------------------------------------------------------

def test_empty_file(tmp_path):
    assert read_error(write(tmp_path, "e.txt", b"")).endswith("the file is empty (0 bytes)")


@pytest.mark.parametrize("data", [b"  \r\n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n",
                                  codecs.BOM_UTF16_LE + " \n\u3000".encode("utf-16-le")],
                         ids=["spaces", "bom", "bom-spaces", "utf16-spaces"])
def test_whitespace_or_bom_only_is_empty(tmp_path, data):
    assert "the file is empty (only whitespace)" in read_error(write(tmp_path, "w.txt", data))


def test_binary_renamed_to_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    assert read_error(write(tmp_path, "img.txt", png)).endswith(
        "looks like a binary file, not text (a PNG image)")
    docx = _docx_bytes(["中文"])
    assert read_error(write(tmp_path, "doc.txt", docx)).endswith(
        "looks like a binary file, not text (a zip archive)")


def test_control_bytes_without_zeros_are_binary(tmp_path):
    data = b"\x01\x02\x03\x04".join(seed("004").encode("utf-8")[i : i + 50]
                                   for i in range(0, 3000, 50))
    assert "looks like a binary file, not text" in read_error(write(tmp_path, "c.txt", data))


def test_one_stray_control_byte_is_still_text(tmp_path):
    text = seed("000") + "\x1a"  # DOS end-of-file mark
    assert read_source(write(tmp_path, "dos.txt", text.encode("gb18030"))).body == text


def test_truncated_utf8(tmp_path):
    data = seed("000").encode("utf-8").rstrip()
    last = max(i for i, b in enumerate(data) if b >= 0xC0)  # start of the last multi-byte char
    message = read_error(write(tmp_path, "cut.txt", data[: last + 2]))
    assert message.endswith(
        f"ends in the middle of a UTF-8 character (truncated?) at byte {last} of {last + 2}")


def test_truncated_utf16_and_gb18030(tmp_path):
    utf16 = codecs.BOM_UTF16_LE + seed("002").encode("utf-16-le")
    assert "ends in the middle of a UTF-16 character (truncated?) at byte" in read_error(
        write(tmp_path, "u16.txt", utf16[:-1]))
    gb = (seed("002").rstrip() + "。").encode("gb18030")
    assert read_error(write(tmp_path, "gb.txt", gb[:-1])).endswith(
        f"ends in the middle of a GB18030 character (truncated?) at byte {len(gb) - 2} "
        f"of {len(gb) - 1}")


def test_mixed_utf8_and_gbk(tmp_path):
    lines = seed("002").splitlines(keepends=True)
    head = "".join(lines[:10]).encode("utf-8")
    data = head + "".join(lines[10:]).encode("gbk")
    assert read_error(write(tmp_path, "mixed.txt", data)).endswith(
        f"mixed or unknown encoding: not valid UTF-8 at byte {len(head)}, "
        "and not valid GB18030/Big5 either; pass --encoding")


def test_mixed_gbk_then_utf8(tmp_path):
    lines = seed("000").splitlines(keepends=True)
    data = "".join(lines[:10]).encode("gbk") + "".join(lines[10:]).encode("utf-8")
    message = read_error(write(tmp_path, "mixed.txt", data))
    assert "mixed or unknown encoding: not valid UTF-8 at byte 0" in message
    assert message.endswith("; pass --encoding")


def test_mixed_file_that_gb18030_swallows_is_still_refused(tmp_path):
    # Runs of UTF-8 Chinese with an even byte count are valid GB18030 pairs: the strict
    # decode succeeds, and only the flood of rare characters gives the mojibake away.
    han = "".join(charsets.HAN.findall(seed("000")))
    pairs = [han[i : i + 2] for i in range(0, len(han) - 1, 2)]
    pairs = [p for p in pairs if _decodes(p.encode("utf-8"), "gb18030")]  # most of them
    assert len(pairs) > 1000
    utf8 = "".join(p + ("\n" if n % 20 == 19 else "") for n, p in enumerate(pairs)).encode()
    data = utf8 + seed("003").encode("gbk")
    data.decode("gb18030")  # precondition: nothing here fails a strict GB18030 decode
    message = read_error(write(tmp_path, "swallowed.txt", data))
    assert f"mixed or unknown encoding: not valid UTF-8 at byte {len(utf8)}, and as GB18030 only " in message
    assert message.endswith("% of its Han characters are common ones; pass --encoding")


def _mixed_error(message: str) -> None:
    assert "mixed or unknown encoding: not valid UTF-8 at byte " in message
    assert "are common ones; pass --encoding" in message


@pytest.mark.parametrize("order", ["gbk-then-big5", "big5-then-gbk"])
def test_gbk_and_big5_in_one_file_are_refused(tmp_path, order):
    # Both halves decode strictly as GB18030, and the file as a whole scores well: only
    # scoring it stretch by stretch shows that one half is mojibake.
    gbk = _lines_of(seed("002").encode("gbk"), 3000)
    big5 = _lines_of(traditional_big5_text().encode("big5"), 3000)
    data = gbk + big5 if order == "gbk-then-big5" else big5 + gbk
    data.decode("gb18030")  # precondition: no byte is out of place for GB18030
    message = read_error(write(tmp_path, "mixed.txt", data))
    _mixed_error(message)
    assert re.search(r"as GB18030 only \d+% of the Han characters in lines? \d+", message)


def test_one_big5_line_in_a_gbk_file_is_refused(tmp_path):
    line = max(traditional_big5_text().splitlines(), key=len).encode("big5") + b"\n"
    gbk = seed("002").encode("gbk")
    cut = gbk.index(b"\n", len(gbk) // 3) + 1
    data = gbk[:cut] + line + gbk[cut:]
    data.decode("gb18030")
    line_number = gbk[:cut].count(b"\n") + 1
    message = read_error(write(tmp_path, "line.txt", data))
    _mixed_error(message)
    assert f"of the Han characters in line {line_number} are common ones" in message


def test_mixed_stretch_outside_the_sampled_chunks_is_found(tmp_path):
    # Big enough that only the start, middle and end are sampled for ranking; the Big5
    # stretch sits between them, so only the full scoring of the decoded text can see it.
    gbk = seed("002").encode("gbk") * 20
    assert len(gbk) > 3 * charsets.SAMPLE_CHUNK
    cut = gbk.index(b"\n", len(gbk) // 4) + 1
    assert charsets.SAMPLE_CHUNK < cut < len(gbk) // 2 - charsets.SAMPLE_CHUNK
    data = gbk[:cut] + _lines_of(traditional_big5_text().encode("big5"), 1000) + gbk[cut:]
    data.decode("gb18030")
    _mixed_error(read_error(write(tmp_path, "big-mixed.txt", data)))


def test_short_mixed_utf8_and_gbk_is_refused(tmp_path):
    # Eight Han characters: too few for the old evidence rule, which trusted the strict decode
    # and imported "涓枃鍐呭中文内容" (plus two private-use characters).
    data = "中文内容".encode("utf-8") + "中文内容".encode("gbk")
    assert "".join(charsets.HAN.findall(data.decode("gb18030"))) == "涓枃鍐呭中文内容"
    message = read_error(write(tmp_path, "short.txt", data))
    assert message.endswith("mixed or unknown encoding: not valid UTF-8 at byte 12, and as "
                            "GB18030 only 62% of its Han characters are common ones; "
                            "pass --encoding")


@pytest.mark.parametrize("text, codec", [
    ("川渝两地共建职业教育联盟。", "gb18030"),
    ("川渝两地共建职业教育联盟。", "utf-8"),
    ("川渝兩地共建職業教育聯盟。", "big5"),
    ("川渝两地共建职业教育联盟。\r\n", "gbk"),
])
def test_short_real_files_still_import(tmp_path, text, codec):
    source = read_source(write(tmp_path, "short.txt", text.encode(codec)))
    assert source.body == text.replace("\r\n", "\n")
    assert source.encoding == ("gb18030" if codec == "gbk" else codec)


def test_a_line_of_rare_names_is_not_mistaken_for_mojibake(tmp_path):
    # 淼 喆 堃 珺 are outside the common set; a line of names still reads as Chinese.
    names = "参会人员：王淼、李喆、张堃、赵珺、刘昊、陈晓、杨帆、周婷、吴磊、郑爽等同志。"
    text = seed("003") + names + "\n"
    han, common = charsets.han_stats(names)
    assert han >= charsets.MIN_EVIDENCE and common < han
    source = read_source(write(tmp_path, "names.txt", text.encode("gb18030")))
    assert (source.encoding, source.body) == ("gb18030", text)


def test_no_chinese(tmp_path):
    english = b"An English memo.\nNothing to compare here.\n"
    assert read_error(write(tmp_path, "en.txt", english)).endswith("contains no Chinese text")


def test_missing_path(tmp_path):
    assert read_error(tmp_path / "nowhere.txt").endswith("no such file")


def test_directory(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert read_error(folder).endswith("is a directory, not a file")


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_error(fifo).endswith("is not a regular file")  # and does not block


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", seed("000").encode("utf-8"))

    def denied(file, mode="r", *args, **kwargs):  # tests run as root: chmod would not stop us
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(input_files.os, "open", denied)  # input_files opens every file read
    message = read_error(path)
    monkeypatch.undo()
    assert message.endswith("permission denied")


@pytest.mark.parametrize("name, shown", [("report.rtf", "unsupported file type '.rtf'"),
                                         ("README", "no file extension")])
def test_unsupported_extension(tmp_path, name, shown):
    message = read_error(write(tmp_path, name, seed("000").encode("utf-8")))
    assert shown in message
    assert message.endswith("supported: .txt .md .text .html .htm .xhtml .shtml .docx .pdf .ofd .doc .wps")


def test_extension_case_does_not_matter(tmp_path):
    assert read_source(write(tmp_path, "DOC.TXT", seed("004").encode())).format == "text"
    assert read_source(write(tmp_path, "notes.md", seed("004").encode())).format == "text"


# --- HTML ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>{meta}
<title>关于推进
  教育协同发展的通知 &amp; 附件</title>
<link rel="stylesheet" href="http://example.gov.cn/site.css">
<style>p {{ color: red }} .x::after {{ content: "样式文字" }}</style>
<script>var s = "<p>脚本里的中文</p>";</script>
</head><body>
<header><h1>网站页眉</h1></header>
<nav><ul><li>首页</li><li>新闻中心</li></ul></nav>
<div class="content">
<h1>关于推进教育协同发展的通知</h1>
<p>　　各区县教育局：为贯彻落实
成渝地区双城经济圈建设，现就有关事项通知如下。</p>


<p>一、总体要求&nbsp;&lt;试行&gt; &#x4E2D;&#20013;</p>
<img src="http://example.gov.cn/photo.jpg" alt="图片说明">
<p>Policy
   text, 二〇二四年<br>第二行</p>
<table><tr><th>序号</th><th>地区</th></tr><tr><td>1</td><td>重庆</td></tr></table>
<iframe src="http://example.gov.cn/frame.html">框架内容</iframe>
<svg><title>图标</title><text>矢量文字</text></svg>
<noscript>请启用脚本</noscript>
</div>
<aside>相关阅读</aside><footer>版权所有 主办单位</footer>
<form><button>提交</button><select><option>选项</option></select></form>
</body></html>"""

PAGE_BODY = [
    "关于推进教育协同发展的通知",
    "　　各区县教育局：为贯彻落实成渝地区双城经济圈建设，现就有关事项通知如下。",
    "一、总体要求\u00a0<试行> 中中",
    "Policy text, 二〇二四年",
    "第二行",
    "序号\t地区",  # a table row: its cells tab-separated
    "1\t重庆",
]
DROPPED = ["网站页眉", "首页", "新闻中心", "脚本", "样式", "图片", "框架", "图标", "矢量",
           "请启用", "相关阅读", "版权", "提交", "选项"]


def _offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_extraction_utf8_without_meta(tmp_path, monkeypatch):
    _offline(monkeypatch)
    html = PAGE.format(meta="")
    source = read_source(write(tmp_path, "page.html", html.encode("utf-8")))
    assert source.format == "html" and source.encoding == "utf-8"
    assert source.raw == html  # the page source, untouched
    assert source.body.split("\n") == PAGE_BODY
    assert source.title == "关于推进教育协同发展的通知 & 附件"
    for text in DROPPED:
        assert text not in source.body


@pytest.mark.parametrize("meta", ['<meta charset="gbk">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'],
                         ids=["meta-charset", "http-equiv"])
def test_html_gbk_page_with_declared_charset(tmp_path, meta):
    html = PAGE.format(meta=meta)
    source = read_source(write(tmp_path, "gbk.htm", html.encode("gbk")))
    assert source.encoding == "gb18030"
    assert source.encoding_note.startswith("GB18030 (declared in the document as gb")
    assert source.raw == html and source.body.split("\n") == PAGE_BODY


def test_html_big5_page(tmp_path):
    text = traditional_big5_text()
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    html = '<html><head><meta charset="big5"><title>川渝</title></head><body>' + "".join(
        f"<p>{p}</p>\n" for p in paragraphs) + "</body></html>"
    source = read_source(write(tmp_path, "tw.html", html.encode("big5")))
    assert (source.encoding, source.title) == ("big5", "川渝")
    assert source.body.split("\n") == paragraphs


def test_html_wrong_declaration_falls_back_to_detection(tmp_path):
    html = PAGE.format(meta='<meta charset="iso-8859-1">')
    source = read_source(write(tmp_path, "liar.html", html.encode("utf-8")))
    assert source.encoding == "utf-8"
    assert "declares charset=iso-8859-1, which does not fit" in source.encoding_note
    assert source.body.split("\n") == PAGE_BODY


def test_html_declared_charset_with_chinese_only_in_entities(tmp_path):
    html = '<meta charset="utf-8"><title>&#x901A;&#x77E5;</title><p>&#20013;&#25991;</p>'
    source = read_source(write(tmp_path, "ascii.html", html.encode("ascii")))
    assert (source.encoding, source.title, source.body) == ("utf-8", "通知", "中文")
    assert source.encoding_note == "UTF-8 (declared in the document as utf-8)"


def test_html_unclosed_title_and_preformatted_text(tmp_path):
    html = "<html><head><title>通知<body><pre>第一行\n  第二行\n\n第三行</pre><p>结尾</body>"
    source = read_source(write(tmp_path, "sloppy.html", html.encode("utf-8")))
    assert source.title == "通知"
    assert source.body == "第一行\n第二行\n第三行\n结尾"


def test_html_malformed_marked_section_does_not_crash(tmp_path):
    # html.parser itself raises AssertionError on "<![" followed by a non-keyword.
    html = "<p>第一段<![ 坏标记 >续</p><![if !IE]><p>第二段</p><![endif]>"
    assert read_source(write(tmp_path, "odd.html", html.encode("utf-8"))).body == "第一段续\n第二段"


def test_xhtml_xml_declaration(tmp_path):
    html = ('<?xml version="1.0" encoding="GB2312"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<body><p>第一段</p><p>第二段<![CDATA[ignored]]></p></body></html>")
    source = read_source(write(tmp_path, "x.xhtml", html.encode("gb2312")))
    assert source.encoding == "gb18030" and source.body == "第一段\n第二段"


def test_html_override_beats_meta(tmp_path):
    html = PAGE.format(meta='<meta charset="big5">')
    source = read_source(write(tmp_path, "o.html", html.encode("gbk")), encoding="gbk")
    assert source.encoding == "gbk" and source.body.split("\n") == PAGE_BODY


def test_html_with_chinese_only_in_scripts(tmp_path):
    html = "<html><body><script>alert('中文')</script><p>Loading…</p></body></html>"
    assert read_error(write(tmp_path, "js.html", html.encode("utf-8"))).endswith(
        "contains no Chinese text (outside scripts, styles and navigation)")


def test_html_with_no_text_at_all(tmp_path):
    html = "<html><head><title>空</title><style>p{}</style></head><body><img src=x></body></html>"
    assert "the page has no text" in read_error(write(tmp_path, "blank.html", html.encode()))


# --- .docx ---------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_bytes(paragraphs_xml: list[str], title: str | None = None, document: str | None = None,
                omit_document: bool = False) -> bytes:
    body = "".join(p if p.startswith("<w:") else f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"
                   for p in paragraphs_xml)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        if not omit_document:
            z.writestr("word/document.xml", document if document is not None else
                       f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}'
                       "<w:sectPr/></w:body></w:document>")
        if title is not None:
            z.writestr("docProps/core.xml",
                       '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                       'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                       f"<dc:title>{title}</dc:title></cp:coreProperties>")
    return buffer.getvalue()


def test_docx_paragraphs_and_title(tmp_path):
    text_lines = seed("004").splitlines()[:5]
    paragraphs = [
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>关于</w:t></w:r>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">推进 </w:t></w:r>"
        "<w:hyperlink><w:r><w:t>教育</w:t></w:r></w:hyperlink></w:p>",
        "<w:p><w:r><w:t>第一条</w:t><w:tab/><w:t>总则</w:t><w:br/><w:t>同段</w:t></w:r></w:p>",
        "<w:p/>",  # empty paragraph: kept in raw, not in body
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>移来</w:t></w:r>"
        "</w:moveTo></w:p>",
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t>"
        "</w:r></w:p></w:txbxContent></w:pict></w:r><w:r><w:t>续</w:t></w:r></w:p>",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格一</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>单元格二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        *text_lines,
    ]
    path = write(tmp_path, "notice.docx", _docx_bytes(paragraphs, title="  重庆 教育通知 "))
    source = read_source(path, encoding="gbk")  # ignored: the XML declares its own
    expected = ["关于推进 教育", "第一条\t总则 同段", "", "保留移来", "正文续", "文本框", "单元格一",
                "单元格二", *text_lines]
    assert source.raw.split("\n") == expected
    assert source.body.split("\n") == [line for line in expected if line.strip()]
    assert (source.format, source.encoding, source.title) == ("docx", None, "重庆 教育通知")


def test_docx_without_core_properties_has_no_title(tmp_path):
    source = read_source(write(tmp_path, "t.docx", _docx_bytes(["正文"])))
    assert (source.title, source.body) == (None, "正文")


@pytest.mark.parametrize("data, reason", [
    (b"this is not a zip", "not a zip archive"),
    (_docx_bytes([], omit_document=True), "no word/document.xml in the archive"),
    (_docx_bytes([], document=f"<w:document {W}><w:body><w:p>"), "broken XML in word/document.xml"),
    (_docx_bytes(["中文"])[:200], "not a zip archive"),  # cut-off download
], ids=["not-zip", "no-document", "broken-xml", "truncated"])
def test_broken_docx(tmp_path, data, reason):
    message = read_error(write(tmp_path, "bad.docx", data))
    assert f"not a valid .docx file: {reason}" in message


def test_docx_without_text(tmp_path):
    assert read_error(write(tmp_path, "empty.docx", _docx_bytes(["<w:p/>"]))).endswith(
        "the document has no text")


# --- size ----------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["gb18030", "utf-8"])
def test_twenty_megabytes_decode_exactly(tmp_path, codec):
    # (How fast is measured by `make bench`, not asserted here.)
    text = seed("002")
    copies = 20_000_000 // len(text.encode(codec)) + 1
    data = (text * copies).encode(codec)
    assert len(data) >= 20_000_000
    path = write(tmp_path, "big.txt", data)
    del data
    source = read_source(path)
    assert source.encoding == codec
    assert len(source.body) == len(text) * copies and source.body == text * copies
