"""What a publish changed: rows added, removed and changed per processed table, headline figures before and
after, and the pages rebuilt. Written as reports/CHANGES.md, reports/changes.json and reports/changes.html."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

#: processed table -> the columns that identify a row
KEYS = {
    "sieges": ["siege_id"],
    "evacuations": ["evacuation_id"],
    "aid_deliveries": ["delivery_id"],
    "population_estimates": ["location_id", "date", "source_id", "population_as_stated"],
    "besieged_population": ["date", "source_id", "population_as_stated"],
    "un_access_monthly": ["month", "source_id", "period_kind"],
    "places": ["place_id"],
    "sources": ["source_id"],
}
EXAMPLES = 10
#: what a reader calls each table
TABLE_TITLES = {"sieges": "Sieges", "evacuations": "Evacuations", "aid_deliveries": "Aid deliveries",
                "population_estimates": "Population estimates", "besieged_population": "National besieged totals",
                "un_access_monthly": "UN access (monthly)", "places": "Places", "sources": "Sources"}


def _read(folder: Path | None, table: str) -> pd.DataFrame | None:
    if folder is None or not (Path(folder) / f"{table}.csv").exists():
        return None
    return pd.read_csv(Path(folder) / f"{table}.csv", dtype=str, keep_default_na=False)


def table_changes(old_dir: Path | None, new_dir: Path) -> dict:
    """Per table: rows added, removed and changed (with a few examples of each), by the table's key."""
    out = {}
    for table, key in KEYS.items():
        new = _read(new_dir, table)
        old = _read(old_dir, table)
        if new is None:
            continue
        if old is None:
            out[table] = {"added": len(new), "removed": 0, "changed": 0, "examples": {}}
            continue
        old_i = old.drop_duplicates(key).set_index(key)
        new_i = new.drop_duplicates(key).set_index(key)
        added = new_i.index.difference(old_i.index)
        removed = old_i.index.difference(new_i.index)
        common = new_i.index.intersection(old_i.index)
        cols = [c for c in new_i.columns if c in old_i.columns]
        a, b = old_i.loc[common, cols].sort_index(), new_i.loc[common, cols].sort_index()
        differ = (a != b).any(axis=1)
        changed = []
        for idx in differ[differ].index:
            cells = {c: [a.at[idx, c], b.at[idx, c]] for c in cols if a.at[idx, c] != b.at[idx, c]}
            changed.append({"row": "/".join(idx) if isinstance(idx, tuple) else idx, "cells": cells})
        out[table] = {"added": len(added), "removed": len(removed), "changed": len(changed), "examples": {
            "added": ["/".join(i) if isinstance(i, tuple) else i for i in list(added)[:EXAMPLES]],
            "removed": ["/".join(i) if isinstance(i, tuple) else i for i in list(removed)[:EXAMPLES]],
            "changed": changed[:EXAMPLES]}}
    return out


def headlines(folder: Path | None) -> dict:
    """The figures a reader quotes first: the highest UN national total, people in counted batches from
    besieged places, and each place's range of besieged-population estimates."""
    if folder is None or not (Path(folder) / "evacuations.csv").exists():
        return {}
    from ..clean import read_processed
    from ..story.overview import besieged_batches

    t = read_processed(folder)
    bp = t["besieged_population"]
    un = bp[(bp["publisher_group"] == "United Nations") & (bp["measure"] == "at_the_time")].dropna(subset=["population"])
    batches = besieged_batches(t["evacuations"], t["sieges"]).dropna(subset=["people_best"])
    pop = t["population_estimates"]
    pop = pop[(pop["population_kind"] == "besieged")].dropna(subset=["population_best"])
    ranges = {pid: f"{int(g['population_low'].min())}-{int(g['population_high'].max())}"
              for pid, g in pop.groupby("location_id")}
    return {"highest UN national total": int(un["population"].max()) if len(un) else None,
            "people in counted batches from besieged places (low-high)":
                f"{int(batches['people_low'].sum())}-{int(batches['people_high'].sum())}",
            "per-place besieged population ranges": ranges}


def describe(old_dir: Path | None, new_dir: Path, rebuilt: list[str]) -> dict:
    before, after = headlines(old_dir), headlines(new_dir)
    moved = {}
    for k in set(before) | set(after):
        if k == "per-place besieged population ranges":
            b, a = before.get(k, {}), after.get(k, {})
            moved[k] = {p: [b.get(p), a.get(p)] for p in sorted(set(b) | set(a)) if b.get(p) != a.get(p)}
        elif before.get(k) != after.get(k):
            moved[k] = [before.get(k), after.get(k)]
    return {"tables": table_changes(old_dir, new_dir), "headlines": moved, "pages_rebuilt": sorted(rebuilt)}


def markdown(changes: dict, data_as_of: str = "") -> str:
    lines = ["# What changed in this publish", "", f"Data as of {data_as_of}." if data_as_of else "", "",
             "| table | rows added | removed | changed |", "|---|---|---|---|"]
    for table, c in changes["tables"].items():
        lines.append(f"| {table} | {c['added']} | {c['removed']} | {c['changed']} |")
    lines += ["", "## Headline figures, before → after", ""]
    if not changes["headlines"]:
        lines.append("No headline figure changed.")
    for k, v in changes["headlines"].items():
        if isinstance(v, dict):
            lines.append(f"- {k}: " + ("; ".join(f"{p}: {b} → {a}" for p, (b, a) in v.items()) or "unchanged"))
        else:
            lines.append(f"- {k}: {v[0]} → {v[1]}")
    lines += ["", "## Pages rebuilt", "", ", ".join(changes["pages_rebuilt"]) or "none", ""]
    return "\n".join(lines)


def write_changes(staging: Path, old_dir: Path | None, rebuilt: list[str], data_as_of: str = "") -> dict:
    """Write CHANGES.md, changes.json and changes.html into the staging site; return the changes."""
    from ..site import page

    changes = describe(old_dir, Path(staging) / "data", rebuilt)
    staging = Path(staging)
    (staging / "changes.json").write_text(json.dumps(changes, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    md = markdown(changes, data_as_of)
    (staging / "CHANGES.md").write_text(md, encoding="utf-8")
    from ..report import table_html

    counts = pd.DataFrame([{"table": TABLE_TITLES.get(t, t), "added": c["added"], "removed": c["removed"],
                            "changed": c["changed"]} for t, c in changes["tables"].items()])
    names = {}
    if (staging / "data" / "places.csv").exists():
        places = pd.read_csv(staging / "data" / "places.csv", dtype=str, keep_default_na=False)
        names = dict(zip(places["place_id"], places["name_en"]))
    if old_dir is None:
        heads = ["This is the first publish: there is no earlier site to compare with."]
    else:
        heads = []
        for k, v in changes["headlines"].items():
            if isinstance(v, dict):
                heads += [f"{names.get(p, p)}, estimates of the besieged population: {b or 'none'} → {a or 'none'}"
                          for p, (b, a) in v.items()]
            else:
                heads.append(f"{k}: {v[0] if v[0] is not None else 'none'} → {v[1] if v[1] is not None else 'none'}")
        heads = heads or ["No headline figure changed."]
    pages = ["the data tables" if t == "clean" else "the overview" if t == "overview"
             else names.get(t.split(":", 1)[-1], t.split(":", 1)[-1]) for t in changes["pages_rebuilt"]]
    body = ("<h1>What changed in this publish</h1>"
            + table_html(counts, {"table": "Table", "added": "Rows added", "removed": "Removed", "changed": "Changed"},
                         "Rows of each processed table, against the previous publish")
            + "<h2>Headline figures, before and after</h2><ul>"
            + "".join(f"<li>{html.escape(h)}</li>" for h in heads) + "</ul>"
            + f"<h2>Pages rebuilt</h2><p>{html.escape(', '.join(pages) or 'none')}</p>"
            + "<p>Machine-readable: <a href='changes.json'>changes.json</a>, <a href='CHANGES.md'>CHANGES.md</a>.</p>")
    (staging / "changes.html").write_text(page("What changed", body, data_as_of=data_as_of), encoding="utf-8")
    return changes
