"""The page's "Targets 目标" tab: the targets and outcomes table, filterable, with a chart of one
indicator across years and a CSV download of what is shown.

The functions that make what the tab shows (`table_view`, `chart_frame`, `csv_file`) take rows
and filters and are tested without a browser; `build_tab` lays them out.
"""

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import gradio as gr
import pandas as pd

from .table import select, to_csv
from .targets import IndicatorRow, names

ALL = "All · 全部"
COLUMNS = ["Region 地区", "Year 年份", "Kind 类型", "Indicator 指标", "Figure 数值", "English", "Quote 原文",
           "Source 来源"]
_KIND_LABELS = {"target": "target 目标", "outcome": "outcome 实际"}


def _pick(value: str | None) -> str | None:
    return None if value in (None, "", ALL) else value


def choices(rows: list[IndicatorRow]) -> dict[str, list]:
    """Dropdown choices of the filters: regions, indicators (id with English name), years."""
    known = names()
    regions = sorted({r.region or r.level or "?" for r in rows})
    indicators = sorted({r.indicator for r in rows}, key=lambda i: (i.removesuffix("_growth"), i))
    years = sorted({r.year for r in rows if r.year}, reverse=True)
    return {"region": [ALL, *regions],
            "indicator": [(ALL, ALL)] + [(f"{known.get(i, i)} ({i})", i) for i in indicators],
            "year": [ALL, *[str(y) for y in years]]}


def filtered(rows: list[IndicatorRow], region: str | None, indicator: str | None, kind: str | None,
             year: str | None) -> list[IndicatorRow]:
    """Rows under the tab's filters (an unknown value from a stale dropdown shows nothing)."""
    wanted = {"region": _pick(region), "indicator": _pick(indicator), "kind": _pick(kind),
              "year": int(year) if _pick(year) else None}
    try:
        return select(rows, **wanted)
    except Exception:  # FilterError: the dropdown names something the table no longer holds
        return []


def table_view(rows: list[IndicatorRow]) -> pd.DataFrame:
    """The table as the page shows it, one figure a line."""
    data = [[r.region or r.level or "", r.year, _KIND_LABELS.get(r.kind, r.kind),
             f"{r.indicator_text} · {r.indicator}", r.figure(), r.english(), r.quote,
             f"{r.source} ({r.start}–{r.end})"] for r in rows]
    return pd.DataFrame(data, columns=COLUMNS)


def chart_frame(rows: list[IndicatorRow], indicator: str | None) -> pd.DataFrame:
    """One indicator's targets and outcomes across years, a series per region and kind.

    Rows of several indicators (no indicator chosen) or without a number (同步) are left out; when
    a report states a figure twice for the same year, the first statement is drawn.
    """
    chosen = _pick(indicator)
    points: dict[tuple, float] = {}
    for r in rows:
        if r.number is None or (chosen and r.indicator != chosen) or not r.year:
            continue
        points.setdefault((r.region or r.level or "?", r.kind, r.year), r.number)
    data = [{"year": year, "value": value, "series": f"{region} {_KIND_LABELS.get(kind, kind)}"}
            for (region, kind, year), value in sorted(points.items(), key=lambda kv: kv[0][2])]
    frame = pd.DataFrame(data, columns=["year", "value", "series"])
    return frame if chosen else frame.iloc[0:0]


def csv_file(rows: list[IndicatorRow]) -> str:
    """The shown rows as a CSV file (named by its content, so repeated downloads reuse it)."""
    text = to_csv(rows)
    folder = Path(tempfile.gettempdir()) / "report-qa-targets"
    folder.mkdir(exist_ok=True)
    path = folder / f"targets-{hashlib.sha1(text.encode()).hexdigest()[:10]}.csv"
    if not path.exists():
        path.write_text("\ufeff" + text, encoding="utf-8")  # the BOM lets spreadsheets read it as UTF-8
    return str(path)


def build_tab(load_rows: Callable[[], list[IndicatorRow]]) -> None:
    """Lay out the tab inside the current `gr.Blocks`; `load_rows` reads the index's table."""

    def refresh(region, indicator, kind, year):
        try:
            rows = load_rows()
            note = ""
        except Exception as exc:  # no index yet, or it cannot be read: say so in the tab
            rows, note = [], f"The targets table cannot be read: {exc}"
        opts = choices(rows)
        region = region if region in opts["region"] else ALL
        if indicator not in {v for _, v in opts["indicator"]}:  # first view: GDP growth, if the table has it
            indicator = "gdp_growth" if any(r.indicator == "gdp_growth" for r in rows) else ALL
        year = year if year in opts["year"] else ALL
        shown = filtered(rows, region, indicator, kind, year)
        summary = note or f"{len(shown)} of {len(rows)} figures · 共 {len(rows)} 条，显示 {len(shown)} 条"
        if not note and _pick(indicator) is None:
            summary += " · choose one indicator to chart it across years · 选择一个指标以显示历年图表"
        return (gr.Dropdown(choices=opts["region"], value=region),
                gr.Dropdown(choices=opts["indicator"], value=indicator),
                gr.Dropdown(value=kind), gr.Dropdown(choices=opts["year"], value=year),
                table_view(shown), chart_frame(shown, indicator), csv_file(shown), summary)

    with gr.Row():
        region = gr.Dropdown([ALL], value=ALL, label="Region 地区", elem_id="rqa-t-region", interactive=True)
        indicator = gr.Dropdown([(ALL, ALL)], value=None, label="Indicator 指标", elem_id="rqa-t-indicator",
                                interactive=True)
        kind = gr.Dropdown([(ALL, ALL), ("Targets 目标", "target"), ("Outcomes 实际", "outcome")], value=ALL,
                           label="Kind 类型", elem_id="rqa-t-kind", interactive=True)
        year = gr.Dropdown([ALL], value=ALL, label="Year 年份", elem_id="rqa-t-year", interactive=True)
    summary = gr.Markdown(elem_id="rqa-t-summary")
    chart = gr.LinePlot(x="year", y="value", color="series", x_title="Year 年份", y_title="Value 数值",
                        label="Across years · 历年", elem_id="rqa-t-chart", height=360, x_axis_format="d",
                        tooltip="all")
    table = gr.Dataframe(headers=COLUMNS, interactive=False, wrap=True, elem_id="rqa-t-table", max_height=520,
                         show_search="search")
    download = gr.DownloadButton("Download CSV · 下载", elem_id="rqa-t-csv", size="sm")
    filters = [region, indicator, kind, year]
    outputs = [region, indicator, kind, year, table, chart, download, summary]
    for control in filters:
        control.input(refresh, inputs=filters, outputs=outputs, api_visibility="private")
    return refresh, filters, outputs
