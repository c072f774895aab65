"""The story the national overview tells: its counts computed once, for its prose, chart titles, alt texts and tables.

Rules (issue "every published number right and fairly said"):
- only places that were besieged count as besieged places; departures from places never besieged
  (Arsal in Lebanon, Quneitra, Daraa governorate, northern rural Homs as a whole …) are left out of
  "evacuations from besieged places";
- a figure that covers several places is never attributed to one of them, and a town's figure that is part
  of a wider operation's total says so;
- a national total reposted by several outlets (the same publisher, date and figure) is one total;
- our midpoint is never quoted: a source's range stays its range;
- what a party to the war claims is attributed to it.
"""
from __future__ import annotations

import pandas as pd

from ..claims import Ledger
from ..stance import STANCE_LABELS, attribution
from ..words import plural, say_date, say_figure

SIEGE_ENDINGS = [("evacuation_deal", "ended in an evacuation deal", "ended in an evacuation deal"),
                 ("military_takeover", "ended in a military takeover", "ended in a military takeover"),
                 ("reconciliation", "ended in a reconciliation deal", "ended in a reconciliation deal"),
                 ("lifted", "was lifted", "were lifted")]


def besieged_batches(evacuations: pd.DataFrame, sieges: pd.DataFrame) -> pd.DataFrame:
    """Evacuation batches that left a besieged place, each concerning that place alone."""
    besieged = set(sieges["location_id"])
    e = evacuations[(evacuations["figure_kind"] == "per_batch") & (evacuations["status"] == "happened")
                    & evacuations["origin_id"].isin(besieged)]
    if "covers" in e.columns:
        e = e[e["covers"].fillna("") == ""]
    return e


def distinct_totals(bp: pd.DataFrame) -> pd.DataFrame:
    """National totals with reposts folded: one row per publisher, as-of date and figure (every source kept)."""
    d = bp.dropna(subset=["population"])
    d = d[(d["date"] != "") & (d["measure"] == "at_the_time")]
    if d.empty:
        return d.assign(n_reports=pd.Series(dtype=int))
    keys = ["publisher_group", "publisher", "date", "population_low", "population_high"]
    out = (d.groupby(keys, as_index=False, dropna=False)
           .agg(population=("population", "first"), population_qualifier=("population_qualifier", "first"),
                source_id=("source_id", lambda s: ";".join(sorted(set(s)))), n_reports=("source_id", "nunique")))
    return out


def _publisher(sources: pd.DataFrame, source_ids: str) -> tuple[str, str]:
    """(publisher of the first source, the party it speaks for or "")."""
    ids = [s for s in str(source_ids).split(";") if s]
    reg = sources.set_index("source_id")
    for sid in ids:
        if sid in reg.index:
            row = reg.loc[sid]
            party = STANCE_LABELS.get(row.get("stance", ""), "") if row.get("party_to_war", False) in (True, "True") else ""
            return row["publisher"], party
    return "", ""


def national_paragraph(bp: pd.DataFrame, ledger: Ledger, sources: pd.DataFrame | None = None) -> list[str]:
    d = distinct_totals(bp)
    if d.empty:
        return ["No national total of the besieged population is in the dataset yet."]
    out = []
    order = {"United Nations": 0, "Siege Watch": 1}
    for group, g in sorted(d.groupby("publisher_group"), key=lambda kv: (order.get(kv[0], 2), kv[0])):
        # the highest total, as first reported to the day (a figure repeated later keeps its first date)
        ties = g[g["population_high"] == g["population_high"].max()]
        top = ties.assign(_vague=ties["date"].str.len() < 10).sort_values(["_vague", "date"]).iloc[0]
        rows = g["date"] + "/" + g["source_id"]
        n = ledger.count(len(g), what=f"{group}: distinct national totals (reposts counted once)",
                         table="besieged_population", rows=rows, source_ids=g["source_id"])
        first = ledger.date(g["date"].min(), what=f"{group}: first total", table="besieged_population", rows=rows,
                            source_ids=g["source_id"])
        last = ledger.date(g["date"].max(), what=f"{group}: last total", table="besieged_population", rows=rows,
                           source_ids=g["source_id"])
        peak = ledger.add(say_figure(top["population"], top["population_low"], top["population_high"],
                                     top["population_qualifier"]),
                          value=f"{top['population_low']}-{top['population_high']}",
                          what=f"{group}: highest total, as its source stated it", table="besieged_population",
                          rows=[top["date"] + "/" + top["source_id"]], source_ids=top["source_id"])
        when = ledger.date(top["date"], what=f"{group}: date of the highest total", table="besieged_population",
                           rows=[top["date"] + "/" + top["source_id"]], source_ids=top["source_id"])
        reports = int(g["n_reports"].sum())
        reposts = (f" (in {ledger.count(reports, what=f'{group}: reports carrying them', table='besieged_population', rows=rows, source_ids=g['source_id'])} "
                   f"reports; a figure reposted by several outlets counts once)") if reports > len(g) else ""
        out.append(f"{group}: {n} {'total' if len(g) == 1 else 'totals'}{reposts}, dated {first} to {last}; the "
                   f"highest was {peak} people (as of {when}, {top['publisher']}) {ledger.cite(top['source_id'])}.")
    return out


def sieges_counts(sieges: pd.DataFrame) -> dict:
    drawn = sieges[sieges["start_date"] != ""]
    return {"sieges": len(sieges), "places": sieges["location_id"].nunique(), "drawn": len(drawn),
            "undrawn": sieges[sieges["start_date"] == ""]}


def sieges_paragraph(sieges: pd.DataFrame, ledger: Ledger) -> list[str]:
    if sieges.empty:
        return ["No siege is recorded yet."]
    c = sieges_counts(sieges)
    n = ledger.count(c["sieges"], what="number of sieges recorded", table="sieges", rows=sieges["siege_id"],
                     source_ids=sieges["source_ids"])
    places = ledger.count(c["places"], what="number of besieged places", table="sieges", rows=sieges["siege_id"],
                          source_ids=sieges["source_ids"])
    out = [f"The dataset records {n} {'siege' if c['sieges'] == 1 else 'sieges'} of {places} "
           f"{'place' if c['places'] == 1 else 'places'} {ledger.cite(sieges['source_ids'])}."]
    for reason, one, many in SIEGE_ENDINGS:
        g = sieges[sieges["end_reason"] == reason]
        if len(g):
            k = ledger.count(len(g), what=f"sieges that {many}", table="sieges", rows=g["siege_id"],
                             source_ids=g["source_ids"])
            out.append(f"{k} {one if len(g) == 1 else many} {ledger.cite(g['source_ids'])}.")
    if len(c["undrawn"]):
        u = c["undrawn"]
        k = ledger.count(len(u), what="sieges with no recorded start", table="sieges", rows=u["siege_id"],
                         source_ids=u["source_ids"])
        names = ", ".join(u["location_name"])
        out.append(f"{k} {'siege has' if len(u) == 1 else 'sieges have'} no start date in our sources ({names}), so "
                   f"the chart cannot draw {'it' if len(u) == 1 else 'them'}.")
    disputed = sieges[sieges["dates_disputed"].astype(str) == "True"]
    if len(disputed):
        k = ledger.count(len(disputed), what="sieges whose dates sources dispute", table="sieges",
                         rows=disputed["siege_id"], source_ids=disputed["source_ids"])
        out.append(f"Sources disagree on the start or end date of {k} of them; the disagreements table lists "
                   f"every version.")
    return out


def sieges_chart_text(sieges: pd.DataFrame) -> dict:
    c = sieges_counts(sieges)
    first = sieges[sieges["start_date"] != ""].sort_values("start_date")
    title = f"{plural(c['sieges'], 'siege')} of {plural(c['places'], 'place')}, from start to end"
    alt = (f"Timeline of {plural(c['drawn'], 'siege')} in Syria with a known start, one bar each"
           + (f"; the earliest recorded start is {first['location_name'].iloc[0]} ({say_date(first['start_date'].iloc[0])})"
              if len(first) else "")
           + (f"; {plural(len(c['undrawn']), 'siege')} with no known start not drawn." if len(c["undrawn"]) else "."))
    return {"title": title, "subtitle": "One bar per siege with a known start, coloured by besieging party",
            "alt": alt}


def evacuations_paragraph(evacuations: pd.DataFrame, ledger: Ledger, sieges: pd.DataFrame | None = None,
                          sources: pd.DataFrame | None = None) -> list[str]:
    e = besieged_batches(evacuations, sieges) if sieges is not None else evacuations[
        (evacuations["figure_kind"] == "per_batch") & (evacuations["status"] == "happened")]
    counted = e[e["date"] != ""].dropna(subset=["people_best"])
    if counted.empty:
        return ["No dated, counted evacuation batch from a besieged place is recorded yet."]
    n = ledger.count(len(e), what="evacuation batches that left besieged places", table="evacuations",
                     rows=e["evacuation_id"], source_ids=e["source_ids"])
    origins = ledger.count(e["origin_id"].nunique(), what="besieged places evacuated", table="evacuations",
                           rows=e["evacuation_id"], source_ids=e["source_ids"])
    top = counted.sort_values(["people_high", "date"]).iloc[-1]
    srcs = top.get("people_high_source_ids") or top["source_ids"]
    big = ledger.add(top.get("people_high_text") or f"{int(top['people_high']):,}", value=int(top["people_high"]),
                     what="largest single batch (people), as its source hedged it", table="evacuations",
                     rows=[top["evacuation_id"]], source_ids=srcs)
    when = ledger.date(top["date"], what="date of the largest single batch", table="evacuations",
                       rows=[top["evacuation_id"]], source_ids=top["source_ids"])
    publisher, _ = _publisher(sources, srcs) if sources is not None else ("", "")
    who = attribution(publisher, top.get("people_high_claimed_by", ""))
    corridor = " through a corridor" if top.get("departure", "") == "corridor" else ""
    return [f"We record {n} evacuation {'batch' if len(e) == 1 else 'batches'} from {origins} besieged "
            f"{'place' if e['origin_id'].nunique() == 1 else 'places'} {ledger.cite(e['source_ids'])}. "
            f"The largest single batch left {top['origin_name']}{corridor} on {when}: {big} people"
            f"{', ' + who if who else ''} {ledger.cite(srcs)}."]


def evacuations_chart_text(evacuations: pd.DataFrame, sieges: pd.DataFrame) -> dict:
    e = besieged_batches(evacuations, sieges).dropna(subset=["people_best"])
    places = e["origin_id"].nunique()
    return {"title": f"People evacuated from {plural(places, 'besieged place')}, by month",
            "subtitle": "Sum of the reported batches each month; black lines span the sources' low and high",
            "alt": (f"Stacked bar chart of people evacuated per month in {plural(len(e), 'counted batch', 'counted batches')} "
                    f"from {plural(places, 'besieged place')}."),
            "note": ("A month's bar adds up batches, so it can be lower than a total reported for a whole operation "
                     "(Aleppo, December 2016: the batches we have add up to less than the 35,000 reported for the "
                     "operation); the table below gives those totals.")}


def largest_evacuations(evacuations: pd.DataFrame, n: int = 15, places: pd.DataFrame | None = None,
                        sieges: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The biggest evacuation figures (batches or whole-operation totals), largest first.

    Running totals are left out. A figure that covers several places names them all; a town's figure that
    is part of a wider operation (its place belongs to a region with its own total) says so.
    """
    e = evacuations[(evacuations["status"] == "happened")
                    & evacuations["figure_kind"].isin(["per_batch", "final_total"])].dropna(subset=["people_best"])
    if sieges is not None:
        e = e[e["origin_id"].isin(set(sieges["location_id"]))]
    e = e.sort_values(["people_best", "date"], ascending=[False, True]).head(n).copy()
    if places is not None:
        names = dict(zip(places["place_id"], places["name_en"]))
        parents = dict(zip(places["place_id"], places["parent_id"]))
        e["origin_name"] = [", ".join(names.get(p, p) for p in c.split(";")) if c else o
                            for c, o in zip(e.get("covers", pd.Series("", index=e.index)).fillna(""), e["origin_name"])]
        e["part_of"] = [names.get(parents.get(o, ""), "") for o in e["origin_id"]]
    if "people_high_text" in e.columns:
        e["as_stated"] = e["people_high_text"]
    if sources is not None:
        pubs = dict(zip(sources["source_id"], sources["publisher"]))
        e["according_to"] = [
            (pubs.get(str(ids or all_ids).split(";")[0], "") + (f" ({claim}, a party to the war)" if claim else ""))
            for ids, all_ids, claim in zip(e.get("people_high_source_ids", e["source_ids"]), e["source_ids"],
                                           e.get("people_high_claimed_by", pd.Series("", index=e.index)).fillna(""))]
    if "departure" in e.columns:
        e["how"] = e["departure"].map({"corridor": "on foot through a corridor", "evacuation": "by bus under a deal"})
    return e


def map_paragraph(places: pd.DataFrame, sieges: pd.DataFrame, ledger: Ledger) -> list[str]:
    besieged = places[places["place_id"].isin(set(sieges["location_id"]))]
    located = besieged[besieged["latitude"].notna()]
    if besieged.empty:
        return ["No besieged place is recorded yet."]
    n = ledger.count(len(located), what="besieged places with sourced coordinates", table="places",
                     rows=located["place_id"], source_ids=located["source_ids"])
    total = ledger.count(len(besieged), what="besieged places", table="sieges", rows=besieged["place_id"],
                         source_ids=sieges["source_ids"])
    return [f"The map shows the {n} of {total} besieged places for which a source gives coordinates "
            f"{ledger.cite(located['source_ids'])}; the rest are listed on the index page."]


def destinations_paragraph(data: pd.DataFrame, ledger: Ledger) -> list[str]:
    if data.empty:
        return ["No destinations are recorded yet."]
    top = data.iloc[0]
    n = ledger.count(top["batches"], what=f"batches sent to {top['destination']}", table="evacuations",
                     rows=[top["destination"]], source_ids=top["source_ids"])
    return [f"{top['destination']} received the most batches: {n} {ledger.cite(top['source_ids'])}."]


def access_paragraph(access: pd.DataFrame, ledger: Ledger) -> list[str]:
    access = access[access["period_kind"] == "month"]
    both = access.dropna(subset=["people_requested", "people_reached"])
    if both.empty:
        if access.empty:
            return ["No monthly UN access figures are in the dataset yet."]
        n = ledger.count(access["month"].nunique(), what="months with UN access figures",
                         table="un_access_monthly", rows=access["month"], source_ids=access["source_id"])
        return [f"We have UN access figures for {n} months, but none with both requested and reached "
                f"{ledger.cite(access['source_id'])}."]
    n = ledger.count(both["month"].nunique(), what="months with requested and reached figures",
                     table="un_access_monthly", rows=both["month"], source_ids=both["source_id"])
    worst = both.assign(share=both["people_reached"] / both["people_requested"]).sort_values("share").iloc[0]
    req = ledger.count(worst["people_requested"], what=f"{worst['month']} people requested",
                       table="un_access_monthly", rows=[worst["month"]], source_ids=worst["source_id"])
    rea = ledger.count(worst["people_reached"], what=f"{worst['month']} people reached",
                       table="un_access_monthly", rows=[worst["month"]], source_ids=worst["source_id"])
    month = ledger.date(worst["month"], what="month with the lowest share reached", table="un_access_monthly",
                        rows=[worst["month"]], source_ids=worst["source_id"])
    return [f"For {n} months we have both the people the UN asked to reach and the people it reached. "
            f"The lowest share was in {month}: {rea} reached of {req} requested {ledger.cite(worst['source_id'])}."]
