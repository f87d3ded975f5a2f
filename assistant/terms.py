"""Definitions and lists: what a report says right after a term.

"“四个定位”指什么？", "What are the four platforms?", "零基预算是什么？": the answer is the words
that follow the term where the report introduces it (its 名词解释 entry, a parenthesis, a list
after a colon, or the sentences that follow an announcing lead such as 建强四大平台。).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .retrieve import Hit
from .text import CJK
from .text import PINYIN_SYLLABLE as _SYLLABLE  # (spelled terms: one syllable a word)
from .tokenize import normalize

_QUOTED = re.compile(r"(?:[“\"「『‘]|(?<![A-Za-z])')([^”\"'」』’]{1,30})[”\"'」』’]")
# A Chinese term an English question gives in brackets: 'split-line management' (分线管理).
_BRACKETED = re.compile(rf"[（(]([{CJK}][{CJK}A-Za-z0-9“”]{{1,15}})[)）]")
# A count and a noun: 四大平台, 8个万亿元级产业集群, 十件民生实事, 五大产业发展计划.
_COUNTED = re.compile(rf"(?:[一二两三四五六七八九十百\d]+)(?:大|个|项|件|条|类|张|化|新|地|网|园)[{CJK}]{{1,12}}")
_DEF_Q = re.compile(rf"([{CJK}A-Za-z0-9“”+＋]{{2,24}}?)(?:都|还|也|一共|共|具体)?(?:是什么意思|指什么|是指什么|是什么|的含义|包括哪些|有哪些|是哪些)")
_STOP = re.compile(r"[。！？!?；;]")
# Where a counted term in a question ends and the asking begins: 四大平台|是哪些.
_ASKING = re.compile(r"有哪|是哪|包括|分别|是指|指的|指什么|是什么|都有|有什么|具体|是|都(?=包括|有|是|指)")
# How much a definition or list answer may quote (characters).
TERM_CAP = 240
# A counted list announced by its term (办好十件民生实事。一是…，二是…) may quote this much per item.
LIST_ITEM_CHARS = 60
_ITEM_MARK = re.compile(r"(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,2}是|[（(][一二三四五六七八九十]{1,2}[）)]")
LIST_CAP = 720
# A counted term (its noun may go on a few characters) followed by the items it counts.
_ANNOUNCED_AFTER = re.compile(rf"[{CJK}]{{0,10}}?(?:[，,]\s*(?:分别是|分别为|包括|即|依次是)|[：:])")


# The quote marks an English question puts around a term (an apostrophe only outside a word).
OPEN_QUOTE, CLOSE_QUOTE = r"(?:(?<![A-Za-z])'|[“\"‘])", r"(?:'(?![A-Za-z])|[”\"’])"
# A term an English question spells in pinyin, in brackets or quotes: "(liang bu ju bei)", 'san xia xiang'.
# (or as one word: 'Zhangmenren')
_SPELLED = re.compile(rf"(?:[(（]|{OPEN_QUOTE})\s*((?:[a-z]+[\s-]+){{1,5}}[a-z]+|[A-Za-z][a-z]{{3,20}})\s*(?:[)）]|{CLOSE_QUOTE})")

# A term a report sets apart: in quotes (two joined, “千村示范、万村整治”) or as a glossary entry's head.
_COINED = re.compile(rf"“([{CJK}、]{{2,16}})”|^\s*(?:\*\*)?(?:\[\d{{1,3}}\]|\d{{1,3}}[.．、])?\s*([{CJK}、]{{2,16}})[：:]",
                     re.MULTILINE)


def spelled_terms(question: str) -> list[str]:
    """The pinyin an English question spells a term in, a syllable a word or all in one word,
    joined: "the 'two lacks' (liang bu ju bei) villages" → liangbujubei, 'Zhangmenren' → zhangmenren."""
    out = []
    for m in _SPELLED.finditer(question):
        words = re.split(r"[\s-]+", m.group(1).lower())
        if len(words) > 1 and all(_SYLLABLE.fullmatch(w) for w in words) \
                or len(words) == 1 and re.fullmatch(rf"(?:{_SYLLABLE.pattern}){{2,4}}", words[0]):
            out.append("".join(words))
    return out


def coined_terms(texts: list[str]) -> set[str]:
    """The terms texts set apart: quoted (“三下乡”, “千村示范、万村整治”) or glossed (两不具备：)."""
    return {t for text in texts for m in _COINED.finditer(text) for t in m.groups() if t}


def spelled_in(spelled: list[str], terms: set[str]) -> list[str]:
    """The terms (`coined_terms`) whose pinyin is one spelled."""
    from .tokenize import spellings

    return sorted(t for t, sound in spellings(terms).items() if sound in spelled)


# How much of an English name a coined term must say, and how much of the term must say it.
RENDERED_WORDS, RENDERED_CHARS = 0.6, 0.5
_NAME_GRAMMAR = frozenset("a an the of in on at to for by with from and or per its their".split())


# An English name a question quotes, commas and all ('one station per town, one point per village').
_QUOTED_NAME = re.compile(rf"{OPEN_QUOTE}([A-Za-z][A-Za-z ,-]{{1,80}}?){CLOSE_QUOTE}")


def quoted_names(question: str) -> list[str]:
    """The English names a question quotes."""
    return [m.group(1) for m in _QUOTED_NAME.finditer(question)]


def rendered_in(names: list[str], terms: set[str]) -> list[str]:
    """The terms (`coined_terms`) that best say an English name a question quotes, character by
    character: 'Double High Plan' → 双高计划 (双 double, 高 high, 计划 plan), 'Five
    Cleanups' → 五清, 'red-yellow-blue' → 红黄蓝. A character says a word its dictionary senses
    hold (or the start of one: 多 multi-, multiple), or one of the word's dictionary translations
    holds it (assessments → 评估: 评). Names of one word are left alone (too many terms say one)."""
    from .lexicon import english_terms, glosses, stem

    table = glosses()
    scored: dict[str, float] = {}
    for name in names:
        words = {w for w in re.findall(r"[a-z]+", name.lower()) if w not in _NAME_GRAMMAR}
        stems = {w: stem(w) for w in words}
        if len(stems) < 2:
            continue
        translated = {w: {c for _, chinese in english_terms(w) for t in chinese for c in t} for w in words}
        # (a count the name says, the term says too: 'four-network integration' is 四网融合, not 车路云一体化)
        counts = numerals_said(name)
        for term in terms:
            if counts and not any(c in term for c in counts):
                continue
            said, covered = set(), set()
            for i, char in enumerate(term):
                said_here = {w for w in words if char in translated[w]}
                if said_here:
                    said |= said_here
                    covered.add(i)
                for n in range(1, 5):
                    part = term[i:i + n]
                    if len(part) < n or "、" in part:
                        break
                    senses = table.get(part, ())
                    meant = {w for w, s in stems.items() if any(_alike(s, m) for m in senses)}
                    if meant:
                        said |= meant
                        covered.update(range(i, i + n))
            words_share = len(said) / len(words)
            chars_share = len(covered) / (len(term) - term.count("、"))
            if words_share >= RENDERED_WORDS and chars_share >= RENDERED_CHARS:
                scored[term] = max(scored.get(term, 0.0), words_share + chars_share)
    best = max(scored.values(), default=0.0)
    return sorted(t for t, score in scored.items() if score == best)


def _alike(stem: str, sense: str) -> bool:
    """One stem, or one the start of the other and both of four letters or more (multipl, multi)."""
    return stem == sense or min(len(stem), len(sense)) >= 4 and (stem.startswith(sense) or sense.startswith(stem))


def key_terms(question: str) -> list[str]:
    """Terms a definition or list question asks about, most specific first."""
    out = [m.group(1).strip() for m in _BRACKETED.finditer(question)]
    out += [m.group(1).strip() for m in _QUOTED.finditer(question)]
    out += [_ASKING.split(m.group(0))[0] for m in _COUNTED.finditer(question)]
    m = _DEF_Q.search(question)
    if m:
        out.append(m.group(1).strip("“”"))
        out.append(_head(m.group(1)))
    # The term just before the asking is what is asked about; a term that qualifies another
    # (“一四五”工作法的“四大要素”, “十四五”时期…的主要目标) is tried after it.
    asked_at = m.end(1) if m else len(question)
    heads = {t for t in out if question.rfind(t) >= 0 and asked_at - (question.rfind(t) + len(t)) <= 1}
    return sorted((t for t in dict.fromkeys(out) if len(t) >= 2), key=lambda t: t not in heads)


def head_term(question: str) -> str | None:
    """The noun a long asked phrase ends with, after its last 的: "…经济社会发展的主要目标有哪些？" →
    主要目标. Only a passage introducing it with a colon answers for it (主要目标是：…), being a
    common word."""
    m = _DEF_Q.search(question)
    head = _head(m.group(1)) if m and "的" in m.group(1) else ""
    return head if len(head) >= 2 and head not in _quoted_or_counted(question) else None


def _head(phrase: str) -> str:
    return phrase.rpartition("的")[2].strip("“”")


def _quoted_or_counted(question: str) -> set[str]:
    return ({m.group(1).strip() for m in _QUOTED.finditer(question)}
            | {_ASKING.split(m.group(0))[0] for m in _COUNTED.finditer(question)})


def introduces(text: str, term: str) -> bool:
    """The text, starting at the term, goes on to a colon: 主要目标是：, 主要任务为：."""
    return bool(re.match(r"[”\"」』]?(?:是|为|包括|主要有|有)?[：:]", text[len(term) : len(term) + 5]))


_NUMERAL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_COUNT = re.compile(r"^(十[一二三四五六七八九]?|[一二两三四五六七八九]十?[一二三四五六七八九]?|\d{1,2})(?=[大个项件条类小张批座化新地网园级])")
_CLAUSE_START = re.compile(r"[。！？!?；;，,：:\n（(]")


def item_marks(text: str) -> int:
    """How many items a text marks (一是…二是…, （一）…（二）…)."""
    return len(_ITEM_MARK.findall(text))


def count_of(term: str) -> int | None:
    """How many items a counted term announces: 四大平台 → 4, 13个项目 → 13; None without a count."""
    m = _COUNT.match(term)
    if not m:
        return None
    n = m.group(1)
    if n.isdigit():
        return int(n)
    if "十" in n:
        tens, _, ones = n.partition("十")
        return _NUMERAL.get(tens, 1) * 10 + _NUMERAL.get(ones, 0)
    return _NUMERAL.get(n)


_EN_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_EN_COUNTED = re.compile(r"\b(\d{1,2}|" + "|".join(list(_EN_NUMBERS)[2:]) + r")\s+[‘'“\"]?((?:[A-Za-z-]+\s+){0,3}[A-Za-z-]+)",  # (the three 'pioneer industries')
                         re.IGNORECASE)


# "哪五个", "五大基地是哪些": the count a Chinese question asks the items of (not "five years").
_ZH_COUNT_ASKED = re.compile(r"哪([二两三四五六七八九十])|([二两三四五六七八九十])(?:大|个|项|条|类)[\u4e00-\u9fff]{1,8}?(?:是|有|包括)哪")
_NOT_ITEMS = re.compile(r"(?:years?|months?|days?|times|percent|per cent)\b", re.IGNORECASE)


def count_asked(question: str) -> int | None:
    """How many items a list question asks: "Which five bases…?", "the three 'pioneer industries'",
    "哪五个基地", "三大平台是哪些"; None when it names no count."""
    m = _EN_COUNTED.search(question)
    while m and _NOT_ITEMS.match(m.group(2)):  # (the next count may stand among the words this one took)
        m = _EN_COUNTED.search(question, m.start() + 1)
    if m:
        return _number(m.group(1))
    m = _ZH_COUNT_ASKED.search(question)
    if m:
        return "零一二三四五六七八九十".index((m.group(1) or m.group(2)).replace("两", "二"))
    return None


# Quoted terms one after another: “广东质量”“广东标准”“广东服务”, “三农”、“四化”.
_QUOTED_RUN = re.compile(r"(?:“[^”“]{1,20}”[、和与及]?){2,}")


def enumerates(text: str, n: int) -> bool:
    """A clause quoting n items together (“奔小康、建中心、增后劲、优生态、惠民生”, “财政补助+创业投资+科技信贷”)
    or n quoted terms in a row (“广东质量”“广东标准”“广东服务”)."""
    return any(len(re.split(r"[、+＋]", m.group(1))) == n for m in re.finditer(r"[“\"]([^”\"]{3,120})[”\"]", text)) \
        or any(m.group().count("“") == n for m in _QUOTED_RUN.finditer(text))


_EN_NUMBER_WORD = re.compile(r"\b(" + "|".join(list(_EN_NUMBERS)[2:11]) + r")\b(?=[- ])(?![- ](?:hundred|thousand|million|billion)\b)",
                             re.IGNORECASE)


def numerals_said(text: str) -> list[str]:
    """The counts an English term says in words, as a coined term writes them ('four-network
    integration' → 四 or 4, “四网融合”; two → 两 as well; not the ten of "ten thousand")."""
    out = []
    for m in _EN_NUMBER_WORD.finditer(text):
        n = _number(m.group(1))
        out += [chinese_number(n), str(n)] + (["两"] if n == 2 else [])
    return out


def _number(word: str) -> int:
    """An English count in digits or words: 5, five."""
    return int(word) if word.isdigit() else _EN_NUMBERS[word.lower()]


def chinese_number(n: int) -> str:
    """1-99 in Chinese numerals (45 → 四十五); larger numbers in digits."""
    if n >= 100:
        return str(n)
    digits = "零一二三四五六七八九"
    if n <= 10:
        return "十" if n == 10 else digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def english_counted_terms(question: str, texts: list[str]) -> list[str]:
    """The report's own counted terms for an English count and noun: "the four platforms" →
    四大平台 where a passage writes it (the number in Chinese or digits, a measure word, the noun's
    glossary terms)."""
    from .glossary import expand_groups
    from .lexicon import english_terms

    specific: list[str] = _counted_pairs(question, texts) + _counted_kinds(question, texts)
    loose: list[str] = []
    for m in _EN_COUNTED.finditer(question):
        number = m.group(1).lower()
        n = _number(number)
        glossed = [t for group in expand_groups(m.group(2)) for t in group if re.fullmatch(rf"[{CJK}]+", t)]
        # else the dictionary's words for its last noun ("four articles" → 四篇文章)
        translated = [] if glossed else english_terms(m.group(2))
        nouns = glossed or [t for phrase, chinese in translated if m.group(2).endswith(phrase)
                            for t in chinese if len(t) >= 2]
        count = rf"(?:{chinese_number(n)}|{n})"
        patterns = []
        if nouns:
            patterns.append((specific, re.compile(rf"{count}[大个项件条类小张批座篇]?[{CJK}]{{0,4}}?(?:"
                                                  + "|".join(map(re.escape, sorted(set(nouns), key=len, reverse=True)))
                                                  + ")")))
        if not glossed:
            # A noun no glossary entry knows ("the four small gardens"): a counted term the
            # report itself sets apart, in quotes or as a glossary entry's head (“四小园”：…).
            patterns.append((loose, re.compile(rf"(?<=[“\"「]){count}[{CJK}]{{1,6}}(?=[”\"」])|"
                                               rf"(?:^|(?<=[\s.、．])){count}[{CJK}]{{1,6}}(?=[：:])")))
        # the characters of the noun's dictionary words: a term the report merely sets apart shares one after
        # its count (四小园: small → 小幅, gardens → 园林; 七个一百: hundreds → 成百上千), or it is another
        # count's (三馆合一 is no "three control lines")
        hint = {c for _, chinese in translated for word in chinese for c in word} - set("零" + _NUMERALS)
        for found, pattern in patterns:
            # each form the texts write it in (5条高铁 in one report, 五条高铁 in another), best texts first
            if found is loose:
                forms = list(dict.fromkeys(f.group() for text in texts for f in pattern.finditer(text)
                                           if hint & set(re.sub(f"^{count}", "", f.group()))))  # (七个一百: 百)
            else:
                forms = list(dict.fromkeys(f.group() for text in texts if (f := pattern.search(text))))
            if forms:
                found.extend(f for f in forms[:3] if f not in specific + loose)
                break
    # a counted term found by its noun's words, before any a report merely sets apart
    # ("the 'four articles' — which four sectors are they?": 四篇文章, not 四大抓手)
    return specific or loose or enumerated_terms(question, texts)


# A count and the words after it, quotes and all: "four kinds of consumption-led 'economies'", "three centres".
_EN_COUNT_WORDS = re.compile(r"\b(\d{1,2}|" + "|".join(list(_EN_NUMBERS)[2:]) + r")\s+((?:[‘'“\"]?[A-Za-z-]+[’'”\"]?\s+){0,4}"
                             r"[‘'“\"]?[A-Za-z-]+)", re.IGNORECASE)


def _report_words(noun: str) -> list[str]:
    """An English noun's report words: its glossary terms, then its dictionary words (centres → 中心)."""
    from .glossary import expand_groups
    from .lexicon import english_terms

    return [t for group in expand_groups(noun) for t in group] + [t for _, chinese in english_terms(noun) for t in chinese]


def enumerated_terms(question: str, texts: Iterable[str], pairs: bool = False) -> list[str]:
    """Where the texts write no counted term, one made of the count and a noun's two-character report
    words whose items a text sets out in one run (`enumeration`): "four kinds of consumption-led
    'economies'" → 四大经济 for 首发经济、银发经济、夜间经济、直播经济; "three centres and one base" → 三中心一基地
    for “西部经济中心、西部科技创新中心、西部对外交往中心、全国先进制造业基地” (`pairs`: only counts of two nouns).
    The texts are read only when the question counts something."""

    def heads(noun: str) -> list[str]:
        return list(dict.fromkeys(w for w in _report_words(noun) if re.fullmatch(f"[{CJK}]{{2}}", w)))

    terms: list[str] = []
    for m in _EN_PAIR.finditer(question):
        terms += [chinese_number(_number(m.group(1))) + a + chinese_number(_number(m.group(3))) + b
                  for a in heads(m.group(2)) for b in heads(m.group(4))]
    for m in [] if pairs else _EN_COUNT_WORDS.finditer(question):
        n = _number(m.group(1))
        words = re.findall(r"[A-Za-z-]+", m.group(2))
        if n >= 2 and not _NOT_ITEMS.match(words[0]):
            terms += [chinese_number(n) + "大" + h for w in words if w.lower() not in _NAME_GRAMMAR for h in heads(w)]
    if not terms:
        return []
    texts = list(texts)
    return [t for t in dict.fromkeys(terms) if any(enumeration(text, t) for text in texts)][:3]


# "the three cities and one island": counts joined, each with its noun (三城一岛, 两轴两圈)
_EN_PAIR = re.compile(r"\b(\d{1,2}|" + "|".join(list(_EN_NUMBERS)[1:]) + r")\s+([A-Za-z]+)\s+(?:and|plus|&)\s+(\d{1,2}|"
                      + "|".join(list(_EN_NUMBERS)[1:]) + r")\s+([A-Za-z]+)", re.IGNORECASE)


def _counted_pairs(question: str, texts: list[str]) -> list[str]:
    """A term of two counted nouns as the texts write it, one character each: "three cities and one
    island" → 三城一岛 (城 of 城市, 岛 of 岛屿), found in the texts, best texts first."""
    def chars(noun: str) -> set[str]:
        return {c for w in _report_words(noun) for c in w if re.fullmatch(f"[{CJK}]", c)}

    found: list[str] = []
    for m in _EN_PAIR.finditer(question):
        counts = []
        for number in (m.group(1), m.group(3)):
            n = _number(number)
            counts.append(rf"(?:{chinese_number(n)}{'|两' if n == 2 else ''}|{n})")
        first, second = chars(m.group(2)), chars(m.group(4))
        if not first or not second:
            continue
        pattern = re.compile(rf"{counts[0]}([{CJK}]){counts[1]}([{CJK}])")
        for text in texts:
            for f in pattern.finditer(text):
                if f.group(1) in first and f.group(2) in second and f.group() not in found:
                    found.append(f.group())
    return found[:3]


# "five types of urban renewal": a count of kinds of a thing (五类更新改造, 三种…).
_EN_KINDS = re.compile(r"\b(\d{1,2}|" + "|".join(list(_EN_NUMBERS)[2:]) + r")\s+(?:types|kinds|categories|sorts|forms)\s+"
                       r"of\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)", re.IGNORECASE)


def _counted_kinds(question: str, texts: list[str]) -> list[str]:
    """A count of kinds as the texts write it: "five types of urban renewal" → 五类更新改造 (类 or 种
    after the count, then words sharing a character with the thing's report words: 更新 of 城市更新)."""
    found: list[str] = []
    for m in _EN_KINDS.finditer(question):
        n = _number(m.group(1))
        hint = {c for w in _report_words(m.group(2)) for c in w if re.fullmatch(f"[{CJK}]", c)}
        pattern = re.compile(rf"(?:{chinese_number(n)}|{n})[类种]([{CJK}]{{1,6}})")
        for text in texts:
            for f in pattern.finditer(text):
                if hint & set(f.group(1)) and f.group() not in found:
                    found.append(f.group())
    return found[:3]


def announces(text: str, term: str) -> bool:
    """Text that starts with the term and a colon or a full stop: what follows lists its items."""
    return bool(re.match(r"[”\"」』]?[：:。]", text[len(term) : len(term) + 2]))


# A counted term's parts: 三中心一基地 is three items ending in 中心 and one in 基地; 五大基地 five in 基地;
# 六保 six items starting with 保 (保居民就业、保基本民生…), 三清三拆 three with 清 and three with 拆.
_NUMERALS = "一二两三四五六七八九十"
_COUNTED_PART = re.compile(rf"([{_NUMERALS}]{{1,3}})(?:大|个|项|条|类)?((?:(?![{_NUMERALS}])[\u4e00-\u9fff]){{1,2}})")
_SEGMENT = re.compile(r"[^。；！？;!?，,：:（）()“”‘’「」\n]+")


def counted_heads(term: str) -> dict[str, int]:
    """The heads a term made of counts and heads counts, and how many of each (三中心一基地: 中心 3, 基地 1;
    五大基地: 基地 5; 六保: 保 6); {} for any other term."""
    parts = _COUNTED_PART.findall(term)
    if not parts or "".join(n + h for n, h in parts) != re.sub(rf"(?<=[{_NUMERALS}])(?:大|个|项|条|类)", "", term):
        return {}
    wanted: dict[str, int] = {}
    for numeral, head in parts:
        n = count_of(numeral + "个")
        if not n or n < 2 and len(parts) == 1:
            return {}
        wanted[head] = wanted.get(head, 0) + n
    return wanted


def enumeration(text: str, term: str) -> tuple[int, int] | None:
    """Where a counted term is not written, the items it counts set out in one run (着力打造A基地、B基地、
    C基地、D基地、E基地 for 五大基地; “西部经济中心、西部科技创新中心、西部对外交往中心、全国先进制造业基地”
    for 三中心一基地; 保居民就业、保基本民生… for 六保): every item separated by 、 ends in a two-character head
    the term names (starts with a one-character head), as many times as it counts.
    The run's span in the text, or None."""
    wanted = counted_heads(term)
    if not wanted:
        return None
    for m in _SEGMENT.finditer(text):
        items = m.group().split("、")
        if len(items) < 2:
            continue
        heads = [next((h for h in wanted if (item.startswith(h) if len(h) == 1 else item.rstrip("等").endswith(h))),
                      None) for item in items]
        if None not in heads and {h: heads.count(h) for h in wanted} == wanted:
            return m.start(), m.end()
    return None


# A list question that also asks what each item means: "…and what does each one mean?", 这八个字各对应什么任务？
EACH_MEANT = re.compile(r"\b(?:what|how) (?:does|do|did) (?:each|every)(?: one| of them| of these| item)?\b|"
                        r"\beach (?:one |of them |of these )?(?:mean|means|stand|stands|refer|refers|involve|involves|entail|entails|cover|covers)\b|"
                        r"\bwhat (?:each|every) (?:one |of them )?(?:means|stands for|refers to|involves|entails|covers)\b|"
                        r"[各每](?:自|个|项|一)?(?:对应|指|是|代表|包括|含义|意思)|分别(?:指|代表|对应|是什么|有什么|包括)")
# The items a list quote sets out in one run (“奔小康、建中心、增后劲、优生态、惠民生”, 在“巩固、增强、提升、畅通”八个字…).
_ITEM_RUN = re.compile(rf"[“「]([{CJK}]{{1,8}}(?:、[{CJK}]{{1,8}}){{1,11}})[”」]|((?:[{CJK}]{{2,8}}、){{1,11}}[{CJK}]{{2,8}})")


def elaborated(text: str, end: int, quote: str, cap: int) -> int:
    """Where a list's quote ends when what each item means is asked: through the sentence, within `cap`
    characters of `end`, where the last of its items is taken up again (“奔小康”就是…。…“惠民生”就是…。; 在“巩固、
    增强、提升、畅通”八个字上下功夫。…，巩固“三去一降一补”成果，增强…，提升…，畅通国民经济循环，…。); `end`
    when the text after the quote takes up fewer than all of them."""
    m = _ITEM_RUN.search(quote)
    if m is None:
        return end
    items = (m.group(1) or m.group(2)).split("、")
    after = text[end:end + cap]
    at = [after.find(item) for item in items]
    if min(at) < 0:
        return end
    stop = _STOP.search(after, max(at))
    return end + (stop.end() if stop else len(after))


# Words saying the things before a counted term make it up: …与高新区一起构成新区发展三大实体平台.
_MADE_UP = re.compile(r"(?:构成|组成|并称|合称|统称)[^，。；、]{0,8}$")


# A count right before a term (两大“国之重器”, 三个“一批”): the passage counts the term's items.
_COUNTED_BEFORE = re.compile(r"(?:[一二两三四五六七八九十]{1,3}|\d{1,2})(?:大|个|项|类|种|条)[“「『\"]?$")


def term_span(hit: Hit, term: str) -> tuple[int, int] | None:
    """The span a definition or list answer quotes from a passage; None when the passage lacks the term.

    Where the items come before the term in its clause (壮大绿色钢铁、绿色石化…五大先进制造业集群) the
    clause up to the term; else from the term to the end of its sentence, continued into the
    following sentences while the term only announces them (a colon, a short lead, or a counted
    term such as 建强四大平台。 followed by one sentence per item), within TERM_CAP characters."""
    text = hit.text
    at = normalize(text).find(normalize(term))
    if at < 0:
        run = enumeration(text, term)
        return (hit.start + run[0], hit.start + run[1]) if run else None
    end = at + len(term)
    counted = None if count_of(term) else _COUNTED_BEFORE.search(text, 0, at)
    if counted:  # (the term counted where the passage names it: A、B两大“国之重器”)
        close = end + 1 if text[end:end + 1] in "”」』\"" and text[at - 1:at] in "“「『\"" else end
        return term_span(hit, text[counted.start():close])
    if at and text[at - 1] in "“「‘\"" and ("”" in term or "」" in term):
        at -= 1  # the term's opening quote mark: “1+6+N”社会治安综合治理工作体系
    before = _CLAUSE_START.search(text[:at][::-1])
    start = at - before.start() if before else 0
    # (not when the term goes on to announce its items: …形成13件民生实事候选项目，分别是A、B…)
    # (or things listed before it with 等: 新能源汽车、锂电池、光伏产品等“新三样”)
    listed = bool(re.search(r"等[“「『\"]?$", text[start:at]))
    if (count_of(term) or listed) and text.count("、", start, at) >= 1 and end - start <= TERM_CAP and not _ANNOUNCED_AFTER.match(
            text, end):
        if at and text[at - 1] in "“\"「『" and text[end:end + 1] in "”\"」』":
            end += 1  # (…村居文明创建“四级联创”: the term's closing quote mark too)
        return hit.start + start, hit.start + end
    if count_of(term) and _MADE_UP.search(text, start, at):
        # the things named before the term make it up, in its sentence (启动A和B建设，与C一起构成…三大平台)
        sentence = max(text.rfind(mark, 0, at) for mark in "。！？；\n") + 1
        if at - sentence <= TERM_CAP:
            return hit.start + sentence, hit.start + end
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at) if "\n" in text[at:] else len(text)
    head = re.search(r"[：:]", text[line_start:line_end])
    entry = hit.kind == "glossary" and bool(head) and at < line_start + head.start()
    if entry:
        # A glossary entry's head: what it means is the whole entry, often in parts set off by ；
        # (“1193”工作体系：指建强1个领导体系…；健全1个责任体系；建立9项工作制度…).
        end = min(line_end, at + LIST_CAP)
    else:
        stop = _STOP.search(text, end)
        end = stop.end() if stop else len(text)
    items = count_of(term) or 0
    ends_sentence = end - at <= len(term) + 2
    announced = ends_sentence or announces(text[at:], term)
    cap = max(TERM_CAP, min(LIST_ITEM_CHARS * items, LIST_CAP)) if announced else TERM_CAP
    sentences = 0 if ends_sentence else 1  # after a colon the term's sentence holds the first item
    # 四小园：小菜园、小果园、小花园、小公园。 holds all its items in its own sentence
    complete = entry or bool(items) and not ends_sentence and text.count("、", at, end) + 1 >= items
    # Items marked 一是…十是 or （一）: only the marks count (an introducing sentence before them does not).
    marked = bool(_ITEM_MARK.search(text, end, at + cap))
    while not complete and end < len(text) and end - at < cap and (
            end - at < 40 or text[end - 1] in "：:" or (announced and sentences < items)):
        stop = _STOP.search(text, end)
        nxt = stop.end() if stop else len(text)
        if nxt - at > cap:
            break
        # A sentence that enumerates (一是…，二是…) holds as many items as it has markers.
        marks = len(_ITEM_MARK.findall(text, end, nxt))
        sentences += marks if marked else max(1, marks)
        end = nxt
    while end > at and text[end - 1] in "。；;，, \n":
        end -= 1
    if at and text[at - 1] in "“\"「『" and text[at + len(term) : at + len(term) + 1] in "”\"」』":
        at -= 1  # the quoted term with both its quotes
    return hit.start + at, hit.start + end
