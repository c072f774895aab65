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
    if start and end and end < start:
        raise ValueError(f"the window ends ({end}) before it starts ({start})")
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


def prose_html(sentences: list[str]) -> str:
    """Sentences as a <div class='prose'> block; the claim test reads these blocks."""
    paras = "".join(f"<p>{html.escape(s, quote=False)}</p>" for s in sentences)  # plain text: names may hold markup
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
                      "status": "Outcome", "people_best": "People (best)", "people_low": "Low", "people_high": "High",
                      "fighters_best": "Fighters", "buses_best": "Buses", "covers": "Covers other places",
                      "n_sources": "Sources", "source_ids": "Source ids"}
AID_COLUMNS = {"date": "Date", "organisations": "Who", "modality": "How", "status": "Outcome",
               "trucks_best": "Trucks", "people_best": "People (best)", "people_low": "Low", "people_high": "High",
               "food_included": "Food", "covers": "Covers other places", "source_ids": "Source ids"}
LARGEST_COLUMNS = {"date": "Date", "origin_name": "From", "part_of": "Part of", "figure_kind": "Figure",
                   "how": "How they left", "as_stated": "Highest figure, as its source hedged it",
                   "according_to": "According to", "people_low": "Low", "people_high": "High",
                   "destination_std": "To", "source_ids": "Source ids"}
DISAGREEMENT_COLUMNS = {"event_type": "Event", "when": "Event date", "field": "On", "low": "Lowest",
                        "high": "Highest", "versions": "Each version (sources)"}
SIEGE_COLUMNS = {"besieged_by": "Besieged by", "start_date": "Start", "end_date": "End",
                 "end_reason": "How it ended", "n_sources": "Sources", "source_ids": "Source ids"}
#: which label table (analysis.words.LABELS) each shown column's values go through
SHOWN_LABELS = {"evacuations": {"figure_kind": "figure_kind", "status": "evac_status"},
                "aid": {"status": "aid_status", "modality": "modality", "food_included": "food_included"},
                "sieges": {"end_reason": "end_reason"},
                "disagreements": {"event_type": "event_type", "field": "field"}}


def labelled(df: pd.DataFrame, which: str, places: pd.DataFrame | None = None,
             own: str = "") -> pd.DataFrame:
    """A table's rows as a reader sees them: human labels for internal values, place names for ids."""
    from .words import label

    out = df.copy()
    for column, kind in SHOWN_LABELS.get(which, {}).items():
        if column in out.columns:
            out[column] = out[column].map(lambda v: label(kind, v))
    if "covers" in out.columns:
        names = dict(zip(places["place_id"], places["name_en"])) if places is not None else {}
        out["covers"] = out["covers"].fillna("").map(
            lambda c: ", ".join(names.get(p, p) for p in c.split(";") if p and p != own))
    return out


def place_header_html(d: PlaceData, start: str = "", end: str = "") -> str:
    p = d.place
    window = ""
    if start or end:
        from .words import say_date

        window = (f"<p class='window'>Showing events dated {html.escape(say_date(start) or 'from the start')} to "
                  f"{html.escape(say_date(end) or 'the end')}; undated records are left out.</p>")
    gov = html.escape(p["governorate"]) + (f", {html.escape(p['district'])}" if p.get("district") else "")
    variants = p.get("variants", "")
    also = f"<p class='variants'>Also written: {html.escape(variants.replace(';', ', '))}</p>" if variants else ""
    return (f"<h1>{html.escape(p['name_en'])}</h1>{arabic_name_html(p.get('name_ar', ''))}"
            f"<p class='place-meta'>{gov}</p>{also}{window}")


def place_tables_html(d: PlaceData, which: str, places: pd.DataFrame | None = None) -> str:
    name, pid = d.place["name_en"], d.place["place_id"]
    if which == "evacuations":
        return table_html(labelled(d.evacuations, "evacuations", places, pid), EVACUATION_COLUMNS,
                          f"Evacuations from {name}: batches, running totals, totals and plans")
    if which == "aid":
        return table_html(labelled(d.aid, "aid", places, pid), AID_COLUMNS, f"Aid deliveries to {name}")
    if which == "disagreements":
        when = {**dict(zip(d.evacuations["evacuation_id"], d.evacuations["date"])),
                **dict(zip(d.evacuations["event_id"], d.evacuations["date"])),
                **dict(zip(d.aid["delivery_id"], d.aid["date"])),
                **{sid: f"{start} to {end}" for sid, start, end in zip(d.sieges["siege_id"], d.sieges["start_date"],
                                                                       d.sieges["end_date"])}}
        dis = d.disagreements.assign(when=d.disagreements["event_id"].map(when).fillna(""))
        return (table_html(labelled(d.sieges, "sieges"), SIEGE_COLUMNS, f"The siege of {name}")
                + table_html(labelled(dis, "disagreements"), DISAGREEMENT_COLUMNS,
                             "Where sources disagree",
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
