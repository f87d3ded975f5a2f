"""An official English translation of a report, indexed beside or without the Chinese ones:
its metadata and framing lines, its headings and target list as passages, and answers to English
and Chinese questions quoted from its English words.

The fixture `fixtures/report-on-the-work-of-the-government-2024-en.txt` follows the layout of the
State Council's English translation (title, "Delivered at…" line, speaker, salutation, Roman
numeral headings, a bulleted list of the main targets)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import assistant
from assistant import build_index, load_file
from assistant.chunk import chunk_document
from assistant.index import IndexStore, read_manifest
from assistant.metadata import read_metadata

ENGLISH = Path(__file__).with_name("fixtures") / "report-on-the-work-of-the-government-2024-en.txt"


def test_metadata_of_an_english_translation():
    meta = read_metadata(ENGLISH.read_text(encoding="utf-8"), stem="a")
    assert (meta.region, meta.level, meta.year, meta.meeting_date) == ("全国", "national", 2024, "2024-03-05")
    assert meta.speaker == "Li Qiang, Premier of the State Council"
    assert meta.title == "Report on the Work of the Government (2024)"


@pytest.mark.parametrize(("head", "expected"), [
    ("Report on the Work of the Government\n\nDelivered at the Third Session of the 14th People's Congress of "
     "Guangdong Province on January 14, 2025\n\nWang Weizhong\nGovernor of Guangdong Province\n\nFellow Deputies,",
     ("广东", "province", 2025, "2025-01-14", "Wang Weizhong, Governor of Guangdong Province")),
    ("REPORT ON THE WORK OF THE GOVERNMENT\nDelivered at the Fifth Session of the Seventh Shenzhen Municipal "
     "People's Congress on January 20, 2025\nQin Weizhong, Mayor of Shenzhen\nDear Deputies,",
     ("Shenzhen", "city", 2025, "2025-01-20", "Qin Weizhong, Mayor of Shenzhen")),
])
def test_metadata_of_provincial_and_city_translations(head: str, expected: tuple):
    meta = read_metadata(head, stem="b")
    assert (meta.region, meta.level, meta.year, meta.meeting_date, meta.speaker) == expected


def test_english_framing_lines_headings_and_the_target_list():
    doc = load_file(ENGLISH)
    chunks = chunk_document(doc)
    framing = re.compile(r"^(?:REPORT ON THE WORK|Delivered at|Li Qiang|Premier of|Esteemed Deputies|On behalf of)")
    assert not [c.text for c in chunks if framing.match(c.text)]
    assert not [c.text for c in chunks if re.fullmatch(r"[IVX]+\. .*", c.text)], "a heading alone is no passage"
    review = next(c for c in chunks if "12.44 million" in c.text)
    assert review.section == "I. A Review of Our Work in 2023"
    assert (review.kind, review.period) == ("outcome", [2023, 2023])
    targets = next(c for c in chunks if "GDP growth of around 5 percent" in c.text)
    assert targets.text.startswith("The main projected targets"), "the list stays with the line announcing it"
    assert "Over 12 million new urban jobs" in targets.text
    assert (targets.kind, targets.period) == ("plan", [2024, 2024])
    assert doc.text[targets.start:targets.end] == targets.text


@pytest.fixture(scope="module")
def english_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("english")
    (root / "data").mkdir()
    shutil.copy(ENGLISH, root / "data" / ENGLISH.name)
    build_index(root / "data", root / "index")
    return root / "index"


@pytest.mark.model
@pytest.mark.parametrize(("question", "quoted"), [
    ("What is the GDP growth target for 2024?", "GDP growth of around 5 percent"),
    ("How many new urban jobs are targeted this year?", "Over 12 million new urban jobs"),
    ("What is the CPI target?", "A CPI increase of around 3 percent"),
    # an English sentence is quoted whole, not cut at its commas
    ("What was GDP growth in 2023?", "surpassed 126 trillion yuan, an increase of 5.2 percent"),
    ("2024年GDP增长目标是多少？", "GDP growth of around 5 percent"),
    ("2024年粮食产量目标是多少？", "Grain output of over 650 million metric tons"),
    ("2023年城镇新增就业多少人？", "12.44 million urban jobs were added"),
    ("Who delivered the report?", "Li Qiang, Premier of the State Council"),
])
def test_english_and_chinese_questions_quote_the_translation(english_index: Path, question: str, quoted: str):
    answer = assistant.ask(question, index_dir=english_index)
    assert answer.found and quoted in answer.text
    assert "。" not in answer.text, "English words end with a full stop"
    c = answer.citations[0]
    assert ENGLISH.read_text(encoding="utf-8")[c.quote_start:c.quote_end] == c.quote


@pytest.mark.model
@pytest.mark.parametrize("question", ["What is the weather in Beijing today?", "今天北京天气如何？", "asdfghjkl",
                                      "Who won the 2022 World Cup?"])
def test_what_the_translation_does_not_say_is_refused(english_index: Path, question: str):
    assert not assistant.ask(question, index_dir=english_index).found


@pytest.mark.model
def test_status_of_the_translation(english_index: Path):
    info = read_manifest(english_index)["sources"][ENGLISH.name]
    assert (info["region"], info["level"], info["year"]) == ("全国", "national", 2024)
    assert IndexStore.load(english_index).has_english


@pytest.mark.model
def test_a_translation_beside_a_chinese_report(tmp_path: Path, report_path: Path):
    """Each question is answered from the report of its government and year, in either language."""
    (tmp_path / "data").mkdir()
    shutil.copy(ENGLISH, tmp_path / "data" / ENGLISH.name)
    shutil.copy(report_path, tmp_path / "data" / report_path.name)
    build_index(tmp_path / "data", tmp_path / "index")
    for question, source, quoted in [
        ("What is China's GDP growth target for 2024?", ENGLISH.name, "GDP growth of around 5 percent"),
        ("2024年全国GDP增长目标是多少？", ENGLISH.name, "GDP growth of around 5 percent"),
        ("2024年全国粮食产量目标是多少？", ENGLISH.name, "Grain output of over 650 million metric tons"),
        ("What is the 2023 investment target?", report_path.name, "固定资产投资增长8.5%以上"),
    ]:
        answer = assistant.ask(question, index_dir=tmp_path / "index")
        assert answer.found and quoted in answer.text, question
        assert {c.source for c in answer.citations} == {source}, question


@pytest.mark.model
def test_a_city_translation_is_found_by_its_chinese_name(tmp_path: Path):
    """A report known by its English name (Shenzhen) answers questions naming 深圳 or Shenzhen."""
    text = ENGLISH.read_text(encoding="utf-8").replace(
        "the Second Session of the 14th National People's Congress of the People's Republic of China on March 5",
        "the Fifth Session of the Seventh Shenzhen Municipal People's Congress on January 20").replace(
        "Li Qiang\nPremier of the State Council", "Qin Weizhong\nMayor of Shenzhen")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "shenzhen-2024-en.txt").write_text(text, encoding="utf-8")
    build_index(tmp_path / "data", tmp_path / "index")
    info = read_manifest(tmp_path / "index")["sources"]["shenzhen-2024-en.txt"]
    assert (info["region"], info["level"], info["year"]) == ("Shenzhen", "city", 2024)
    for question in ("深圳2024年GDP增长目标是多少？", "深圳市2024年GDP增长目标是多少？", "What is Shenzhen's GDP growth target for 2024?"):
        answer = assistant.ask(question, index_dir=tmp_path / "index")
        assert answer.found and "GDP growth of around 5 percent" in answer.text, question
    assert not assistant.ask("南京市2024年GDP增长目标是多少？", index_dir=tmp_path / "index").found


def test_part_headings_of_a_translation(tmp_path: Path):
    path = tmp_path / "guangdong-2024-en.txt"
    path.write_text(
        "Report on the Work of the Government\n\nDelivered at the Second Session of the 14th People's Congress of "
        "Guangdong Province on January 23, 2024\n\nFellow Deputies,\n\nPart One: Review of Our Work in 2023\n\n"
        "The province's GDP reached 13.57 trillion yuan, up 4.8 percent.\n\nPart Two: Tasks for 2024\n\n"
        "The main targets for this year are GDP growth of around 5 percent and over 1.1 million new urban jobs.\n",
        encoding="utf-8")
    doc = load_file(path)
    review, plan = chunk_document(doc)
    assert (doc.region, review.section, review.kind, review.period) == (
        "广东", "Part One: Review of Our Work in 2023", "outcome", [2023, 2023])
    assert (plan.kind, plan.period) == ("plan", [2024, 2024])


@pytest.mark.parametrize(("head", "expected"), [
    ("2024 Government Work Report\n\nDelivered at the Second Session of the 16th People's Congress of Hunan Province "
     "on January 21, 2024\nMao Weiming\nGovernor of Hunan Province\n", ("湖南", "province", 2024)),
    ("Shenzhen Government Work Report (2025)\nMayor of Shenzhen Qin Weizhong\n", ("Shenzhen", "city", 2025)),
])
def test_metadata_of_a_translation_from_its_title_and_office(head: str, expected: tuple):
    meta = read_metadata(head, stem="x")
    assert (meta.region, meta.level, meta.year) == expected
