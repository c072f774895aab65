"""The story a place page tells: one computed set of facts, used by its prose, charts, alt text and tables.

:func:`place_story` picks every row the page shows and counts everything it states once. The prose
(:meth:`PlaceStory.sentences`), the chart titles and alt texts (:meth:`PlaceStory.chart_text`) and the
tables all read these facts, so a count can never differ between them; a test builds pages and checks.

Rules the facts follow (issue "every published number right and fairly said"):
- a figure that covers this place together with others (``covers``) is never this place's own: it is
  shown as part of the wider operation and left out of every count, "largest", "first" and "last";
- batches, running totals, whole-operation totals and plans are kept apart, and only batches are counted
  or drawn as batches;
- "largest" says which kind of figure it is, quotes the source's own words, and dates it by the day it
  refers to (the last day of an operation that spanned days);
- a figure from a party to the war is attributed to it in the sentence;
- aid dated before the siege began is not called aid that got into the siege.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..claims import Ledger
from ..parse import parse_partial_date
from ..stance import STANCE_LABELS, attribution
from ..words import label, plural, say_date, say_dates, say_figure, say_range


def _own(df: pd.DataFrame, place_id: str) -> pd.Series:
    """Rows whose figures concern this place alone (``covers`` empty or only this place)."""
    if "covers" not in df.columns:
        return pd.Series(True, index=df.index)
    return df["covers"].fillna("").map(lambda c: not c or set(c.split(";")) <= {place_id}).astype(bool)


def _day_it_refers_to(row: pd.Series) -> str:
    """The last day of an operation that spanned days, else its date."""
    return row.get("date_end") or row["date"]


@dataclass
class PlaceStory:
    place_id: str
    name: str
    sieges: pd.DataFrame
    population: pd.DataFrame        # besieged estimates, dated, with a number, this place alone
    aid: pd.DataFrame               # every aid record for this place alone (the table)
    delivered: pd.DataFrame         # got in (delivered or partly)
    refused: pd.DataFrame
    aid_before_siege: pd.DataFrame  # delivered, dated before the siege began
    batches: pd.DataFrame           # evacuation batches that left, this place alone
    counted: pd.DataFrame           # batches with a count of people
    running_totals: pd.DataFrame
    final_totals: pd.DataFrame
    planned: pd.DataFrame
    wider: pd.DataFrame             # evacuation and population figures that cover other places too
    disagreements: pd.DataFrame
    sources: pd.DataFrame

    # ------------------------------------------------------------ counts, once

    @property
    def siege_start(self) -> str:
        starts = [d for d in self.sieges["start_date"] if d]
        return min(starts, key=lambda d: parse_partial_date(d).first_day) if starts else ""

    @property
    def batch_sum(self) -> tuple[int, int] | None:
        if self.counted.empty:
            return None
        return int(self.counted["people_low"].sum()), int(self.counted["people_high"].sum())

    def largest_total(self) -> pd.Series | None:
        t = self.final_totals.dropna(subset=["people_high"])
        if t.empty:
            return None
        return t.sort_values(["people_high", "date"]).iloc[-1]

    def latest_running_total(self) -> pd.Series | None:
        t = self.running_totals.dropna(subset=["people_high"])
        t = t[t["date"] != ""]
        if t.empty:
            return None
        return t.sort_values(["date", "people_high"]).iloc[-1]

    def publisher(self, source_ids: str) -> str:
        ids = [s for s in str(source_ids).split(";") if s]
        pubs = self.sources.set_index("source_id").reindex(ids)["publisher"].dropna()
        return pubs.iloc[0] if len(pubs) else ""

    # ------------------------------------------------------------ prose

    def sentences(self, ledger: Ledger) -> list[str]:
        """The 'In brief' paragraphs; every figure and date goes through ``ledger``."""
        name = self.name
        out: list[str] = []
        for _, s in self.sieges.iterrows():
            rows = [s["siege_id"]]
            if s["start_date"]:
                start = ledger.date(s["start_date"], what=f"{name} siege start", table="sieges", rows=rows,
                                    source_ids=s["source_ids"])
                sentence = f"{name} was besieged from {start}"
            else:
                sentence = f"{name} was besieged; our sources give no start date"
            if s["besieged_by"]:
                by = s["besieged_by"]
                if any(ch.isdigit() for ch in by):
                    by = ledger.add(by, value=by, what=f"{name} besieging party as stated", table="sieges",
                                    rows=rows, source_ids=s["source_ids"])
                sentence += f" by {by}"
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

        out.append(self._population_sentence(ledger))
        out.append(self._aid_sentence(ledger))
        out += self._evacuation_sentences(ledger)
        if len(self.wider):
            n = ledger.count(len(self.wider), what=f"{name} figures that cover other places too",
                             table="evacuations;population_estimates", rows=self.wider["id"],
                             source_ids=self.wider["source_ids"])
            out.append(f"{n} {'evacuation or population figure covers' if len(self.wider) == 1 else 'evacuation or population figures cover'} {name} together with "
                       f"other places; the tables list them as part of the wider operation, and they are not "
                       f"counted as {name}'s own {ledger.cite(self.wider['source_ids'])}.")
        if len(self.disagreements):
            n = ledger.count(len(self.disagreements), what=f"{name} disagreements between sources",
                             table="disagreements",
                             rows=self.disagreements["event_id"] + "/" + self.disagreements["field"],
                             source_ids=self.disagreements["source_ids"])
            out.append(f"Sources disagree on {n} {'figure or date' if len(self.disagreements) == 1 else 'figures or dates'}"
                       f"; each version is listed below.")
        return out

    def _who(self, ledger: Ledger, source_ids: str, claimant: str, what: str, table: str, rows) -> str:
        """'according to Reuters', registered in the ledger when the publisher's name holds a number."""
        who = attribution(self.publisher(source_ids), claimant)
        if who and any(ch.isdigit() for ch in who):
            who = ledger.add(who, value=who, what=f"{what}: who says so", table=table, rows=rows,
                             source_ids=source_ids)
        return who

    def _attributed(self, row: pd.Series, ledger: Ledger, what: str, table: str, row_id: str) -> tuple[str, str]:
        """One source's figure as it hedged it, and who says so when that is a party to the war ("" otherwise)."""
        text = ledger.add(say_figure(row["population_best"], row["population_low"], row["population_high"],
                                     row["population_qualifier"]),
                          value=f"{row['population_low']}-{row['population_high']}", what=what, table=table,
                          rows=[row_id], source_ids=row["source_id"])
        claimant = row.get("claimed_by", "")
        who = self._who(ledger, row["source_id"], claimant, what, table, [row_id]) if claimant else ""
        return text, who

    def _population_sentence(self, ledger: Ledger) -> str:
        name, pop = self.name, self.population
        if pop.empty:
            return "Our sources give no dated estimate of the people inside during the siege for these dates."
        ids = pop["date"] + "/" + pop["source_id"]
        low = pop.sort_values(["population_low", "date"]).iloc[0]
        high = pop.sort_values(["population_high", "date"]).iloc[-1]
        n = ledger.count(len(pop), what=f"{name} number of population estimates", table="population_estimates",
                         rows=ids, source_ids=pop["source_id"])
        first_day = min(pop["date"], key=lambda v: parse_partial_date(v).first_day)
        last_day = max(pop["date"], key=lambda v: parse_partial_date(v).last_day)
        when = ledger.add(say_dates(first_day, last_day), value=f"{first_day}/{last_day}",
                          what=f"{name} population estimates dated", table="population_estimates", rows=ids,
                          source_ids=pop["source_id"])
        estimates = "estimate" if len(pop) == 1 else "estimates"
        if len(pop) == 1:
            only, who = self._attributed(low, ledger, f"{name} besieged population", "population_estimates",
                                         f"{low['date']}/{low['source_id']}")
            only += f", {who}," if who else ""
            return (f"One dated estimate gives the people inside during the siege: {only} on "
                    f"{ledger.date(low['date'], what=f'{name} population estimate date', table='population_estimates', rows=[low['date']], source_ids=low['source_id'])} "
                    f"{ledger.cite(low['source_id'])}.")
        lo, lo_who = self._attributed(low, ledger, f"{name} lowest besieged population estimate",
                                      "population_estimates", f"{low['date']}/{low['source_id']}")
        hi, hi_who = self._attributed(high, ledger, f"{name} highest besieged population estimate",
                                      "population_estimates", f"{high['date']}/{high['source_id']}")
        claims = "".join(f"; the {which} is {who}" for which, who in (("lowest", lo_who), ("highest", hi_who)) if who)
        return (f"Sources' estimates of the people inside during the siege run from {lo} to {hi} "
                f"({n} {estimates}, dated {when}){claims} {ledger.cite(pop['source_id'])}.")

    def _aid_sentence(self, ledger: Ledger) -> str:
        name = self.name
        d, r = self.delivered, self.refused
        if d.empty and r.empty:
            return "Our sources record no aid delivery for these dates."
        parts = []
        if len(d):
            n = ledger.count(len(d), what=f"{name} aid deliveries that got in", table="aid_deliveries",
                             rows=d["delivery_id"], source_ids=d["source_ids"])
            parts.append(f"We have {n} {'record' if len(d) == 1 else 'records'} of aid that got in")
            joint = d[d["covers"].fillna("").map(lambda c: bool(set(c.split(";")) - {self.place_id, ""}))]
            if len(joint):
                k = ledger.count(len(joint), what=f"{name} aid deliveries shared with other places",
                                 table="aid_deliveries", rows=joint["delivery_id"], source_ids=joint["source_ids"])
                parts[-1] += (f" ({k} of them {'a convoy' if len(joint) == 1 else 'convoys'} shared with other places, "
                              f"whose trucks and people are counted for all of them together)")
            start = self.siege_start
            during = d[d["date"].map(
                lambda v: bool(v) and (not start or parse_partial_date(v).last_day >= parse_partial_date(start).first_day))]
            if len(during):
                row = during.assign(first=during["date"].map(lambda v: parse_partial_date(v).first_day)).sort_values(
                    "first").iloc[0]
                first = ledger.date(row["date"], what=f"{name} first aid delivery during the siege",
                                    table="aid_deliveries", rows=[row["delivery_id"]], source_ids=row["source_ids"])
                parts[-1] += f", the first during the siege dated {first}"
            if len(self.aid_before_siege):
                k = ledger.count(len(self.aid_before_siege), what=f"{name} aid deliveries before the siege began",
                                 table="aid_deliveries", rows=self.aid_before_siege["delivery_id"],
                                 source_ids=self.aid_before_siege["source_ids"])
                parts[-1] += f" ({k} of them dated before the siege began)"
        if len(r):
            k = ledger.count(len(r), what=f"{name} aid convoys turned back", table="aid_deliveries",
                             rows=r["delivery_id"], source_ids=r["source_ids"])
            verb = "convoy was" if len(r) == 1 else "convoys were"
            parts.append(f"{k} {verb} turned back" if len(d) else f"no aid that got in is recorded, and {k} {verb} "
                                                                     f"turned back")
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + f" {ledger.cite(pd.concat([d['source_ids'], r['source_ids']]))}."

    def _evacuation_sentences(self, ledger: Ledger) -> list[str]:
        name, out = self.name, []
        b = self.batches
        if len(b):
            n = ledger.count(len(b), what=f"{name} evacuation batches that left", table="evacuations",
                             rows=b["evacuation_id"], source_ids=b["source_ids"])
            sentence = f"{n} evacuation {'batch' if len(b) == 1 else 'batches'} left {name}"
            if self.batch_sum:
                lo, hi = self.batch_sum
                k = ledger.count(len(self.counted), what=f"{name} batches with a count of people",
                                 table="evacuations", rows=self.counted["evacuation_id"],
                                 source_ids=self.counted["source_ids"])
                span = ledger.add(say_range(lo, hi), value=f"{lo}-{hi}",
                                  what=f"{name} people in the counted batches (sum of per-batch figures)",
                                  table="evacuations", rows=self.counted["evacuation_id"],
                                  source_ids=self.counted["source_ids"])
                if len(self.counted) == len(b):
                    of = "it" if len(b) == 1 else "together they"
                else:
                    of = f"the {k} with a count of people" if len(self.counted) > 1 else f"the {k} with a count"
                sentence += f"; {of} {'carried' if len(self.counted) == 1 else 'add up to'} {span} people"
            out.append(sentence + f" {ledger.cite(b['source_ids'])}.")
        top = self.largest_total()
        if top is not None:
            srcs = top.get("people_high_source_ids") or top["source_ids"]
            figure = ledger.add(top.get("people_high_text") or say_range(top["people_low"], top["people_high"]),
                                value=int(top["people_high"]), what=f"{name} largest total reported for the whole "
                                f"operation, as its source hedged it (stated: {top.get('people_high_stated', '')})",
                                table="evacuations", rows=[top["evacuation_id"]], source_ids=srcs)
            day = _day_it_refers_to(top)
            on = "on" if day and parse_partial_date(day).precision == "day" else "in"
            when = (f" for the operation that ended {on} " + ledger.date(
                day, what=f"{name} day the largest total refers to", table="evacuations",
                rows=[top["evacuation_id"]], source_ids=top["source_ids"])) if day else ""
            who = self._who(ledger, srcs, top.get("people_high_claimed_by", ""), f"{name} largest total",
                            "evacuations", [top["evacuation_id"]])
            out.append(f"The largest total reported for the whole operation is {figure} people{when}"
                       f"{', ' + who if who else ''} {ledger.cite(srcs)}.")
            if len(b):
                out.append("The chart counts batches only; running totals and totals for the whole operation are "
                           "listed in the table, never added to the batches.")
        latest = self.latest_running_total()
        if latest is not None:
            srcs = latest.get("people_high_source_ids") or latest["source_ids"]
            figure = ledger.add(latest.get("people_high_text") or say_range(latest["people_low"], latest["people_high"]),
                                value=int(latest["people_high"]), what=f"{name} latest running total, as its source "
                                f"hedged it (stated: {latest.get('people_high_stated', '')})", table="evacuations",
                                rows=[latest["evacuation_id"]], source_ids=srcs)
            as_of = ledger.date(latest["date"], what=f"{name} as-of date of the latest running total",
                                table="evacuations", rows=[latest["evacuation_id"]], source_ids=latest["source_ids"])
            who = self._who(ledger, srcs, latest.get("people_high_claimed_by", ""), f"{name} latest running total",
                            "evacuations", [latest["evacuation_id"]])
            out.append(f"The latest running total in our sources, as of {as_of}, is {figure} people"
                       f"{', ' + who if who else ''} {ledger.cite(srcs)}.")
        return out

    # ------------------------------------------------------------ charts

    def chart_text(self, chart: str) -> dict[str, str]:
        """Title (the finding), subtitle and alt text of one of the page's charts, from the same facts."""
        name = self.name
        if chart == "evacuations":
            c = self.counted
            if c.empty:
                return {"title": f"No counted evacuation batch from {name} in our sources", "subtitle": "",
                        "alt": f"No counted evacuation batches from {name} in the dataset."}
            lo, hi = self.batch_sum
            when = say_dates(c["date"].min(), c["date"].max())
            return {"title": f"{plural(len(c), 'counted batch', 'counted batches')} left {name}, {when}",
                    "subtitle": f"People per batch; together {say_range(lo, hi)} people",
                    "alt": (f"Chart of {plural(len(c), 'counted evacuation batch', 'counted evacuation batches')} from "
                            f"{name}, {when}; batch sizes from {int(c['people_best'].min()):,} to "
                            f"{int(c['people_best'].max()):,} people, together {say_range(lo, hi)}.")}
        if chart == "aid":
            a = self.aid
            if a.empty:
                return {"title": f"No aid delivery to {name} in our sources", "subtitle": "",
                        "alt": f"No aid deliveries to {name} in the dataset."}
            d, r = len(self.delivered), len(self.refused)
            other = len(a) - d - r
            return {"title": f"{plural(d, 'delivery', 'deliveries')} got into {name}, {r} turned back",
                    "subtitle": "Each mark is one convoy, airdrop or distribution, by outcome",
                    "alt": (f"Chart of {plural(len(a), 'aid record')} for {name}: {d} delivered or partly delivered, "
                            f"{r} turned back, {other} planned.")}
        if chart == "population":
            p = self.population
            if p.empty:
                return {"title": f"No dated estimate of how many people lived in {name}", "subtitle": "",
                        "alt": f"No dated population estimates with a number for {name} in the dataset."}
            lo, hi = int(p["population_low"].min()), int(p["population_high"].max())
            return {"title": f"Estimates of the people inside {name}: {say_range(lo, hi)}",
                    "subtitle": "Each mark is one source's estimate; open marks are 'more than' or 'up to'",
                    "alt": (f"{plural(len(p), 'estimate')} of the people inside {name}, dated "
                            f"{say_dates(p['date'].min(), p['date'].max())}, from "
                            f"{lo:,} to {hi:,} people.")}
        if chart == "timeline":
            start = say_date(self.siege_start) or "an unknown date"
            return {"title": f"The siege of {name} from {start}, with what left and what got in",
                    "subtitle": "Bar: the siege. Marks: evacuation batches and aid deliveries, by date",
                    "alt": (f"Timeline for {name}: siege from {start}; "
                            f"{plural(len(self.batches), 'evacuation batch', 'evacuation batches')} and "
                            f"{plural(len(self.aid), 'aid record')} marked by date.")}
        raise KeyError(chart)


def place_story(tables: dict[str, pd.DataFrame], place_id: str, start: str | None = None,
                end: str | None = None) -> PlaceStory:
    """Every fact one place's page states, for events dated within [start, end]."""
    from ..report import place_data

    d = place_data(tables, place_id, start, end)
    pid = place_id
    own_pop = _own(d.population, pid)
    pop = d.population[own_pop & (d.population["population_kind"] == "besieged") & (d.population["date"] != "")]
    pop = pop.dropna(subset=["population_best"])
    # a joint convoy did reach this place: its record counts here; only its figures (trucks, people) are shared
    aid = d.aid
    delivered = aid[aid["status"].isin(["delivered", "partial"])]
    refused = aid[aid["status"] == "refused"]
    starts = [v for v in d.sieges["start_date"] if v]
    first_start = min((parse_partial_date(v).first_day for v in starts), default="")
    before = delivered[delivered["date"].map(
        lambda v: bool(v) and bool(first_start) and parse_partial_date(v).last_day < first_start)]
    own_ev = _own(d.evacuations, pid)
    ev = d.evacuations[own_ev]
    batches = ev[(ev["figure_kind"] == "per_batch") & (ev["status"] == "happened")]
    wider_parts = []
    for frame, id_col, src_col in [(d.evacuations[~own_ev], "evacuation_id", "source_ids"),
                                   (d.population[~own_pop], "source_id", "source_id")]:
        if len(frame):
            wider_parts.append(pd.DataFrame({"id": frame[id_col].astype(str), "date": frame["date"],
                                             "covers": frame["covers"], "source_ids": frame[src_col]}))
    wider = pd.concat(wider_parts, ignore_index=True) if wider_parts else pd.DataFrame(
        columns=["id", "date", "covers", "source_ids"])
    return PlaceStory(
        place_id=pid, name=d.place["name_en"], sieges=d.sieges, population=pop, aid=aid, delivered=delivered,
        refused=refused, aid_before_siege=before, batches=batches,
        counted=batches.dropna(subset=["people_best"]),
        running_totals=ev[(ev["figure_kind"] == "cumulative") & (ev["status"] == "happened")],
        final_totals=ev[(ev["figure_kind"] == "final_total") & (ev["status"] == "happened")],
        planned=ev[ev["figure_kind"] == "planned"], wider=wider, disagreements=d.disagreements,
        sources=tables["sources"],
    )


__all__ = ["PlaceStory", "place_story", "STANCE_LABELS", "label"]
