"""Evaluation: retrieval recall/MRR per retriever and language, and answer accuracy, on a JSONL
question set.

A question line: {"question", "gold": [...], "unanswerable"?, and optionally "gold_all": [...]
(strings that must all be in the answer), "sources": [...] (the reports the answer must cite, as
paths under the data folder), "kind", "needs", "split", "lang", "id"}.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .retrieve import MODES, Retriever
from .text import language


@dataclass
class Question:
    question: str
    gold: list[str]
    unanswerable: bool = False
    lang: str = ""
    id: str = ""
    gold_all: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    kind: str = ""
    needs: list[str] = field(default_factory=list)
    split: str = ""

    @property
    def key(self) -> list[str]:
        """Strings one of which a retrieved passage must hold to count as relevant."""
        return self.gold or self.gold_all[:1]


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
            lang=row.get("lang") or language(row["question"]), id=str(row.get("id", n)),
            gold_all=list(row.get("gold_all") or []), sources=list(row.get("sources") or []),
            kind=row.get("kind") or "", needs=list(row.get("needs") or []), split=row.get("split") or "",
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


def first_relevant_rank(hit_texts: list[str], gold: list[str], hit_sources: list[str] | None = None,
                        sources: list[str] | None = None) -> int | None:
    """Rank of the first passage holding a gold string (from one of `sources`, when given)."""
    for rank, text in enumerate(hit_texts, 1):
        if sources and hit_sources is not None and hit_sources[rank - 1] not in sources:
            continue
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
        if q.unanswerable or not q.key:
            continue
        t = time.perf_counter()
        hits = retriever.search(q.question, depth, mode=mode)
        seconds = time.perf_counter() - t
        runs.append(_Run(q, seconds, first_relevant_rank([h.text for h in hits], q.key,
                                                         [h.source for h in hits], q.sources),
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
    wrong_report: int = 0  # answers citing none of the reports the question is about
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [right, asked]
    median_answer_chars: float = 0.0
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    failures: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


_EITHER_SOURCE = ("list", "definition", "fact")  # kinds whose several sources are alternatives


def answer_correct(answer, gold: list[str] | Question) -> bool:
    """Some gold string is in the answer text and in one of its cited passages (of the question's
    reports, when it names them); every `gold_all` string is in the answer; and a question about
    several reports (target met, comparison) cites each of them. (A list or definition found in
    two reports, "the 'four articles' of Zhanjiang's reports", may cite either.)"""
    q = gold if isinstance(gold, Question) else Question("", list(gold))
    if not answer.found:
        return False
    cited = [c for c in answer.citations if not q.sources or c.source in q.sources]
    if q.gold and not any(g in answer.text and any(g in c.text for c in cited) for g in q.gold):
        return False
    if q.gold_all and not all(g in answer.text for g in q.gold_all):
        return False
    if len(q.sources) > 1 and q.kind not in _EITHER_SOURCE and not set(q.sources) <= {c.source for c in answer.citations}:
        return False
    return bool(cited)


def wrong_report(answer, q: Question) -> bool:
    """A found answer to a question about named reports that cites none of them."""
    return bool(answer.found and q.sources and not any(c.source in q.sources for c in answer.citations))


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
            tally = scores.by_kind.setdefault("unanswerable", [0, 0])
            tally[0] += not ans.found
            tally[1] += 1
            if ans.found:
                scores.failures.append({"id": q.id, "question": q.question, "expected": "not found",
                                        "answer": ans.text})
            continue
        scores.n += 1
        if ans.found:
            lengths.append(len(re.sub(r"\[\d+\]", "", ans.text.removeprefix(ENGLISH_LEAD))))
        scores.wrong_report += wrong_report(ans, q)
        ok = answer_correct(ans, q)
        tally = scores.by_kind.setdefault(q.kind or "-", [0, 0])
        tally[0] += ok
        tally[1] += 1
        if ok:
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


def evaluate_answers(answerer, questions: list[Question]) -> dict[str, AnswerScores]:
    """{language: answer scores} for 'zh', 'en' and 'all' (each question asked once)."""
    return _by_language(_answer_runs(answerer, questions), _answer_scores)
