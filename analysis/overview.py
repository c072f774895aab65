"""Generated paragraphs for the national overview; every figure goes through the claim ledger."""
from __future__ import annotations

import pandas as pd

from .claims import Ledger, noun


def national_paragraph(bp: pd.DataFrame, ledger: Ledger) -> list[str]:
    d = bp.dropna(subset=["population"])
    d = d[(d["date"] != "") & (d["measure"] == "at_the_time")]
    if d.empty:
        return ["No national total of the besieged population is in the dataset yet."]
    out = []
    order = {"United Nations": 0, "Siege Watch": 1}
    for publisher, g in sorted(d.groupby("publisher_group"), key=lambda kv: (order.get(kv[0], 2), kv[0])):
        top = g.sort_values(["population", "date"]).iloc[-1]
        n = ledger.count(len(g), what=f"{publisher}: number of national totals", table="besieged_population",
                         rows=g["date"] + "/" + g["source_id"], source_ids=g["source_id"])
        first, last = ledger.first_last(g["date"], what=f"{publisher}: totals dated", table="besieged_population",
                                        rows=g["date"] + "/" + g["source_id"], source_ids=g["source_id"])
        peak = ledger.count(top["population"], what=f"{publisher}: highest total", table="besieged_population",
                            rows=[top["date"] + "/" + top["source_id"]], source_ids=top["source_id"])
        when = ledger.date(top["date"], what=f"{publisher}: date of highest total", table="besieged_population",
                           rows=[top["date"] + "/" + top["source_id"]], source_ids=top["source_id"])
        out.append(f"{publisher}: {n} {noun(len(g), 'total')} dated {first} to {last}; the highest was {peak} people "
                   f"(as of {when}, {top['publisher']}) {ledger.cite(top['source_id'])}.")
    return out


def sieges_paragraph(sieges: pd.DataFrame, ledger: Ledger) -> list[str]:
    if sieges.empty:
        return ["No siege is recorded yet."]
    n = ledger.count(len(sieges), what="number of sieges recorded", table="sieges", rows=sieges["siege_id"],
                     source_ids=sieges["source_ids"])
    places = ledger.count(sieges["location_id"].nunique(), what="number of besieged places", table="sieges",
                          rows=sieges["siege_id"], source_ids=sieges["source_ids"])
    out = [f"The dataset records {n} sieges of {places} places {ledger.cite(sieges['source_ids'])}."]
    ended = sieges[sieges["end_reason"] != ""]
    for reason, label in [("evacuation_deal", "ended in an evacuation deal"),
                          ("military_takeover", "ended in a military takeover"),
                          ("reconciliation", "ended in a reconciliation deal"), ("lifted", "were lifted")]:
        g = ended[ended["end_reason"] == reason]
        if len(g):
            k = ledger.count(len(g), what=f"sieges that {label}", table="sieges", rows=g["siege_id"],
                             source_ids=g["source_ids"])
            out.append(f"{k} {label} {ledger.cite(g['source_ids'])}.")
    disputed = sieges[sieges["dates_disputed"].astype(str) == "True"]
    if len(disputed):
        k = ledger.count(len(disputed), what="sieges whose dates sources dispute", table="sieges",
                         rows=disputed["siege_id"], source_ids=disputed["source_ids"])
        out.append(f"Sources disagree on the start or end date of {k} of them; the disagreements table lists "
                   f"every version.")
    return out


def evacuations_paragraph(evacuations: pd.DataFrame, ledger: Ledger) -> list[str]:
    e = evacuations[(evacuations["figure_kind"] == "per_batch") & (evacuations["status"] == "happened")]
    counted = e[e["date"] != ""].dropna(subset=["people_best"])
    if counted.empty:
        return ["No dated, counted evacuation batch is recorded yet."]
    n = ledger.count(len(e), what="evacuation batches that happened", table="evacuations", rows=e["evacuation_id"],
                     source_ids=e["source_ids"])
    origins = ledger.count(e["origin_id"].nunique(), what="places evacuated", table="evacuations",
                           rows=e["evacuation_id"], source_ids=e["source_ids"])
    top = counted.sort_values(["people_best", "date"]).iloc[-1]
    big = ledger.span(top["people_low"], top["people_high"], what="largest single batch (people)",
                      table="evacuations", rows=[top["evacuation_id"]], source_ids=top["source_ids"])
    when = ledger.date(top["date"], what="date of largest single batch", table="evacuations",
                       rows=[top["evacuation_id"]], source_ids=top["source_ids"])
    return [f"We record {n} evacuation {noun(len(e), 'batch', 'batches')} from {origins} "
            f"{noun(e['origin_id'].nunique(), 'place')} {ledger.cite(e['source_ids'])}. "
            f"The largest single batch counted left {top['origin_name']} on {when}: {big} people "
            f"{ledger.cite(top['source_ids'])}."]


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


def largest_evacuations(evacuations: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The biggest evacuation figures (per batch or whole-operation totals), largest first.

    Running totals are left out: several sources' "so far" figures, taken on different days and sometimes of
    different things, are not one event's size.
    """
    e = evacuations[(evacuations["status"] == "happened")
                    & evacuations["figure_kind"].isin(["per_batch", "final_total"])].dropna(subset=["people_best"])
    return e.sort_values(["people_best", "date"], ascending=[False, True]).head(n)


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
