"""Export charts for publishing: SVG, PNG (2x), Vega-Lite JSON, the CSV behind it and the alt text.

Also renders a chart inline for notebooks (the SVG itself, with its alt text), so
executed reports need no JavaScript and no network to show charts.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

import vl_convert as vlc

from .charts import ChartSpec

EXTENSIONS = ("svg", "png", "vl.json", "csv", "alt.txt", "meta.json")


def vega_lite(spec: ChartSpec) -> dict:
    """The chart's Vega-Lite spec as plain JSON values: a missing value (NaN) becomes null, so the published
    .vl.json is valid JSON and every renderer reads the same spec."""
    def clean(value):
        if isinstance(value, float) and value != value:
            return None
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(spec.chart.to_dict())


def chart_svg(spec: ChartSpec) -> str:
    return vlc.vegalite_to_svg(vega_lite(spec))


def export_chart(spec: ChartSpec, folder: Path) -> dict[str, Path]:
    """Write every published form of one chart into ``folder``; return the paths by extension."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vl = vega_lite(spec)
    vl_json = json.dumps(vl, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
    out = {ext: folder / f"{spec.chart_id}.{ext}" for ext in EXTENSIONS}
    out["svg"].write_text(vlc.vegalite_to_svg(vl), encoding="utf-8")
    out["png"].write_bytes(vlc.vegalite_to_png(vl, scale=2))
    out["vl.json"].write_text(vl_json + "\n", encoding="utf-8")
    spec.data.to_csv(out["csv"], index=False, lineterminator="\n")
    out["alt.txt"].write_text(spec.alt_text + "\n", encoding="utf-8")
    meta = {"chart_id": spec.chart_id, "title": spec.title, "alt_text": spec.alt_text,
            "source_ids": spec.source_ids, "footer": spec.chart.usermeta.get("footer", [])}
    out["meta.json"].write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def figure_html(spec: ChartSpec, svg: str | None = None, csv_href: str | None = None) -> str:
    """A <figure> holding the chart's SVG inline, labelled with its alt text, for HTML reports."""
    svg = svg if svg is not None else chart_svg(spec)
    label = html.escape(spec.alt_text, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    links = ""
    if csv_href:
        links = f' <a href="{html.escape(csv_href, quote=True)}">Download the data (CSV)</a>'
    return (f'<figure class="chart" id="{html.escape(spec.chart_id, quote=True)}">{svg}'
            f'<figcaption class="alt-text">{html.escape(spec.alt_text)}{links}</figcaption></figure>')


class InlineChart:
    """Displays as inline SVG in Jupyter and in nbconvert's HTML (no JavaScript needed)."""

    def __init__(self, spec: ChartSpec, folder: Path | None = None, csv_href: str | None = None):
        self.spec = spec
        svg = None
        if folder is not None:
            paths = export_chart(spec, folder)
            svg = paths["svg"].read_text(encoding="utf-8")
        self._html = figure_html(spec, svg, csv_href)

    def _repr_html_(self) -> str:
        return self._html

    def __repr__(self) -> str:  # the notebook's text/plain copy: no memory address, so rebuilds are identical
        return f"<chart {self.spec.chart_id}>"


def show(spec: ChartSpec, charts_dir: str | Path | None = None, csv_href: str | None = None) -> InlineChart:
    """Export (when ``charts_dir`` is given) and display a chart in a notebook."""
    return InlineChart(spec, Path(charts_dir) if charts_dir else None, csv_href)
