"""Domain knowledge as data: the glossary, stop words, question words, places, cities and examples.

The files live in `assistant/resources/` (TSV/TXT, `#` comments) and are read once. A user
glossary `glossary.tsv` in the data folder adds terms (like jieba's user dictionary). The index
records `lexical_hash()` of the files that shape tokens, so editing them rebuilds the lexical side.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).with_name("resources")
# The files whose content changes the tokens stored in an index (and so are hashed into it).
LEXICAL_FILES = ("stopwords.txt",)
USER_GLOSSARY = "glossary.tsv"


def _lines(name: str, folder: Path | None = None) -> list[str]:
    """Non-blank, non-comment lines of a resource file, stripped of their line end."""
    path = (folder or FOLDER) / name
    if not path.is_file():
        return []
    return [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(w.strip() for w in _lines("stopwords.txt"))


@functools.lru_cache(maxsize=1)
def question_words() -> dict[str, frozenset[str]]:
    """Question words by role: generic, question, bigram."""
    roles: dict[str, set[str]] = {}
    for line in _lines("question_words.tsv"):
        word, role = line.split("\t")
        roles.setdefault(role.strip(), set()).add(word.strip())
    return {role: frozenset(words) for role, words in roles.items()}


def _glossary_rows(lines: list[str]) -> list[tuple[str, tuple[str, ...], str]]:
    """(English regular expression, Chinese terms, English name or "") of each glossary line."""
    out = []
    for line in lines:
        english, chinese, name = (line.split("\t") + ["", ""])[:3]
        terms = tuple(t.strip() for t in chinese.split("|") if t.strip())
        if english.strip() and terms:
            out.append((english.strip(), terms, name.strip()))
    return out


@functools.lru_cache(maxsize=1)
def _glossary() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """Every glossary line: the user's `glossary.tsv` in the data folder ($ASSISTANT_DATA_DIR or
    data/) first, then the shipped glossary."""
    from .config import data_dir

    return tuple(_glossary_rows(_lines(USER_GLOSSARY, data_dir())) + _glossary_rows(_lines("glossary.tsv")))


def glossary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(English regular expression, Chinese terms) pairs, the user's first."""
    return tuple((english, terms) for english, terms, _ in _glossary())


def glossary_names() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(Chinese terms, English name) of the glossary lines that give a name, the user's first."""
    return tuple((terms, name) for _, terms, name in _glossary() if name)


@dataclass(frozen=True)
class Place:
    name: str  # as reports write it in running text: 广东, 全国
    level: str  # national, province, city, county; abroad
    english: tuple[str, ...]
    same_as: str = ""  # another name of a place listed: 首都 is 北京


def _place(name: str, level: str, english: str, same_as: str = "") -> Place:
    return Place(name.strip(), level.strip(), tuple(e.strip() for e in english.split("|") if e.strip()),
                 same_as.strip())


@functools.lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    return tuple(_place(*(line.split("\t") + ["", "", ""])[:4]) for line in _lines("places.tsv"))


@functools.lru_cache(maxsize=1)
def place_levels() -> dict[str, str]:
    """The level of each place places.tsv names: 广东 → province, 全国 → national."""
    return {p.name: p.level for p in places()}


@functools.lru_cache(maxsize=1)
def capitals() -> tuple[Place, ...]:
    """Provincial capitals as other names of their cities (capitals.tsv): 四川省会, 四川省省会, 四川的省会,
    广西首府 and "Sichuan's (provincial) capital", "the capital of Sichuan (province)" are 成都."""
    english = {p.name: p.english for p in places() if p.level == "province"}
    out = []
    for line in _lines("capitals.tsv"):
        province, capital = (line.split("\t") + [""])[:2]
        province, capital = province.strip(), capital.strip()
        if not province or not capital:
            continue
        names = english.get(province, ())
        forms = tuple(f for e in names for f in (
            rf"(?:{e})(?:'s|’s)? (?:provincial |regional )?capital(?: city)?",
            rf"(?:the )?(?:provincial |regional )?capital(?: city)? of (?:{e})(?: province)?"))
        out.append(Place(f"{province}省会", "city", forms, capital))
        out.extend(Place(f"{province}{word}", "city", (), capital) for word in ("省省会", "的省会", "首府", "的首府"))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def cities() -> tuple[Place, ...]:
    """Chinese cities a question may name (cities.tsv); `english` is empty where the pinyin is the name."""
    return tuple(_place(name, "city", english)
                 for name, english in ((line.split("\t") + [""])[:2] for line in _lines("cities.tsv")))


@functools.lru_cache(maxsize=1)
def abroad() -> tuple[Place, ...]:
    """Countries and cities outside China a question may name (abroad.tsv)."""
    return tuple(_place(name, "abroad", english)
                 for name, english in ((line.split("\t") + [""])[:2] for line in _lines("abroad.tsv")))


@functools.lru_cache(maxsize=1)
def surnames() -> dict[str, str]:
    """Surnames read otherwise than their character's usual reading (surnames.tsv): 曾 → zeng."""
    return dict((line.split("\t") + [""])[:2] for line in _lines("surnames.tsv"))


@functools.lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """One-character names of governments (abbreviations.tsv): 京 → 北京, 沪 → 上海."""
    return {a: n for a, n in ((line.split("\t") + [""])[:2] for line in _lines("abbreviations.tsv")) if a and n}


@functools.lru_cache(maxsize=1)
def abroad_names() -> frozenset[str]:
    return frozenset(p.name for p in abroad())


@functools.lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    return frozenset(p.name for p in cities())


@functools.lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    """English words that ask rather than name a topic (english_stopwords.txt)."""
    return frozenset(w.strip().lower() for w in _lines("english_stopwords.txt"))


@functools.lru_cache(maxsize=1)
def english_irregular() -> dict[str, str]:
    """Irregular English verb forms → the verb (english_irregular.tsv): built → build, grew → grow."""
    return {f: v for f, v in ((line.split("\t") + [""])[:2] for line in _lines("english_irregular.tsv")) if f and v}


@functools.lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    return frozenset(w.strip() for w in _lines("not_places.txt"))


@functools.lru_cache(maxsize=1)
def examples() -> list[str]:
    return [line.strip() for line in _lines("examples.txt")]


@functools.lru_cache(maxsize=1)
def lexical_hash() -> str:
    """SHA-256 (first 16 hex digits) of the resource files that shape the stored tokens."""
    digest = hashlib.sha256()
    for name in LEXICAL_FILES:
        digest.update(name.encode() + b"\0" + (FOLDER / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]
