"""Chunk stage: heading paths, exact offsets, size limits, sentence ends and coverage of the body."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant import ChunkerSettings, chunk_document, load_file
from assistant.chunk import SECTION_SEP

# Sentence ends as a reader sees them in Chinese reports, with closing quotes and brackets.
SENTENCE_END = re.compile(r"[。！？!?；;]+[”’\"』」)）]*")
HEADING = re.compile(r"^(#{1,6}\s+|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d))")


def sections(chunk) -> list[str]:
    return chunk.section.split(SECTION_SEP)


def chunk_with(chunks, needle: str):
    found = [c for c in chunks if needle in c.text]
    assert len(found) == 1, f"{needle!r} is in {len(found)} chunks"
    return found[0]


def sentence_spans(text: str, end: int) -> list[tuple[int, int]]:
    """(start, end) of every sentence of every non-blank line of text[:end], white space trimmed."""
    spans = []
    pos = 0
    for line in text[:end].split("\n"):
        line_start = pos
        pos += len(line) + 1
        cursor = 0
        stripped = line.rstrip()
        while cursor < len(stripped):
            m = SENTENCE_END.search(stripped, cursor)
            stop = m.end() if m else len(stripped)
            piece = stripped[cursor:stop]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                spans.append((line_start + cursor + lead, line_start + stop))
            cursor = stop
    return spans


def assert_chunk_invariants(doc, chunks, settings: ChunkerSettings) -> None:
    """Facts every chunking must satisfy, checked against the document itself."""
    text = doc.text
    assert chunks
    for i, c in enumerate(chunks):
        assert text[c.start : c.end] == c.text, c.id
        assert c.id == f"{doc.source}#{i}"
        assert c.source == doc.source
        assert 0 < len(c.text) <= settings.max_chars, c.id
        assert c.end <= doc.body_end
        assert c.text.strip() == c.text, f"{c.id} has white space at an end"
    for a, b in zip(chunks, chunks[1:]):
        assert a.end <= b.start, f"{a.id} overlaps {b.id}"

    spans = sentence_spans(text, doc.body_end)
    starts = {s for s, _ in spans}
    ends = {e for _, e in spans}
    long_sentences = [(s, e) for s, e in spans if e - s > settings.max_chars]

    def inside_long_sentence(pos: int) -> bool:
        return any(s < pos < e for s, e in long_sentences)

    for c in chunks:
        assert c.start in starts or inside_long_sentence(c.start), f"{c.id} starts inside a sentence"
        assert c.end in ends or inside_long_sentence(c.end), f"{c.id} ends inside a sentence: {c.text[-12:]!r}"

    # Every sentence is in a chunk, except heading lines, which live on in the section path.
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    for s, e in spans:
        missing = [p for p in range(s, e) if p not in covered and not text[p].isspace()]
        if not missing:
            continue
        line = text[s:e]
        assert HEADING.match(line), f"sentence {line!r} is in no chunk"
        title = re.sub(r"^#{1,6}\s+", "", line).rstrip("。；;")
        following = [c for c in chunks if c.start >= e]
        assert following and title in sections(following[0]), f"heading {title!r} is not in a section path"


# ---------------------------------------------------------------- the bundled report


@pytest.fixture(scope="module")
def bundled(report_path: Path):
    doc = load_file(report_path)
    return doc, chunk_document(doc)


def test_investment_amount_is_under_its_full_heading_path(bundled):
    _, chunks = bundled
    c = chunk_with(chunks, "确保年度投资额达到450亿元以上")

    assert c.section == "二、2023年工作安排 > (三)聚焦扩大内需,加快推动经济稳健增长 > 更大力度促进投资"


def test_high_tech_zone_is_under_platforms_of_the_first_task(bundled):
    _, chunks = bundled
    path = sections(chunk_with(chunks, "高新区锚定科创新城定位"))

    assert path[0] == "二、2023年工作安排"
    assert path[1].startswith("(一)")
    assert "抓大平台大载体" in path


def test_targets_paragraph_is_under_the_chapter(bundled):
    _, chunks = bundled
    c = chunk_with(chunks, "固定资产投资增长8.5%以上")

    assert c.section == "二、2023年工作安排"
    assert c.text.startswith("今年经济社会发展的主要预期目标是")


def test_bundled_report_chunks_keep_the_invariants(bundled):
    doc, chunks = bundled

    assert_chunk_invariants(doc, chunks, ChunkerSettings())


@pytest.mark.parametrize("max_chars", [40, 80, 120])
def test_bundled_report_chunks_keep_the_invariants_at_other_sizes(report_path: Path, max_chars: int):
    doc = load_file(report_path)
    settings = ChunkerSettings(max_chars=max_chars, min_chars=10)

    assert_chunk_invariants(doc, chunk_document(doc, settings), settings)


# ---------------------------------------------------------------- a document written here

LONG_SENTENCE = "，".join(f"第{i}批重点工程加快建设并按期完成年度投资计划" for i in range(1, 15)) + "。"
SYNTHETIC = "\n".join([
    "# 一、过去一年工作回顾",
    "",
    "　　过去一年,全市经济运行稳中向好,地区生产总值增长5%。面对多重压力,我们稳住了基本盘。",
    "",
    "（一）产业发展",
    "",
    "　　工业生产持续恢复,规模以上工业增加值增长6%。重大项目加快落地,新开工项目120个。",
    "",
    "1. 制造业",
    "",
    "　　先进制造业加快发展,新增高新技术企业120家。" + LONG_SENTENCE + "新材料产业集群初具规模,产值突破百亿元。",
    "",
    "2. 服务业",
    "",
    "　　现代服务业稳步发展,“夜间经济”活力迸发!社会消费品零售总额增长4.5%;接待游客3000万人次,旅游收入增长两成。",
    "",
    "（二）民生保障",
    "",
    "　　民生支出占财政支出比重达到75%,城镇新增就业4万人。你问钱花在哪里了？就花在群众身边,花在一件件民生实事上。",
    "",
    "## 附:名词解释",
    "",
    "　　“双减”是指减轻义务教育阶段学生作业负担和校外培训负担。",
    "",
    "# 二、2023年工作安排",
    "",
    "　　今年主要预期目标是:地区生产总值增长6%以上,居民收入增长与经济增长同步。",
])


@pytest.fixture
def synthetic_doc(tmp_path: Path):
    path = tmp_path / "synthetic-2023.md"
    path.write_text(SYNTHETIC, encoding="utf-8")
    return load_file(path)


def long_sentence_span(doc) -> tuple[int, int]:
    start = doc.text.index(LONG_SENTENCE)
    return start, start + len(LONG_SENTENCE)


@pytest.mark.parametrize("max_chars", [200, 60, 30])
def test_synthetic_document_chunks_keep_the_invariants(synthetic_doc, max_chars: int):
    settings = ChunkerSettings(max_chars=max_chars, min_chars=10)
    chunks = chunk_document(synthetic_doc, settings)

    assert_chunk_invariants(synthetic_doc, chunks, settings)
    s, e = long_sentence_span(synthetic_doc)
    assert e - s > max_chars
    assert sum(1 for c in chunks if c.start < e and c.end > s) >= -(-(e - s) // max_chars)


def test_synthetic_document_heading_paths(synthetic_doc):
    chunks = chunk_document(synthetic_doc)
    first, second = "一、过去一年工作回顾", "二、2023年工作安排"

    assert sections(chunk_with(chunks, "稳住了基本盘")) == [first]
    assert sections(chunk_with(chunks, "新开工项目120个")) == [first, "（一）产业发展"]
    assert sections(chunk_with(chunks, "新增高新技术企业120家")) == [first, "（一）产业发展", "1. 制造业"]
    assert sections(chunk_with(chunks, "产值突破百亿元")) == [first, "（一）产业发展", "1. 制造业"]
    assert sections(chunk_with(chunks, "接待游客3000万人次")) == [first, "（一）产业发展", "2. 服务业"]
    assert sections(chunk_with(chunks, "花在一件件民生实事上")) == [first, "（二）民生保障"]
    assert sections(chunk_with(chunks, "校外培训负担")) == [first, "附:名词解释"]
    assert sections(chunk_with(chunks, "地区生产总值增长6%以上")) == [second]


def test_long_sentence_is_cut_only_after_commas(synthetic_doc):
    chunks = chunk_document(synthetic_doc)
    s, e = long_sentence_span(synthetic_doc)
    cuts = [c.end for c in chunks if s < c.end < e]

    assert cuts
    assert all(synthetic_doc.text[cut - 1] == "，" for cut in cuts)


def test_numbered_heading_nests_under_a_markdown_chapter(tmp_path: Path):
    path = tmp_path / "report.md"
    path.write_text(
        "# 某市政府工作报告\n\n## 一、过去一年工作回顾\n\n（一）产业发展\n\n"
        "工业生产持续恢复,规模以上工业增加值增长6%。\n",
        encoding="utf-8",
    )
    chunks = chunk_document(load_file(path))

    assert sections(chunks[0]) == ["某市政府工作报告", "一、过去一年工作回顾", "（一）产业发展"]


def test_short_last_sentence_of_a_paragraph_is_not_a_heading(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_text(
        "（一）产业发展\n\n现代服务业稳步发展,社会消费品零售总额增长4.5%;接待游客3000万人次。\n", encoding="utf-8"
    )
    chunks = chunk_document(load_file(path))

    assert [(c.section, c.text) for c in chunks] == [
        ("（一）产业发展", "现代服务业稳步发展,社会消费品零售总额增长4.5%;接待游客3000万人次。")
    ]


def test_a_numbered_one_line_glossary_entry_is_a_passage_not_a_title(tmp_path: Path):
    path = tmp_path / "glossary-2023.md"
    path.write_text("\n".join([
        "# 一、2023年工作安排", "", "　　大力实施“五棵树一条鱼一桌菜”产业提升行动，推进“两新一重”建设。", "",
        "## 名词解释", "",
        "1.“五棵树一条鱼一桌菜”：“五棵树”指荔枝、龙眼、沉香、化橘红、三华李，“一条鱼”指罗非鱼。", "",
        "2.“两新一重”：新型基础设施，新型城镇化，交通、水利等重大工程。", "",
        "3. 制造业", "", "　　先进制造业加快发展，新增高新技术企业120家。",
    ]), encoding="utf-8")
    chunks = chunk_document(load_file(path))

    entry = chunk_with(chunks, "“五棵树”指荔枝")
    assert entry.kind == "glossary"
    assert chunk_with(chunks, "交通、水利等重大工程").kind == "glossary"
    assert not any(c.text.strip() == "3. 制造业" for c in chunks)  # a short title stays a title


def test_framing_lines_after_other_text_are_never_passages(tmp_path: Path):
    """A copy that prints the congress's resolution first: the report's title, meeting, speaker and
    salutation lines after it, and a salutation between sections, are no passages."""
    path = tmp_path / "r.md"
    path.write_text(
        "（2025年2月27日海滨市第七届人民代表大会第六次会议通过）\n\n"
        "海滨市第七届人民代表大会第六次会议听取和审议了市长代表市人民政府所作的工作报告，决定批准这个报告。\n\n"
        "**政府工作报告**\n\n——2025年2月25日在海滨市第七届人民代表大会第六次会议上\n\n海滨市市长 王明\n\n"
        "**各位代表：**\n\n**一、2024年工作回顾**\n\n过去一年，全市地区生产总值增长5%，城镇新增就业3万人。\n\n"
        "各位代表！\n\n**二、2025年工作安排**\n\n今年地区生产总值增长5%左右。\n", encoding="utf-8")
    texts = [c.text for c in chunk_document(load_file(path))]
    assert not [t for t in texts if re.search(r"^(?:\*\*)?(?:政府工作报告|各位代表|——2025年)|市长 王明", t)], texts
    assert any("增长5%左右" in t for t in texts) and any("决定批准这个报告" in t for t in texts)
