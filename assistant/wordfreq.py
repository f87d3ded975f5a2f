"""jieba's word-frequency dictionary in a form that loads in milliseconds.

jieba keeps its dictionary (about 580,000 words and word prefixes) as a Python dict, which takes
about half a second to load from its own cache: most of a command-line question's time. Here the
same entries are kept as arrays (a CRC-32 of each word, sorted; the words' UTF-8 bytes; their
frequencies, part-of-speech tags) in one `.npz` file beside jieba's cache, and looked up one
word at a time (about twice as slow per character as jieba's dict, and lighter in memory). The
content is jieba's own, read once from it, so words, cuts and tags are the same.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import zlib
from array import array
from bisect import bisect_left
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

FORMAT_VERSION = 2


class CompactFreq:
    """The read-only mapping jieba's tokenizer uses as `FREQ` (`in`, `[]`, `get`)."""

    def __init__(self, hashes: np.ndarray, order: np.ndarray, offsets: np.ndarray, freqs: np.ndarray,
                 blob: bytes, total: int, tags: np.ndarray | None = None, tag_names: list[str] | None = None) -> None:
        self.hashes, self.order, self.offsets, self.freqs = hashes, order, offsets, freqs
        self.blob, self.total = blob, total
        # Part-of-speech tags of dictionary words (jieba.posseg's word_tag_tab): index into tag_names.
        self.tags = tags if tags is not None else np.full(len(freqs), -1, dtype=np.int16)
        self.tag_names = tag_names or []
        self._tags = array("h", self.tags.astype(np.int16).tobytes())
        # Plain arrays for lookups (numpy scalars are slow one at a time); answers remembered.
        self._hashes = array("I", hashes.astype(np.uint32).tobytes())
        self._order = array("i", order.astype(np.int32).tobytes())
        self._offsets = array("q", offsets.astype(np.int64).tobytes())
        self._freqs = array("q", freqs.astype(np.int64).tobytes())
        self._memo: dict[str, int] = {}

    def _index(self, word: str) -> int:
        """The word's entry, or -1."""
        raw = word.encode("utf-8")
        key = zlib.crc32(raw)
        hashes, i = self._hashes, bisect_left(self._hashes, key)
        while i < len(hashes) and hashes[i] == key:
            j = self._order[i]
            if self.blob[self._offsets[j]:self._offsets[j + 1]] == raw:
                return j
            i += 1
        return -1

    def tag(self, word: str, default: str = "x") -> str:
        j = self._index(word)
        return self.tag_names[self._tags[j]] if j >= 0 and self._tags[j] >= 0 else default

    def _lookup(self, word: str) -> int:
        """The word's frequency, or -1 when it is not in the dictionary."""
        found = self._memo.get(word)
        if found is not None:
            return found
        raw = word.encode("utf-8")
        key = zlib.crc32(raw)
        hashes, i = self._hashes, bisect_left(self._hashes, key)
        found = -1
        while i < len(hashes) and hashes[i] == key:
            j = self._order[i]
            if self.blob[self._offsets[j]:self._offsets[j + 1]] == raw:
                found = self._freqs[j]
                break
            i += 1
        if len(self._memo) < 200_000:
            self._memo[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lookup(word) >= 0

    def __getitem__(self, word: str) -> int:
        found = self._lookup(word)
        if found < 0:
            raise KeyError(word)
        return found

    def get(self, word: str, default=None):
        found = self._lookup(word)
        return default if found < 0 else found

    def __len__(self) -> int:
        return len(self._freqs)

    @classmethod
    def from_dict(cls, freq: dict[str, int], total: int, word_tags: dict[str, str] | None = None) -> CompactFreq:
        words = list(freq)
        encoded = [w.encode("utf-8") for w in words]
        offsets = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        hashes = np.fromiter((zlib.crc32(e) for e in encoded), dtype=np.uint32, count=len(words))
        order = np.argsort(hashes, kind="stable").astype(np.int32)
        freqs = np.fromiter((freq[w] for w in words), dtype=np.int64, count=len(words))
        tag_names = sorted(set((word_tags or {}).values()))
        number = {t: i for i, t in enumerate(tag_names)}
        tags = np.fromiter((number.get((word_tags or {}).get(w), -1) for w in words), dtype=np.int16, count=len(words))
        return cls(hashes[order], order, offsets, freqs, b"".join(encoded), total, tags, tag_names)

    def save(self, path: Path) -> None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, hashes=self.hashes, order=self.order, offsets=self.offsets, freqs=self.freqs,
                     blob=np.frombuffer(self.blob, dtype=np.uint8), total=np.array([self.total]),
                     tags=self.tags, tag_names=np.array(self.tag_names), version=np.array([FORMAT_VERSION]))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> CompactFreq:
        with np.load(path, allow_pickle=False) as z:
            if int(z["version"][0]) != FORMAT_VERSION:
                raise ValueError("old format")
            return cls(z["hashes"], z["order"], z["offsets"], z["freqs"], z["blob"].tobytes(), int(z["total"][0]),
                       z["tags"], [str(t) for t in z["tag_names"]])


def _cache_path(dict_file: str) -> Path:
    stat = os.stat(dict_file)
    key = hashlib.sha1(f"{dict_file}\0{stat.st_size}\0{stat.st_mtime_ns}\0{FORMAT_VERSION}".encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"report-qa-jieba-{key}.npz"


def install(jieba) -> None:
    """Give jieba's default tokenizer its dictionary from the compact cache (made on first use)."""
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return
    dict_file = tokenizer.dictionary or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    path = _cache_path(os.path.abspath(dict_file)) if os.path.isfile(dict_file) else None
    if path is not None and path.is_file():
        try:
            freq = CompactFreq.load(path)
            with tokenizer.lock:
                tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, freq.total, True
            return
        except (OSError, ValueError, KeyError) as exc:
            log.debug("compact jieba dictionary unreadable (%s); rebuilding it", exc)
    jieba.initialize()
    if path is not None:
        try:
            CompactFreq.from_dict(tokenizer.FREQ, tokenizer.total, _word_tags(dict_file)).save(path)
        except OSError as exc:
            log.debug("cannot write %s: %s", path, exc)


def _word_tags(dict_file: str) -> dict[str, str]:
    """Word → part-of-speech tag, from jieba's dictionary file (as jieba.posseg reads it)."""
    tags = {}
    with open(dict_file, encoding="utf-8") as fh:
        for line in fh:
            parts = line.strip().split(" ")
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    return tags


class CompactTags:
    """The `word_tag_tab` jieba.posseg reads (`get`), from the compact dictionary."""

    def __init__(self, freq: CompactFreq) -> None:
        self.freq = freq

    def get(self, word: str, default: str = "x") -> str:
        return self.freq.tag(word, default)


def posseg(jieba):
    """jieba.posseg, with its word tags from the compact dictionary instead of re-reading the
    dictionary file (a fifth of a second) when jieba's dict is the compact one."""
    import io
    import sys

    tokenizer = jieba.dt
    if "jieba.posseg" not in sys.modules and isinstance(tokenizer.FREQ, CompactFreq) and tokenizer.FREQ.tag_names:
        tokenizer.get_dict_file = lambda: io.BytesIO(b"")  # what POSTokenizer() reads at import
        try:
            import jieba.posseg
        finally:
            del tokenizer.get_dict_file
        jieba.posseg.dt.word_tag_tab = CompactTags(tokenizer.FREQ)
    import jieba.posseg

    return jieba.posseg
