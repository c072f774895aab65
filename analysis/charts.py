"""Chart builders: each takes processed DataFrames and returns a publishable Altair chart.

Every builder returns a :class:`ChartSpec`, which carries the chart, its id, the
data behind it (exported as CSV) and its alt text. Uncertainty is always drawn:
where low and high differ the chart shows a rule or band, never a lone point.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from . import theme
from .claims import noun
from .parse import parse_partial_date
from .words import label, say_date

alt.data_transformers.disable_max_rows()


@dataclass
class ChartSpec:
    chart_id: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    alt_text: str
    title: str
    source_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return self.chart.to_dict()


# ---------------------------------------------------------------- helpers


def split_ids(cells) -> list[str]:
    """All ids in ``;``-separated cells, sorted and unique."""
    ids: set[str] = set()
    for cell in cells:
        if isinstance(cell, str):
            ids.update(p.strip() for p in cell.split(";") if p.strip())
    return sorted(ids)


def source_line(source_ids: list[str], sources: pd.DataFrame, limit: int = 5) -> str:
    """'UN OCHA; Siege Watch' from the registry's publishers, most-cited first."""
    if not source_ids:
        return ""
    pubs = sources.set_index("source_id").reindex(source_ids)["publisher"].dropna()
    ranked = pubs.value_counts()
    names = sorted(ranked.index, key=lambda p: (-ranked[p], p))
    if len(names) > limit:
        rest = len(names) - limit
        return "; ".join(names[:limit]) + f" and {rest} other {'publisher' if rest == 1 else 'publishers'}, compiled by siege-data"
    return "; ".join(names)


def first_day(iso: str) -> str:
    return parse_partial_date(iso).first_day if iso else ""


def fmt_int(value) -> str:
    return f"{int(value):,}"


def _span(low, high) -> str:
    if pd.isna(low) and pd.isna(high):
        return "not stated"
    if low == high or pd.isna(high):
        return fmt_int(low)
    return f"{fmt_int(low)}–{fmt_int(high)}"


def _finish(chart_id, chart, data, alt_text, title, subtitle, src_ids, sources, notes=None, data_as_of=None,
            width=theme.WIDTH, text: dict | None = None) -> ChartSpec:
    """Frame a chart for publishing. ``text`` (title, subtitle, alt) comes from the page's story when the
    chart belongs to one, so its words and counts are the prose's (analysis/story)."""
    if text:
        title, subtitle, alt_text = text["title"], text.get("subtitle") or subtitle, text["alt"]
    line = source_line(src_ids, sources)
    framed = theme.publishable(chart, title=title, subtitle=subtitle, source_line=line, alt_text=alt_text,
                               notes=notes, data_as_of=data_as_of, width=width)
    return ChartSpec(chart_id, framed, data, alt_text, title, src_ids)


def _empty_chart(message: str) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"message": [message]}))
        .mark_text(fontSize=14, color=theme.MUTED, align="left")
        .encode(text="message:N", x=alt.value(0), y=alt.value(20))
        .properties(height=40)
    )


# ---------------------------------------------------------------- one place


def place_timeline(place_id: str, name: str, sieges: pd.DataFrame, evacuations: pd.DataFrame,
                   aid: pd.DataFrame, sources: pd.DataFrame, data_as_of: str | None = None, text: dict | None = None) -> ChartSpec:
    """The siege as a bar from start to end, with evacuation batches and aid deliveries marked on it."""
    s = sieges[sieges["location_id"] == place_id]
    e = evacuations[(evacuations["origin_id"] == place_id) & (evacuations["status"] == "happened")]
    a = aid[(aid["location_id"] == place_id)]
    rows = []
    for _, r in s.iterrows():
        rows.append({"track": "Siege", "kind": "siege", "start": first_day(r["start_date"]),
                     "end": parse_partial_date(r["end_date"]).last_day if r["end_date"] else "",
                     "label": f"Siege {r['start_date'] or '?'} to {r['end_date'] or 'no end recorded'}",
                     "source_ids": r["source_ids"]})
    for _, r in e.iterrows():
        rows.append({"track": "Evacuations", "kind": "evacuation batch", "start": first_day(r["date"]), "end": "",
                     "label": (f"{say_date(r['date'])}: {_span(r['people_low'], r['people_high'])} people"
                               if pd.notna(r["people_best"]) else f"{say_date(r['date'])}: number of people not stated"),
                     "precise": parse_partial_date(r["date"]).precision == "day" if r["date"] else False,
                     "source_ids": r["source_ids"]})
    for _, r in a.iterrows():
        kind = theme.AID_OUTCOME[r["status"]]
        rows.append({"track": "Aid deliveries", "kind": kind, "start": first_day(r["date"]),
                     "end": "", "label": f"{say_date(r['date']) or 'undated'}: {r['organisations']} ({kind})",
                     "precise": parse_partial_date(r["date"]).precision == "day" if r["date"] else False,
                     "source_ids": r["source_ids"]})
    data = pd.DataFrame(rows, columns=["track", "kind", "start", "end", "label", "precise", "source_ids"])
    data = data[data["start"] != ""]
    src = split_ids(data["source_ids"])
    title = f"{name}: the siege and what reached it"
    if data.empty:
        alt_text = f"No siege, evacuation or aid record for {name} in the dataset."
        return _finish(f"{place_id}-timeline", _empty_chart("No records yet"), data, alt_text, title,
                       "No dated records", src, sources, data_as_of=data_as_of, text=text)
    bars = data[data["kind"] == "siege"]
    points = data[data["kind"] != "siege"]
    y = alt.Y("track:N", title=None, sort=["Siege", "Evacuations", "Aid deliveries"])
    layers = []
    if not bars.empty:
        ongoing = bars["end"] == ""
        bar_data = bars.assign(end=bars["end"].where(~ongoing, bars["start"]))
        layers.append(alt.Chart(bar_data).mark_bar(height=18, color=theme.PALETTE[1]).encode(
            y=y, x=alt.X("start:T", title=None), x2="end:T", tooltip=["label:N", "source_ids:N"]))
    if not points.empty:
        kinds = [k for k in theme.OUTCOME_LABELS if k in set(points["kind"])]
        colour = alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds,
                                                                 range=[theme.OUTCOME_COLOURS[k] for k in kinds]))
        shape = alt.Shape("kind:N", title=None, scale=alt.Scale(domain=kinds,
                                                                range=[theme.OUTCOME_SHAPES[k] for k in kinds]))
        # a date known only to the month or year is a hollow mark
        layers.append(alt.Chart(points).mark_point(size=90).encode(
            y=y, x=alt.X("start:T", title=None), color=colour, shape=shape,
            fillOpacity=alt.condition("datum.precise", alt.value(1), alt.value(0)),
            tooltip=["label:N", "source_ids:N"]))
    chart = alt.layer(*layers).properties(height=140)
    n_e, n_a = len(points[points["kind"] == "evacuation"]), len(points[points["kind"] != "evacuation"])
    siege_txt = bars["label"].iloc[0].lower() if not bars.empty else "no siege dates recorded"
    alt_text = (f"Timeline for {name}: {siege_txt}; {n_e} evacuation {noun(n_e, 'batch', 'batches')} and "
                f"{n_a} aid delivery {noun(n_a, 'record')} marked by date.")
    subtitle = "Bar: siege start to end. Points: evacuation batches and aid deliveries, by date"
    return _finish(f"{place_id}-timeline", chart, data, alt_text, title, subtitle, src, sources,
                   notes=["A date known only to the month or year is a hollow mark at the start of that period."],
                   data_as_of=data_as_of, text=text)


def population_band(place_id: str, name: str, population: pd.DataFrame, sources: pd.DataFrame,
                    data_as_of: str | None = None, text: dict | None = None) -> ChartSpec:
    """Each source's population estimate as a point, with a rule from low to high where they differ."""
    p = population[(population["location_id"] == place_id) & population["population_best"].notna()
                   & (population["date"] != "") & population["population_kind"].isin(["besieged", "remaining"])].copy()
    p["day"] = p["date"].map(first_day)
    data = p[["location_id", "date", "day", "population_low", "population_high", "population_best",
              "population_as_stated", "population_kind", "source_id"]].reset_index(drop=True)
    src = split_ids(data["source_id"])
    title = f"How many people lived in {name}"
    if data.empty:
        return _finish(f"{place_id}-population", _empty_chart("No dated, counted population estimate in our sources"),
                       data, f"No dated population estimates with a number for {name} in the dataset.", title,
                       "No estimates", src, sources,
                       data_as_of=data_as_of, text=text)
    data["estimate_of"] = data["population_kind"].map(lambda v: label("population_kind", v))
    claimed = p["claimed_by"].reset_index(drop=True) if "claimed_by" in p.columns else pd.Series("", index=data.index)
    data["who_says_so"] = ["claim by a party to the war" if c else "UN, aid agencies, monitors, press"
                           for c in claimed.fillna("")]
    data["claimed_by"] = claimed.fillna("")
    data["hedge"] = p["population_qualifier"].reset_index(drop=True).map(
        lambda q: {"lower_bound": "more than", "upper_bound": "up to"}.get(q, "as stated"))
    x = alt.X("day:T", title=None)
    ytitle = "People (estimate)"
    # who says so: a party's claim has its own colour on every chart (theme.CLAIM_COLOUR)
    kinds = sorted(set(data["who_says_so"]), key=lambda k: (k.startswith("claim"), k))
    colour = alt.Color("who_says_so:N", title="Who says so", legend=alt.Legend(labelLimit=0), scale=alt.Scale(
        domain=kinds, range=[theme.CLAIM_COLOUR if k.startswith("claim") else theme.PALETTE[0] for k in kinds]))
    rule = alt.Chart(data).mark_rule(strokeWidth=3, opacity=0.5).encode(
        x=x, y=alt.Y("population_low:Q", title=ytitle), y2="population_high:Q", color=colour)
    # "more than" and "up to" are open triangles pointing the way the true figure may lie
    hedges = ["as stated", "more than", "up to"]
    pts = alt.Chart(data).mark_point(size=70).encode(
        x=x, y=alt.Y("population_best:Q", title=ytitle), color=colour,
        shape=alt.Shape("hedge:N", title="Figure", scale=alt.Scale(
            domain=hedges, range=["circle", "triangle-up", "triangle-down"])),
        fillOpacity=alt.condition("datum.hedge == 'as stated'", alt.value(1), alt.value(0)),
        tooltip=["date:N", "population_as_stated:N", "who_says_so:N", "claimed_by:N", "source_id:N"])
    lo, hi = int(data["population_low"].min()), int(data["population_high"].max())
    alt_text = (f"{len(data)} population {noun(len(data), 'estimate')} for {name} from {len(src)} "
                f"{noun(len(src), 'source')}, "
                f"from {data['date'].min()} to {data['date'].max()}, ranging from {lo:,} to {hi:,} people.")
    return _finish(f"{place_id}-population", alt.layer(rule, pts).properties(height=260), data, alt_text, title,
                   "Each point is one source's estimate; lines span a stated range", src, sources,
                   notes=["Estimates are as sources state them; 'more than' figures are drawn at the stated bound.",
                          "Pre-war figures are in the data download, not drawn."],
                   data_as_of=data_as_of, text=text)


def evacuation_batches(place_id: str, name: str, evacuations: pd.DataFrame, sources: pd.DataFrame,
                       data_as_of: str | None = None, text: dict | None = None) -> ChartSpec:
    """People evacuated per batch (best value) with the low-high spread between sources."""
    e = evacuations[(evacuations["origin_id"] == place_id)
                    & (evacuations["figure_kind"] == "per_batch") & (evacuations["status"] == "happened")].copy()
    e["day"] = e["date"].map(first_day)
    if "people_high_claimed_by" not in e.columns:
        e["people_high_claimed_by"] = ""
    data = e[["evacuation_id", "date", "day", "destination", "people_low", "people_high", "people_best",
              "fighters_low", "fighters_high", "n_sources", "source_ids", "people_high_claimed_by"]].reset_index(drop=True)
    src = split_ids(data["source_ids"])
    title = f"Evacuations from {name}"
    counted = data[data["people_best"].notna()]
    if counted.empty:
        return _finish(f"{place_id}-evacuations", _empty_chart("No counted evacuation batch in our sources"), data,
                       f"No counted evacuation batches from {name} in the dataset.", title, "No counted batches",
                       src, sources, data_as_of=data_as_of, text=text)
    counted = counted.assign(
        last=[parse_partial_date(v).last_day for v in counted["date"]],
        precise=[parse_partial_date(v).precision == "day" for v in counted["date"]],
        who_says_so=["claim by a party to the war" if c else "UN, aid agencies, monitors, press"
                     for c in (counted["people_high_claimed_by"].fillna("") if "people_high_claimed_by" in counted
                               else pd.Series("", index=counted.index))])
    x = alt.X("day:T", title=None)
    y = alt.Y("people_best:Q", title="People per batch", stack=None)
    tooltip = ["date:N", "destination:N", "people_best:Q", "people_low:Q", "people_high:Q", "source_ids:N"]
    # one lollipop per batch: batches on the same day or in the same month sit side by side, never summed
    stems = alt.Chart(counted[counted["precise"]]).mark_rule(color=theme.PALETTE[0], strokeWidth=2).encode(
        x=x, y=alt.Y("people_best:Q", title="People per batch", stack=None), y2=alt.datum(0))
    who = sorted(set(counted["who_says_so"]), key=lambda k: ("claim" in k, k))
    who_colour = alt.Color("who_says_so:N", title="Highest figure from", legend=alt.Legend(labelLimit=0), scale=alt.Scale(
        domain=who, range=[theme.CLAIM_COLOUR if "claim" in k else theme.PALETTE[0] for k in who]))
    heads = alt.Chart(counted[counted["precise"]]).mark_point(filled=True, size=70, opacity=1).encode(
        x=x, y=y, color=who_colour, tooltip=tooltip + ["who_says_so:N", "people_high_claimed_by:N"])
    # a batch known only to the month is a hollow span across that month
    spans = alt.Chart(counted[~counted["precise"]]).mark_rule(color=theme.PALETTE[0], strokeWidth=3,
                                                             strokeDash=[4, 2]).encode(
        x=x, x2="last:T", y=y, tooltip=tooltip)
    hollow = alt.Chart(counted[~counted["precise"]]).mark_point(filled=False, size=70, color=theme.PALETTE[0]
                                                                ).encode(x=x, y=y, tooltip=tooltip)
    err = alt.Chart(counted).mark_rule(color=theme.INK, strokeWidth=1.5).encode(
        x=x, y="people_low:Q", y2="people_high:Q")
    bars = alt.layer(stems, heads, spans, hollow)
    total_low, total_high = int(counted["people_low"].sum()), int(counted["people_high"].sum())
    alt_text = (f"Bar chart of {len(counted)} counted evacuation batches from {name} between "
                f"{counted['date'].min()} and {counted['date'].max()}; batch sizes range from "
                f"{int(counted['people_best'].min()):,} to {int(counted['people_best'].max()):,} people.")
    subtitle = f"People per reported batch; black lines show where sources differ (batches sum to {_span(total_low, total_high)})"
    return _finish(f"{place_id}-evacuations", alt.layer(bars, err).properties(height=260), data, alt_text, title,
                   subtitle, src, sources,
                   notes=["Batches only: running totals, totals for the whole operation and plans are in the table, "
                          "never added. A batch known only to its month is a dashed span across that month."],
                   data_as_of=data_as_of, text=text)


def aid_deliveries_chart(place_id: str, name: str, aid: pd.DataFrame, sources: pd.DataFrame,
                         data_as_of: str | None = None, text: dict | None = None) -> ChartSpec:
    """Convoys and airdrops by date: people they were for, coloured by whether they got in."""
    a = aid[aid["location_id"] == place_id].copy()
    a["day"] = a["date"].map(first_day)
    data = a[["delivery_id", "date", "day", "organisations", "modality", "status", "trucks_best", "people_low",
              "people_high", "people_best", "food_included", "source_ids"]].reset_index(drop=True)
    src = split_ids(data["source_ids"])
    title = f"Aid deliveries to {name}"
    if data.empty:
        return _finish(f"{place_id}-aid", _empty_chart("No aid delivery found in our sources"), data,
                       f"No aid deliveries to {name} in the dataset.", title, "No deliveries recorded", src, sources,
                       data_as_of=data_as_of, text=text)
    data["outcome"] = data["status"].map(theme.AID_OUTCOME)
    x = alt.X("day:T", title=None)
    kinds = [k for k in theme.OUTCOME_LABELS if k in set(data["outcome"])]
    y = alt.Y("outcome:N", title=None, sort=kinds)
    pts = alt.Chart(data[data["day"] != ""]).mark_point(size=120, filled=True).encode(
        x=x, y=y, color=alt.Color("outcome:N", title=None, scale=alt.Scale(
            domain=kinds, range=[theme.OUTCOME_COLOURS[k] for k in kinds])),
        shape=alt.Shape("outcome:N", title=None, scale=alt.Scale(domain=kinds,
                                                                 range=[theme.OUTCOME_SHAPES[k] for k in kinds])),
        tooltip=["date:N", "organisations:N", "modality:N", "trucks_best:Q", "people_best:Q", "source_ids:N"])
    delivered = int((data["status"] == "delivered").sum())
    alt_text = (f"Dot chart of {len(data)} aid delivery records for {name} from {data['date'].min()} to "
                f"{data['date'].max()}: {delivered} delivered, {len(data) - delivered} partial, refused or planned.")
    return _finish(f"{place_id}-aid", pts.properties(height=160), data, alt_text, title,
                   "Each dot is a convoy or airdrop, by outcome", src, sources, data_as_of=data_as_of, text=text)


# ---------------------------------------------------------------- overview


def national_besieged(bp: pd.DataFrame, sources: pd.DataFrame, data_as_of: str | None = None) -> ChartSpec:
    """Every dated national total: a line each for the UN and Siege Watch, points for other publishers."""
    d = bp[bp["population"].notna() & (bp["date"] != "") & (bp["measure"] == "at_the_time")].copy()
    d["day"] = d["date"].map(first_day)
    data = d[["date", "day", "publisher", "publisher_group", "population", "population_low", "population_high",
              "population_as_stated", "communities", "source_id"]].reset_index(drop=True)
    src = split_ids(data["source_id"])
    groups = ["United Nations", "Siege Watch", "Others (NGOs, press)"]
    x = alt.X("day:T", title=None)
    y = alt.Y("population:Q", title="People living under siege")
    colour = alt.Color("publisher_group:N", title=None,
                       scale=alt.Scale(domain=groups, range=[theme.PALETTE[0], theme.PALETTE[3], "#999999"]))
    tooltip = ["date:N", "publisher:N", "population_as_stated:N", "source_id:N"]
    lines = alt.Chart(data[data["publisher_group"] != groups[2]]).mark_line(strokeWidth=1.5, opacity=0.8).encode(
        x=x, y=y, color=colour, detail="publisher_group:N")
    pts = alt.Chart(data).mark_point(filled=True, size=45).encode(x=x, y=y, color=colour, tooltip=tooltip)
    rng = alt.Chart(data[data["population_low"] != data["population_high"]]).mark_rule(
        strokeWidth=3, opacity=0.5).encode(x=x, y="population_low:Q", y2="population_high:Q", color=colour)
    parts = []
    for g in groups:
        sub = data[data["publisher_group"] == g]
        if len(sub):
            parts.append(f"{g}: {len(sub)} totals from {int(sub['population'].min()):,} to "
                         f"{int(sub['population'].max()):,}")
    alt_text = ("Chart of the number of people living under siege in Syria as published over time; "
                + "; ".join(parts) + ".")
    undated = int((bp["date"] == "").sum())
    notes = ["Siege Watch counted more communities as besieged than the UN did."]
    if undated:
        notes.append(f"{undated} undated totals are listed in the data but not drawn.")
    if (bp["measure"] != "at_the_time").any():
        notes.append("Totals of everyone ever besieged (not at one time) are in the data, not drawn.")
    return _finish("national-besieged-population", alt.layer(rng, lines, pts).properties(height=320), data,
                   alt_text, "How many Syrians lived under siege",
                   "Published national totals; each point is one report", src, sources, notes=notes,
                   data_as_of=data_as_of)


def sieges_timeline(sieges: pd.DataFrame, sources: pd.DataFrame, data_as_of: str | None = None,
                    text: dict | None = None) -> ChartSpec:
    """One bar per community from siege start to end, coloured by besieging party, shaped by how it ended."""
    s = sieges[sieges["start_date"] != ""].copy()
    s["start"] = s["start_date"].map(first_day)
    s["end"] = [parse_partial_date(v).last_day if v else "2018-12-31" for v in s["end_date"]]
    s["ended"] = [label("end_reason", r) if r else ("no end recorded" if not e else "not stated")
                  for r, e in zip(s["end_reason"], s["end_date"])]
    s["party"] = s["besieger_party"].map(theme.PARTY_LABELS).fillna("Not stated")
    data = s[["siege_id", "location_id", "location_name", "besieger_party", "party", "start_date", "end_date",
              "start", "end", "end_reason", "ended", "source_ids"]].reset_index(drop=True)
    src = split_ids(data["source_ids"])
    order = data.sort_values("start")["location_name"].tolist()
    y = alt.Y("location_name:N", title=None, sort=order)
    parties = [p for p in theme.PARTY_LABELS if p in set(data["besieger_party"])]
    colour = alt.Color("party:N", title="Besieged by",
                       scale=alt.Scale(domain=[theme.PARTY_LABELS[p] for p in parties],
                                       range=[theme.PARTY_COLOURS[p] for p in parties]))
    bars = alt.Chart(data).mark_bar(height=10).encode(
        x=alt.X("start:T", title=None), x2="end:T", y=y, color=colour,
        tooltip=["location_name:N", "besieged_by:N" if "besieged_by" in data else "party:N", "start_date:N",
                 "end_date:N", "ended:N", "source_ids:N"])
    ends = alt.Chart(data[data["end_date"] != ""]).mark_point(size=50, filled=True, color=theme.INK).encode(
        x="end:T", y=y, shape=alt.Shape("ended:N", title="How it ended"))
    n = len(data)
    first = data.sort_values("start").iloc[0] if n else None
    alt_text = (f"Timeline of {n} sieges in Syria, one bar per community; the earliest recorded start is "
                f"{first['location_name']} ({first['start_date']})." if n else "No sieges recorded.")
    height = max(200, 14 * n)
    undrawn = len(sieges) - n
    notes = ["Sieges with no recorded end are drawn to the end of 2018.",
             "Dates known only to the month or year are drawn across that period."]
    if undrawn:
        notes.append(f"{undrawn} {'siege has' if undrawn == 1 else 'sieges have'} no recorded start and "
                     f"{'is' if undrawn == 1 else 'are'} not drawn.")
    return _finish("sieges-timeline", alt.layer(bars, ends).properties(height=height), data, alt_text,
                   f"{n} sieges, from start to end", "One bar per besieged community, coloured by besieging party",
                   src, sources, notes=notes, data_as_of=data_as_of, text=text)


def evacuations_by_month(evacuations: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame,
                         top: int = 7, data_as_of: str | None = None, sieges: pd.DataFrame | None = None,
                         text: dict | None = None) -> ChartSpec:
    """People evacuated per month from besieged places (batches that happened), by origin, with a low-high rule.

    The batches of one month and origin are parts of one whole (that month's departures), so they stack;
    ``top`` origins keep their own colour and the rest share "Other places", so the palette never wraps.
    """
    from .story.overview import besieged_batches

    e = (besieged_batches(evacuations, sieges) if sieges is not None else evacuations[
        (evacuations["figure_kind"] == "per_batch") & (evacuations["status"] == "happened")])
    e = e[e["people_best"].notna()].copy()
    e["month"] = e["date"].str.slice(0, 7)
    totals = e.groupby("origin_name")["people_best"].sum().sort_values(ascending=False)
    keep = set(totals.index[:top])
    e["origin"] = e["origin_name"].where(e["origin_name"].isin(keep), "Other places")
    data = (e.groupby(["month", "origin"], as_index=False)
            .agg(people_best=("people_best", "sum"), people_low=("people_low", "sum"),
                 people_high=("people_high", "sum"), batches=("evacuation_id", "count"),
                 source_ids=("source_ids", lambda s: ";".join(split_ids(s)))))
    monthly = data.groupby("month", as_index=False).agg(people_low=("people_low", "sum"),
                                                       people_high=("people_high", "sum"))
    src = split_ids(data["source_ids"])
    x = alt.X("month:T", title=None, timeUnit="yearmonth")
    bars = alt.Chart(data).mark_bar().encode(
        x=x, y=alt.Y("people_best:Q", title="People evacuated", stack=True),
        color=alt.Color("origin:N", title="From"),
        tooltip=["month:N", "origin:N", "people_best:Q", "people_low:Q", "people_high:Q", "batches:Q"])
    err = alt.Chart(monthly).mark_rule(color=theme.INK).encode(x=x, y="people_low:Q", y2="people_high:Q")
    if len(data):
        peak = data.groupby("month")["people_best"].sum().sort_values(ascending=False)
        alt_text = (f"Stacked bar chart of people evacuated per month from {e['origin_id'].nunique()} besieged places, "
                    f"{data['month'].min()} to {data['month'].max()}; the largest month is {peak.index[0]} with "
                    f"{int(peak.iloc[0]):,} people (best estimates).")
    else:
        alt_text = "No counted evacuation batches."
    notes = ["Only batches that left besieged places; running totals, plans and totals for a whole operation are "
             "not added."]
    if text and text.get("note"):
        notes.append(text["note"])
    return _finish("evacuations-by-month", alt.layer(bars, err).properties(height=300), data, alt_text,
                   "Evacuations from besieged places, by month", "People moved out in reported batches; "
                   "black lines span the sources' low and high", src, sources,
                   notes=notes, data_as_of=data_as_of, text=text)


def destinations_ranked(evacuations: pd.DataFrame, sources: pd.DataFrame, top: int = 15,
                        data_as_of: str | None = None) -> ChartSpec:
    """Where evacuees were sent: the number of batches naming each destination."""
    e = evacuations[(evacuations["status"] == "happened") & (evacuations["figure_kind"] == "per_batch")]
    rows = []
    for _, r in e.iterrows():
        for dest in [d.strip() for d in str(r["destination_std"]).split(";") if d.strip()]:
            rows.append({"destination": dest, "evacuation_id": r["evacuation_id"], "source_ids": r["source_ids"]})
    long = pd.DataFrame(rows, columns=["destination", "evacuation_id", "source_ids"])
    data = (long.groupby("destination", as_index=False)
            .agg(batches=("evacuation_id", "nunique"), source_ids=("source_ids", lambda s: ";".join(split_ids(s))))
            .sort_values(["batches", "destination"], ascending=[False, True]).head(top).reset_index(drop=True))
    src = split_ids(data["source_ids"])
    chart = alt.Chart(data).mark_bar(color=theme.PALETTE[0]).encode(
        x=alt.X("batches:Q", title="Evacuation batches sent there"),
        y=alt.Y("destination:N", title=None, sort="-x"), tooltip=["destination:N", "batches:Q"])
    alt_text = (f"Bar chart ranking {len(data)} destinations by the number of evacuation batches sent there; "
                f"{data['destination'].iloc[0]} leads with {int(data['batches'].iloc[0])} batches."
                if len(data) else "No destinations recorded.")
    return _finish("evacuation-destinations", chart.properties(height=max(120, 22 * len(data))), data, alt_text,
                   "Where evacuees were sent", "Destinations named for each evacuation batch", src, sources,
                   notes=["A batch that went to two places counts once for each; spellings of one place are merged."],
                   data_as_of=data_as_of)


def un_access_chart(access: pd.DataFrame, sources: pd.DataFrame, data_as_of: str | None = None) -> ChartSpec:
    """People reached by UN inter-agency convoys against people requested: one dot each per whole month.

    A rule joins the two where a source gives both, so the gap is the distance between the dots; months with
    no whole-month figure are simply absent (no line is drawn across them).
    """
    whole = access[access["period_kind"] == "month"]
    long = whole.melt(id_vars=["month", "scope", "source_id"], value_vars=["people_requested", "people_reached"],
                      var_name="measure", value_name="people").dropna(subset=["people"])
    long["measure"] = long["measure"].map({"people_requested": "Requested", "people_reached": "Reached"})
    data = long.reset_index(drop=True)
    both = whole.dropna(subset=["people_requested", "people_reached"])
    src = split_ids(data["source_id"])
    x = alt.X("month:T", title=None)
    gap = alt.Chart(both).mark_rule(color="#999999", strokeWidth=2).encode(
        x=x, y=alt.Y("people_reached:Q", title="People"), y2="people_requested:Q")
    dots = alt.Chart(data).mark_point(filled=True, size=80).encode(
        x=x, y=alt.Y("people:Q", title="People"),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(domain=["Requested", "Reached"],
                                                                 range=[theme.PALETTE[1], theme.PALETTE[0]])),
        tooltip=["month:N", "measure:N", "people:Q", "scope:N", "source_id:N"])
    months = data["month"].nunique()
    alt_text = (f"Dot chart of people requested and reached by UN inter-agency convoys in {months} "
                f"{noun(months, 'month')} with a whole-month figure, between {data['month'].min()} and "
                f"{data['month'].max()}; {both['month'].nunique()} of them have both." if months
                else "No whole-month access figures.")
    return _finish("un-access-monthly", alt.layer(gap, dots).properties(height=280), data, alt_text,
                   "What UN convoys were allowed to reach",
                   "People reached (blue) against people the monthly plan requested (orange)",
                   src, sources, notes=["Whole-month figures only; running totals and part-month counts are in the data.",
                                        "Months with no whole-month figure are left out, not filled in."],
                   data_as_of=data_as_of)


def locator_map(places: pd.DataFrame, sieges: pd.DataFrame, boundary: dict, sources: pd.DataFrame,
                data_as_of: str | None = None) -> ChartSpec:
    """Besieged communities on a boundary map of Syria (Natural Earth)."""
    besieged = set(sieges["location_id"])
    p = places[places["place_id"].isin(besieged) & places["latitude"].notna()].copy()
    party = sieges.drop_duplicates("location_id").set_index("location_id")["besieger_party"]
    p["party"] = p["place_id"].map(party).map(theme.PARTY_LABELS).fillna("Not stated")
    data = p[["place_id", "name_en", "name_ar", "governorate", "latitude", "longitude", "party",
              "source_ids"]].reset_index(drop=True)
    data["latitude"] = data["latitude"].astype(float)
    data["longitude"] = data["longitude"].astype(float)
    src = split_ids(data["source_ids"])
    shapes = alt.Data(values=boundary["features"])
    syria = [f for f in boundary["features"] if f["properties"]["name"] == "Syria"]
    proj = {"type": "mercator", "fit": syria[0] if syria else boundary}
    base = alt.Chart(shapes).mark_geoshape(fill="#f2f2f2", stroke="#888888", strokeWidth=0.8, clip=True).project(
        **proj)
    country = alt.Chart(alt.Data(values=syria)).mark_geoshape(fill="#e4e4e4", stroke="#555555",
                                                              strokeWidth=1.2).project(**proj)
    parties = [theme.PARTY_LABELS[k] for k in theme.PARTY_LABELS if theme.PARTY_LABELS[k] in set(data["party"])]
    pts = alt.Chart(data).mark_circle(size=60, opacity=0.85, stroke="white", strokeWidth=0.5).encode(
        longitude="longitude:Q", latitude="latitude:Q",
        color=alt.Color("party:N", title="Besieged by",
                        scale=alt.Scale(domain=parties, range=[theme.PARTY_COLOURS[k] for k in theme.PARTY_COLOURS
                                                               if theme.PARTY_LABELS[k] in parties])),
        tooltip=["name_en:N", "name_ar:N", "governorate:N", "party:N"]).project(**proj)
    missing = len(besieged) - len(data)
    alt_text = (f"Map of Syria marking {len(data)} besieged communities by besieging party"
                + (f"; {missing} more have no sourced coordinates." if missing else "."))
    notes = ["Boundaries: Natural Earth (public domain), via the world-atlas package."]
    if missing:
        notes.append(f"{missing} besieged places without sourced coordinates are not shown.")
    return _finish("locator-map", alt.layer(base, country, pts).properties(height=420), data, alt_text,
                   "Where the sieges were", "Besieged communities with sourced coordinates", src, sources,
                   notes=notes, data_as_of=data_as_of, width=460)
