"""Lexical side of the index: Okapi BM25 over jieba tokens, as a sparse matrix (no pickle)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy import sparse


class BM25:
    """BM25 weights of every (chunk, term) pair; a query's scores are one sparse product."""

    K1 = 1.2
    B = 0.75

    def __init__(self, vocab: dict[str, int], weights: sparse.csc_matrix, k1: float, b: float) -> None:
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
        tf = sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(n, len(vocab)))
        lengths = np.array([len(d) for d in docs], dtype=np.float32)
        avg = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        df = np.bincount(np.array(cols, dtype=np.int64), minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        tf = tf.tocoo()
        denom = tf.data + k1 * (1 - b + b * lengths[tf.row] / avg)
        data = idf[tf.col] * tf.data * (k1 + 1) / denom
        weights = sparse.csc_matrix((data.astype(np.float32), (tf.row, tf.col)), shape=tf.shape)
        return cls(vocab, weights, k1, b)

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
        return np.asarray(self.weights[:, nz] @ q[nz]).ravel()

    def save(self, npz_path: Path, vocab_path: Path) -> None:
        w = self.weights
        np.savez(npz_path, data=w.data, indices=w.indices, indptr=w.indptr, shape=np.array(w.shape),
                 params=np.array([self.k1, self.b]))
        vocab_path.write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, npz_path: Path, vocab_path: Path) -> BM25:
        with np.load(npz_path, allow_pickle=False) as z:
            weights = sparse.csc_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
            k1, b = (float(x) for x in z["params"])
        vocab = json.loads(vocab_path.read_text(encoding="utf-8"))
        return cls(vocab, weights, k1, b)
