"""The command line: every subcommand on real data, exit codes, JSON shapes, no tracebacks.

Called in this process (``main(argv)``, output captured) on a copy of the seeded library
(``seeded_default``); real ``python -m duidu`` / ``duidu`` processes only where the process is
what is tested (the entry points, a real pipe, the exit status a script sees)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from duidu import __version__
from duidu.cli.main import main
from duidu.paths import seed_path


def duidu(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_entry_point():
    r = subprocess.run([sys.executable, "-m", "duidu", "--version"], capture_output=True, text=True)
    assert (r.returncode, r.stdout.strip()) == (0, f"duidu {__version__}")
    script = os.path.join(os.path.dirname(sys.executable), "duidu")
    r = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert r.stdout.strip() == f"duidu {__version__}"


def test_version_loads_no_library():
    """`duidu --version` builds the parser only: no library module, sqlite-utils, jieba or Qt (the
    library once came in through cli/output.py, tripling the command's CPU time from a fresh clone)."""
    code = (
        "import sys\n"
        "from duidu.cli.main import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "heavy = [m for m in sys.modules if m.startswith(('duidu.library', 'duidu.engine', 'sqlite_utils', 'jieba', 'PySide6'))]\n"
        "print(heavy)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [f"duidu {__version__}", "[]"]


def test_list_json_holds_the_seeds(capsys, seeded_default):
    code, out, _ = duidu(capsys, "list", "--json")
    docs = json.loads(out)
    assert code == 0 and len(docs) == 5
    assert {"id", "title", "region", "date", "script", "length"} <= set(docs[0])
    assert [d["script"] for d in docs] == ["simplified", "traditional", "simplified", "simplified", "simplified"]


def test_show_json_and_scripts(capsys, seeded_default):
    code, out, _ = duidu(capsys, "show", "001_6a591adfc5be8ef4.txt", "--json")
    doc = json.loads(out)
    assert code == 0
    assert doc["script"] == "traditional" and doc["region"] == "四川" and doc["date"] == "2024-10-30"
    assert "(wǎng)" not in doc["text"]
    for start, end in doc["paragraphs"]:
        assert doc["text"][start:end].strip()
    reasons = {e["reason"] for e in doc["excluded"]}
    assert "copyright" in reasons
    code, out, _ = duidu(capsys, "show", "全方位合作", "--script", "simplified", "--json")
    doc = json.loads(out)
    view = doc["view"]
    assert view["config"] == "t2s" and "川渝毗邻地区将共同推进教育高质量发展" in view["text"]
    assert len(view["paragraphs"]) == len(doc["paragraphs"])
    code, out, _ = duidu(capsys, "show", "1", "--script", "tw")
    assert code == 0 and "成渝地區雙城經濟圈" in out


def test_import_reports_and_recognises_duplicates(capsys, tmp_path, seeded_default):
    f = tmp_path / "sichuan-gbk.txt"
    f.write_bytes("四川省推进川渝教育协同发展。\n共建名师名校长工作室。".encode("gb18030"))
    code, out, err = duidu(capsys, "import", str(f), "--title", "川渝测试", "--region", "四川", "--date", "2025-01-02")
    assert code == 0 and err == ""
    assert "imported 6: 川渝测试" in out and "GB18030" in out.upper()
    code, out, _ = duidu(capsys, "import", str(f), "--json")
    result = json.loads(out)[0]
    assert code == 0 and result["created"] is False and result["document"]["id"] == 6
    code, out, _ = duidu(capsys, "show", "6", "--json")
    doc = json.loads(out)
    assert (doc["title"], doc["region"], doc["date"]) == ("川渝测试", "四川", "2025-01-02")


def test_convert_file_and_stdin(capsys, tmp_path, monkeypatch):
    f = tmp_path / "in.txt"
    f.write_text("互联网教育", encoding="utf-8")
    code, out, _ = duidu(capsys, "convert", "--config", "s2twp", str(f))
    assert (code, out) == (0, "網際網路教育")
    r = subprocess.run([sys.executable, "-m", "duidu", "convert", "--config", "t2s"], input="學前教育發展共同體", capture_output=True, text=True)
    assert (r.returncode, r.stdout) == (0, "学前教育发展共同体")


def test_search_json_spans_point_into_stored_text(capsys, seeded_default):
    code, out, _ = duidu(capsys, "search", "協同發展", "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) > 10
    code, out, _ = duidu(capsys, "show", str(hits[0]["document_id"]), "--json")
    text = json.loads(out)["text"]
    assert text[hits[0]["start"] : hits[0]["end"]] == hits[0]["match"]
    code, out, _ = duidu(capsys, "search", "职教", "--doc", "全方位合作")
    assert code == 0 and out.count("【職教】") == 2 and len(out.splitlines()) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["import"],
        ["show"],
        ["show", "1", "--script", "klingon"],
        ["convert", "--config", "x2y", "-"],
        ["import", "a.txt", "b.txt", "--title", "同一个标题"],
        ["import", "a.txt", "--date", "十月"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_input_errors_exit_1_with_one_line(capsys, tmp_path, seeded_default):
    missing = tmp_path / "missing.txt"
    code, out, err = duidu(capsys, "import", str(missing))
    assert code == 1 and err.strip() == f"duidu: {missing}: no such file"
    code, _, err = duidu(capsys, "show", "99")
    assert code == 1 and err.count("\n") == 1 and "99" in err
    code, _, _ = duidu(capsys, "list")
    assert code == 0


def test_bad_inputs_never_traceback_and_never_write(tmp_path, capsys, seeded_template):
    """Each bad input through the command: one line naming the file, exit 1, nothing written.

    In this process (a traceback would fail the test as an exception), and once as a real
    ``python -m duidu`` process: the exit status and stderr a script sees."""
    import shutil

    library = tmp_path / "lib.sqlite"
    shutil.copyfile(seeded_template, library)
    env = {**os.environ, "DUIDU_LIBRARY": str(library)}
    seed = seed_path("000_bf6dfff8fbad574e.txt").read_bytes()
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 64,
        "truncated.txt": seed[:301] if seed[:301].decode("utf-8", "ignore") != seed[:301].decode("utf-8", "replace") else seed[:302],
        "mixed.txt": seed[:900] + "教育协同发展".encode("gbk") * 20,
        "english.txt": b"No Chinese in here at all.\n" * 10,
        "page.pdf": b"%PDF-1.4",
        "broken.docx": b"PK not really a zip",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder.txt").mkdir()
    for name in [*bad, "folder.txt", "nowhere.txt"]:
        code, out, err = duidu(capsys, "--library", str(library), "import", str(tmp_path / name))
        assert code == 1 and out == "", name
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"duidu: {tmp_path / name}: "), (name, err)
    r = subprocess.run([sys.executable, "-m", "duidu", "import", str(tmp_path / "binary.txt")], env=env, capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    code, out, _ = duidu(capsys, "--library", str(library), "list", "--json")
    assert code == 0 and len(json.loads(out)) == 5


@pytest.mark.parametrize("args", [["search", "双减", "--limit", "0"], ["search", "双减", "--limit", "-5"], ["show", ""], ["--library", "", "list"], ["search", " "]])
def test_empty_and_non_positive_arguments_are_usage_errors(capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2


def test_reading_goes_on_while_another_duidu_writes(tmp_path, capsys, seeded_template):
    """Another process holds the write lock: reading commands answer at once (WAL), conversion
    cache or not. (A writing command waits its turn: tests/test_concurrency.py.)"""
    import shutil
    import sqlite3

    library = tmp_path / "lib.sqlite"
    shutil.copyfile(seeded_template, library)
    holder = sqlite3.connect(library)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, shown, _ = duidu(capsys, "--library", str(library), "show", "1", "--script", "hk")
        listed = duidu(capsys, "--library", str(library), "list", "--json")
    finally:
        holder.rollback()
        holder.close()
    assert code == 0 and "成渝地區雙城經濟圈" in shown
    assert listed[0] == 0 and len(json.loads(listed[1])) == 5


def test_convert_decodes_like_import_and_passes_other_text_through(tmp_path, capsys, monkeypatch):
    """In this process, standard input a byte stream as a pipe gives it (a traceback would fail
    the test as an exception; the real pipe: test_convert_file_and_stdin)."""
    import io

    def convert(*args, data: bytes) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        return duidu(capsys, "convert", "--config", "s2t", *args)

    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("学前教育发展共同体".encode("gb18030"))
    code, out, _ = convert(str(gbk), data=b"")
    assert (code, out) == (0, "學前教育發展共同體")
    english = tmp_path / "notes.csv"
    english.write_bytes(b"plain, ascii\n")
    assert convert(str(english), data=b"")[1] == "plain, ascii\n"
    code, out, err = convert("-", data=bytes(range(256)) * 8)
    assert code == 1 and out == "" and err.startswith("duidu: <stdin>: ") and len(err.strip().splitlines()) == 1
    code, _, err = convert(str(tmp_path / "missing.txt"), data=b"")
    assert code == 1 and err.strip().endswith("no such file")


def test_measures_names_are_whole_or_cut_with_an_ellipsis_to_the_terminal(capsys, monkeypatch, seeded_default):
    """A name is never cut silently: whole when the terminal is wide enough, else ending in "…"; whole in --json."""
    from duidu.cli.output import columns

    code, out, _ = duidu(capsys, "measures", "--json")
    names = [m["name"] for m in json.loads(out)["measures"]]
    assert code == 0 and max(len(n) for n in names) > 11  # longer names than the table once cut to
    monkeypatch.setenv("COLUMNS", "400")
    code, wide, _ = duidu(capsys, "measures")
    rows = [line for line in wide.splitlines() if line.startswith("  ")]
    assert code == 0 and len(rows) == len(names)
    assert [line.split()[0] for line in rows] == names and "…" not in wide
    monkeypatch.setenv("COLUMNS", "60")
    code, narrow, _ = duidu(capsys, "measures")
    rows = [line for line in narrow.splitlines() if line.startswith("  ")]
    cut = [line.split()[0] for line in rows if line.split()[0] not in names]
    assert code == 0 and cut and all(n.endswith("…") and any(m.startswith(n[:-1]) for m in names) for n in cut)
    assert max(columns(line.split()[0]) for line in rows) <= 60 - 2 - 5 * 5 - 3 - 4  # room left for the counts
    assert len({columns(line.rsplit("   ", 1)[0]) for line in rows}) == 1  # the counts end in one column: in line


def test_list_gives_the_title_the_room_the_issuer_does_not_use(capsys, monkeypatch, seeded_default):
    """On 80 columns a new library's titles showed 7 characters while 5 columns stood empty (the
    issuer column, all "—", kept its share): the lines now fill the terminal, titles cut with "…"."""
    from duidu.cli.output import columns

    titles = [d["title"] for d in json.loads(duidu(capsys, "list", "--json")[1])]
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = duidu(capsys, "list")
    rows = out.splitlines()[1:]
    assert code == 0 and len(rows) == len(titles) and max(columns(line) for line in out.splitlines()) == 80
    assert all(t[:9] in line for t, line in zip(titles, rows)) and "…" in out  # 9 characters at least, was 7


def test_measures_names_stay_whole_when_the_counts_overflow_the_terminal(capsys, monkeypatch, seeded_default):
    """Counts wider than the terminal wrap the line whatever the name: a name cut to a stub
    (调整住… on 80 columns with 23 documents, tried from a fresh clone) would then only lose it."""
    from duidu.cli.output import NAME_LEAST

    code, out, _ = duidu(capsys, "measures", "--json")
    names = [m["name"] for m in json.loads(out)["measures"]]
    monkeypatch.setenv("COLUMNS", str(2 + 5 * 5 + 3 + 4 + NAME_LEAST - 1))  # five documents' counts leave too little
    code, tight, _ = duidu(capsys, "measures")
    rows = [line for line in tight.splitlines() if line.startswith("  ")]
    assert code == 0 and [line.split()[0] for line in rows] == names and "…" not in tight
    monkeypatch.setenv("COLUMNS", str(2 + 5 * 5 + 3 + 4 + NAME_LEAST))  # just enough: cut to NAME_LEAST
    code, cut, _ = duidu(capsys, "measures")
    rows = [line for line in cut.splitlines() if line.startswith("  ")]
    assert code == 0 and any(line.split()[0].endswith("…") for line in rows)
