"""Text normalisation and tokens for the lexical (BM25) side: simplified script, jieba words."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata

_WORD = re.compile(r"[\w%.]+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z]")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_CJK_CHARS = re.compile(r"[\u4e00-\u9fff]+")
# Words that carry no topic in questions or in reports.
STOPWORDS = frozenset(
    "的 了 和 与 及 是 在 等 要 把 对 为 以 将 并 也 都 而 就 中 上 下 个 之 其 或 由 从 到 向 于 被 让 "
    "什么 多少 哪些 哪个 哪里 怎么 怎样 如何 是否 有没有 吗 呢 吧 啊 今年 报告 提出 "
    "a an the of to in on for and or is are was were be what which who whom how much many "
    "does do did will would should can could by with at as its it this that these those "
    "there their from about into than then 's".split()
)


@functools.lru_cache(maxsize=1)
def jieba_module():
    """jieba, imported and initialised once, quietly."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified (what the embedder sees; shown text is never changed)."""
    return _t2s().convert(text)


def normalize(text: str) -> str:
    """Fold width (NFKC), case and traditional characters to simplified, for matching only."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _t2s().convert(text)


def has_latin(text: str) -> bool:
    return bool(_LATIN.search(text))


def is_english(text: str) -> bool:
    """Latin letters and no Chinese character: "GDP目标是多少" is a Chinese question."""
    return has_latin(text) and not _CJK_CHARS.search(text)


@functools.lru_cache(maxsize=65536)
def _pinyin(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


def tokens(text: str, pinyin: bool = False) -> list[str]:
    """BM25 tokens: jieba search-mode words of the normalised text, without stopwords.

    Args:
        text: any text.
        pinyin: also emit the toneless pinyin of words of two or more Chinese characters
            (for documents), so English questions can match romanised names (Maoming → 茂名).
    """
    jieba = jieba_module()
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
        if not word or word in STOPWORDS or not _WORD.fullmatch(word):
            continue
        if has_latin(word):
            word = word.rstrip(".")
            if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]  # crude plural folding for glossary-less English words
        out.append(word)
        if pinyin and _CJK_WORD.fullmatch(word):
            out.append(_pinyin(word))
    return out
