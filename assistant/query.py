"""Question understanding: a question is read once into a typed `Query`.

Language, normalised text, BM25 tokens with the glossary's Chinese terms for English words, the
text to embed, and what the question names: years, places (and so levels of government), and
whether it asks about a target or plan, an outcome, or both (was a target met).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from . import config, resources
from .errors import InvalidQuestionError
from .glossary import matched, terms_of
from .lexicon import english_terms
from .text import (
    CJK,
    CJK_WORD,
    PLAN_NAME_EN,
    PLAN_YEARS_EN,
    five_year_plans,
    has_latin,
    join_pinyin,
    language,
    romanised,
    syllable_names,
    years_in,
)
from .tokenize import jieba_module, normalize, tokens

_PLAN = re.compile(r"目标|预期|计划|力争|争取(?!到)|安排|打算|(?<![虚模])拟|(?:要|将)(?:达到|实现|完成)|"
                   # 要推动, 将加快: work to be done (主要, 重要, 需要 are other words)
                   r"(?<![主重需只必首纲摘])(?:要|将)(?=推动|推进|加快|建设|实施|打造|办好|开展|抓好|深化|完善|提升|加强|落实|"
                   r"启动|新建|建成|开工|优化|培育|设立|举办|让|使)|\bcall(?:s|ed)? for|\b(?:was|were) (?:(?:the |its |their )\w+ |(?-i:[A-Z])\w+ |it |they )?to\b(?! date)|\b(?:was|were) (?:[\w'-]+ ){2,8}?to be\b|\bvow(?:s|ed|ing)?\b|\bbudget(?:ed)? (?:to|for)\b|\btargets?|\baim(?:s|ed|ing)?\b|\bgoals?|(?<!master )(?<!action )(?<!spatial )(?<!overall )(?<!special )(?<!-purpose )(?<!sectoral )plans?\b|planned|(?<!spatial )(?<!urban )(?<!territorial )planning|"
                   r"\bexpect(?!anc)\w*|\bforecast\w*|\bline[ds]? up\b|\blining up\b|\bschedul(?:e|es|ed|ing) (?:to|for)\b|\bslated\b|\bearmark\w*|\bobjectives?|\bintend\w*|\bset (?:for|out)|\bwill\b|\bwould\b(?!\s+have)|\bcommit\w* to|\bpledg\w*|\bpromis\w*|"
                   r"\b(?:want|wants|wanted)\b|\b(?:hope|hopes|hoped|seek|seeks|sought|strive|strives) (?:\S+ ){0,3}?to\b",
                   re.IGNORECASE)
_OUTCOME = re.compile(r"完成|实现|达到|达成|争取到|增长了|去年|上年|过去|实际|取得|how (?:much|many|fast) did|\bwas\b|\bwere\b|"
                      r"\bdid\b|achiev\w*|reach\w*|record\w*|grew|rose|fell|actual\w*|last year|in the past",
                      re.IGNORECASE)
# "Which emerging industries did…", "which events will…": things, in the plural (a list, unless a term
# is quoted: "which platforms… its 'five foreign' (五外联动) drive" asks of that term's passage)
_THINGS_ASKED = re.compile(r"\bwhich (?:[a-z-]+ ){0,2}[a-z-]+(?<![sui])s (?:did|do|does|will|would|are|were|have|has|had)\b",
                           re.IGNORECASE)
_QUOTES_A_TERM = re.compile(r"[“\"‘「（(]|(?<![A-Za-z])'")
_ESTIMATED = re.compile(r"expect|forecast", re.IGNORECASE)  # (the plan words that estimate: expected, forecast)
# Both: was a target met?
_MET = re.compile(r"完成了吗|实现了吗|达到了吗|达成了吗|(?:完成|实现|达到|达成)了?没有|完成情况|(?:是否|有没有|有无|能否)(?:完成|实现|达到|达成)|(?:完成|实现|达到|达成).{0,6}目标|"
                  r"(?:meet|met|reach\w*|hit|achiev\w*|miss\w*|within|beat|exceed\w*|surpass\w*|outperform\w*|"
                  r"overshoot|overshot|f[ae]ll\w* short of) (?:\S+\s+){0,5}(?:target|goal|plan)\b|"
                  r"\b(?:target|goal|plan)s? (?:vs\.?|versus|and|against) (?:the )?(?:actual|outcome|result)|"
                  r"\bactual\w* (?:vs\.?|versus|against) (?:the )?(?:target|goal|plan)|目标(?:与|和|及)实际|"
                  # "How did its job creation compare with the target it set?" (no target before it), 与目标相比
                  r"\b(?:did|does|do)\b(?:(?!targets?\b|goals?\b|plans?\b)[^.?;]){0,60}?\bcompar\w* (?:with|to|against) "
                  r"(?:the |its |their )?(?:targets?|goals?)\b|(?:与|和|同)(?:年初|预期)?目标(?:相比|比较|对比)|"
                  r"(?:complet|fulfil)\w* (?:\S+\s+){0,3}(?:planned|target|goal|plan)\b|"
                  r"(?:target|goal) (?:\S+\s+){0,2}(?:was |were |been |be )?(?:met|achieved|reached|hit|missed|fulfilled)",
                  re.IGNORECASE)
_HOW_MUCH = re.compile(r"多少|(?<!哪)几[个项名家所万亿条次年倍]|百分之几|how (?:much|many|fast|large|big|high|long|far)\b|by how much|"
                       r"what percentage|\bwhat (?:[a-z-]+ ){1,3}(?:rate|ratio|share|proportion)\b|\bwhat (?:is|was|are|were)\b[^?.]{0,40}?\b(?:price|prices|number of|amount of|"
                       r"volume of|population|size of|value of|count of|tally of|total (?:investment|cost|output|amount|value))\b",
                       re.IGNORECASE)
_LIST = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|哪\d{1,2}[个项条家大类所座]|分别是(?!多少|几)|"
                   r"\b(?:which|what|name) (?:the )?(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})(?: [“\"‘']?[a-z]|\s*[?？])|包括什么|包括哪|有哪|由什么组成|\bwhat (?:are|were)\b|\bwhich\b.*\b(?:are|were)\b|\blist\b|\bname the\b|"
                   r"\bwhich\b.*\b(?:count(?:s|ed)? as|belong(?:s|ed)? to|fall(?:s)? (?:under|within))\b|"
                   r"\bmake up\b|\bmade up of\b|\bconsists? of\b|\bcompris(?:e|es|ed)\b|\bwhat (?:does|did|do) .+ (?:include|cover|involve|entail)\b",
                   re.IGNORECASE)
_LIST_NAMED = re.compile(r"(?:\b(?:its|the|a|this|that)|'s)(?: (?:19|20)\d\d)? list\b", re.IGNORECASE)
_DEFINITION = re.compile(r"是什么意思|指什么|什么是|是指什么|含义|意思是|何谓|\bmean\b|meaning|refer(?:s|red)? to|stand for|"
                         r"\b(?:described|explained|defined|listed) in (?:the|its) (?:report's )?glossary\b|名词解释中|"
                         r"\bin (?:the|its) (?:report's )?glossary\b[^?]{0,80}\b(?:explained|described|defined|glossed|given) as\b|"
                         r"\bdefin(?:e|es|ed|ing)\b|\bwhat does (?:that|the|this) (?:term|phrase|expression) (?:cover|include)|\bexplain\w* what (?:a |an |the )?[“\"‘']|"
                         r"what is meant|definition|defined|\bhow (?:is|are|was|were) (?:the |a |an )?[“\"‘'][^?]*\b(?:explained|described)\b|"
                         r"\bhow (?:does|did|do) [^?]{0,60}\b(?:explain|describe|define)\b (?:the |a |an )?[“\"‘']|"
                         r"\bwhat (?:is|are) (?:[A-Z][\w-]*(?:'s|’s) )?(?:the |a )?(?:[a-z]+-[a-z-]+ )?[“\"‘']|"  # what is the '五乐计划'? what is Foshan's '9+5+X' …?
                         r"\bwhat (?:kind|sort|type) of \w+ (?:is|are) (?:a |an |the )?[“\"‘']|"  # …village is a "两不具备" village?
                         r"\bwhat (?:qualifies|qualified|counts|counted) [^?]{0,60}?\bas (?:a |an |the )?[“\"‘']|"  # …a village as a '平安村'?
                         rf"[”\"’」](?:(?![{CJK}]*(?:目标|任务|重点|进展|成效|成果|举措|措施|情况|规模|安排))[{CJK}]{{0,6}})?(?:是什么|是啥|指的是什么)",
                         re.IGNORECASE)  # …工作法的“四大要素”是什么？ “三品”战略是什么？
# "零基预算是什么？": a bare term (no 的, no figure) and nothing else asks what it means.
_BARE_TERM = re.compile(rf"^[“\"‘'「]?[{CJK}A-Za-z]{{2,12}}[”\"’'」]?(?:是什么|是啥)[？?。]?$")
_SPEAKER = re.compile(r"谁作|作报告的是|由谁|哪位.{0,4}(?:市长|省长|总理)|who (?:delivered|gave|presented|made|read)|"
                      r"which (?:mayor|governor|premier)|"
                      # "Who was the mayor presenting …'s 2023 work report?"
                      r"\bwho\b[^?]{0,30}\b(?:deliver|present|giv|read|mak)(?:ing|ed|es|s)?\b[^?]{0,50}\b(?:report|speech|address)\b",
                      re.IGNORECASE)
# "When was Guangdong's 2023 report delivered?", "报告是哪天作的？": the meeting line answers.
_DELIVERED_WHEN = re.compile(
    r"\b(?:when|(?:on )?what (?:date|day))\b (?:was|were|is)\b[^?.;]{0,60}\b(?:report|speech|address)\b[^?.;]{0,12}"
    r"\b(?:delivered|presented|given|read|made)\b|"
    r"\b(?:when|(?:on )?what (?:date|day))\b did\b[^?.;]{0,50}\b(?:deliver|present|give|read|make)\b[^?.;]{0,40}"
    r"\b(?:report|speech|address)\b|"
    r"(?:哪天|哪一天|哪日|什么时候|何时|几月几[日号]|什么日子)[^？?。；]{0,6}(?:作|做|发表|宣读|所作)(?:的)?(?:政府工作)?报告|"
    r"报告[^？?。；]{0,8}(?:是|在)?(?:哪天|哪一天|什么时候|何时|几月几[日号])(?:作|做|发表|宣读)|"
    r"(?:人代会|人民代表大会|会议)[^？?。；]{0,8}(?:哪天|哪一天|什么时候|何时|几月几[日号])(?:召开|举行|开幕)",
    re.IGNORECASE)
# The words between a report's year and "report": "2019 government work report", "2024's provincial report"
_REPORT_WORDS = r"(?:'s)? (?:(?:national|provincial|municipal|city|State Council|central|government|annual|work) ){0,3}"
# The document a question asks of ("government work report"): its words are not the question's topic.
WORK_REPORT = re.compile(r"\b(?:government )?work reports?\b", re.IGNORECASE)
# Whose report, said in common nouns: "according to the city's 2025 government work report".
_WHOSE_REPORT = re.compile(r"\b(?:the|its|this|that) (?:city|province|country|nation|municipality|(?:city|provincial|municipal|"
                           r"national|central) government)(?:'s|’s)(?= (?:(?:19|20)\d\d )?(?:(?:annual |government )?work )?reports?\b)",
                           re.IGNORECASE)
# "2019年政府工作报告", "按广东省2025年政府工作报告", "in Zhanjiang's 2019 government work report": the year
# of a report, so 去年/今年 count from it.
_REPORT_YEAR = re.compile(rf"((?:19|20)\d\d)年(?:的)?(?:[{CJK}]{{0,6}})?(?:政府)?工作报告|((?:19|20)\d\d)年(?:的)?报告|"
                          rf"((?:19|20)\d\d){_REPORT_WORDS}report|((?:19|20)\d\d) review of\b|"
                          r"\breport (?:of|from|delivered in|published in|released in|issued in) ((?:19|20)\d\d)\b",
                          re.IGNORECASE)
_YEARS_JOINED = re.compile(r"(?:19|20)\d\d年?(?:和|与|及|、|至|到|-|–|and|to)\s*(?:19|20)\d\d年?(?:的)?[^，,。？?]{0,12}报告|"
                           r"(?:19|20)\d\d(?:'s)? and (?:19|20)\d\d\b[^,.?]{0,40}\breports\b", re.IGNORECASE)
# "the city's 2016 and 2018 government work reports", "from the 2019 to the 2020 government work report",
# 2024年与2025年政府工作报告:
# two reports named by one noun, each its own report
_TWO_REPORTS = re.compile(rf"\b(?:from|between) (?:the |its )?((?:19|20)\d\d)(?:'s)?(?: report)? (?:to|and) (?:the |its )?"
                          rf"((?:19|20)\d\d){_REPORT_WORDS}reports?\b|"
                          rf"\b((?:19|20)\d\d)(?:'s)?,? and (?:the |its )?((?:19|20)\d\d){_REPORT_WORDS}reports\b|"
                          r"((?:19|20)\d\d)年?(?:和|与|及|、)((?:19|20)\d\d)年(?:的)?(?:两份|两个)?(?:政府)?工作报告",
                          re.IGNORECASE)
_REPORTED_IN = re.compile(r"\breported in ((?:19|20)\d\d)\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"去年|上一年|上年|last year|the previous year|the year before", re.IGNORECASE)
_THIS_YEAR = re.compile(r"今年|本年|this year|the current year|the coming year", re.IGNORECASE)
# "2023年政府工作报告给当年…": the report's year, when the question names no other year for it to be
_THAT_YEAR = re.compile(r"当年|\bthat year\b", re.IGNORECASE)
_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{3,}(?![A-Za-z])")
# A question about "the province" as a whole, naming none.
_THE_PROVINCE = re.compile(r"全省|省政府|本省|我省|省里|省级|省人民政府|\bthe (?:whole )?province\b|\bprovincial government\b|"
                           r"\bprovince-?wide\b")
_PLACE_SUFFIX = re.compile(rf"([{CJK}]{{2,3}}?)(?:市|县|省)(?![委级政长])")
# A zone of a city named right after it (成都高新区, 成都市四川天府新区, 深圳前海合作区): its figures are
# not the city's, so only a clause naming the zone answers.
_ZONE = rf"[{CJK}]{{0,6}}?(?:高新区|新区|开发区|园区|港区|自贸区|自贸试验区|片区|合作区|示范区|经济区|综保区)"
_NOT_PLACE_CHARS = re.compile(r"[哪些什么个的要年这那各本全该我建成属级]")


@dataclass
class Query:
    """A question as the retriever and answerer read it."""

    text: str
    language: str
    normalized: str
    tokens: list[str]
    expansion: list[str]
    dense_text: str
    years: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # indexed regions the question names (茂名, 全国)
    unknown_places: list[str] = field(default_factory=list)  # places named that no indexed report is about
    kind: str | None = None  # "plan", "outcome", "met" (both), "definition", or None
    wants_number: bool = False
    wants_list: bool = False
    names: list[str] = field(default_factory=list)  # capitalised words (romanised names)
    wants_speaker: bool = False  # who delivered the report
    wants_meeting: bool = False  # when (at which congress) the report was delivered
    asks_when: bool = False  # in what year, 什么时候
    report_year: int | None = None  # "按2025年政府工作报告": the year of the report asked about
    report_years: list[int] = field(default_factory=list)  # "(2021 report) versus … (2023 report)": several
    span: tuple[int, int] | None = None  # the five-year plan named (十三五, "the 13th Five-Year Plan"): 2016-2020
    # an English question's words the glossary does not know, with their Chinese words from the
    # dictionary (virtual → 虚拟, typhoon → 台风): searched for with less weight than glossary terms
    translated: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # the glossary entries (and amounts) the question mentions: (English pattern, Chinese terms)
    glossed: list[tuple[re.Pattern, tuple[str, ...]]] = field(default_factory=list)
    asked: str = ""  # the words as asked, when `text` reads a place by its own name (四川省会 → 成都)
    # places no indexed report is about whose report the question names ("Hainan's 2022 report", 海南省政府工作报告)
    unindexed_reports: list[str] = field(default_factory=list)

    @property
    def only_unindexed(self) -> bool:
        """Whether the reports the question names are only of places no indexed report is about."""
        return bool(self.unindexed_reports) and not self.places

    @property
    def words(self) -> str:
        """The question in the asker's own words (what an answer says it answers)."""
        return self.asked or self.text

    @property
    def is_english(self) -> bool:
        return self.language == "en"


def check_question(question: object) -> str:
    """The question stripped, or InvalidQuestionError for a missing, empty or too long question."""
    if not isinstance(question, str):
        raise InvalidQuestionError(f"the question must be text, not {type(question).__name__}")
    if not question.strip():
        raise InvalidQuestionError("the question is empty; type a question about the report")
    question = question.strip()
    if len(question) > config.MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"the question is {len(question):,} characters long; the limit is "
            f"{config.MAX_QUESTION_CHARS:,}: ask about one thing at a time",
            zh=f"问题长{len(question):,}个字符，上限是{config.MAX_QUESTION_CHARS:,}个：请一次只问一件事")
    return question


_NAME_QUALIFIER = re.compile(rf"(?<=[{CJK}A-Za-z])[（(][{CJK}]{{2,4}}[)）](?=[{CJK}A-Za-z])")


# "多少家首店": a measure word after 多少/几 that jieba would join to the noun after it (家首店), so
# the noun is no search word of its own.
_COUNTED = re.compile(r"((?:多少|几)[家个项座所台辆名位条种批只件次处栋套间张块艘架])")

# "China's first sustainable aviation fuel base", "全国首个": a superlative over the country, not a
# question about the national government's report.
_SUPERLATIVE = re.compile(r"(?:'s|’s)?\s+(?:first|largest|biggest|only|longest|tallest|highest|leading|top|"
                          r"first-ever|earliest)\b", re.IGNORECASE)


# Where a thing stands: "the most … within Guangdong", "across the province of Guangdong".
_WITHIN = re.compile(r"\b(?:within|across|throughout)\s+(?:the\s+(?:whole\s+)?province\s+of\s+)?$", re.IGNORECASE)
# A rank over the country: "Where does the zone rank nationally?", "ranked first in China".
_RANKED_IN = re.compile(r"\b(?:rank(?:s|ed|ing)?|placed|positioned)\b(?:\s+[\w-]+){0,2}?\s+(?:in\s+|among\s+)?(?:the\s+)?$",
                        re.IGNORECASE)
# The country's government as the one that approves: "…did the State Council approve", 国务院批复.
_APPROVES = re.compile(r"\s+(?:has |had |formally |officially )?(?:approved?|approves|approving|granted?|grants|"
                       r"endorsed?|endorses|ratif(?:y|ied|ies)|signed off|gave\b)", re.IGNORECASE)
_APPROVES_ZH = re.compile(r"国务院(?:正式)?(?:批复|批准|同意|印发|授予)")
_SUPERLATIVE_ZH = re.compile(r"全国(?:首个|首条|首家|首批|首座|首次|首位|之首|前茅|第一|最大|最长|最高|唯一|领先|前列|十强|百强|"
                             r"前[一二三四五六七八九十百\d]+(?:位|名|强)?|第[一二三四五六七八九十\d]+)")


@functools.lru_cache(maxsize=1)
def _other_places() -> tuple[resources.Place, ...]:
    """Chinese cities and places abroad: no indexed report is about them unless one is its region."""
    return resources.cities() + resources.abroad()


@functools.lru_cache(maxsize=1)
def _city_names() -> tuple[re.Pattern, list[str]]:
    """One pattern for the English names of every city in cities.tsv and every place abroad
    (abroad.tsv) (group i is names[i - 1])."""
    cities = _other_places()
    forms = ("|".join(c.english or (romanised(c.name),)) for c in cities)
    pattern = re.compile(r"(?<![a-z'])(?:" + "|".join(f"({f})" for f in forms) + r")(?![a-z])")
    return pattern, [c.name for c in cities]


def names_a_city(word: str) -> bool:
    """Whether an English word is the name of a city (cities.tsv) or a place abroad (abroad.tsv)."""
    return bool(_city_names()[0].fullmatch(word.lower()))


# ("When … shifted its response, how many beds…?", "by 2015, when its plan was approved": a when that
# joins a clause asks no date; one before an auxiliary or at the end does)
# (not "哪一年更多？", "which year was higher?": which of the years named, compared)
_WHEN_ASKED = re.compile(r"(?:哪一年|哪年)(?![^？?，,。]{0,4}?(?:更|较|最))|何年|何时|什么时候|几月|in what year|"
                         r"(?:which|what) year(?![- ]on[- ]year)(?!\s+(?:[a-z]+\s+){0,2}(?:higher|larger|bigger|greater|more|"
                         r"faster|lower|smaller|fewer|slower|less)\b)|"
                         r"\bwhen\b(?=\s+(?:is|are|was|were|will|would|did|does|do|has|have|had|can|could|should|shall)\b)|"
                         r"\bwhen\s*\?", re.IGNORECASE)


def _spelled_out(text: str) -> str:
    """Pairs of one-character names written out (京沪两地 → 北京和上海两地), from abbreviations.tsv."""
    short = resources.abbreviations()
    if not short:
        return text
    chars = "".join(short)
    return re.sub(rf"([{chars}]{{2,3}})(?=[两三](?:地|省|城))",
                  lambda m: "和".join(short[c] for c in m.group(1)), text)


def _alone(question: str) -> str:
    """A one-character name alone as a question's subject, right before its year (粤2023年…, 沪去年…),
    written out; 粤港澳 or 粤省事 names no place."""
    short = resources.abbreviations()
    if not short:
        return question
    return re.sub(rf"(?:^|(?<=[\s，,。；;：:？?]))([{''.join(short)}])(?=(?:19|20)\d\d年|去年|今年)",
                  lambda m: short[m.group(1)], question)


# A place named as part of a larger one's name or of a pair ("South China", "western Guangdong", the
# "Guangdong–Guangxi collaboration"): not the government a question asks about, beside one that is.
_PART_OF = re.compile(r"\b(?:south|north|east|west|central|southern|northern|eastern|western|south-?east|south-?west|"
                      r"north-?east|north-?west)(?:ern)?[\s-]+$", re.IGNORECASE)
_JOINED_AFTER = re.compile(r"\s*[-–—]\s*[A-Z][a-z]")
_JOINED_BEFORE = re.compile(r"[A-Z][a-z]+\s*[-–—]\s*$")
_OPENS_QUOTE = re.compile(r"(?:^|[\s(])['\"‘“]$")


def _places(question: str, regions: frozenset[str]) -> tuple[list[str], list[str]]:
    """(indexed regions named, other places named) in a question. A place in brackets right after a
    name is part of that name (巴斯夫（广东）一体化基地: a company, not Guangdong)."""
    simple = _spelled_out(_NAME_QUALIFIER.sub("", normalize(question)))
    lower = question.lower()
    named: list[str] = []
    english: dict[str, list[re.Match]] = {}  # each place's English mentions
    for region in sorted(regions, key=len, reverse=True):
        found = list(re.finditer(rf"(?<![a-z]){re.escape(romanised(region))}(?![a-z])", lower)) \
            if region and has_latin(question) else []
        if region and (region in simple or found):
            named.append(region)
            english.setdefault(region, []).extend(found)
    # A report known by its English name (an English translation's "Shenzhen Municipal People's
    # Congress") is named by its Chinese name too: 深圳 reads shenzhen.
    latin = {r.lower().replace(" ", ""): r for r in regions if r.isascii()}
    if latin and language(question) == "zh":
        for size in (2, 3):
            for i in range(len(simple) - size + 1):
                word = simple[i:i + size]
                region = latin.get(romanised(word)) if CJK_WORD.fullmatch(word) else None
                if region and region not in named:
                    named.append(region)
                    regions = regions | {word}  # its Chinese name is no unknown place
    for place in resources.places():
        if place.same_as:
            continue  # (read as the place it names: _named_plainly)
        target = "全国" if place.level == "national" else place.name
        found = [m for e in place.english for m in re.finditer(rf"(?<![a-z]){e}(?![a-z])", lower)]
        if place.name in simple or found:
            english.setdefault(target, []).extend(found)
            if target not in named:
                named.append(target)
    # Other Chinese cities, as whole words (中山 but not 中山大学, 海口 but not 出海口) or by their
    # English names: no indexed report is about them, so only a clause naming one answers.
    words = set(jieba_module().lcut(simple)) if CJK_WORD.search(simple) else set()
    plain = lower.replace("’", "'")
    texts = (plain, plain.replace("'", ""))  # Xi'an, Xian
    said = {c.name for c in _other_places() if c.name in words or c.name + "市" in words}
    if has_latin(question):
        pattern, names = _city_names()
        for n, text in enumerate(texts):
            for m in pattern.finditer(text):
                said.add(names[m.lastindex - 1])
                if n == 0:  # (where it stands: "the Hong Kong-Zhuhai-Macao Bridge" names a bridge)
                    english.setdefault(names[m.lastindex - 1], []).append(m)
    for city in _other_places():  # in the files' order
        if city.name in said and city.name not in named and city.name not in regions \
                and not (latin and romanised(city.name) in latin):
            named.append(city.name)
    # Beside another place, a place that only qualifies a name ("the Guangdong Provincial Games",
    # "a national sports event" in a question about Guangzhou) or a rank is not a place asked about; "the
    # national target" in a comparison is.
    # (not "serving both normal and emergency needs": two things of one, not two places)
    compares = bool(re.search(r"\b(?:compare[ds]?|comparison|than|versus|vs\.?)\b", lower)
                    or re.search(r"\b(?i:both)\b(?! [a-z-]+ and [a-z])", question))

    def qualifies(place: str, joined: bool = True) -> bool:
        mentions = english.get(place, [])
        return bool(mentions) and place not in simple and all(
            (m.group() in ("national", "nationally") and not compares)  # ("where does that put it nationally")
            # (another city before a name is asked of: "the Paris Olympics" is 巴黎奥运会; only joined into one
            # it is not, "the Hong Kong-Zhuhai-Macao Bridge")
            or (place not in said or place in regions) and re.match(r" ['‘\"“]?[A-Z][a-z]", question[m.end():m.end() + 4])
            # (the first word of a quoted name: "named 'China's Happiest City'" in a question about Shenzhen)
            or _OPENS_QUOTE.search(question, 0, m.start())
            or joined and (_PART_OF.search(question, 0, m.start()) or _JOINED_AFTER.match(question, m.end())
                                                     or _JOINED_BEFORE.search(question, 0, m.start()))
            for m in mentions)

    levels = resources.place_levels()

    def superlative(place: str) -> bool:
        """Over the country, not about its report: China's first…, 全国首个…, 全国第一 (a city's first,
        "Foshan's first national first-grade museum", is of its own report)."""
        mentions = english.get(place, [])
        if levels.get(place) not in ("national", "province"):
            return False
        if place in simple:
            return place == "全国" and simple.count("全国") == len(_SUPERLATIVE_ZH.findall(simple)) and not mentions
        return bool(mentions) and all(_SUPERLATIVE.match(question, m.end()) or _RANKED_IN.search(question, 0, m.start())
                                      for m in mentions)
    named = [p for p in named if not superlative(p)]

    def names_its_city(place: str) -> bool:
        """A province only qualifying a city named beside it: written right before it (广东湛江大型产业集聚区,
        四川成都), or, in English and no comparison, only as what owns something ("…to join Guangdong's
        new batch of hospitals" in a question about Maoming) or where the city stands ("what distinction
        did that give it within Guangdong?")."""
        if levels.get(place) != "province":
            return False
        others = [q for q in named if q != place]
        if any(re.search(rf"{re.escape(place)}(?:省)?{re.escape(q)}", simple) for q in others if levels.get(q) != "province"):
            return True
        mentions = english.get(place, [])
        return any(levels.get(q) not in ("province", "national") for q in others) and not compares and bool(mentions) \
            and place not in simple and all(re.match(r"(?:'s|’s) [a-z]", question[m.end():m.end() + 5])
                                            or _WITHIN.search(question, 0, m.start()) for m in mentions)

    def approves(place: str) -> bool:
        """The country's government only as what approved something for a place named beside it
        ("Which Shenzhen master plan did the State Council approve?", 国务院批复…): not its report."""
        if levels.get(place) != "national" or not any(levels.get(q) != "national" for q in named if q != place):
            return False
        mentions = english.get(place, [])
        said = [_APPROVES.match(question, m.end()) for m in mentions]
        return (bool(mentions) and all(said)) or (not mentions and bool(_APPROVES_ZH.search(simple))
                                                   and len(_APPROVES_ZH.findall(simple)) >= simple.count("国务院"))

    kept = [p for p in named if not qualifies(p, joined=False) and not names_its_city(p) and not approves(p)]
    unjoined = [p for p in kept if not qualifies(p)]
    if any(p in regions for p in unjoined):
        kept = unjoined  # (beside a report's own place: "Shenzhen's record in Guangdong–Guangxi collaboration")
    if kept and len(kept) < len(named):
        named = kept

    def first_said(place: str) -> int:
        """Where the question first names a place: places are taken in the question's order."""
        spots = [m.start() for m in english.get(place, [])] + ([simple.index(place)] if place in simple else [])
        return min(spots, default=len(question))
    named.sort(key=first_said)
    if not named and _THE_PROVINCE.search(simple if not has_latin(question) else lower):
        # "全省…", "the provincial government's…" naming no place: the one province indexed, if one
        provinces = [p.name for p in resources.places() if p.level == "province" and p.name in regions]
        named = provinces if len(provinces) == 1 else []
    if not named and "中央" in simple:
        named = ["全国"]  # "中央2023年定的经济增长目标": the central government's, naming no other place
    unknown = [p for p in named if p not in regions]
    for m in _PLACE_SUFFIX.finditer(simple):
        p = m.group(1)
        if p not in regions and p not in resources.not_places() and not _NOT_PLACE_CHARS.search(p) \
                and p not in unknown and not any(p in r or r in p for r in regions):
            unknown.append(p)
    for region in regions:
        if region and CJK_WORD.search(region):
            for m in re.finditer(rf"{re.escape(region)}(?:市|省)?({_ZONE})", simple):
                if m.group(1) not in unknown and m.group(1) not in resources.not_places():
                    unknown.append(m.group(1))
    if "区" in simple:  # a district (深圳南山区, 天河区): a place no report is about, only a clause naming it answers
        from .tokenize import posseg_module

        for pair in posseg_module().lcut(simple):
            w = pair.word
            if len(w) >= 3 and w.endswith("区") and pair.flag.startswith("ns") and w not in unknown \
                    and not any(r in w for r in regions) and w not in resources.not_places():
                unknown.append(w)
    return [p for p in named if p in regions], unknown


# "…set a goal for 2024. Did the city's growth meet it?": a plan named, then asked whether it was met.
_REACHED = r"(?:meet|met|reach\w*|achiev\w*|hit|exceed\w*|surpass\w*|fulfil\w*|get there|make it|record(?:ed)?)\b"
# ("was it to reach…?" asks the plan: was to)
# (not what it aimed to reach: "What rate did Guangdong aim to exceed by the end of 2024?" asks a target)
_AIMED_TO = r"\b(?:aim|plan|intend|expect|want|hope|seek|strive|pledge|vow|promise|set out)(?:s|ed)? to\b"
_DID_MEET = re.compile(rf"\b(?:did|has|have)\b(?:(?!{_AIMED_TO})[^.?;]){{0,50}}?\b{_REACHED}|\b(?:was|were)\b[^.?;]{{0,50}}?(?<!\bto )\b{_REACHED}|"
                       r"\b(?:actually|turn(?:ed)? out|end(?:ed)? up|came in)\b|实际(?!使用|利用|工作)|"
                       r"\b(?:did|has|have) (?:it|they|the (?:city|province|country))\s*\?",
                       re.IGNORECASE)


def without_places(text: str, places) -> str:
    """The text with these places blanked, as written or romanised (深圳, Shenzhen), longest first."""
    for place in sorted((p for p in places if p), key=len, reverse=True):
        text = text.replace(place, " ")
        text = re.sub(rf"\b{re.escape(romanised(place))}\b", " ", text, flags=re.IGNORECASE)
    return text


def _asks_list(question: str) -> bool:
    """Whether a question asks for things listed. A list it names is where a figure asked stands:
    "Under its list of ten livelihood projects, how many compounds were to be renovated?"."""
    said = _LIST_NAMED.sub(" ", question) if _HOW_MUCH.search(question) else question
    return bool(_LIST.search(said) or _THINGS_ASKED.search(said) and not _QUOTES_A_TERM.search(said))


def named_year(query: Query) -> int | None:
    """The one year a question is about: its report's, else the only year it names."""
    return query.report_year or (query.years[0] if len(query.years) == 1 else None)


def asks_met(question: str) -> bool:
    """Whether a question asks if a target or plan was met (完成了吗, 有没有完成, "did it meet its
    plan", "it aimed for 300 million tonnes; did it get there?")."""
    return _met(_without_plan_names(question))


def _without_plan_names(question: str) -> str:
    """The question with its five-year plans' English names blanked: "the 13th Five-Year Plan"
    names a period, it asks for no plan."""
    return PLAN_YEARS_EN.sub(" ", PLAN_NAME_EN.sub(" ", question))


def _met(said: str) -> bool:
    return bool(_MET.search(said) or _PLAN.search(said) and _DID_MEET.search(said))


_PART_OF_YEAR = re.compile(r"[一二三四1-4]季度|上半年|下半年|前三季度|\d{1,2}[-—至~]\d{1,2}月|\d{1,2}月份|单月|"
                           r"(?<!\d)\d{1,2}月(?!\d{1,2}日|底|末|初)|"
                           r"\b(?:first|second|third|fourth) quarter|\bQ[1-4]\b|\b(?:first|second) half\b|"
                           r"\bfirst (?:three|nine|\w+) (?:quarters|months)\b", re.IGNORECASE)


def asks_part_of_year(question: str) -> bool:
    """Whether a question asks about part of a year (第一季度, 上半年, "the first half", "Q3")."""
    return bool(_PART_OF_YEAR.search(question))


def _named_plainly(question: str) -> str:
    """A place called by another name called by its own (四川省会 → 成都, "Sichuan's provincial
    capital" → Chengdu, 首都 → 北京, 粤2023年 → 广东2023年): the other name's words (Sichuan, capital) are no topic."""
    question = _alone(question)
    if not re.search(r"省会|首府|首都|capital", question, re.IGNORECASE):
        return question
    for place in (*resources.capitals(), *(p for p in resources.places() if p.same_as)):
        for e in place.english:
            question = re.sub(rf"(?<![A-Za-z]){e}(?![A-Za-z])", romanised(place.same_as).capitalize(), question,
                              flags=re.IGNORECASE)
        question = question.replace(place.name, place.same_as)
    return question


def _phrases_over_glossary(question: str, glossed: list, translated: list, skip: frozenset[str]) -> list:
    """The dictionary's phrases that end in a glossary term, a kind of what it names ("compulsory
    education": 义务教育, not any 教育): the longer name says what is asked ("growth rates" is no kind
    of growth)."""
    lower = question.lower()
    spans = [m.span() for pattern, _ in glossed for m in pattern.finditer(question)]
    have = {term for term, _ in translated}
    out = []
    for term, chinese in english_terms(question, skip=skip):
        if term in have or not re.search(r"[\s-]", term):
            continue
        at = re.search(r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", term)), lower)
        if at and any(at.start() < a and b == at.end() for a, b in spans):
            out.append((term, chinese))
    return out


def read_question(question: str, regions: frozenset[str] = frozenset(), lang: str | None = None) -> Query:
    """Read a question once.

    Args:
        question: Chinese or English.
        regions: the regions of the indexed reports (茂名, 广东, 全国), to recognise places named.
        lang: "en" or "zh" when known otherwise than from the text (an English follow-up that
            carries the Chinese subject of the question before it is still English).
    """
    asked = check_question(question)
    question = _named_plainly(asked)
    lang = lang or language(question)
    toks = tokens(_COUNTED.sub(r"\1 ", question))
    glossed = matched(question) if has_latin(question) else []
    expansion = terms_of(chinese for _, chinese in glossed)
    generic = resources.question_words().get("generic", frozenset())
    for term in expansion:
        # "target" → 目标 says what kind of answer (routed by kind), not what about; the longer
        # 预期目标 still finds a report's table of targets.
        if term not in generic or len(term) > 2:
            toks.extend(tokens(term))
    dense = f"{question} {' '.join(expansion)}" if expansion else question
    places, unknown = _places(question, regions)
    translated = []
    if lang == "en":
        # the document asked of, not its topic ("work" is no 劳动; "the city's 2025 report" names no city topic)
        rest = _unglossed(WORK_REPORT.sub(" , ", _WHOSE_REPORT.sub(" , ", question)), glossed)  # (no phrase across one)
        names = {romanised(p) for p in places + unknown if CJK_WORD.search(p)}
        translated = english_terms(rest, skip=frozenset(names))
        translated += _phrases_over_glossary(question, glossed, translated, frozenset(names))
    said = years_in(question)  # (each time said: a report's year and the year it reviews may be one)
    years = list(said)
    plans = five_year_plans(question)
    if len(set(plans)) == 1 and sorted(set(years)) == list(plans[0]):
        years = []  # "the 13th Five-Year Plan period (2016–2020)": the span's bounds, not two years asked
    named = [int(next(g for g in m.groups() if g)) for m in _REPORT_YEAR.finditer(question)]  # reports' years
    named += [y for y in (int(g) for m in _TWO_REPORTS.finditer(question) for g in m.groups() if g) if y not in named]
    # ("the target in the 2024 report with the result reported in 2025": beside a report named, a second)
    named += [y for y in (int(m.group(1)) for m in _REPORTED_IN.finditer(question)) if named and y not in named]
    reports = sorted(set(named)) if len(set(named)) > 1 else []  # "…its 2024 work report and … its 2025 report"
    # (not "2019年和2025年的政府工作报告": two reports, each year asked of its own)
    report_year = named[0] if named and not reports and not _YEARS_JOINED.search(question) else None
    if reports:
        # each report asked of its own, not the years it names, but for the year each reviews ("the 2022
        # report (for 2021)"): each report's part asks about the year before it
        reviewed = [y for y in dict.fromkeys(years) if said.count(y) > named.count(y)]
        years = reviewed if reviewed and all(y + 1 in reports for y in reviewed) else []
    if report_year is not None:
        others = [y for y in years if y != report_year]
        relative = report_year - 1 if _LAST_YEAR.search(question) else report_year if _THIS_YEAR.search(question) \
            or not others and _THAT_YEAR.search(question) else None
        years = others + ([relative] if relative else [])
    said = _without_plan_names(question)
    if _met(said):
        kind = "met"
    elif _DEFINITION.search(question) or _BARE_TERM.match(question) and "的" not in question and (
            question[0] in "“\"‘'「" or not (_PLAN.search(question) or _OUTCOME.search(question))):
        kind = "definition"  # a quoted term is one even when it says 计划 ("五乐计划"是什么？)
    elif _PLAN.search(said) and not (_OUTCOME.search(said) and all(
            m.lower() == "will" or _ESTIMATED.match(m) and years and report_year and max(years) < report_year
            for m in _PLAN.findall(said))):
        # not a bare "will" beside a past tense ("did it win…, and when will it be held?"), nor a year
        # the report reviews "expected" (its estimate of last year: 预计下降8%)
        kind = "plan"
    elif _OUTCOME.search(said) and not _PLAN.search(said):
        kind = "outcome"
    else:
        kind = None
    if report_year is not None and years and kind in ("plan", "outcome") and _COMPARED.search(question):
        # "How did the target in its 2014 report compare with the one it set for 2021?": the report's own
        # year (its plan's, or the year it reviews) is one of the years compared
        own = report_year if kind == "plan" else report_year - 1
        if own not in years:
            years, report_year = [own, *years], None
    met_year = _year_met(years, report_year, reports) if kind == "met" else None
    if met_year is not None:  # the target set for that year, and that year's review in the next report
        years, report_year, reports = [met_year], None, []
    return Query(
        text=question, asked=asked if asked != question else "", language=lang, normalized=normalize(question), tokens=toks, expansion=expansion,
        dense_text=dense, years=years, places=places, unknown_places=unknown, kind=kind,
        wants_number=bool(_HOW_MUCH.search(question)), wants_list=_asks_list(question),
        names=_names(_unglossed(question, glossed)), wants_speaker=bool(_SPEAKER.search(question)),
        wants_meeting=bool(_DELIVERED_WHEN.search(question)),
        asks_when=bool(_WHEN_ASKED.search(question)), translated=translated,
        report_year=report_year, report_years=reports, span=plans[0] if len(set(plans)) == 1 else None, glossed=glossed,
        unindexed_reports=[p for p in unknown if _names_its_report(question, p)],
    )


# A place's own report: "Hainan's 2022 provincial government work report", 海南省2022年政府工作报告.
_ITS_REPORT_EN = (r"(?:'s|’s)\s+(?:(?:19|20)\d\d\s+)?(?:annual\s+)?(?:provincial\s+|municipal\s+|city\s+)?"
                  r"(?:government\s+)?(?:work\s+)?reports?\b")
_ITS_REPORT_ZH = r"(?:省|市|自治区)?(?:人民政府)?(?:(?:19|20)\d\d年)?(?:的)?(?:政府)?工作报告"


def _names_its_report(question: str, place: str) -> bool:
    """Whether the question names the report of a place (not a clause about it in another's)."""
    if re.search(re.escape(place) + _ITS_REPORT_ZH, question):
        return True
    forms = next((c.english for c in _other_places() if c.name == place and c.english), None) \
        or ((re.escape(romanised(place)),) if CJK_WORD.search(place) else (re.escape(place),))
    return any(re.search(rf"(?<![A-Za-z])(?:{f}){_ITS_REPORT_EN}", question, re.IGNORECASE) for f in forms)


# A comparison asked: "How did A compare with B?", "2014年的目标与2021年相比".
_COMPARED = re.compile(r"\b(?:compar(?:e[ds]?|ing|ison)|versus|vs\.?)\b|相比|比较|对比", re.IGNORECASE)


def _unglossed(question: str, glossed: list) -> str:
    """The question without the phrases the glossary renders: a name in one ("Leizhou opera" → 雷剧)
    is no romanised name the reports must write (雷州)."""
    for pattern, _ in glossed:
        question = pattern.sub(" , ", question)
    return question


def _names(question: str) -> list[str]:
    """A question's romanised names: capitalised words (Qianhai, Xiong'an as xiongan), and syllables
    written apart as one (Peng Cheng → pengcheng, not peng and cheng)."""
    joined = syllable_names(question)
    parts = {w for _, words in joined for w in words}
    return [w.lower() for w in _NAME.findall(join_pinyin(question)) if w.lower() not in parts] + [n for n, _ in joined]


def parts(query: Query) -> list[tuple[str, Query]]:
    """A question about two things split into one question each, with a label for each part:
    was a target met (the year's target, then its outcome), or a comparison of years or places.
    A simple question gives []."""
    en = query.is_english
    if query.kind == "met" and len(query.years) == 1 and query.report_year is None:
        y = query.years[0]
        return [(f"Target for {y}" if en else f"{y}年目标", replace(query, kind="plan")),
                (f"Outcome for {y}" if en else f"{y}年实际", replace(query, kind="outcome"))]
    if query.report_years:  # each report named, the figure it gives (of the year it reviews: 上一年…各是多少)
        last = bool(_LAST_YEAR.search(query.text))
        return [(f"{y} report" if en else f"{y}年政府工作报告",
                 replace(query, report_year=y, report_years=[], years=[y - 1] if y - 1 in query.years or last else [],
                         kind=_part_kind(query, y, last), span=None))
                for y in query.report_years]
    years = list(dict.fromkeys(query.years))
    if len(years) >= 2:
        return [(str(y) if en else f"{y}年", replace(query, years=[y])) for y in years]
    if len(query.places) >= 2:
        return [(_english_label(p) if en else p, replace(query, places=[p])) for p in query.places]
    return []


def _part_kind(query: Query, y: int, last: bool) -> str | None:
    """What the part of a question about the report of year y asks: the year's plan when the year
    asked is the report's own (2022年政府工作报告把当年赤字率定在多少？2023年政府工作报告回顾2022年时…: the
    2022 report's part asks its target), the year it reviews when that is asked."""
    if y in query.years and y - 1 not in query.years and not last:
        return "plan"
    return query.kind or ("outcome" if y - 1 in query.years or last else None)


def _year_met(years: list[int], report_year: int | None, reports: list[int]) -> int | None:
    """The year whose target a "was it met" question asks about: the year it names, also when it
    names the report that set the target (2022年政府工作报告提出的…目标，当年是否完成？) or the next
    one that reviews it ("the 2021 report set a target. Was it met, according to the 2022 report?")."""
    years = list(dict.fromkeys(years))  # (a year said twice, 2019年定下的…2019年实际增长, is one)
    if len(years) == 1 and report_year in (None, years[0], years[0] + 1):
        return years[0]
    if not years and report_year is not None:
        return report_year
    if not years and len(reports) == 2 and reports[1] == reports[0] + 1:
        return reports[0]
    return None


def _english_label(place: str) -> str:
    """A place as an English answer names it: China for 全国 (not its romanisation), else its pinyin."""
    return "China" if place == "全国" else romanised(place).title()
