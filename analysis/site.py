"""HTML for publishing: executed notebooks without code, the index, the chart gallery, the claim ledger.

Pages are self-contained: CSS is inline, charts are inline SVG, and nothing is
loaded from a CDN, so they open offline, from an archive or inside a CMS.
"""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import nbformat

CSS = """
:root { --ink: #222; --muted: #666; --rule: #ddd; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', 'Noto Naskh Arabic', serif; color: var(--ink); margin: 0;
       line-height: 1.5; background: #fff; }
header.site, main, footer.site { max-width: 760px; margin: 0 auto; padding: 0 16px; }
header.site { border-bottom: 1px solid var(--rule); padding-top: 12px; padding-bottom: 8px;
              font-family: Helvetica, Arial, sans-serif; font-size: 14px; }
header.site a { color: var(--accent); margin-right: 12px; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 28px; } h2 { font-size: 21px; margin-top: 32px; } h3 { font-size: 17px; }
a { color: var(--accent); }
figure.chart { margin: 16px 0; }
figure.chart svg, figure.chart img { max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: var(--muted); font-family: Helvetica, Arial, sans-serif; }
table { border-collapse: collapse; font-family: Helvetica, Arial, sans-serif; font-size: 13px; width: 100%;
        display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
.prose p { font-size: 17px; }
[dir=rtl] { font-family: 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Arial', sans-serif; unicode-bidi: isolate; }
.arabic-name span { font-size: 22px; }
footer.site { border-top: 1px solid var(--rule); margin-top: 40px; padding-top: 8px; padding-bottom: 24px;
              font-size: 13px; color: var(--muted); font-family: Helvetica, Arial, sans-serif; }
pre { white-space: pre-wrap; font-size: 12px; }
.gallery-item { border-top: 1px solid var(--rule); padding-top: 8px; margin-top: 24px; }
textarea.embed { width: 100%; font-family: monospace; font-size: 12px; }
@media (max-width: 480px) { h1 { font-size: 23px; } .prose p { font-size: 16px; } }
"""


def page(title: str, body: str, depth: int = 0, data_as_of: str = "") -> str:
    """A whole HTML page with the site's header and footer; ``depth`` = folders below reports/."""
    up = "../" * depth
    nav = (f'<header class="site"><nav aria-label="Site"><a href="{up}index.html">All reports</a>'
           f'<a href="{up}overview.html">Overview</a><a href="{up}charts/index.html">Charts</a>'
           f'<a href="{up}claims.html">Fact-check ledger</a><a href="{up}changes.html">What changed</a></nav></header>')
    as_of = f"Data as of {html.escape(data_as_of)}. " if data_as_of else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{nav}\n"
            f"<main>\n{body}\n</main>\n<footer class=\"site\">{as_of}siege-data: a sourced dataset of sieges, "
            "evacuations and aid deliveries in Syria, 2012–2018. Every figure cites its sources.</footer>\n"
            "</body>\n</html>\n")


def notebook_to_html(notebook: Path, out: Path, depth: int = 0, data_as_of: str = "") -> Path:
    """Executed notebook -> HTML page without code cells, prompts or CDN scripts."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook), as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, exclude_anchor_links=True)
    # stream output (warnings, progress) is for the analyst, not the reader
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.get("output_type") != "stream"]
    body, _ = exporter.from_notebook_node(nb)
    title = _first_heading(nb) or Path(notebook).stem
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(title, body, depth=depth, data_as_of=data_as_of), encoding="utf-8")
    return out


def _first_heading(nb) -> str:
    import re

    for cell in nb.cells:
        texts = [cell.source] if cell.cell_type == "markdown" else [
            o.get("data", {}).get("text/html", "") for o in cell.get("outputs", [])]
        for text in texts:
            m = re.search(r"<h1[^>]*>(.*?)</h1>", text, flags=re.S) or re.search(r"^# (.+)$", text, flags=re.M)
            if m:
                return re.sub(r"<[^>]+>", "", m.group(1)).strip()
    return ""


# ------------------------------------------------------------------ index, gallery, ledger


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


OVERVIEW_CHARTS = ["national-besieged-population", "locator-map", "sieges-timeline", "evacuations-by-month",
                   "evacuation-destinations", "un-access-monthly"]


def write_gallery(staging: Path, data_as_of: str = "") -> Path:
    """charts/index.html: every chart as an image (loaded lazily), its downloads and an embed snippet.

    National charts come first, then each place's charts in place order.
    """
    charts = Path(staging) / "charts"
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(charts.glob("*.meta.json"))]
    rank = {cid: i for i, cid in enumerate(OVERVIEW_CHARTS)}
    metas.sort(key=lambda m: (rank.get(m["chart_id"], len(rank)), m["chart_id"]))
    items = []
    for meta in metas:
        cid = html.escape(meta["chart_id"], quote=True)
        alt_text = html.escape(meta["alt_text"], quote=True)
        embed = f'<figure><img src="{cid}.svg" alt="{alt_text}" style="max-width:100%;height:auto"></figure>'
        items.append(
            f'<section class="gallery-item" id="{cid}"><h2>{html.escape(meta["title"])}</h2>'
            f'<figure class="chart"><img src="{cid}.svg" alt="{alt_text}" loading="lazy">'
            f'<figcaption>{html.escape(meta["alt_text"])}</figcaption></figure>'
            f'<p>Download: <a href="{cid}.svg">SVG</a> · <a href="{cid}.png">PNG (2x)</a> · '
            f'<a href="{cid}.vl.json">Vega-Lite JSON</a> · <a href="{cid}.csv">data (CSV)</a> · '
            f'<a href="{cid}.alt.txt">alt text</a></p>'
            f'<label>Embed snippet<textarea class="embed" rows="2" readonly>{html.escape(embed)}</textarea></label>'
            f"</section>")
    body = (f"<h1>Chart gallery</h1><p>{len(items)} charts, each as SVG, PNG at 2x, Vega-Lite JSON, the CSV behind "
            f"it and its alt text.</p>" + "".join(items))
    out = charts / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page("Chart gallery", body, depth=1, data_as_of=data_as_of), encoding="utf-8")
    return out


def write_ledger(staging: Path, data_as_of: str = "") -> tuple[Path, Path]:
    from .claims import CLAIM_COLUMNS, ledger_html, read_ledgers

    staging = Path(staging)
    claims = read_ledgers(staging / "claims")
    csv_path = staging / "claims.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CLAIM_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(claims)
    sources = {r["source_id"]: r["url"] for r in _read_csv(staging / "data" / "sources.csv")}
    body = (f"<h1>Fact-check ledger</h1><p>Every figure and date written in the reports' text, with the table, "
            f"rows and sources behind it: {len(claims)} claims. <a href='claims.csv'>Download as CSV</a>.</p>"
            + ledger_html(claims, sources))
    html_path = staging / "claims.html"
    html_path.write_text(page("Fact-check ledger", body, data_as_of=data_as_of), encoding="utf-8")
    return csv_path, html_path


def write_index(staging: Path, tasks, data_as_of: str = "") -> Path:
    staging = Path(staging)
    places = {r["place_id"]: r for r in _read_csv(staging / "data" / "places.csv")}
    items = []
    built = {t.task_id.split(":", 1)[1] for t in tasks if t.task_id.startswith("location:")}
    built |= {p.stem for p in (staging / "places").glob("*.html")}
    from .names import normalise_latin

    # alphabetical as a reader looks for a name: "al-Tall" under T
    for pid in sorted(built, key=lambda i: normalise_latin(places.get(i, {}).get("name_en", i))):
        p = places.get(pid, {})
        ar = p.get("name_ar", "")
        ar_html = f' <span lang="ar" dir="rtl">{html.escape(ar)}</span>' if ar else ""
        items.append(f'<li><a href="places/{html.escape(pid)}.html">{html.escape(p.get("name_en", pid))}</a>'
                     f'{ar_html} <small>{html.escape(p.get("governorate", ""))}</small></li>')
    downloads = "".join(f'<li><a href="data/{p.name}">{p.name}</a></li>'
                        for p in sorted((staging / "data").glob("*.csv")))
    as_of = f"<p>Data as of {html.escape(data_as_of)}.</p>" if data_as_of else ""
    body = (
        "<h1>Sieges, evacuations and aid in Syria, 2012–2018</h1>"
        "<p>A sourced dataset: every row cites its source; where sources disagree, every version is kept.</p>"
        f"{as_of}"
        "<h2>Reports</h2><ul><li><a href=\"overview.html\">National overview</a></li>"
        "<li><a href=\"charts/index.html\">Chart gallery</a> (SVG, PNG, Vega-Lite, CSV, alt text)</li>"
        "<li><a href=\"claims.html\">Fact-check ledger</a> (<a href=\"claims.csv\">CSV</a>)</li></ul>"
        f"<h2>Places ({len(items)})</h2><ul class=\"places\">{''.join(items)}</ul>"
        f"<h2>Data downloads</h2><ul>{downloads}</ul>"
    )
    out = staging / "index.html"
    out.write_text(page("Sieges in Syria: reports", body, data_as_of=data_as_of), encoding="utf-8")
    return out


def write_site(staging: Path, tasks, data_as_of: str = "") -> None:
    write_gallery(staging, data_as_of)
    write_ledger(staging, data_as_of)
    write_index(staging, tasks, data_as_of)
