"""Lexical side of the index: Okapi BM25 over jieba tokens, as a sparse matrix (no pickle).

The matrix is kept in compressed-column form as three NumPy arrays (a term's column lists the
chunks that hold it), so scoring a question adds up a few columns; no SciPy at answer time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .text import CJK

_HANZI = re.compile(f"[{CJK}]+")
# The pinyin of what follows a place's name: district, county, city, town, village, port, bay, island,
# new area, lake, mountain, river.
_PLACE_KINDS = ("qu", "xian", "shi", "zhen", "cun", "gang", "wan", "dao", "xinqu", "hu", "shan", "jiang", "he")


@dataclass
class CSC:
    """A sparse matrix in compressed-column form (the arrays of scipy's csc_matrix)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_triples(cls, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, shape: tuple[int, int]) -> CSC:
        order = np.lexsort((rows, cols))
        indptr = np.zeros(shape[1] + 1, dtype=np.int64)
        np.cumsum(np.bincount(cols, minlength=shape[1]), out=indptr[1:])
        return cls(vals[order].astype(np.float32), rows[order].astype(np.int32), indptr, shape)

    def column_sum(self, columns: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Σ weights[k] · column columns[k]: one value per row."""
        out = np.zeros(self.shape[0], dtype=np.float32)
        for j, w in zip(columns.tolist(), weights.tolist()):
            a, b = self.indptr[j], self.indptr[j + 1]
            out[self.indices[a:b]] += np.float32(w) * self.data[a:b]
        return out


class BM25:
    """BM25 weights of every (chunk, term) pair; a query's scores are one sparse product."""

    K1 = 1.2
    B = 0.75

    def __init__(self, vocab: dict[str, int], weights: CSC, k1: float, b: float) -> None:
        self.vocab = vocab
        self.weights = weights
        self.k1 = k1
        self.b = b

    @classmethod
    def build(cls, docs: list[list[str]], k1: float = K1, b: float = B) -> BM25:
        """Index token lists, one per chunk."""
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, doc in enumerate(docs):
            counts: dict[int, int] = {}
            for tok in doc:
                j = vocab.setdefault(tok, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            rows.extend([i] * len(counts))
            cols.extend(counts.keys())
            vals.extend(counts.values())
        n = len(docs)
        rows_a = np.array(rows, dtype=np.int64)
        cols_a = np.array(cols, dtype=np.int64)
        tf = np.array(vals, dtype=np.float32)
        lengths = np.array([len(d) for d in docs], dtype=np.float32)
        avg = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        df = np.bincount(cols_a, minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        denom = tf + k1 * (1 - b + b * lengths[rows_a] / avg)
        data = idf[cols_a] * tf * (k1 + 1) / denom
        weights = CSC.from_triples(rows_a, cols_a, data, (n, len(vocab)))
        return cls(vocab, weights, k1, b)

    def spelled(self, name: str) -> list[str]:
        """Chinese words of the vocabulary whose toneless pinyin is name: qianhai → 前海, 浅海.
        (The table is made on first use, about a tenth of a second for the whole corpus.)"""
        if not hasattr(self, "_spellings"):
            from .tokenize import spellings

            table: dict[str, list[str]] = {}
            for w, sound in spellings(t for t in self.vocab if len(t) >= 2 and _HANZI.fullmatch(t)).items():
                table.setdefault(sound, []).append(w)
            self._spellings = table
        exact = self._spellings.get(name)
        if exact or len(name) < 5:  # (a one-syllable name, Hong of Hong Kong, is no place's)
            return exact or []
        # a place name the reports write with its kind (Haidian → 海淀区, Shuidong → 水东湾)
        return [w for suffix in _PLACE_KINDS for w in self._spellings.get(name + suffix, [])]

    def prefixed(self, prefix: str, limit: int = 3) -> list[str]:
        """Latin vocabulary entries (pinyin of names) that start with prefix: shuidong → shuidongwan."""
        import bisect

        if not hasattr(self, "_latin"):
            self._latin = sorted(t for t in self.vocab if t.isascii() and t.isalpha())
        i = bisect.bisect_left(self._latin, prefix)
        out = []
        while i < len(self._latin) and self._latin[i].startswith(prefix) and len(out) < limit:
            out.append(self._latin[i])
            i += 1
        return out

    def idf(self, token: str) -> float:
        """Inverse document frequency of a token; tokens the index has never seen get the maximum."""
        n = self.weights.shape[0]
        j = self.vocab.get(token)
        df = 0 if j is None else int(self.weights.indptr[j + 1] - self.weights.indptr[j])
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    def scores(self, query: list[str], boosts: dict[str, float] | None = None) -> np.ndarray:
        """BM25 score of every chunk for a tokenised query (unknown tokens score nothing)."""
        q = np.zeros(len(self.vocab), dtype=np.float32)
        for tok in query:
            j = self.vocab.get(tok)
            if j is not None:
                q[j] += (boosts or {}).get(tok, 1.0)
        nz = np.flatnonzero(q)
        if nz.size == 0:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        weights = self.weights if isinstance(self.weights, CSC) else CSC(
            self.weights.data, self.weights.indices, self.weights.indptr, self.weights.shape)
        return weights.column_sum(nz, q[nz])

    def save(self, npz_path: Path, vocab_path: Path) -> None:
        w = self.weights
        np.savez(npz_path, data=w.data, indices=w.indices, indptr=w.indptr, shape=np.array(w.shape),
                 params=np.array([self.k1, self.b]))
        vocab_path.write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, npz_path: Path, vocab_path: Path) -> BM25:
        with np.load(npz_path, allow_pickle=False) as z:
            weights = CSC(z["data"], z["indices"], z["indptr"], tuple(int(x) for x in z["shape"]))
            k1, b = (float(x) for x in z["params"])
        vocab = json.loads(vocab_path.read_text(encoding="utf-8"))
        return cls(vocab, weights, k1, b)
