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


@dataclass
class _Run:
    """One question put to the system once: what came back and how long it took."""

    question: Question
    seconds: float
    rank: int | None = None  # retrieval: rank of the first passage holding a gold string
    retrieved: list[str] = field(default_factory=list)
    answer: object = None  # answers: the Answer


def _by_language(runs: list[_Run], aggregate) -> dict:
    """{'zh', 'en', 'all'} → aggregate of the runs of that language (each question asked once)."""
    return {lang: aggregate([r for r in runs if lang == "all" or r.question.lang == lang])
            for lang in ("zh", "en", "all")}


def _retrieval_runs(retriever: Retriever, questions: list[Question], mode: str, depth: int) -> list[_Run]:
    runs = []
    for q in questions:
        if q.unanswerable or not q.gold:
            continue
        t = time.perf_counter()
        hits = retriever.search(q.question, depth, mode=mode)
        seconds = time.perf_counter() - t
        runs.append(_Run(q, seconds, first_relevant_rank([h.text for h in hits], q.gold),
                         [h.text[:60] for h in hits[:3]]))
    return runs


def _retrieval_scores(runs: list[_Run], k: int, ks: tuple[int, ...]) -> RetrievalScores:
    scores = RetrievalScores(n=len(runs))
    if not runs:
        return scores
    ranks = [r.rank for r in runs]
    scores.failures = [{"id": r.question.id, "question": r.question.question, "gold": r.question.gold,
                        "retrieved": r.retrieved} for r in runs if r.rank is None or r.rank > k]
    scores.recall = {kk: sum(1 for r in ranks if r and r <= kk) / len(ranks) for kk in ks}
    scores.mrr = sum(1.0 / r for r in ranks if r and r <= k) / len(ranks)
    times = [r.seconds for r in runs]
    scores.latency_p50_ms = statistics.median(times) * 1000
    scores.latency_p95_ms = percentile(times, 0.95) * 1000
    return scores


def score_retrieval(retriever: Retriever, questions: list[Question], mode: str, k: int = 5,
                    ks: tuple[int, ...] = (1, 3, 5)) -> RetrievalScores:
    """Recall@ks and MRR@k of one retriever mode over the answerable questions."""
    return _retrieval_scores(_retrieval_runs(retriever, questions, mode, max(k, *ks)), k, ks)


def evaluate_retrieval(retriever: Retriever, questions: list[Question], k: int = 5,
                       modes: tuple[str, ...] = MODES, ks: tuple[int, ...] = (1, 3, 5),
                       ) -> dict[str, dict[str, RetrievalScores]]:
    """{mode: {language: scores}} for every retriever mode, languages 'zh', 'en' and 'all'."""
    depth = max(k, *ks)
    return {mode: _by_language(_retrieval_runs(retriever, questions, mode, depth),
                               lambda runs: _retrieval_scores(runs, k, ks))
            for mode in modes}


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


def _answer_runs(answerer, questions: list[Question]) -> list[_Run]:
    runs = []
    for q in questions:
        t = time.perf_counter()
        answer = answerer.ask(q.question)
        runs.append(_Run(q, time.perf_counter() - t, answer=answer))
    return runs


def _answer_scores(runs: list[_Run]) -> AnswerScores:
    from .answer import ENGLISH_LEAD, numbers_grounded

    scores = AnswerScores()
    lengths, correct, refused = [], 0, 0
    for run in runs:
        q, ans = run.question, run.answer
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
            lengths.append(len(re.sub(r"\[\d+\]", "", ans.text.removeprefix(ENGLISH_LEAD))))
        if answer_correct(ans, q.gold):
            correct += 1
        else:
            scores.failures.append({"id": q.id, "question": q.question, "gold": q.gold,
                                    "answer": ans.text})
    times = [r.seconds for r in runs]
    scores.accuracy = correct / scores.n if scores.n else 0.0
    scores.refusal_accuracy = refused / scores.n_unanswerable if scores.n_unanswerable else 0.0
    scores.median_answer_chars = statistics.median(lengths) if lengths else 0.0
    scores.latency_p50_ms = statistics.median(times) * 1000 if times else 0.0
    scores.latency_p95_ms = percentile(times, 0.95) * 1000
    return scores


def score_answers(answerer, questions: list[Question]) -> AnswerScores:
    """Answer accuracy, refusal accuracy, grounding and latency of `answerer.ask` on questions."""
    return _answer_scores(_answer_runs(answerer, questions))


def evaluate_answers(answerer, questions: list[Question]) -> dict[str, AnswerScores]:
    """{language: answer scores} for 'zh', 'en' and 'all' (each question asked once)."""
    return _by_language(_answer_runs(answerer, questions), _answer_scores)
