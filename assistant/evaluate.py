"""Evaluation: retrieval recall/MRR per retriever and language on a JSONL question set."""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .retrieve import MODES, Retriever

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Question:
    question: str
    gold: list[str]
    unanswerable: bool = False
    lang: str = ""
    id: str = ""


def detect_language(text: str) -> str:
    """'zh' when the question has Chinese characters, else 'en'."""
    return "zh" if _CJK.search(text) else "en"


def load_questions(path: str | Path) -> list[Question]:
    """Read a JSONL question set: {"question", "gold": [...], "unanswerable"?}."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        out.append(Question(
            question=row["question"], gold=list(row.get("gold") or []),
            unanswerable=bool(row.get("unanswerable", False)),
            lang=row.get("lang") or detect_language(row["question"]), id=str(row.get("id", n)),
        ))
    return out


@dataclass
class RetrievalScores:
    n: int = 0
    recall: dict[int, float] = field(default_factory=dict)
    mrr: float = 0.0
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    failures: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def first_relevant_rank(hit_texts: list[str], gold: list[str]) -> int | None:
    for rank, text in enumerate(hit_texts, 1):
        if any(g in text for g in gold):
            return rank
    return None


def score_retrieval(retriever: Retriever, questions: list[Question], mode: str, k: int = 5,
                    ks: tuple[int, ...] = (1, 3, 5)) -> RetrievalScores:
    """Recall@ks and MRR@k of one retriever mode over the answerable questions."""
    answerable = [q for q in questions if not q.unanswerable and q.gold]
    scores = RetrievalScores(n=len(answerable))
    if not answerable:
        return scores
    depth = max(k, *ks)
    ranks, times = [], []
    for q in answerable:
        t = time.perf_counter()
        hits = retriever.search(q.question, depth, mode=mode)
        times.append(time.perf_counter() - t)
        rank = first_relevant_rank([h.text for h in hits], q.gold)
        ranks.append(rank)
        if rank is None or rank > k:
            scores.failures.append({"id": q.id, "question": q.question, "gold": q.gold,
                                    "retrieved": [h.text[:60] for h in hits[:3]]})
    scores.recall = {kk: sum(1 for r in ranks if r and r <= kk) / len(ranks) for kk in ks}
    scores.mrr = sum(1.0 / r for r in ranks if r and r <= k) / len(ranks)
    scores.latency_p50_ms = statistics.median(times) * 1000
    scores.latency_p95_ms = percentile(times, 0.95) * 1000
    return scores


def evaluate_retrieval(retriever: Retriever, questions: list[Question], k: int = 5,
                       modes: tuple[str, ...] = MODES) -> dict[str, dict[str, RetrievalScores]]:
    """{mode: {language: scores}} for every retriever mode, languages 'zh', 'en' and 'all'."""
    out: dict[str, dict[str, RetrievalScores]] = {}
    for mode in modes:
        out[mode] = {}
        for lang in ("zh", "en", "all"):
            subset = [q for q in questions if lang == "all" or q.lang == lang]
            out[mode][lang] = score_retrieval(retriever, subset, mode, k)
    return out
