"""Checks on a built site: every page states each count once, and no internal value reaches a reader.

``consistency_failures`` recomputes each place page's story from the tables the site was built from and
compares it with what the page, its charts (title, alt text) and its ledger say. ``internal_value_failures``
reads every page's visible text, every chart's SVG text and alt text, for column values, enum names and
event ids a reader must never see. The tests run both on every page of a build.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd

from ..clean import read_processed
from .place import place_story

#: internal values (enum names with underscores, column names) a reader must never see
INTERNAL = re.compile(
    r"\b(per_batch|final_total|evacuation_deal|military_takeover|lower_bound|upper_bound|not_a_count|no_number|"
    r"other_unit|aid_delivery|start_date|end_date|at_the_time|all_sieges_to_date|pre_war|un_report|un_press|"
    r"ngo_report|news_agency|news_outlet|local_outlet|figure_kind|population_kind|besieger_party|people_best|"
    r"people_low|people_high|source_ids?|delivery_id|evacuation_id|siege_id|event_id|part_of_month|"
    r"several_months|year_to_date|left_out|party_to_war|claimed_by|nsag|isil)\b"
    r"|\b[a-z0-9]+(?:-[a-z0-9]+)*-(?:evac|aid)-(?:\d{8}|\d{6}|\d{4}|nd)(?:-[a-z0-9]+)*\b"
    r"|\b[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}(?:-\d{2})?\b(?=\s*(?:siege|$))")


def visible_text(page_html: str) -> str:
    """What a reader sees: no markup, scripts, styles, code ids or bracketed citations."""
    t = re.sub(r"<(script|style|textarea)[^>]*>.*?</\1>", " ", page_html, flags=re.S)
    t = re.sub(r"<code>.*?</code>", " ", t, flags=re.S)  # source ids, shown as citations
    t = re.sub(r"<svg.*?</svg>", " ", t, flags=re.S)  # checked through the charts' own files
    t = html.unescape(re.sub(r"<[^>]+>", " ", t))
    t = re.sub(r"\[[a-z0-9][a-z0-9\-;\s]*(?:; \+\d+ more)?\]", " ", t)  # citations: source ids
    return re.sub(r"\s+", " ", t)


def _column_cells(page_html: str, caption_start: str, header: str) -> list[str]:
    """The cells of one column in the table whose caption starts with ``caption_start``."""
    m = re.search(rf"<table[^>]*><caption>{re.escape(caption_start)}.*?</table>", page_html, flags=re.S)
    if not m:
        return []
    heads = [html.unescape(h) for h in re.findall(r"<th scope=[\"']col[\"']>(.*?)</th>", m.group(0))]
    if header not in heads:
        return []
    i = heads.index(header)
    return [html.unescape(re.findall(r"<td>(.*?)</td>", row)[i])
            for row in re.findall(r"<tr>(.*?)</tr>", m.group(0)) if "<td>" in row]


def consistency_failures(reports: Path) -> list[str]:
    """Every place page's prose, charts and tables against one recomputation of its story."""
    reports = Path(reports)
    tables = read_processed(reports / "data")
    claims = pd.read_csv(reports / "claims.csv", dtype=str, keep_default_na=False)
    failures = []
    for page in sorted((reports / "places").glob("*.html")):
        pid = page.stem
        story = place_story(tables, pid)
        text = page.read_text(encoding="utf-8")
        mine = claims[claims["report"] == f"place-{pid}"]

        def claim(what: str) -> str | None:
            rows = mine[mine["what"] == what]
            return rows["value"].iloc[0] if len(rows) else None

        for chart in ("evacuations", "aid", "population", "timeline"):
            expected = story.chart_text(chart)
            spec_path = reports / "charts" / f"{pid}-{chart}.vl.json"
            if not spec_path.exists():
                continue
            spec = json.loads(spec_path.read_text(encoding="utf-8"))
            title = spec.get("title", {}).get("text") if isinstance(spec.get("title"), dict) else spec.get("title")
            if title != expected["title"]:
                failures.append(f"{page.name}: {chart} chart title {title!r} != story {expected['title']!r}")
            alt = (reports / "charts" / f"{pid}-{chart}.alt.txt").read_text(encoding="utf-8").strip()
            if alt != expected["alt"]:
                failures.append(f"{page.name}: {chart} alt text {alt!r} != story {expected['alt']!r}")
        name = story.name
        for what, expected in [(f"{name} evacuation batches that left", len(story.batches)),
                               (f"{name} aid deliveries that got in", len(story.delivered)),
                               (f"{name} aid convoys turned back", len(story.refused))]:
            got = claim(what)
            if expected and got != str(expected):
                failures.append(f"{page.name}: prose says {got!r} for {what!r}, the story counts {expected}")
            if not expected and got is not None:
                failures.append(f"{page.name}: prose states {what!r} ({got}) but the story has none")
        if story.batch_sum:
            lo, hi = story.batch_sum
            got = claim(f"{name} people in the counted batches (sum of per-batch figures)")
            if got != f"{lo}-{hi}":
                failures.append(f"{page.name}: prose sum of batches {got!r} != story {lo}-{hi}")
        timeline = reports / "charts" / f"{pid}-timeline.csv"
        if timeline.exists():
            drawn = pd.read_csv(timeline, dtype=str, keep_default_na=False)
            marked = int((drawn["kind"] == "evacuation batch").sum()) if "kind" in drawn else 0
            dated = int((story.batches["date"] != "").sum())
            if marked != dated:
                failures.append(f"{page.name}: the timeline marks {marked} evacuation batches, the story has {dated} "
                                f"dated batches")
        evac_csv = reports / "charts" / f"{pid}-evacuations.csv"
        if evac_csv.exists():
            drawn = pd.read_csv(evac_csv, dtype=str, keep_default_na=False)
            if set(drawn.get("evacuation_id", [])) - set(story.batches["evacuation_id"]):
                failures.append(f"{page.name}: the evacuation chart draws figures that are not batches")
        rows = _column_cells(text, f"Evacuations from {name}", "Figure")
        if len(rows) != len(tables["evacuations"][tables["evacuations"]["origin_id"] == pid]):
            failures.append(f"{page.name}: the evacuation table has {len(rows)} rows, the data {pid} has more or fewer")
    return failures


def internal_value_failures(reports: Path) -> list[str]:
    """Internal values in any page's visible text, any chart's SVG text or alt text."""
    reports = Path(reports)
    failures = []
    pages = [reports / "index.html", reports / "overview.html", reports / "changes.html"] + sorted(
        (reports / "places").glob("*.html"))
    for page in pages:
        if not page.exists():
            continue
        for m in INTERNAL.finditer(visible_text(page.read_text(encoding="utf-8"))):
            failures.append(f"{page.relative_to(reports)}: {m.group(0)!r}")
    for path in sorted((reports / "charts").glob("*.alt.txt")) + sorted((reports / "charts").glob("*.svg")):
        raw = path.read_text(encoding="utf-8")
        text = " ".join(html.unescape(t) for t in re.findall(r">([^<>]+)<", raw)) if path.suffix == ".svg" else raw
        for m in INTERNAL.finditer(text):
            failures.append(f"charts/{path.name}: {m.group(0)!r}")
    return failures
