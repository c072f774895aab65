"""Figures to look at before they are published: each is fixed in data/raw or marked checked with a note.

`make clean-data` prints what is open; ``data/audit/plausibility-checked.csv`` holds each check's verdict
(check, item, verdict, note, checked_on), and data/COVERAGE.md lists them all.

The checks (issue "every published number right and fairly said"):
- ``small_population``: a besieged population under 100;
- ``population_outlier``: an estimate more than 5 times, or under a fifth of, the place's median;
- ``fighters_exceed_people``: a batch with more fighters than people;
- ``aid_before_siege``: aid that got in, dated before the siege began;
- ``undated_aid_may_repeat``: an undated or year-only aid record for a place that has dated records that
  year (it may be one of them);
- ``same_figure_twice``: one publisher's same figure for the same date under two events.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .parse import parse_partial_date

COLUMNS = ["check", "item", "place", "detail"]


def _population_checks(pop: pd.DataFrame) -> list[dict]:
    rows = []
    p = pop[(pop["population_kind"] == "besieged") & pop["population_best"].notna()]
    if "covers" in p.columns:
        p = p[p["covers"].fillna("") == ""]
    for place, g in p.groupby("location_id"):
        median = float(g["population_best"].median())
        for _, r in g.iterrows():
            item = f"{r['location_id']}/{r['date']}/{r['source_id']}"
            if r["population_best"] < 100:
                rows.append({"check": "small_population", "item": item, "place": place,
                             "detail": f"{r['population_as_stated']!r} is under 100 people"})
            elif len(g) >= 3 and (r["population_best"] > 5 * median or r["population_best"] < median / 5):
                rows.append({"check": "population_outlier", "item": item, "place": place,
                             "detail": f"{r['population_as_stated']!r} against a median of {median:,.0f}"})
    return rows


def _evacuation_checks(ev: pd.DataFrame) -> list[dict]:
    rows = []
    both = ev.dropna(subset=["people_high", "fighters_low"])
    for _, r in both[both["fighters_low"] > both["people_high"]].iterrows():
        rows.append({"check": "fighters_exceed_people", "item": r["evacuation_id"], "place": r["origin_id"],
                     "detail": f"{int(r['fighters_low']):,} fighters against {int(r['people_high']):,} people"})
    return rows


def _aid_checks(aid: pd.DataFrame, sieges: pd.DataFrame) -> list[dict]:
    rows = []
    starts = {}
    for _, s in sieges[sieges["start_date"] != ""].iterrows():
        first = parse_partial_date(s["start_date"]).first_day
        starts[s["location_id"]] = min(first, starts.get(s["location_id"], first))
    got_in = aid[aid["status"].isin(["delivered", "partial"])]
    for _, r in got_in[got_in["date"] != ""].iterrows():
        start = starts.get(r["location_id"])
        if start and parse_partial_date(r["date"]).last_day < start:
            rows.append({"check": "aid_before_siege", "item": r["delivery_id"], "place": r["location_id"],
                         "detail": f"dated {r['date']}, before the siege began ({start})"})
    for _, r in aid.iterrows():
        precision = parse_partial_date(r["date"]).precision if r["date"] else ""
        if precision in ("", "year"):
            year = r["date"][:4]
            same = aid[(aid["location_id"] == r["location_id"]) & (aid["delivery_id"] != r["delivery_id"])
                       & (aid["date"].str.len() >= 7)]
            if year:
                same = same[same["date"].str.startswith(year)]
            if len(same):
                rows.append({"check": "undated_aid_may_repeat", "item": r["delivery_id"], "place": r["location_id"],
                             "detail": f"{'undated' if not year else 'dated only ' + year}; {len(same)} dated "
                                       f"record(s) for the place {('in ' + year) if year else ''}".strip()})
    return rows


def _repeat_checks(ev: pd.DataFrame, sources: pd.DataFrame) -> list[dict]:
    """The same publisher's same figure on the same day, under two different events."""
    rows = []
    pub = dict(zip(sources["source_id"], sources["publisher"]))
    e = ev.dropna(subset=["people_best"])
    keyed: dict[tuple, list[str]] = {}
    for _, r in e.iterrows():
        for sid in str(r["source_ids"]).split(";"):
            keyed.setdefault((pub.get(sid, sid), r["date"], int(r["people_best"])), []).append(r["evacuation_id"])
    for (publisher, date, people), ids in sorted(keyed.items()):
        ids = sorted(set(ids))
        if len(ids) > 1 and date:
            rows.append({"check": "same_figure_twice", "item": ";".join(ids), "place": "",
                         "detail": f"{publisher}: {people:,} on {date} under {len(ids)} events"})
    return rows


def plausibility_review(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every figure to look at, with its verdict from data/audit/plausibility-checked.csv (empty: still open)."""
    rows = (_population_checks(tables["population_estimates"]) + _evacuation_checks(tables["evacuations"])
            + _aid_checks(tables["aid_deliveries"], tables["sieges"])
            + _repeat_checks(tables["evacuations"], tables["sources"]))
    out = pd.DataFrame(rows, columns=COLUMNS)
    checked = read_checked()
    checked = checked.drop_duplicates(["check", "item"], keep="first")
    out = out.merge(checked[["check", "item", "verdict", "note"]], on=["check", "item"], how="left")
    return out.fillna({"verdict": "", "note": ""}).sort_values(["check", "item"]).reset_index(drop=True)


def read_checked(path: Path | None = None) -> pd.DataFrame:
    path = Path(path) if path else paths.AUDIT / "plausibility-checked.csv"
    if not path.exists():
        return pd.DataFrame(columns=["check", "item", "verdict", "note", "checked_on"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)
