"""Retrieval on the golden question set, filters and question validation, on the bundled index."""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant
from assistant import InvalidQuestionError, Retriever
from assistant.evaluate import evaluate_retrieval

pytestmark = pytest.mark.model

BUNDLED = "maoming-2023-government-work-report.txt"
QUESTION = "2023年固定资产投资增长目标是多少？"


@pytest.fixture(scope="module")
def retriever(built_index: Path) -> Retriever:
    return Retriever(built_index)


class _OnceAQuestion:
    """The real embedder, asked once per distinct text.

    evaluate_retrieval asks every question once per mode and per language subset ('all' repeats
    'zh' and 'en'); the vectors are the model's own, the suite just does not compute them four times.
    """

    def __init__(self, embedder) -> None:
        self._embedder = embedder
        self._vectors: dict[str, object] = {}

    def __getattr__(self, name: str):
        return getattr(self._embedder, name)

    def embed_query(self, text: str):
        if text not in self._vectors:
            self._vectors[text] = self._embedder.embed_query(text)
        return self._vectors[text]


@pytest.fixture(scope="module")
def scores(built_index: Path, golden):
    retriever = Retriever(built_index)
    retriever.embedder = _OnceAQuestion(retriever.embedder)
    return evaluate_retrieval(retriever, golden, k=5, modes=("hybrid", "dense", "bm25"))


def test_golden_set_has_both_languages(golden):
    answerable = [q for q in golden if not q.unanswerable and q.gold]

    assert {q.lang for q in answerable} == {"zh", "en"}
    assert sum(q.lang == "zh" for q in answerable) >= 30
    assert sum(q.lang == "en" for q in answerable) >= 30


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hybrid_recall_at_5(scores, lang: str):
    s = scores["hybrid"][lang]

    assert s.n >= 30
    assert s.recall[5] >= 0.95, s.failures


@pytest.mark.parametrize("lang", ["zh", "en", "all"])
@pytest.mark.parametrize("other", ["dense", "bm25"])
def test_hybrid_is_at_least_as_good_as_one_side(scores, lang: str, other: str):
    assert scores["hybrid"][lang].recall[5] >= scores[other][lang].recall[5]


def test_the_embeddings_best_passage_stays_in_the_hybrid_top_five(retriever: Retriever, golden):
    """Even where BM25 outvotes it in the blend ("How many major platforms will be strengthened?")."""
    for q in golden:
        dense = retriever.search(q.question, 1, mode="dense")
        if dense:
            assert dense[0].chunk_id in [h.chunk_id for h in retriever.search(q.question, 5)], q.question


def test_a_passage_is_scored_by_its_nearest_clause_as_well_as_its_own_vector(retriever: Retriever):
    import numpy as np

    from assistant.retrieve import CLAUSE_WEIGHT

    store = retriever.store
    q = retriever.embed_question(QUESTION)
    best = store.clause_best(q)
    own = store.vectors() @ q
    for row in range(len(store.chunks)):
        _, vectors = store.clauses_of(row)
        assert best[row] == pytest.approx(float(np.max(vectors.astype(np.float32) @ q)), abs=1e-5)
    dense = retriever.dense_scores(q, None, 5)
    assert len(dense) >= 5
    nearest_passages = np.argsort(-own)[:5]
    for row in nearest_passages:
        assert dense[int(row)] == pytest.approx((1 - CLAUSE_WEIGHT) * own[row] + CLAUSE_WEIGHT * best[row], abs=1e-5)


def test_nearest_clauses_put_the_answering_passage_first_more_often(built_index: Path, golden, monkeypatch):
    """A long passage holding the answer in one clause is found by that clause: on the golden set
    the dense side ranks the right passage first more often than by passage vectors alone."""
    import importlib

    retrieve = importlib.import_module("assistant.retrieve")  # the module (assistant.retrieve is also a function)
    retriever = Retriever(built_index)
    retriever.embedder = _OnceAQuestion(retriever.embedder)
    with_clauses = evaluate_retrieval(retriever, golden, k=5, modes=("dense",))["dense"]["all"]
    monkeypatch.setattr(retrieve, "CLAUSE_WEIGHT", 0.0)
    passages_only = evaluate_retrieval(retriever, golden, k=5, modes=("dense",))["dense"]["all"]

    assert with_clauses.recall[1] > passages_only.recall[1]
    assert with_clauses.recall[5] >= passages_only.recall[5]


def test_english_investment_question_finds_the_target(retriever: Retriever):
    hits = retriever.search("What is the 2023 investment target?", 3)

    assert any("8.5%" in h.text for h in hits)


def test_hits_carry_their_report_and_exact_span(retriever: Retriever, report_path: Path):
    text = report_path.read_text(encoding="utf-8")
    hits = retriever.search(QUESTION, 5)

    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert "8.5%" in hits[0].text
    for h in hits:
        assert text[h.start : h.end] == h.text
        assert (h.source, h.year, h.region) == (BUNDLED, 2023, "茂名")


@pytest.mark.parametrize(
    "filters",
    [{"year": 2023}, {"source": BUNDLED}, {"source": [BUNDLED]}, {"region": "茂名"}],
    ids=["year", "source", "sources", "region"],
)
def test_matching_filters_keep_the_hits(retriever: Retriever, filters: dict):
    assert retriever.search(QUESTION, 5, **filters) == retriever.search(QUESTION, 5)


@pytest.mark.parametrize(
    "filters",
    [{"year": 1999}, {"source": "other.txt"}, {"region": "湛江"}],
    ids=["year", "source", "region"],
)
@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_filters_matching_nothing_give_no_hits(retriever: Retriever, filters: dict, mode: str):
    assert retriever.search(QUESTION, 5, mode=mode, **filters) == []


@pytest.mark.parametrize("question", ["", "   ", "\n\t\u3000 ", "固" * 10_000], ids=["empty", "spaces", "blank", "10k"])
def test_invalid_questions_are_refused(retriever: Retriever, built_index: Path, question: str):
    with pytest.raises(InvalidQuestionError):
        retriever.search(question)
    with pytest.raises(InvalidQuestionError):
        assistant.retrieve(question, index_dir=built_index)
