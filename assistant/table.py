"""The targets table as users read it: the rows of an index, filtered (`indicators()`, the
`targets` command, the page's tab) and written as CSV. The rows are made by `targets.py`."""

from __future__ import annotations

from pathlib import Path

from .targets import IndicatorRow, _region_names, read_rows

KINDS = ("target", "outcome")


def load_rows(index_dir: str | Path | None = None) -> list[IndicatorRow]:
    """The targets table of an index (only its manifest and rows file are read: no model, no FAISS).

    Raises:
        IndexNotFoundError: no index there.
        IndexFormatError: the index predates the targets table or its rows file is damaged.
    """

    from . import config
    from .errors import IndexFormatError
    from .manifest import REBUILD_HINT, read_manifest

    index_dir = config.index_dir(index_dir)
    files = read_manifest(index_dir).get("files") or {}
    if "indicators" not in files:
        raise IndexFormatError(f"index at {index_dir} has no targets table yet; {REBUILD_HINT}")
    try:
        return read_rows(index_dir / files["indicators"])
    except (OSError, ValueError, TypeError) as exc:
        raise IndexFormatError(f"index at {index_dir} has a damaged targets table; {REBUILD_HINT}") from exc


def _region_matches(wanted: str, region: str | None, level: str | None) -> bool:
    from .query import romanised

    if not region:
        return wanted.lower() == (level or "")
    names = _region_names(region)
    w = wanted.strip()
    return w in names or w.lower() in {romanised(n) for n in names} or w.lower() == (level or "")


def _indicator_matches(wanted: str, row: IndicatorRow) -> bool:
    w = wanted.strip().lower()
    return w in (row.indicator, row.indicator.removesuffix("_growth")) or wanted in row.indicator_text \
        or w == row.name_en.lower()


def select(rows: list[IndicatorRow], *, region: str | None = None, year: int | None = None,
           indicator: str | None = None, kind: str | None = None, source: str | None = None) -> list[IndicatorRow]:
    """Rows matching every filter given; a filter that matches no row of the table is a
    `FilterError` that lists what the table holds.

    region: as the report writes it (茂名市 or 茂名), in pinyin (maoming), or a level (national);
    year: the year the figure is about; indicator: an id (gdp, gdp_growth; gdp matches both),
    the Chinese words, or the English name; kind: target or outcome.
    """
    from .errors import FilterError

    if kind is not None and kind not in KINDS:
        raise FilterError(f"kind must be target or outcome, not {kind!r}")
    checks = [
        ("region", region, lambda r: _region_matches(region, r.region, r.level),
         lambda: sorted({r.region or r.level or "?" for r in rows})),
        ("year", year, lambda r: r.year == int(year), lambda: sorted({str(r.year) for r in rows})),
        ("indicator", indicator, lambda r: _indicator_matches(indicator, r), lambda: sorted({r.indicator for r in rows})),
        ("kind", kind, lambda r: r.kind == kind, lambda: sorted({r.kind for r in rows})),
        ("source", source, lambda r: r.source == source, lambda: sorted({r.source for r in rows})),
    ]
    out = rows
    for name, value, test, known in checks:
        if value is None or value == "":
            continue
        if not any(test(r) for r in rows):
            raise FilterError(f"the targets table has no {name} {value}; it holds: {', '.join(known())}")
        out = [r for r in out if test(r)]
    return out


def indicators(region: str | None = None, year: int | None = None, indicator: str | None = None,
               kind: str | None = None, *, source: str | None = None,
               index_dir: str | Path | None = None) -> list[IndicatorRow]:
    """Targets and outcomes of the indexed reports, as typed rows, filtered.

        >>> from assistant import indicators
        >>> for row in indicators(region="茂名", indicator="gdp_growth"):
        ...     print(row.year, row.kind, row.figure(), row.source)
    """
    return select(load_rows(index_dir), region=region, year=year, indicator=indicator, kind=kind, source=source)


CSV_FIELDS = ("region", "level", "report_year", "year", "kind", "indicator", "name_en", "indicator_text",
              "value", "unit", "qualifier", "source", "start", "end", "quote")


def to_csv(rows: list[IndicatorRow]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.to_dict())
    return out.getvalue()
