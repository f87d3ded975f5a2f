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


@dataclass
class AnswerScores:
    n: int = 0
    accuracy: float = 0.0
    refusal_accuracy: float = 0.0
    n_unanswerable: int = 0
    ungrounded: int = 0
    median_answer_chars: float = 0.0
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    failures: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def answer_correct(answer, gold: list[str]) -> bool:
    """Some gold string is in the answer text and in one of its cited passages."""
    return answer.found and any(
        g in answer.text and any(g in c.text for c in answer.citations) for g in gold
    )


def score_answers(answerer, questions: list[Question]) -> AnswerScores:
    """Answer accuracy, refusal accuracy, grounding and latency of `answerer.ask` on questions."""
    from .answer import numbers_grounded

    scores = AnswerScores()
    times, lengths, correct, refused = [], [], 0, 0
    for q in questions:
        t = time.perf_counter()
        ans = answerer.ask(q.question)
        times.append(time.perf_counter() - t)
        if ans.found and not numbers_grounded(ans):
            scores.ungrounded += 1
        if q.unanswerable:
            scores.n_unanswerable += 1
            refused += not ans.found
            if ans.found:
                scores.failures.append({"id": q.id, "question": q.question, "expected": "not found",
                                        "answer": ans.text})
            continue
        scores.n += 1
        if ans.found:
            lengths.append(len(_strip_markers(ans.text)))
        if answer_correct(ans, q.gold):
            correct += 1
        else:
            scores.failures.append({"id": q.id, "question": q.question, "gold": q.gold,
                                    "answer": ans.text})
    scores.accuracy = correct / scores.n if scores.n else 0.0
    scores.refusal_accuracy = refused / scores.n_unanswerable if scores.n_unanswerable else 0.0
    scores.median_answer_chars = statistics.median(lengths) if lengths else 0.0
    scores.latency_p50_ms = statistics.median(times) * 1000 if times else 0.0
    scores.latency_p95_ms = percentile(times, 0.95) * 1000
    return scores


def _strip_markers(text: str) -> str:
    return re.sub(r"\[\d+\]|According to the report: ", "", text)


def evaluate_answers(answerer, questions: list[Question]) -> dict[str, AnswerScores]:
    """{language: answer scores} for 'zh', 'en' and 'all'."""
    return {lang: score_answers(answerer, [q for q in questions if lang == "all" or q.lang == lang])
            for lang in ("zh", "en", "all")}
