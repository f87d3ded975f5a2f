"""Metadata stage: what a report is (region, level, year, meeting date, speaker, title) and what
each of its sections is about (the period it describes and its kind).

Read from the report's own signals, strongest first: the meeting line
(`——2021年2月6日在茂名市第十二届人民代表大会第八次会议上`), the speaker line (`茂名市市长 袁古洁`),
a front-matter or first-line title, `X省人民政府`, the folder the file sits in, the file name.
When a signal is missing the field stays empty rather than guessed wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import resources
from .clean import front_matter
from .text import CJK, five_year_plans, has_cjk, years_in

LEVELS = ("national", "province", "city", "county")
_SUFFIX_LEVEL = (("自治区", "province"), ("特别行政区", "province"), ("自治州", "city"), ("省", "province"),
                 ("市", "city"), ("州", "city"), ("盟", "city"), ("县", "county"), ("区", "county"),
                 ("旗", "county"))
_PLACE = rf"[{CJK}]{{2,8}}?(?:自治区|特别行政区|自治州|省|市|州|盟|县|区|旗)"
_MEETING = re.compile(
    rf"(\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日[\s)）]*在?\s*(全国|(?!在){_PLACE})?\s*第[一二三四五六七八九十]+届"
    r"(全国)?人民代表大会")
_SPEAKER = re.compile(
    rf"^[*\s]*(国务院|{_PLACE})(?:人民政府)?(代?(?:总理|省长|市长|县长|区长|主席))[\s\u3000]*"
    rf"([{CJK}][{CJK}\s\u3000·]{{0,5}})[*\s]*$", re.M)
_GOVERNMENT = re.compile(rf"({_PLACE})人民政府")
_TITLE_PLACE = re.compile(rf"^(?:\d{{4}}年)?({_PLACE}|国务院)(?:人民)?政府工作报告")
_STEM_PLACE = re.compile(rf"({_PLACE})")
_YEAR_TITLE = re.compile(r"(\d{4})年.{0,12}政府工作报告")


# An official English translation: "Delivered at the Second Session of the 14th National People's
# Congress … on March 5, 2024", "Li Qiang" / "Premier of the State Council".
_ORDINAL = r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|" \
           r"Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth)\b"
_LEVEL_WORD = r"(?:Province|Provincial|Municipal|Municipality|City|County|Autonomous|People)\b"
_EN_NAME = rf"(?!{_ORDINAL})[A-Z][a-z]+(?:[ -](?!{_LEVEL_WORD})[A-Z][a-z]+)?"
_EN_MEETING = re.compile(
    rf"Delivered at the .{{0,100}}?(?:(National) People's Congress|People's Congress of (?:the )?({_EN_NAME})"
    rf"(?: (Province|Autonomous Region|Municipality|City|County))?|({_EN_NAME}) (Provincial|Municipal|City|County) "
    rf"People's Congress).{{0,120}}? on ([A-Z][a-z]+)\.? (\d{{1,2}}),? (\d{{4}})")
_EN_ROLE = re.compile(rf"^[*\s]*(?:({_EN_NAME}(?: {_EN_NAME})?),?\s+)?((?:Acting )?(?:Premier|Governor|Mayor)"
                      rf"(?: of (?:the )?[A-Z][A-Za-z' ]{{2,40}})?)[*\s]*$", re.M)
_EN_PERSON = re.compile(rf"^[*\s]*({_EN_NAME}(?: {_EN_NAME})?)[*\s]*$", re.M)
_EN_TITLE = re.compile(r"^[#*\s]*((?:\d{4}\s+)?(?:report on the work of the (?:\w+\s+){0,3}government|"
                       r"(?:[A-Z][a-z]+\s+){0,2}government work report)(?:\s*[(（]?\d{4}[)）]?)?)\s*$", re.I | re.M)
_MONTHS = {m: i for i, m in enumerate(("january february march april may june july august september october "
                                       "november december").split(), 1)}
_EN_LEVEL = {"Province": "province", "Provincial": "province", "Autonomous Region": "province",
             "Municipality": "city", "Municipal": "city", "City": "city", "County": "county"}


def _english_place(name: str, level: str | None) -> tuple[str, str | None]:
    """Guangdong → (广东, province) by the English names places.tsv gives; else the name as written."""
    for place in resources.places():
        if any(re.fullmatch(e, name, re.IGNORECASE) for e in place.english):
            return place.name, place.level
    return name, level


def _english_metadata(meta: ReportMeta, head: str) -> None:
    """Fill meta from an English translation's framing lines: the meeting line (year, date, and
    the national, provincial or city congress), the speaker and office (Premier → national,
    "Governor of Hunan Province" → 湖南, "Mayor of Shenzhen" → Shenzhen)."""
    meeting = _EN_MEETING.search(head)
    if meeting:
        national, region, kind, region2, kind2, month, day, year = meeting.groups()
        if _MONTHS.get(month.lower()):
            meta.meeting_date = f"{int(year):04d}-{_MONTHS[month.lower()]:02d}-{int(day):02d}"
        meta.meeting_span = meeting.span()
        meta.year = int(year)
        if national:
            meta.region, meta.level = "全国", "national"
        elif region or region2:
            meta.region, meta.level = _english_place(region or region2, _EN_LEVEL.get(kind or kind2 or ""))
    role = _EN_ROLE.search(head)
    if role:
        name = role.group(1)
        if not name:  # the name on the line above or below the role
            around = head[max(0, role.start() - 60): role.end() + 60]
            person = [m.group(1) for m in _EN_PERSON.finditer(around) if m.group(1) not in role.group(2)]
            name = person[0] if person else None
        meta.speaker = f"{name}, {role.group(2).strip()}" if name else role.group(2).strip()
        at = head.find(name) if name else role.start(2)
        meta.speaker_span = (min(at, role.start(2)), role.end(2)) if at >= 0 else (role.start(2), role.end(2))
        office = re.search(r"(?:Governor|Mayor) of (?:the )?([A-Z][a-z]+)(?: (Province|Municipality|City|County))?",
                           role.group(2))
        if meta.region is None and re.search(r"Premier", role.group(2)):
            meta.region, meta.level = "全国", "national"
        elif meta.region is None and office:
            default = _EN_LEVEL.get(office.group(2) or "") or ("province" if "Governor" in role.group(2) else "city")
            meta.region, meta.level = _english_place(office.group(1), default)


@dataclass
class ReportMeta:
    """What a report is; every field may be empty when the text does not say."""

    title: str = ""
    region: str | None = None  # as running text names it: 茂名, 广东, 全国
    level: str | None = None  # national, province, city, county
    year: int | None = None
    meeting_date: str | None = None  # 2021-02-06
    speaker: str | None = None  # 茂名市市长 袁古洁
    speaker_span: tuple[int, int] | None = None  # where the speaker line stands in the text
    meeting_span: tuple[int, int] | None = None  # the meeting line (2021年2月6日在…会议上) in the text


# Words of the speech itself that a place pattern can catch (我代表市人民政府 → "我代表市").
_NOT_A_PLACE = re.compile(r"[我们你他您代表向在本该这其各全此]")


def _plausible(name: str | None) -> bool:
    return bool(name) and (name in ("全国", "国务院") or not _NOT_A_PLACE.search(name))


def place_level(name: str) -> tuple[str, str | None]:
    """茂名市 → ("茂名", "city"), 广东省 → ("广东", "province"), 全国 → ("全国", "national")."""
    if name in ("全国", "国务院", "中国"):
        return "全国", "national"
    known = resources.place_levels()
    for suffix, level in _SUFFIX_LEVEL:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            short = name[: -len(suffix)] if suffix in ("省", "市", "县") else name
            return short, known.get(short, level)
    return name, known.get(name)


def _clean_title(title: str) -> str:
    title = re.sub(r"^#{1,6}\s+|\*\*", "", title).strip()
    half = len(title) // 2
    if len(title) % 2 == 0 and title[:half] == title[half:]:
        title = title[:half]  # web copies repeat the title: 2024年广州市政府工作报告2024年广州市政府工作报告
    return title


def _first_title_line(head: str) -> str:
    for line in head.splitlines()[:8]:
        bare = _clean_title(line)
        if "报告" in bare and len(bare) <= 40 and not re.search(r"[。，；]", bare):
            return bare
    return ""


def _region_by_frequency(body: str) -> str | None:
    """Last resort for a fragment with no framing lines: its most frequent proper noun, a 2-3
    character word that jieba's general dictionary barely knows (茂名), never a phrase of the
    speech itself (我代表, 各位代表)."""
    from .tokenize import jieba_module

    jieba = jieba_module()
    freq = jieba.dt.FREQ
    counts = Counter(w for w in jieba.cut(body[:20000])
                     if re.fullmatch(rf"[{CJK}]{{2,3}}", w) and freq.get(w, 0) < 100
                     and not re.search(r"[我们各全本这该其代表市县省区]", w))
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 3 else None


def read_metadata(text: str, stem: str = "", folders: tuple[str, ...] = ()) -> ReportMeta:
    """Metadata of a report from its (simplified) text, file stem and the folders it sits in."""
    meta = ReportMeta()
    head = text[:3000]
    fm_title = _clean_title(front_matter(text).get("title", ""))
    meeting = _MEETING.search(head)
    speaker = _SPEAKER.search(head)
    if meeting:
        y, m, d = (int(g) for g in meeting.group(1, 2, 3))
        meta.meeting_date, meta.year = f"{y:04d}-{m:02d}-{d:02d}", y
        line_end = head.find("\n", meeting.end())
        line = head[meeting.start():len(head) if line_end < 0 else line_end]
        meta.meeting_span = (meeting.start(), meeting.start() + len(line.rstrip(" \t\r\u3000*）)")))
        where = "全国" if meeting.group(5) else meeting.group(4)
        if _plausible(where):
            meta.region, meta.level = place_level(where)
    if speaker:
        meta.speaker = re.sub(r"[\s\u3000]+", " ", f"{speaker.group(1)}{speaker.group(2)} {speaker.group(3)}").strip()
        meta.speaker_span = (speaker.start(1), speaker.start(3) + len(speaker.group(3).rstrip()))
        if meta.region is None and _plausible(speaker.group(1)):
            meta.region, meta.level = place_level(speaker.group(1))
    english = _EN_TITLE.search(head[:600])
    if meta.region is None and meta.year is None and not has_cjk(head[:600]):
        _english_metadata(meta, head)  # an English translation
    title = fm_title if "报告" in fm_title else _first_title_line(head)
    for candidate in (title, fm_title):
        match = _TITLE_PLACE.match(candidate or "")
        if meta.region is None and match and _plausible(match.group(1)):
            meta.region, meta.level = place_level(match.group(1))
    if meta.region is None:
        gov = _GOVERNMENT.search(head)
        for name in (*reversed(folders), stem):
            match = _STEM_PLACE.fullmatch(name) or _STEM_PLACE.search(name)
            if match and meta.region is None and _plausible(match.group(1)):
                meta.region, meta.level = place_level(match.group(1))
        if meta.region is None and gov and _plausible(gov.group(1)):
            meta.region, meta.level = place_level(gov.group(1))
        if meta.region is None:
            meta.region = _region_by_frequency(text)
            if meta.region:
                meta.level = resources.place_levels().get(meta.region)
    if meta.year is None:
        for source in (title, fm_title, stem, *folders):
            match = _YEAR_TITLE.search(source or "") or re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", source or "")
            if match:
                meta.year = int(match.group(1))
                break
    if meta.year is None:
        named = years_in(text[:500])
        meta.year = named[0] if named else None
    if english and not title:
        name = english.group(1).strip()
        name = name.title().replace(" Of ", " of ").replace(" On ", " on ").replace(" The ", " the ")
        meta.title = name if meta.year is None or str(meta.year) in name else f"{name} ({meta.year})"
    elif title and re.search(rf"[{CJK}]{{2}}.*报告", title) and (meta.region is None or meta.region in title
                                                               or "国务院" in title) and str(meta.year or "") in title:
        meta.title = title
    elif meta.region and meta.year:
        name = "国务院" if meta.level == "national" else meta.region + {"province": "省", "city": "市"}.get(
            meta.level or "", "")
        meta.title = f"{name}{meta.year}年政府工作报告"
    else:
        meta.title = title or stem
    return meta


# --- What a section is about -----------------------------------------------------------------

KINDS = ("outcome", "plan", "glossary", "other")
# Heading and lead words in Chinese, and in an official English translation.
_GLOSSARY_HEAD = re.compile(r"名词解释|名词注释|注释|附件|附录|附[:：]|词语解释|说明$|^(?:notes?|glossary|appendix)\b",
                            re.IGNORECASE)
_OUTCOME_HEAD = re.compile(r"回顾|工作总结|主要工作|取得|成就|成绩|成效|进展|过去一年|过去五年|五年来|一年来|"
                           r"\breview\b|achievements?|accomplishments?|progress|past (?:year|five years)",
                           re.IGNORECASE)
_PLAN_HEAD = re.compile(r"安排|计划|任务|目标|总体要求|预期|重点|今年|部署|思路|建议|努力|奋斗|展望|举措|"
                        r"\btasks?\b|targets?|\bplans?\b|requirements|policy orientation|priorities|"
                        r"\bthis year\b|work for \d{4}|\d{4}'s work", re.IGNORECASE)
_OUTCOME_LEAD = re.compile(r"过去一年|过去的一年|刚刚过去的|^去年|一年来|过去五年|五年来|全年实现|全年完成|"
                           r"^(?:全市|全省|全县|全区|全国)(?:实现|完成)|"
                           r"^(?:last year|over the past (?:year|five years)|in the past (?:year|five years))\b",
                           re.IGNORECASE)
_PLAN_LEAD = re.compile(r"^今年|主要预期目标|预期目标是|今年.{0,12}目标|^this year\b|projected targets|"
                        r"targets? for (?:development )?this year", re.IGNORECASE)


# A heading of a term's years (过去五年, 本届政府): a review of five years, not of the last.
_TERM_HEAD = re.compile(r"五年|届|five years", re.IGNORECASE)
# A passage of one year under a review of several: 这一年，我们…
_YEAR_LEAD = re.compile(r"这一年|过去一年|过去的一年|一年来|(?:19|20)\d\d年(?!—|-|至|到)")
# A paragraph that goes back to the term: 五年来…, 回顾“十三五”时期…, (各位代表！)五年风雨兼程…
_TERM_LEAD = re.compile(r"五年|十[一二三四五六]五|回顾")
_ADDRESS = re.compile(r"^(?:各位代表[！!，,：:]?)?(?:(?:刚刚|刚)?过去的(?=(?:19|20)\d\d年))?")

# A plan's item: a dash and what is to be done (——着力提升发展质量效益…, ——全面推进乡村振兴…).
_POLICY_ITEM = re.compile(r"[—－-]{1,2}\s*(?:坚持|着力|形成|全面|优化|推动|推进|持续|统筹|加快|建立|建设|健全|深入|深化|实施|构建|"
                          r"完善|强化|促进|扩大|实行|发展|提升|提高|增强|加强|巩固)")


def _five_years(text: str, last: bool = False) -> tuple[int, int] | None:
    """The years of the five-year plan a text names (the last one named when `last`)."""
    named = five_year_plans(text, english=False)  # (an index's periods, as they were read)
    return (named[-1] if last else named[0]) if named else None


def _heading_kind(heading: str, year: int | None, text: str = "") -> tuple[str, tuple[int, int] | None] | None:
    """Kind and period a heading speaks of, or None when it does not say."""
    if _GLOSSARY_HEAD.search(heading):
        return "glossary", None
    outcome, plan = bool(_OUTCOME_HEAD.search(heading)), bool(_PLAN_HEAD.search(heading))
    if outcome and plan and _five_years(heading) != _five_years(heading, last=True):
        # "“十三五”时期发展成就和“十四五”时期主要目标任务": the passage's own words say which half.
        if not _OUTCOME_LEAD.search(text[:12]) and (re.search(r"目标|预期|将|要|力争|计划", text[:80])
                                                     or _POLICY_ITEM.match(text)):
            return "plan", _five_years(heading, last=True)
        return "outcome", _five_years(heading)
    named = [y for y in years_in(heading) if 1950 < y < 2100]
    span = _five_years(heading)
    if named:
        y = named[-1]
        if outcome or (year is not None and y < year and not plan):
            first = span[0] if span and outcome else y
            return "outcome", (min(first, y), y)
        return "plan", (y, y)
    if span:
        return ("outcome" if outcome else "plan"), span
    if year is None:
        return None
    if outcome:
        return "outcome", ((year - 5, year - 1) if _TERM_HEAD.search(heading) else (year - 1, year - 1))
    if plan:
        return "plan", (year, year)
    return None


def opens_one_year(paragraph: str, span: tuple[int, int]) -> bool | None:
    """Under a review of several years (`span`), whether a paragraph opens the last year's part
    (2020年是“十三五”规划收官之年…, 各位代表，刚刚过去的2021年…, 过去一年…: True), goes back to the term
    (五年来…, 各位代表！回顾…, 较好完成“十二五”规划…: False),
    or says neither (None). Reports review the term and then its last year, or the reverse."""
    lead = _ADDRESS.sub("", paragraph, count=1)[:12]
    said = _YEAR_LEAD.match(lead)
    if said and (not said.group()[:1].isdigit() or int(said.group()[:4]) == span[1]):
        return True
    return False if _TERM_LEAD.search(lead) else None


# A review's paragraph of the report's own year so far (a report delivered in May: 今年以来，…经济运行稳中有进)
_SO_FAR_LEAD = re.compile(r"(?:各位代表[！!，,：:]?)?(?:今年以来|this year so far\b|since the start of this year\b)", re.IGNORECASE)


def section_kind(headings: list[str], text: str, year: int | None) -> tuple[str, tuple[int, int] | None]:
    """What a passage is about: its kind (outcome, plan, glossary, other) and the years it covers.

    The innermost heading that says wins; a passage under no telling heading is judged by its
    lead words (过去一年… is last year's outcome, 今年…目标 this year's plan). Under an appendix of
    terms (名词解释) every entry is glossary, whatever words its own title holds (…财政安排…). A
    review's paragraph opening 今年以来 is of the report's own year.
    """
    kind, span = _section_kind(headings, text, year)
    if kind == "outcome" and year is not None and _SO_FAR_LEAD.match(text):
        return kind, (year, year)
    return kind, span


def _section_kind(headings: list[str], text: str, year: int | None) -> tuple[str, tuple[int, int] | None]:
    if any(len(h) <= 15 and _GLOSSARY_HEAD.search(h) for h in headings):
        return "glossary", None
    for depth in range(len(headings) - 1, -1, -1):
        heading = headings[depth]
        found = _heading_kind(heading, year, text)
        if found:
            kind, span = found
            # a heading that names no years is read with the nearest telling heading above it, and with
            # the nearest one naming years
            undated = not (years_in(heading) or _five_years(heading))
            above = [(h, k) for h in reversed(headings[:depth]) if (k := _heading_kind(h, year, text))] if undated else []
            outer = next((k for _, k in above), None)
            dated = next((k for h, k in above if years_in(h) or _five_years(h)), None)
            if kind == "outcome" and dated and dated[0] == "plan":
                # "（十）…推进美丽中国先行区建设取得新成效" under "二、2025年工作总体要求和重点任务": results
                # to be achieved, so the year's plan
                return dated
            if kind == "plan" and outer and outer[0] == "outcome":
                # "（一）坚决贯彻落实…工作部署" under "一、2019年工作回顾": what was done, not planned.
                kind, span = outer
            if kind == "plan" and year is not None and _OUTCOME_LEAD.search(text[:12]) and span == (year, year):
                return "outcome", (year - 1, year - 1)
            if kind == "outcome" and outer and outer[0] == "outcome" and outer[1] and outer[1][0] < outer[1][1] \
                    and not _TERM_HEAD.search(heading) and not _YEAR_LEAD.match(text):
                # "（七）注重民生事业全面发展…取得新成效" under "一、“十三五”时期及2020年主要工作": the years the
                # outer heading names, not a year by default (五年民生支出… is of the five)
                return outer
            return kind, span
    if year is not None:
        if _OUTCOME_LEAD.search(text[:40]):
            return "outcome", ((year - 5, year - 1) if re.search(r"过去五年|五年来|past five years", text[:40], re.IGNORECASE) else (year - 1, year - 1))
        if _PLAN_LEAD.search(text[:60]):
            return "plan", (year, year)
    return "other", None
