"""Load stage: decoding in the encodings reports come in, footer removal, refusals, metadata."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

import assistant.config
import assistant.load
from assistant import UnsupportedFileError, chunk_document, load_file

FOOTER_STRINGS = ("本文仅代表作者观点", "本文地址", "留言与评论", "验证码", "网站地图")
LAST_BODY_SENTENCE = "深化金融暖企行动,持续降低中小企业融资成本。"


@pytest.fixture(scope="module")
def report_text(report_path: Path) -> str:
    return report_path.read_text(encoding="utf-8")


def assert_offsets_true(doc) -> None:
    chunks = chunk_document(doc)
    assert chunks
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8-sig", "\n"), ("gb18030", "\n"), ("gb18030", "\r\n")],
    ids=["utf-8", "utf-8-bom", "gb18030", "gb18030-crlf"],
)
def test_decoded_text_equals_what_was_written(tmp_path: Path, report_text: str, encoding: str, newline: str):
    text = report_text.replace("\n", newline)
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))

    doc = load_file(path)

    assert doc.text == text
    assert doc.encoding == encoding
    assert doc.body.rstrip().endswith(LAST_BODY_SENTENCE)
    assert (doc.year, doc.region) == (2023, "茂名")
    assert_offsets_true(doc)


def test_big5_traditional_report_decodes(tmp_path: Path, report_text: str):
    traditional = opencc.OpenCC("s2t.json").convert(report_text)
    # s2t gives a few variants Big5 lacks (爲 啓 羣 着 and the chemical 腈): leave them out.
    text = "".join(ch for ch in traditional if ch.encode("big5", errors="ignore"))
    assert len(text) > 0.99 * len(traditional)
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("big5"))

    doc = load_file(path)

    assert doc.text == text
    assert doc.encoding == "big5"
    assert "貫徹落實" in doc.body
    assert (doc.year, doc.region) == (2023, "茂名")
    assert_offsets_true(doc)


def test_footer_of_the_bundled_report_is_not_body(report_path: Path):
    doc = load_file(report_path)

    assert doc.body.endswith(LAST_BODY_SENTENCE)
    for s in FOOTER_STRINGS:
        assert s in doc.text
        assert s not in doc.body
    chunks = chunk_document(doc)
    assert all(c.end <= doc.body_end for c in chunks)
    assert not [(c.id, s) for c in chunks for s in FOOTER_STRINGS if s in c.text]


def test_report_without_footer_keeps_its_full_body(tmp_path: Path, report_text: str):
    body = report_text[: report_text.index("本文仅代表作者观点")].rstrip() + "\n"
    path = tmp_path / "report.txt"
    path.write_text(body, encoding="utf-8")

    doc = load_file(path)

    assert doc.body == body.rstrip()


BODY_WITH_WEBSITE = (
    "二、2023年工作安排\n\n"
    "今年要加快数字政府建设,完善政府网站和政务新媒体,推动更多事项网上办理。\n\n"
    "(一)聚焦民生福祉,办好民生实事。落实就业优先政策,城镇新增就业4万人。\n\n"
    "推进政务公开,加快政府网站集约化建设,提升网上政务服务能力。\n"
)


def test_footer_like_word_inside_the_body_does_not_cut_it(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_text(BODY_WITH_WEBSITE, encoding="utf-8")

    doc = load_file(path)

    assert doc.body == BODY_WITH_WEBSITE.rstrip()


def test_footer_after_a_body_that_mentions_websites_is_still_removed(tmp_path: Path):
    footer = "\n本文地址:/baogao/huanan/4860.html\n\n留言与评论(共有 条评论)\n验证码:\n网站地图\n"
    path = tmp_path / "report.txt"
    path.write_text(BODY_WITH_WEBSITE + footer, encoding="utf-8")

    doc = load_file(path)

    assert doc.body == BODY_WITH_WEBSITE.rstrip()


def test_closing_paragraph_containing_a_marker_word_is_body(tmp_path: Path):
    text = (
        "二、2023年工作安排\n\n"
        "今年要坚持稳中求进工作总基调,推动高质量发展取得新成效。\n\n"
        "各位代表,让我们团结一心、真抓实干,奋力书写茂名高质量发展的下一篇章!\n"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")

    assert load_file(path).body == text.rstrip()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("blank.txt", "  \n\u3000\n".encode()),
        ("random.txt", random.Random(0).randbytes(4096)),
        ("random-no-nul.txt", random.Random(1).randbytes(4096).replace(b"\x00", b"\x01")),
        ("only-footer.txt", "本文地址:/baogao/1.html\n验证码:\n网站地图\n".encode()),
    ],
)
def test_unreadable_content_is_refused(tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(UnsupportedFileError):
        load_file(path)


def test_unsupported_extension_is_refused_even_with_good_text(tmp_path: Path, report_path: Path):
    path = tmp_path / "report.exe"
    path.write_bytes(report_path.read_bytes())

    with pytest.raises(UnsupportedFileError, match=r"\.exe"):
        load_file(path)


def test_markdown_extension_is_read(tmp_path: Path, report_path: Path):
    path = tmp_path / "report.md"
    path.write_bytes(report_path.read_bytes())

    assert load_file(path).body.endswith(LAST_BODY_SENTENCE)


def test_oversize_file_is_refused(tmp_path: Path, report_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(assistant.config, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(assistant.load, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "report.txt"
    path.write_bytes(report_path.read_bytes())  # 7,985 bytes

    with pytest.raises(UnsupportedFileError, match="limit"):
        load_file(path)


def test_metadata_of_the_bundled_report(report_path: Path):
    doc = load_file(report_path)

    assert doc.year == 2023
    assert doc.region == "茂名"
    assert doc.source == report_path.name
    assert doc.size == report_path.stat().st_size


def test_source_is_relative_to_the_data_folder(tmp_path: Path, report_path: Path):
    (tmp_path / "guangdong").mkdir()
    path = tmp_path / "guangdong" / "maoming.txt"
    path.write_bytes(report_path.read_bytes())

    assert load_file(path, tmp_path).source == "guangdong/maoming.txt"


def test_markdown_title_has_no_heading_marks(tmp_path: Path):
    path = tmp_path / "report.md"
    path.write_text("# 茂名市2023年政府工作报告\n\n今年要推动高质量发展取得新成效,城镇新增就业4万人。\n", encoding="utf-8")

    assert load_file(path).title == "茂名市2023年政府工作报告"


def test_region_does_not_depend_on_the_file_name(tmp_path: Path, report_path: Path):
    named = tmp_path / "茂名市2023年政府工作报告.txt"
    named.write_bytes(report_path.read_bytes())

    assert load_file(named).region == load_file(report_path).region == "茂名"
