"""The words a reader sees: one human label for every internal value, dates and ranges as readers say them.

Readers never see column values, enum names or event ids (``final_total``, ``evacuation_deal``): every
value a page shows goes through :func:`label`, and a test fails if an internal value reaches a page.
"""
from __future__ import annotations

import calendar

import pandas as pd

from .parse import parse_partial_date

#: column -> internal value -> what a reader sees
LABELS: dict[str, dict[str, str]] = {
    "figure_kind": {"per_batch": "one batch", "cumulative": "running total", "final_total": "total for the whole "
                    "operation", "planned": "planned or agreed"},
    "evac_status": {"happened": "left", "planned": "planned", "suspended": "suspended"},
    "aid_status": {"delivered": "delivered", "partial": "partly delivered", "refused": "turned back",
                   "planned": "planned"},
    "end_reason": {"evacuation_deal": "evacuation deal", "military_takeover": "military takeover",
                   "reconciliation": "reconciliation deal", "lifted": "siege lifted", "ongoing": "ongoing",
                   "": "not stated"},
    "modality": {"convoy": "convoy", "airdrop": "airdrop", "distribution": "distribution", "other": "other"},
    "qualifier": {"exact": "as stated", "approx": "about", "range": "range", "sum": "parts added",
                  "lower_bound": "more than", "upper_bound": "up to", "vague": "no number (vague)",
                  "no_number": "no number", "not_a_count": "not a count", "families": "families, not people",
                  "other_unit": "not people", "unread": "not read whole", "left_out": "left out (source typo)",
                  "empty": ""},
    "population_kind": {"besieged": "inside during the siege", "pre_war": "before the war",
                        "remaining": "remaining after evacuations", "other": "other estimate"},
    "event_type": {"siege": "siege", "evacuation": "evacuation", "aid_delivery": "aid delivery"},
    "field": {"start_date": "start date", "end_date": "end date", "date": "date", "people": "people",
              "fighters": "fighters", "civilians": "civilians", "wounded": "wounded or sick", "buses": "buses",
              "trucks": "trucks"},
    "besieger_party": {"government": "Syrian government and allies", "isil": "Islamic State (ISIL)",
                       "nsag": "armed opposition groups", "hts": "Hayat Tahrir al-Sham", "mixed": "several parties",
                       "": "not stated"},
    "food_included": {"yes": "yes", "no": "no", "": ""},
    "precision": {"day": "day", "month": "month only", "year": "year only", "": ""},
}


def label(column: str, value) -> str:
    """The reader's word for an internal value; an unknown value is an error, never shown raw."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    table = LABELS[column]
    if value not in table:
        raise KeyError(f"no label for {column}={value!r}: add one to analysis/words.py LABELS")
    return table[value]


def say_date(iso: str) -> str:
    """'21 May 2017', 'August 2016' or '2015' from an ISO partial date."""
    if not iso:
        return ""
    d = parse_partial_date(iso)
    year = d.iso[:4]
    if d.precision == "year":
        return year
    month = calendar.month_name[int(d.iso[5:7])]
    if d.precision == "month":
        return f"{month} {year}"
    return f"{int(d.iso[8:10])} {month} {year}"


def say_dates(first: str, last: str) -> str:
    """'26–27 August 2016', 'March to May 2017', '9 December 2015 to 20 May 2017', or one date."""
    a, b = say_date(first), say_date(last)
    if a == b:
        return a
    pa, pb = a.split(" "), b.split(" ")
    if len(pa) == len(pb) == 3 and pa[1:] == pb[1:]:
        return f"{pa[0]}–{pb[0]} {pa[1]} {pa[2]}"
    if len(pa) == len(pb) and pa[-1] == pb[-1]:
        return f"{' '.join(pa[:-1])} to {b}"
    return f"{a} to {b}"


def say_count(value) -> str:
    return f"{int(value):,}"


def say_range(low, high) -> str:
    """'16,000' or 'between 16,000 and 25,300': our reading of several sources' figures."""
    if low == high:
        return say_count(low)
    return f"between {say_count(low)} and {say_count(high)}"


def say_figure(best, low, high, qualifier: str) -> str:
    """One source's figure as the source hedged it: 'more than 25,000', 'about 4,000', 'between 4,000 and 8,000'."""
    if qualifier == "range":
        return say_range(low, high)
    word = {"approx": "about ", "lower_bound": "more than ", "upper_bound": "up to "}.get(qualifier, "")
    return word + say_count(best)


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """'1 batch', '2 batches': the count and its noun, agreeing."""
    return f"{int(count):,} {singular if int(count) == 1 else (plural_form or singular + 's')}"
