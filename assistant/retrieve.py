"""Retrieve stage: hybrid dense (FAISS) + lexical (BM25) search over a built index."""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from . import config
from .embed import Embedder, get_embedder
from .errors import FilterError
from .glossary import english_names_for
from .index import MANIFEST, IndexStore, SourceInfo
from .lexicon import english_terms
from .query import Query, check_question, names_a_city, read_question  # noqa: F401  (check_question: re-exported)
from .resources import abroad_names
from .text import has_cjk, romanised, year_forms
from .tokenize import normalize, to_simplified
from .tokenize import tokens as tokenize_text

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "bm25")
FUSIONS = ("blend", "rrf")
RRF_K = 60
# Weight of the dense side in the blend. Both sides are scaled to 0..1 over the candidates first:
# BM25 divided by the best score, cosines from the lowest to the highest (e5's cosines all lie
# within a few hundredths of each other, so raw they would hardly move the blend).
BLEND_ALPHA = 0.4
# How many candidates each side contributes to the fusion.
CANDIDATES = 50
# Added to the fused score of a passage of the kind the question asks about (target or outcome).
KIND_BONUS = 0.15
# Share of a passage's dense score that its nearest clause gives (the rest is the passage's own
# cosine): a long passage holding the answer in one clause is found by that clause, whose vector
# the index stores anyway for quoting.
CLAUSE_WEIGHT = 0.5
# An English word the glossary does not know searches for its dictionary translations the reports
# use most, with this weight in all (a glossary term weighs 1).
TRANSLATION_WEIGHT = 0.5
TRANSLATIONS_KEPT = 3


@dataclass
class Hit:
    """One retrieved passage and where it stands in its report."""

    text: str
    score: float
    source: str
    section: str
    start: int
    end: int
    chunk_id: str
    rank: int
    title: str = ""
    year: int | None = None
    region: str | None = None
    dense_score: float | None = None
    bm25_score: float | None = None
    locator: str = ""
    level: str | None = None
    kind: str = ""
    period: list[int] | None = None

    def to_dict(self) -> dict:
        """The JSON of a passage (`search --json`, /retrieve, citations in `ask --json`)."""
        return asdict(self)


def fuse(dense: dict[int, float], lexical: dict[int, float], fusion: str = "blend") -> dict[int, float]:
    """Combine dense cosines and BM25 scores: a weighted blend, or reciprocal-rank fusion."""
    fused: dict[int, float] = {}
    if fusion == "rrf":
        for ranking in (dense, lexical):
            for rank, i in enumerate(sorted(ranking, key=ranking.__getitem__, reverse=True)):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        return fused
    top = max(lexical.values(), default=0.0) or 1.0
    floor = min(dense.values(), default=0.0)
    spread = (max(dense.values(), default=0.0) - floor) or 1.0
    for i in set(dense) | set(lexical):
        fused[i] = BLEND_ALPHA * (dense.get(i, floor) - floor) / spread + (1 - BLEND_ALPHA) * lexical.get(i, 0.0) / top
    return fused


class Retriever:
    """A loaded index and its embedder; reloads itself when the index on disk is replaced.

    Args:
        index_dir: the index folder (default `index/` or $ASSISTANT_INDEX_DIR).
        embedder: the embedder to use instead of the one the index names (tests pass a small one).
    """

    def __init__(self, index_dir: str | Path | None = None, embedder: Embedder | None = None) -> None:
        self.index_dir = config.index_dir(index_dir)
        self._lock = threading.Lock()
        self._embed_lock = threading.Lock()
        self._translations: dict[tuple, dict[str, float]] = {}  # translated_tokens, per index and question
        self._spelled: dict[tuple, dict[str, list[str]]] = {}  # spelled_names, per index and question
        self._fixed_embedder = embedder
        self.store = IndexStore.load(self.index_dir)
        self.embedder = embedder or get_embedder(self.store.manifest["embedding"]["name"])

    def refresh(self) -> bool:
        """Load the index again if a build replaced it; True when it did."""
        try:
            mtime = (self.index_dir / MANIFEST).stat().st_mtime
        except FileNotFoundError:
            return False  # keep answering from what is loaded
        if mtime == self.store.loaded_mtime:
            return False
        with self._lock:
            if mtime != self.store.loaded_mtime:
                store = IndexStore.load(self.index_dir)
                self.embedder = self._fixed_embedder or get_embedder(store.manifest["embedding"]["name"])
                self.store = store
        return True

    def reports(self) -> dict[str, dict]:
        """Indexed sources with their metadata (title, year, region, chunks, hash...)."""
        return self.store.sources()

    def check_filters(self, source: str | list[str] | None = None, year: int | None = None,
                      region: str | None = None) -> None:
        """Raise FilterError, listing what is indexed, when a filter matches no indexed report."""
        infos = self.store.sources()
        wanted = [source] if isinstance(source, str) else list(source or [])
        unknown = [s for s in wanted if s not in infos]
        if unknown:
            raise unknown_report(unknown, sorted(infos))
        if year is not None and int(year) not in self.store.years:
            years = ", ".join(map(str, sorted(self.store.years)))
            raise FilterError(f"no indexed report is of {year}; indexed years: {years}",
                              zh=f"没有{year}年的已索引报告；已索引的年份：{years}")
        if region is not None and region not in self.store.regions:
            regions = ", ".join(sorted(self.store.regions))
            raise FilterError(f"no indexed report is about {region}; indexed regions: {regions} "
                              f"(as the reports write them, e.g. 茂名)",
                              zh=f"没有关于“{region}”的已索引报告；已索引的地区：{regions}")

    def understand(self, question: str | Query) -> Query:
        """The question read once, with the places it names among the indexed regions."""
        if isinstance(question, Query):
            return question
        return read_question(question, self.store.regions)

    def _mask(self, source: str | list[str] | None, year: int | None, region: str | None,
              query: Query | None = None) -> np.ndarray | None:
        """Rows a search may return: explicit filters, else what the question names.

        A question naming a place keeps that place's reports; naming a year keeps passages about
        that year (the 2021 report's review answers for 2020) and passages of that year's report
        that speak of no period. An empty or unknown region never filters a report out.
        """
        store = self.store
        explicit = source is not None or year is not None or region is not None
        if not explicit and (query is None or not (query.places or query.years or query.report_year or query.span)):
            return None
        mask = np.ones(len(store.chunks), dtype=bool)
        if source is not None:
            wanted = {source} if isinstance(source, str) else set(source)
            mask &= np.isin(store.source_ids, [i for i, n in enumerate(store.source_names) if n in wanted])
        if region is not None:
            mask &= store.region_mask([region])
        if year is not None:
            mask &= store.report_year == int(year)
        if explicit or query is None:
            return mask
        if query.report_year is not None:
            # a report year no indexed report has: only a report whose year is unknown may be the one named
            mask &= store.report_year == (query.report_year if query.report_year in store.years else 0)
        if query.places and len(store.regions) > 1:
            mask &= store.region_mask(query.places)
        if query.years and len(store.years) > 1 or query.years and not (set(query.years) & store.years):
            # A target question about a year reads that year's plan; an outcome question its review.
            kind = query.kind if query.kind in ("plan", "outcome") else None
            about = mask & store.about_years(query.years, kind)
            if query.report_year is not None and not about.any():
                # "Looking ahead to 2035, what does its 2021 report set?": a year beyond the named
                # report's periods is what its passages naming that year speak of
                named = [f for y in query.years for f in year_forms(y)]
                about = np.zeros_like(mask)
                about[[r for r in np.flatnonzero(mask) if any(f in store.chunks[r].text for f in named)]] = True
                if not about.any() and all(y == query.report_year + 1 for y in query.years):
                    # the year after the report's ("…over 2020 and 2021 combined, in its 2020 report"): its plan
                    # may say 今明两年 or 明年, naming neither
                    about = mask
            mask = about
        elif query.span and len(store.years) > 1:
            # "“十三五”期间…": the plan's years (its review, its targets), not the latest report's
            mask &= store.about_span(query.span, query.kind if query.kind in ("plan", "outcome") else None)
        return mask

    def translated_tokens(self, query: Query) -> dict[str, float]:
        """BM25 tokens for an English question's words the glossary does not know, each with its
        weight: of a word's dictionary translations, the TRANSLATIONS_KEPT the reports use most
        share TRANSLATION_WEIGHT (words the reports never use are no translation of theirs).
        Kept per index and question: an answer asks for them several times."""
        if not query.translated:
            return {}
        store = self.store
        key = (id(store), store.loaded_mtime, tuple(query.translated), tuple(query.tokens))
        known = self._translations.get(key)
        if known is not None:
            return known
        bm25 = store.bm25

        def used_of(chinese: tuple[str, ...]) -> list[tuple[float, list[str]]]:
            used = []
            for word in chinese:
                toks = [t for t in tokenize_text(word) if len(t) >= 2 and t in bm25.vocab and t not in query.tokens]
                if toks and (word in toks or len(toks) > 1):
                    used.append((min(bm25.idf(t) for t in toks), toks))
            return sorted(used, key=lambda u: u[0])  # the most used first (lowest idf)

        groups = []
        for phrase, chinese in query.translated:
            used = used_of(chinese)
            if not used and " " in phrase:
                # a phrase whose dictionary words the reports never use ("commercial performances" → 商演,
                # written 营业性演出): its words' own
                groups += [used_of(words) for word in phrase.split() for _, words in english_terms(word)]
            else:
                groups.append(used)
        out: dict[str, float] = {}
        for used in groups:
            for _, toks in used[:TRANSLATIONS_KEPT]:
                for t in toks:
                    out[t] = max(out.get(t, 0.0), TRANSLATION_WEIGHT / min(len(used), TRANSLATIONS_KEPT))
        if len(self._translations) >= 256:
            self._translations.clear()
        self._translations[key] = out
        return out

    def spelled_names(self, query: Query) -> dict[str, list[str]]:
        """An English question's romanised names that the reports write, with their Chinese words
        (Qianhai → 前海, Tianfu → 天府): not the places it names, not English words. Kept per index and
        question: an answer asks for them several times."""
        if not query.is_english or not query.names:
            return {}
        store = self.store
        key = (id(store), store.loaded_mtime, tuple(query.names), tuple(query.places), tuple(query.unknown_places))
        known = self._spelled.get(key)
        if known is not None:
            return known
        from .lexicon import entries

        places = {romanised(p) if has_cjk(p) else p.lower()
                  for p in [*query.places, *query.unknown_places, *store.regions]}
        dictionary = entries()
        out = {}
        bm25 = store.bm25
        for name in dict.fromkeys(query.names):
            # (the index holds its words' pinyin: a name none begins with is no report's, and the
            # pinyin table is not made for it)
            # (nor another city's name: "the Hong Kong-Zhuhai-Macao Bridge" is written 港珠澳大桥)
            if name not in places and name not in dictionary and not names_a_city(name) \
                    and (name in bm25.vocab or bm25.prefixed(name, 1)):
                words = bm25.spelled(name)
                if words:
                    out[name] = words
        if len(self._spelled) >= 256:
            self._spelled.clear()
        self._spelled[key] = out
        return out

    def lexical_query(self, question: str | Query) -> list[str]:
        """BM25 tokens of a question; capitalised names also match the pinyin they begin
        (Shuidong → shuidongwan), ordinary English words do not (want ≠ wanting); an English
        question's other words add their Chinese translations (`translated_tokens`)."""
        query = self.understand(question)
        bm25 = self.store.bm25
        extra = list(self.translated_tokens(query))
        for name in set(query.names):
            if name not in bm25.vocab:
                extra.extend(bm25.prefixed(name))
        for words in self.spelled_names(query).values():
            extra.extend(words)  # (Qianhai: 前海 beside its pinyin, so clauses saying it are found)
        if query.is_english:  # a place abroad in Chinese (Paris → 巴黎): only clauses naming it answer
            extra.extend(t for p in query.unknown_places if p in abroad_names() for t in tokenize_text(p))
        if not query.is_english and self.store.has_english:
            # Over an English translation, a Chinese question's report terms in their English
            # names (粮食 → grain); an index of Chinese reports has no such words to match.
            extra.extend(t for name in english_names_for(query.text) for t in tokenize_text(name)
                         if t in bm25.vocab)
        return query.tokens + extra

    def embed_question(self, question: str | Query) -> np.ndarray:
        """The question's vector (English questions carry their glossary terms along).

        One question at a time per embedder: the page answers several questions at once, and
        the rest of a search only reads.
        """
        query = self.understand(question)
        spelled = [w for words in self.spelled_names(query).values() for w in words]
        text = to_simplified(" ".join([query.dense_text, *spelled]))
        with self._embed_lock:
            return self.embedder.embed_query(text)

    def dense_scores(self, q: np.ndarray, mask: np.ndarray | None, n: int) -> dict[int, float]:
        """The n chunk rows nearest to the question vector (restricted to mask) -> their dense
        score: the passage's cosine blended with its nearest clause's (CLAUSE_WEIGHT).

        Rows come from both sides: the n nearest passages and the n passages with the nearest
        clauses; a passage the first side does not list takes its lowest cosine (a bound on its
        own), a passage without clauses its own cosine for its clause's.
        """
        store = self.store
        ids, scores = store.search_vectors(q, n, None if mask is None else np.flatnonzero(mask))
        passage = dict(zip(ids.tolist(), scores.tolist()))
        if not CLAUSE_WEIGHT or not passage:
            return passage
        best = store.clause_best(q)
        if mask is not None:
            best = np.where(mask, best, -1.0)
        top = _top_rows(best, n)
        floor = min(passage.values())
        rows = set(passage) | {int(i) for i in top if best[i] > -1.0}
        out = {}
        for i in rows:
            own = passage.get(i, floor)
            out[i] = (1 - CLAUSE_WEIGHT) * own + CLAUSE_WEIGHT * (float(best[i]) if best[i] > -1.0 else own)
        return out

    def search(
        self,
        question: str | Query,
        k: int = 5,
        *,
        mode: str = "hybrid",
        fusion: str = "blend",
        source: str | list[str] | None = None,
        year: int | None = None,
        region: str | None = None,
        query_vector: np.ndarray | None = None,
        route: bool = True,
    ) -> list[Hit]:
        """The k passages that best answer the question.

        Args:
            question: Chinese or English.
            k: how many hits.
            mode: "hybrid" (dense + BM25), "dense" or "bm25".
            fusion: how hybrid combines them: "blend" (weighted scores) or "rrf" (reciprocal ranks).
            source, year, region: keep only hits from matching reports.
            query_vector: the question's vector, when the caller has it already.
            route: keep only the places and years the question names (no explicit filter given).
        Returns:
            Hits, best first; `score` is the fused score, `dense_score`/`bm25_score` the parts.
        """
        if mode not in MODES or fusion not in FUSIONS:
            raise ValueError(f"mode must be one of {MODES} and fusion one of {FUSIONS}")
        self.refresh()
        query = self.understand(question)
        store = self.store
        if not store.chunks or k <= 0:
            return []
        mask = self._mask(source, year, region, query if route else None)
        if mask is not None and not mask.any():
            return []
        n = max(CANDIDATES, k)
        dense: dict[int, float] = {}
        lexical: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            if query_vector is None:
                query_vector = self.embed_question(query)
            dense = self.dense_scores(query_vector, mask, n)
        if mode in ("hybrid", "bm25"):
            lexical = self.lexical_scores(query, mask, n)
        if mode == "dense":
            fused = dense
        elif mode == "bm25":
            fused = lexical
        else:
            fused = fuse(dense, lexical, fusion)
        rank = dict(fused)
        # Passages of the kind asked about come first (their scores stay what fusion gave); a
        # question naming a year, or asking a figure, without asking for a target most often means
        # what happened ("数字经济占GDP比重是多少？" is the latest figure, not next year's aim).
        wanted = (query.kind if query.kind in ("plan", "outcome")
                  else "outcome" if query.years or query.wants_number else None)
        bonus = KIND_BONUS if query.kind == wanted else KIND_BONUS / 2
        if wanted and mode == "hybrid" and fusion == "blend":
            for i in rank:
                if store.chunks[i].kind == wanted:
                    rank[i] += bonus
        best = sorted(rank, key=lambda i: (-rank[i], i))[:k]
        if mode == "hybrid" and dense and k >= 3:
            # The embedding's best passage stays among the first k: a passage only it finds (an
            # English question whose words no glossary entry knows) is not outvoted by BM25.
            top_dense = max(dense, key=dense.__getitem__)
            if top_dense not in best:
                best = [*best[: k - 1], top_dense]
        if mode == "hybrid" and route and query.kind == "met" and len(query.years) == 1:
            # "Was the 2019 target met?": the year's target and its outcome, each side's best first.
            sides = [self.search(replace(query, kind=kind), k, mode=mode, fusion=fusion, source=source, year=year,
                                 region=region, query_vector=query_vector) for kind in ("plan", "outcome")]
            merged = [h for pair in zip(*sides) for h in pair] + [h for side in sides for h in side]
            chosen = list(dict.fromkeys(store.row_of[h.chunk_id] for h in merged if h.chunk_id in store.row_of))
            best = chosen[:k]
        if mode == "hybrid" and query.wants_list:
            # "十件民生实事包括哪些？": the passage announcing the counted items, and the one it runs
            # on into, wherever they rank in the reports of the best passages.
            announcing = self._announcing(query, {store.chunks[i].source for i in best[:3]},
                                          [store.chunks[i].text for i in best])
            best = list(dict.fromkeys([*announcing, *best]))[:k]
        if mode == "hybrid" and route:
            # A figure the targets table holds for the indicator asked: its passage comes first.
            tabled = [store.row_of[c] for c in self._table_chunks(query, source, year, region) if c in store.row_of]
            best = list(dict.fromkeys([*tabled, *best]))[:k]
        top_score = max(fused.values(), default=1.0)
        for i in best:
            fused.setdefault(i, top_score)  # a table figure's passage ranks with the best
        hits = [self._hit(i, n, fused, dense, lexical, mode) for n, i in enumerate(best, 1)]
        if query.wants_speaker:
            # "Who delivered…": the speaker line itself comes first.
            spoken = self.speaker_hits(query, source, year, region)
            hits = [*spoken, *hits][:k]
            for n, h in enumerate(hits, 1):
                h.rank = n
        return hits

    def _announcing(self, query: Query, sources: set[str], texts: list[str]) -> list[int]:
        """Rows of the passages where a counted term of the question announces its items
        (办好十件民生实事。一是…), each followed by the passage it runs on into."""
        from .terms import announces, count_of, english_counted_terms, key_terms

        store = self.store
        terms = key_terms(query.text)
        if query.is_english:
            terms += english_counted_terms(query.text, texts)
        out: list[int] = []
        for term in (t for t in terms if count_of(t)):
            for hit in self.term_hits(sources, term, glossary_only=False):
                at = normalize(hit.text).find(normalize(term))
                if at >= 0 and announces(hit.text[at:], term):
                    out.append(store.row_of[hit.chunk_id])
                    nxt = store.next_chunk(hit.source, hit.end)
                    if nxt is not None:
                        out.append(store.row_of[nxt.id])
            if out:
                break
        return out

    def _table_chunks(self, query: Query, source, year, region) -> list[str]:
        """The chunks that state the targets-table figures answering the question, if any."""
        from .table_answer import TableAnswerer

        answer = TableAnswerer(self.store, len(self.store.sources()) > 1).answer(
            query, source=source, year=year, region=region)
        return [c.chunk_id for c in answer.citations] if answer is not None and answer.found else []

    def speaker_hits(self, query: Query, source: str | list[str] | None = None, year: int | None = None,
                     region: str | None = None, line: str = "speaker") -> list[Hit]:
        """"Who delivered the 2019 report?": the speaker lines (茂名市市长 袁古洁) of the reports the
        question and the filters name, as passages; [] when they leave it open (several reports
        indexed and none named, or more than three). The lines are not chunks: they are furniture.
        `line="meeting"`: their meeting lines (2021年2月6日在茂名市第十二届人民代表大会第八次会议上)."""
        wanted_year = year or query.report_year or (query.years[-1] if query.years else None)
        places = [region] if region else list(query.places)
        names = [source] if isinstance(source, str) else list(source or [])
        sources = self.store.sources()
        reports = [(name, info) for name, info in sorted(sources.items())
                   if getattr(info, f"{line}_span") and (not names or name in names)
                   and (not places or info.region in places) and (wanted_year is None or info.year == wanted_year)]
        if not reports or len(reports) > 3 or (len(sources) > 1 and not (names or places or wanted_year)):
            return []
        return [Hit(text=getattr(info, f"{line}_quote"), score=1.0, source=name, section=info.title,
                    start=getattr(info, f"{line}_span")[0], end=getattr(info, f"{line}_span")[1],
                    chunk_id=f"{name}#{line}", rank=n, title=info.title, year=info.year,
                    region=info.region, level=info.level, kind="other")
                for n, (name, info) in enumerate(reports, 1)]

    def run_on(self, hit: Hit, cap: int) -> Hit:
        """The passage with the passages that continue it without a gap (a paragraph cut in
        pieces), up to `cap` characters: its text stays the report's own, offsets included."""
        text, end = hit.text, hit.end
        while len(text) < cap:
            nxt = self.store.next_chunk(hit.source, end)
            if nxt is None:
                break
            text, end = text + nxt.text, nxt.end
        return hit if end == hit.end else replace(hit, text=text, end=end)

    def lexical_scores(self, query: Query, mask: np.ndarray | None, n: int) -> dict[int, float]:
        """The n best BM25 scores (row -> score, zeros left out), restricted to mask."""
        bm = self.store.bm25.scores(self.lexical_query(query), boosts=self.translated_tokens(query))
        if mask is not None:
            bm = np.where(mask, bm, 0.0)
        return {int(i): float(bm[i]) for i in _top_rows(bm, n) if bm[i] > 0}

    def term_hits(self, sources: set[str], term: str, glossary_only: bool = True, limit: int = 8) -> list[Hit]:
        """The passages of these reports that name a term, wherever they rank: a glossary (名词解释)
        entry says what a term means; for a counted term (十件民生实事) any passage may list its items,
        also one that only sets them out (三中心一基地: “A中心、B中心、C中心、D基地”)."""
        wanted = normalize(term)
        ids = [i for i, name in enumerate(self.store.source_names) if name in sources]
        rows = np.flatnonzero(np.isin(self.store.source_ids, ids))
        if glossary_only:
            rows = rows[self.store.kinds[rows] == "glossary"]
        found = [int(r) for r in rows if wanted in self.store.normalized_text(int(r))]
        if not glossary_only:
            from .terms import count_of, counted_heads, enumeration

            if count_of(term) or counted_heads(term):  # (also where it is not written: passages setting its items out)
                written = set(found)
                found += [int(r) for r in rows if int(r) not in written and enumeration(self.store.chunks[int(r)].text, term)]
        found = found[:limit]
        return [self._hit(row, rank, {row: 0.0}, {}, {}, "hybrid") for rank, row in enumerate(found, 1)]

    def _hit(self, row: int, rank: int, fused: dict, dense: dict, lexical: dict, mode: str) -> Hit:
        c = self.store.chunks[row]
        info = self.store.sources().get(c.source) or SourceInfo("")
        return Hit(
            text=c.text, score=float(fused[row]), source=c.source, section=c.section,
            start=c.start, end=c.end, chunk_id=c.id, rank=rank, title=info.title,
            year=info.year, region=info.region, level=info.level,
            dense_score=dense.get(row), bm25_score=lexical.get(row, 0.0 if mode != "dense" else None),
            locator=c.locator, kind=c.kind, period=c.period,
        )


def _top_rows(scores: np.ndarray, n: int) -> np.ndarray:
    """The rows of the n highest scores, highest first (a partial selection: not every chunk sorted)."""
    if len(scores) > n:
        part = np.argpartition(-scores, n)[:n]
        return part[np.argsort(-scores[part], kind="stable")]
    return np.argsort(-scores, kind="stable")


_RETRIEVERS: dict[Path, Retriever] = {}
_CACHE_LOCK = threading.Lock()


def get_retriever(index_dir: str | Path | None = None) -> Retriever:
    """A cached Retriever for an index folder (it only reads: building is the CLI's and page's job,
    or `build_index`'s)."""
    path = config.index_dir(index_dir).resolve()
    with _CACHE_LOCK:
        retriever = _RETRIEVERS.get(path)
        if retriever is None:
            retriever = _RETRIEVERS[path] = Retriever(path)
    return retriever


def retrieve(
    question: str,
    k: int = 5,
    index_dir: str | Path | None = None,
    *,
    mode: str = "hybrid",
    source: str | list[str] | None = None,
    year: int | None = None,
    region: str | None = None,
) -> list[Hit]:
    """The k passages of the indexed reports that best answer a question.

    Args:
        question: Chinese or English.
        k: number of hits.
        index_dir: index folder (default `index/` or $ASSISTANT_INDEX_DIR).
        mode: "hybrid", "dense" or "bm25".
        source, year, region: optional filters.
    Returns:
        `Hit`s best first, with text, score, source, section, start and end.
    Raises:
        IndexNotFoundError: no index yet (build it with `build_index` or `python -m assistant build`).
    """
    return get_retriever(index_dir).search(
        question, k, mode=mode, source=source, year=year, region=region
    )


def unknown_report(names: list[str], indexed: list[str]) -> FilterError:
    """A report filter naming no indexed report, in English and Chinese, with what is indexed."""
    listed = ", ".join(indexed)
    return FilterError(f"no indexed report is called {', '.join(names)}; indexed: {listed}",
                       zh=f"没有名为“{'、'.join(names)}”的已索引报告；已索引的报告：{listed}")
