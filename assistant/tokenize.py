"""Text normalisation and tokens for the lexical (BM25) side: simplified script, jieba words."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata

from . import resources
from .clean import strip_glosses
from .text import CJK_RUN as _CJK_CHARS
from .text import CJK_WORD as _CJK_WORD
from .text import has_latin, is_english  # noqa: F401  (re-exported for the stages that tokenise)

_WORD = re.compile(r"[\w%.]+", re.UNICODE)
# Bumped whenever tokens() changes what it emits: the index stores tokens and compares this.
TOKENIZER_VERSION = "jieba-search/opencc-t2s/nfkc/pinyin/glosses-2"


def settings() -> dict:
    """What shapes the stored tokens: recorded in the index manifest, a difference re-tokenises."""
    return {"tokenizer": TOKENIZER_VERSION, "resources": resources.lexical_hash()}


@functools.lru_cache(maxsize=1)
def jieba_module():
    """jieba, imported and initialised once, quietly."""
    import jieba

    from . import wordfreq

    jieba.setLogLevel(logging.WARNING)
    wordfreq.install(jieba)  # jieba's dictionary in a form that loads in milliseconds
    return jieba


def posseg_module():
    """jieba.posseg (part-of-speech tags), loaded quickly from the compact dictionary."""
    from . import wordfreq

    return wordfreq.posseg(jieba_module())



@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified (what the embedder sees; shown text is never changed)."""
    return _t2s().convert(text)


def normalize(text: str) -> str:
    """Fold width (NFKC), case and traditional characters to simplified, for matching only."""
    text = unicodedata.normalize("NFKC", strip_glosses(text)).lower()
    return _t2s().convert(text)


@functools.lru_cache(maxsize=65536)
def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


def spellings(words) -> dict[str, str]:
    """Each Chinese word's toneless pinyin, joined, each character read in its most common reading
    (前海 → qianhai); the characters of all the words are looked up once."""
    from pypinyin import lazy_pinyin

    words = list(words)
    chars = sorted({c for w in words for c in w})
    sound = dict(zip(chars, lazy_pinyin(chars), strict=True))
    return {w: "".join(sound[c] for c in w) for w in words}


def tokens(text: str, pinyin: bool = False) -> list[str]:
    """BM25 tokens: jieba search-mode words of the normalised text, without stopwords.

    Args:
        text: any text.
        pinyin: also emit the toneless pinyin of words of two or more Chinese characters
            (for documents), so English questions can match romanised names (Maoming → 茂名).
    """
    jieba = jieba_module()
    stopwords = resources.stopwords()
    text = normalize(text)
    out = []
    if pinyin:
        # Names that jieba splits (新华粤 → 新华 + 粤) are joined again for their romanisation.
        words = jieba.lcut(text)
        for a, b in zip(words, words[1:]):
            if _CJK_CHARS.fullmatch(a + b) and len(a + b) <= 4 and len(a) + len(b) > 2:
                out.append(_pinyin(a + b))
    for word in jieba.lcut_for_search(text):
        word = word.strip()
        if not word or word in stopwords or not _WORD.fullmatch(word):
            continue
        if has_latin(word):
            word = word.rstrip(".")
            if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]  # crude plural folding for glossary-less English words
        out.append(word)
        if pinyin and _CJK_WORD.fullmatch(word):
            out.append(_pinyin(word))
    return out
