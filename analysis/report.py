"""What the report notebooks show: filtered tables, generated prose with its claims, HTML blocks.

Notebooks call these; they hold no logic of their own.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from .claims import Ledger, noun
from .parse import parse_partial_date


@dataclass
class PlaceData:
    place: pd.Series
    sieges: pd.DataFrame
    population: pd.DataFrame
    aid: pd.DataFrame
    evacuations: pd.DataFrame
    disagreements: pd.DataFrame


def _in_window(dates: pd.Series, start: str | None, end: str | None) -> pd.Series:
    """Rows whose (partial) date span overlaps [start, end].

    With no window every row is kept; with one, undated rows are left out (they cannot be placed in it).
    """
    keep = pd.Series(True, index=dates.index)
    for i, v in dates.items():
        if not v:
            keep[i] = not (start or end)
            continue
        d = parse_partial_date(v)
        if start and d.last_day < start:
            keep[i] = False
        if end and d.first_day > end:
            keep[i] = False
    return keep


def place_data(tables: dict[str, pd.DataFrame], place_id: str, start: str | None = None,
               end: str | None = None) -> PlaceData:
    """Everything the dataset holds on one place, limited to events dated within [start, end]."""
    for name, value in (("start", start), ("end", end)):
        if value and parse_partial_date(value).precision != "day":
            raise ValueError(f"{name} must be a day, YYYY-MM-DD: {value!r}")
    places = tables["places"]
    match = places[places["place_id"] == place_id]
    if match.empty:
        known = ", ".join(sorted(places["place_id"]))
        raise KeyError(f"unknown location {place_id!r}; known ids: {known}")
    pop = tables["population_estimates"]
    pop = pop[(pop["location_id"] == place_id)]
    aid = tables["aid_deliveries"]
    aid = aid[aid["location_id"] == place_id]
    evac = tables["evacuations"]
    evac = evac[evac["origin_id"] == place_id]
    dis = tables["disagreements"]
    return PlaceData(
        place=match.iloc[0],
        sieges=tables["sieges"][tables["sieges"]["location_id"] == place_id],
        population=pop[_in_window(pop["date"], start, end)],
        aid=aid[_in_window(aid["date"], start, end)],
        evacuations=evac[_in_window(evac["date"], start, end)],
        disagreements=dis[dis["location_id"] == place_id],
    )


def place_summary(d: PlaceData, ledger: Ledger) -> list[str]:
    """Short sentences about one place; every figure and date is registered in ``ledger``."""
    name = d.place["name_en"]
    out = []
    for _, s in d.sieges.iterrows():
        rows = [s["siege_id"]]
        if s["start_date"]:
            start = ledger.date(s["start_date"], what=f"{name} siege start", table="sieges", rows=rows,
                                source_ids=s["source_ids"])
            sentence = f"{name} was besieged from {start}"
        else:
            sentence = f"{name} was besieged (no start date in our sources)"
        if s["besieged_by"]:
            by = s["besieged_by"]
            if any(ch.isdigit() for ch in by):  # words quoted from a source that hold a number are claims too
                by = ledger.add(by, value=by, what=f"{name} besieging party as stated", table="sieges", rows=rows,
                                source_ids=s["source_ids"])
            sentence += f" by {html.escape(by)}"
        if s["end_date"]:
            end = ledger.date(s["end_date"], what=f"{name} siege end", table="sieges", rows=rows,
                              source_ids=s["source_ids"])
            how = {"evacuation_deal": "an evacuation deal", "military_takeover": "a military takeover",
                   "reconciliation": "a reconciliation deal", "lifted": "the siege being lifted"}.get(
                s["end_reason"], "")
            sentence += f" until {end}" + (f", when it ended with {how}" if how else "")
        else:
            sentence += "; our sources give no end date"
        sentence += f" {ledger.cite(s['source_ids'])}."
        if s.get("dates_disputed") in (True, "True"):
            sentence += " Sources disagree on these dates: see the table below."
        out.append(sentence)

    pop = d.population[(d.population["population_kind"] == "besieged") & (d.population["date"] != "")].dropna(
        subset=["population_best"])
    if len(pop):
        lo, hi = pop["population_low"].min(), pop["population_high"].max()
        span = ledger.span(lo, hi, what=f"{name} besieged population range", table="population_estimates",
                           rows=pop["date"] + "/" + pop["source_id"], source_ids=pop["source_id"])
        n = ledger.count(len(pop), what=f"{name} number of population estimates", table="population_estimates",
                         rows=pop["date"] + "/" + pop["source_id"], source_ids=pop["source_id"])
        first, last = ledger.first_last(pop["date"], what=f"{name} population estimates dated",
                                        table="population_estimates", rows=pop["date"] + "/" + pop["source_id"],
                                        source_ids=pop["source_id"])
        out.append(f"Estimates of the people inside during the siege range from {span} "
                   f"({n} {noun(len(pop), 'estimate')} dated {first} to {last}) {ledger.cite(pop['source_id'])}.")
    else:
        out.append("Our sources give no estimate of the besieged population for these dates.")

    delivered = d.aid[d.aid["status"].isin(["delivered", "partial"])]
    refused = d.aid[d.aid["status"] == "refused"]
    if len(delivered):
        n = ledger.count(len(delivered), what=f"{name} aid deliveries that arrived", table="aid_deliveries",
                         rows=delivered["delivery_id"], source_ids=delivered["source_ids"])
        dated = delivered[delivered["date"] != ""]
        sentence = f"We have {n} {noun(len(delivered), 'record')} of aid that got in"
        if len(dated):
            first = ledger.date(dated["date"].min(), what=f"{name} first aid delivery", table="aid_deliveries",
                                rows=dated["delivery_id"], source_ids=dated["source_ids"])
            sentence += f", the first dated {first}"
        if len(refused):
            r = ledger.count(len(refused), what=f"{name} aid deliveries refused", table="aid_deliveries",
                             rows=refused["delivery_id"], source_ids=refused["source_ids"])
            sentence += f", and {r} {noun(len(refused), 'convoy')} turned back"
        out.append(sentence + f" {ledger.cite(pd.concat([delivered['source_ids'], refused['source_ids']]))}.")
    elif len(refused):
        r = ledger.count(len(refused), what=f"{name} aid deliveries refused", table="aid_deliveries",
                         rows=refused["delivery_id"], source_ids=refused["source_ids"])
        out.append(f"No aid delivery that got in is recorded; {r} {noun(len(refused), 'convoy was', 'convoys were')} "
                   f"turned back "
                   f"{ledger.cite(refused['source_ids'])}.")
    else:
        out.append("Our sources record no aid delivery for these dates.")

    ev = d.evacuations[(d.evacuations["status"] == "happened") & (d.evacuations["figure_kind"] == "per_batch")]
    counted = ev.dropna(subset=["people_best"])
    if len(ev):
        n = ledger.count(len(ev), what=f"{name} evacuation batches", table="evacuations",
                         rows=ev["evacuation_id"], source_ids=ev["source_ids"])
        sentence = f"{n} evacuation {noun(len(ev), 'batch is', 'batches are')} recorded"
        if len(counted):
            span = ledger.span(counted["people_low"].sum(), counted["people_high"].sum(),
                               what=f"{name} people in counted evacuation batches (sum of per-batch figures)",
                               table="evacuations", rows=counted["evacuation_id"], source_ids=counted["source_ids"])
            sentence += f"; the counted batches add up to {span} people"
        out.append(sentence + f" {ledger.cite(ev['source_ids'])}.")
    totals = d.evacuations[d.evacuations["figure_kind"] == "final_total"].dropna(subset=["people_best"])
    if len(totals):
        top = totals.sort_values("people_best").iloc[-1]
        span = ledger.span(top["people_low"], top["people_high"], what=f"{name} largest reported evacuation total",
                           table="evacuations", rows=[top["evacuation_id"]], source_ids=top["source_ids"])
        when = (" (as of " + ledger.date(top["date"], what=f"{name} date of largest evacuation total",
                                         table="evacuations", rows=[top["evacuation_id"]],
                                         source_ids=top["source_ids"]) + ")") if top["date"] else ""
        out.append(f"The largest total reported for the evacuations is {span} people{when} "
                   f"{ledger.cite(top['source_ids'])}.")
    if len(d.disagreements):
        n = ledger.count(len(d.disagreements), what=f"{name} disagreements between sources",
                         table="disagreements", rows=d.disagreements["event_id"] + "/" + d.disagreements["field"],
                         source_ids=d.disagreements["source_ids"])
        out.append(f"Sources disagree on {n} {noun(len(d.disagreements), 'figure or date', 'figures or dates')}; "
                   f"each version is listed below.")
    return out


def prose_html(sentences: list[str]) -> str:
    """Sentences as a <div class='prose'> block; the claim test reads these blocks."""
    paras = "".join(f"<p>{s}</p>" for s in sentences)
    return f'<div class="prose">{paras}</div>'


def arabic_name_html(name_ar: str) -> str:
    if not name_ar:
        return ""
    return f'<p class="arabic-name">Arabic: <span lang="ar" dir="rtl">{html.escape(name_ar)}</span></p>'


def table_html(df: pd.DataFrame, columns: dict[str, str], caption: str, empty: str = "None recorded.") -> str:
    """A plain, escaped HTML table (no index), with a caption; the empty message when there are no rows."""
    if df.empty:
        return f"<p class='empty'><strong>{html.escape(caption)}:</strong> {html.escape(empty)}</p>"
    head = "".join(f"<th scope='col'>{html.escape(label)}</th>" for label in columns.values())
    rows = []
    for _, r in df.iterrows():
        cells = []
        for col in columns:
            v = r[col]
            text = _cell_text(v)
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table class='data'><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _cell_text(v) -> str:
    """Counts with thousands separators, gaps as empty cells, everything else as written."""
    import numpy as np

    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}"
    return str(v)


def csv_download(df: pd.DataFrame, folder, filename: str, href_prefix: str = "") -> str:
    """Write a place's rows as CSV next to the report and return a link to it."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    df.to_csv(folder / filename, index=False, lineterminator="\n")
    return f'<a href="{html.escape(href_prefix + filename, quote=True)}" download>{html.escape(filename)}</a>'


EVACUATION_COLUMNS = {"date": "Date", "origin_name": "From", "destination_std": "To", "figure_kind": "Figure",
                      "people_best": "People (best)", "people_low": "Low", "people_high": "High",
                      "fighters_best": "Fighters", "buses_best": "Buses", "n_sources": "Sources",
                      "source_ids": "Source ids"}
AID_COLUMNS = {"date": "Date", "organisations": "Who", "modality": "How", "status": "Outcome",
               "trucks_best": "Trucks", "people_best": "People (best)", "people_low": "Low", "people_high": "High",
               "food_included": "Food", "source_ids": "Source ids"}
DISAGREEMENT_COLUMNS = {"event_type": "Event", "event_id": "Id", "field": "On", "low": "Lowest",
                        "high": "Highest", "versions": "Each version (sources)"}
SIEGE_COLUMNS = {"siege_id": "Siege", "besieged_by": "Besieged by", "start_date": "Start", "end_date": "End",
                 "end_reason": "How it ended", "n_sources": "Sources", "source_ids": "Source ids"}


def place_header_html(d: PlaceData, start: str = "", end: str = "") -> str:
    p = d.place
    window = ""
    if start or end:
        window = (f"<p class='window'>Showing events dated {html.escape(start or 'from the start')} to "
                  f"{html.escape(end or 'the end')}; undated records are left out.</p>")
    gov = html.escape(p["governorate"]) + (f", {html.escape(p['district'])}" if p.get("district") else "")
    variants = p.get("variants", "")
    also = f"<p class='variants'>Also written: {html.escape(variants.replace(';', ', '))}</p>" if variants else ""
    return (f"<h1>{html.escape(p['name_en'])}</h1>{arabic_name_html(p.get('name_ar', ''))}"
            f"<p class='place-meta'>{gov}</p>{also}{window}")


def place_tables_html(d: PlaceData, which: str) -> str:
    name = d.place["name_en"]
    if which == "evacuations":
        return table_html(d.evacuations, EVACUATION_COLUMNS, f"Evacuations from {name}")
    if which == "aid":
        return table_html(d.aid, AID_COLUMNS, f"Aid deliveries to {name}")
    if which == "disagreements":
        return (table_html(d.sieges, SIEGE_COLUMNS, f"The siege of {name}")
                + table_html(d.disagreements, DISAGREEMENT_COLUMNS, "Where sources disagree",
                             empty="No disagreement between sources is recorded for this place."))
    raise KeyError(which)


def place_sources_html(d: PlaceData, sources: pd.DataFrame, downloads_dir: str = "", downloads_href: str = "") -> str:
    """The sources cited on this page with links, and CSV downloads of this place's rows."""
    ids = set()
    for frame, col in [(d.sieges, "source_ids"), (d.aid, "source_ids"), (d.evacuations, "source_ids"),
                       (d.population, "source_id"), (d.disagreements, "source_ids")]:
        for cell in frame[col]:
            ids.update(s for s in str(cell).split(";") if s)
    cited = sources[sources["source_id"].isin(ids)].sort_values("source_id")
    items = "".join(
        f"<li id='src-{html.escape(r['source_id'], quote=True)}'><code>{html.escape(r['source_id'])}</code>: "
        f"{html.escape(r['publisher'])}, <a href=\"{html.escape(r['url'], quote=True)}\">{html.escape(r['title'])}</a>"
        f"{', ' + html.escape(r['published']) if r['published'] else ''}</li>"
        for _, r in cited.iterrows())
    out = f"<h3>Sources cited ({len(cited)})</h3><ul class='sources'>{items}</ul>" if len(cited) else \
        "<p>No source cited for this place yet.</p>"
    if downloads_dir:
        from . import paths

        pid = d.place["place_id"]
        folder = paths.resolve(downloads_dir)
        links = [csv_download(frame, folder, f"{pid}-{label}.csv", downloads_href)
                 for label, frame in [("sieges", d.sieges), ("population", d.population), ("aid", d.aid),
                                      ("evacuations", d.evacuations), ("disagreements", d.disagreements)]]
        out += "<h3>Download this place's rows</h3><ul><li>" + "</li><li>".join(links) + "</li></ul>"
    return out
