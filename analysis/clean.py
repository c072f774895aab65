"""Cleaning: raw tables (as sources state them) -> processed tables (numbers, one row per event).

Each step is a small DataFrame -> DataFrame function, chained with ``.pipe()`` in
the ``build_*`` functions. The counting rules are documented in data/README.md.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import paths
from .load import read_raw
from .names import normalise_arabic, standard_destinations
from .parse import Figure, PartialDate, parse_figure, parse_partial_date, pick_date
from .schemas import DataValidationError, Failure, display_path
from .words import say_figure

# ------------------------------------------------------------------ small steps


def left_out_figures(path: Path | None = None) -> set[tuple[str, str, str]]:
    """(source_id, column, as_stated) of figures left out on purpose (``data/audit/left-out.csv``, with reasons).

    A sourced figure is left out only when it cannot be what the source meant (a typo the source's own
    other version corrects, a number no place could hold); data/README.md lists each with its reason.
    """
    path = Path(path) if path else paths.AUDIT / "left-out.csv"
    if not path.exists():
        return set()
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return set(zip(df["source_id"], df["column"], df["as_stated"]))


#: columns that make two raw rows the same account: the same event, source, date and figures
DUPLICATE_KEYS = {
    "sieges": ["siege_id", "source_id", "start_date", "end_date", "end_reason"],
    "population_estimates": ["place_id", "date", "population_as_stated", "population_kind", "source_id"],
    "evacuations": ["event_id", "date", "date_end", "source_id", "figure_kind", "status", "buses_as_stated",
                    "people_as_stated", "fighters_as_stated", "civilians_as_stated", "wounded_as_stated"],
    "aid_deliveries": ["event_id", "date", "place_id", "source_id", "status", "trucks_as_stated", "people_as_stated"],
    "besieged_population": ["date", "source_id", "population_as_stated", "measure"],
    "un_access_monthly": ["month", "period_kind", "source_id", "people_requested_as_stated",
                          "people_reached_as_stated", "convoys_completed_as_stated"],
}


def fold_duplicates(raw: dict[str, pd.DataFrame], raw_dir: Path = paths.RAW) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Keep the first of raw rows that repeat one source's account of one event; say which were folded.

    Two such rows would count one account twice (in n_sources, medians and citations).
    """
    out, messages = dict(raw), []
    for table, keys in DUPLICATE_KEYS.items():
        df = raw[table]
        dup = df.duplicated(subset=keys, keep="first")
        if not dup.any():
            continue
        first_line = df[~dup].reset_index().set_index(keys)["index"]
        for line, row in df[dup].iterrows():
            kept = first_line.loc[tuple(row[k] for k in keys)]
            messages.append(f"{display_path(Path(raw_dir) / f'{table}.csv')}:{line} repeats line {int(kept)} "
                            f"(the same {', '.join(keys)}): folded, counted once")
        out[table] = df[~dup]
    return out, messages


def figure_unit(prefix: str) -> str:
    """What a figure column counts: ``buses``, ``trucks``, ``communities``, ``convoys`` or (every other column)
    ``people``."""
    if prefix == "convoys_completed":
        return "convoys"
    return prefix if prefix in ("buses", "trucks", "communities") else "people"


def parse_figures(df: pd.DataFrame, columns: dict[str, str], file: str = "") -> pd.DataFrame:
    """For each ``<x>_as_stated`` column add ``<x>_low``, ``<x>_high``, ``<x>_best``, ``<x>_qualifier``.

    A figure with no count in it keeps empty numbers and says why in the qualifier
    (``vague``, ``no_number``, ``families`` …). A cell the parser cannot read at all
    is an error naming file, line, column and value, all such cells at once.
    """
    out = df.copy()
    failures = []
    languages = out["language"] if "language" in out.columns else pd.Series("en", index=out.index)
    left_out = left_out_figures()
    for stated, prefix in columns.items():
        lows, highs, bests, quals = [], [], [], []
        for line, text in out[stated].items():
            if "source_id" in out.columns and (out.at[line, "source_id"], stated, text) in left_out:
                fig = Figure(None, None, None, "left_out")
            else:
              try:
                fig = parse_figure(text, unit=figure_unit(prefix), language=languages[line])
              except ValueError as exc:
                failures.append(Failure(file, int(line), stated, str(text), str(exc)))
                fig = parse_figure("")
            lows.append(fig.low)
            highs.append(fig.high)
            bests.append(fig.best)
            quals.append(fig.qualifier)
        out[f"{prefix}_low"] = pd.array(lows, dtype="Float64")
        out[f"{prefix}_high"] = pd.array(highs, dtype="Float64")
        out[f"{prefix}_best"] = pd.array(bests, dtype="Float64")
        out[f"{prefix}_qualifier"] = quals
    if failures:
        raise DataValidationError(failures)
    return out


def attach_source_language(df: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add each row's source language (``sources.csv``), so figures are read in the source's language."""
    out = df.copy()
    out["language"] = out["source_id"].map(sources.set_index("source_id")["language"]).fillna("en")
    return out


#: every raw figure column, by table, and the prefix its numbers get
def figure_columns() -> dict[str, dict[str, str]]:
    return {"population_estimates": {"population_as_stated": "population"}, "evacuations": EVAC_FIGURES,
            "aid_deliveries": AID_FIGURES, "besieged_population": NATIONAL_FIGURES,
            "un_access_monthly": UN_ACCESS_FIGURES}


def unread_figures(raw: dict[str, pd.DataFrame], raw_dir: Path = paths.RAW) -> pd.DataFrame:
    """Every raw figure the reading could not use whole: file, line, column, text and what was left over.

    Each gets no number (qualifier ``unread``) and is listed for review in data/COVERAGE.md; the
    explanation, where one has been written, comes from ``data/audit/unread-figures.csv``.
    """
    rows = []
    for table, columns in figure_columns().items():
        df = attach_source_language(raw[table], raw["sources"])
        for stated, prefix in columns.items():
            unit = figure_unit(prefix)
            for line, text in df[stated].items():
                if not text:
                    continue
                try:
                    fig = parse_figure(text, unit=unit, language=df.at[line, "language"])
                except ValueError:
                    continue  # refused outright: the clean step names it
                if fig.qualifier == "unread":
                    rows.append({"file": display_path(Path(raw_dir) / f"{table}.csv"), "line": int(line),
                                 "column": stated, "source_id": df.at[line, "source_id"], "as_stated": text,
                                 "language": df.at[line, "language"], "left_over": fig.unread})
    out = pd.DataFrame(rows, columns=["file", "line", "column", "source_id", "as_stated", "language", "left_over"])
    explained = read_unread_explanations()
    key = ["source_id", "column", "as_stated"]
    out = out.merge(explained[key + ["explanation"]], on=key, how="left").fillna({"explanation": ""})
    return out


def read_unread_explanations(path: Path | None = None) -> pd.DataFrame:
    """``data/audit/unread-figures.csv``: why a figure stays unread (source_id, column, as_stated, explanation)."""
    path = Path(path) if path else paths.AUDIT / "unread-figures.csv"
    if not path.exists():
        return pd.DataFrame(columns=["source_id", "column", "as_stated", "explanation"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def add_date_precision(df: pd.DataFrame, column: str = "date", precision_column: str = "date_precision") -> pd.DataFrame:
    """Add the precision (day / month / year) of an ISO partial date column."""
    out = df.copy()
    out[precision_column] = [parse_partial_date(v).precision if v else "" for v in out[column]]
    return out


def attach_place_names(df: pd.DataFrame, places: pd.DataFrame, id_column: str, name_column: str) -> pd.DataFrame:
    """Add the gazetteer's English name (and governorate) for a place id column."""
    lookup = places.set_index("place_id")
    out = df.copy()
    out.insert(out.columns.get_loc(id_column) + 1, name_column, out[id_column].map(lookup["name_en"]))
    if "governorate" not in out.columns:
        out["governorate"] = out[id_column].map(lookup["governorate"])
    return out


def _join_ids(values) -> str:
    return ";".join(sorted({v for v in values if v}))


def attach_claimant(df: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add ``claimed_by``: who a row's figure comes from when that is a party to the war, else "".

    A row whose quote or notes name the Russian military as the origin is that military's claim whoever
    printed it; otherwise a source that speaks for a party (``analysis.stance``) makes its rows that
    party's claims.
    """
    from .stance import STANCE_LABELS, add_stance, row_claimant

    tagged = add_stance(sources).set_index("source_id")
    out = df.copy()
    claimed = []
    for _, r in out.iterrows():
        who = row_claimant(r.get("quote", ""), r.get("notes", ""))
        if not who and r["source_id"] in tagged.index and tagged.at[r["source_id"], "party_to_war"]:
            who = STANCE_LABELS[tagged.at[r["source_id"], "stance"]]
        claimed.append(who)
    out["claimed_by"] = claimed
    return out


CORRIDOR = re.compile(r"corridor|crossing|ممر|معبر|коридор|korridor|corridoio|corredor|couloir", re.IGNORECASE)
GOVERNMENT_SIDE = re.compile(r"government|regime|army|checkpoint|shelter|crossing|state-held|حكوم|النظام|مراكز الإيواء|"
                             r"مركز إيواء|zone governative|regierung", re.IGNORECASE)


OPPOSITION_SIDE = re.compile(r"idl[ie]b|jarab|al-bab|north|afrin|qalaat|dar al-kabira|daraa|lebanon|turkey|إدلب|"
                             r"جرابلس|الشمال|الباب|عفرين", re.IGNORECASE)


def departure_kind(df: pd.DataFrame) -> pd.Series:
    """Per evacuation id: ``corridor`` when people left on their own through a corridor to the government side
    (a source's words name a corridor and every destination is government-held ground or a shelter there),
    else ``evacuation`` (buses under a deal). Documented in data/README.md."""
    def kind(g: pd.DataFrame) -> str:
        words = " ".join(g["quote"].fillna("") + " " + g["notes"].fillna(""))
        dests = [d.strip() for v in g["destination"] for d in str(v).split(";") if d.strip()]
        if (CORRIDOR.search(words) and all(GOVERNMENT_SIDE.search(d) for d in dests)
                and not any(OPPOSITION_SIDE.search(d) for d in dests)):
            return "corridor"
        return "evacuation"

    return df.groupby("evacuation_id")[["quote", "notes", "destination"]].apply(kind)


def union_covers(df: pd.DataFrame, key: str) -> pd.Series:
    """Per event, every place id any source's figure covers (empty when each covers the event's place alone)."""
    def union(cells) -> str:
        ids = sorted({p.strip() for c in cells for p in str(c).split(";") if p.strip()})
        return ";".join(ids)

    return df.groupby(key)["covers"].agg(union)


def highest_figure(df: pd.DataFrame, key: str, prefix: str, stated: str) -> pd.DataFrame:
    """Per event, the sources behind its highest ``prefix`` figure, that figure as they state it, and whether
    it is a party's claim (``claimed_by`` of those sources, when every one of them is a party)."""
    rows = []
    for event_id, g in df.groupby(key):
        g = g[g[f"{prefix}_high"].notna()]
        if g.empty:
            rows.append({key: event_id, f"{prefix}_high_source_ids": "", f"{prefix}_high_stated": "",
                         f"{prefix}_high_text": "", f"{prefix}_high_claimed_by": ""})
            continue
        top = g[g[f"{prefix}_high"] == g[f"{prefix}_high"].max()].sort_values("source_id")
        first = top.iloc[0]
        claimants = set(top["claimed_by"])
        rows.append({key: event_id, f"{prefix}_high_source_ids": _join_ids(top["source_id"]),
                     f"{prefix}_high_stated": first[stated],
                     f"{prefix}_high_text": say_figure(first[f"{prefix}_best"], first[f"{prefix}_low"],
                                                       first[f"{prefix}_high"], first[f"{prefix}_qualifier"]),
                     f"{prefix}_high_claimed_by": claimants.pop() if len(claimants) == 1 and "" not in claimants
                     else ""})
    return pd.DataFrame(rows)


def aggregate_events(df: pd.DataFrame, key: str, prefixes: list[str], first_columns: list[str]) -> pd.DataFrame:
    """Collapse several sources' accounts of one event into one row.

    Per figure: low = the lowest low, high = the highest high, best = the median of
    the sources' best values (rounded to a whole number). ``n_sources`` counts the
    distinct sources; ``source_ids`` lists them.
    """
    rows = []
    for event_id, group in df.groupby(key, sort=True):
        row: dict = {key: event_id}
        for col in first_columns:
            non_empty = [v for v in group[col] if v not in ("", None) and not pd.isna(v)]
            row[col] = non_empty[0] if non_empty else ""
        for prefix in prefixes:
            lows = group[f"{prefix}_low"].dropna()
            highs = group[f"{prefix}_high"].dropna()
            bests = group[f"{prefix}_best"].dropna()
            row[f"{prefix}_low"] = lows.min() if len(lows) else pd.NA
            row[f"{prefix}_high"] = highs.max() if len(highs) else pd.NA
            row[f"{prefix}_best"] = round(float(bests.median())) if len(bests) else pd.NA
        row["n_sources"] = group["source_id"].nunique()
        row["source_ids"] = _join_ids(group["source_id"])
        rows.append(row)
    out = pd.DataFrame(rows)
    for prefix in prefixes:
        for part in ("low", "high", "best"):
            out[f"{prefix}_{part}"] = pd.array(out[f"{prefix}_{part}"], dtype="Float64").round().astype("Int64")
    return out


def pick_event_date(df: pd.DataFrame, key: str, column: str = "date") -> pd.DataFrame:
    """One date per event: consistent versions give the most precise, conflicts the earliest."""
    chosen = {}
    for event_id, group in df.groupby(key):
        dates = [parse_partial_date(v) for v in group[column] if v]
        chosen[event_id] = pick_date(dates)[0].iso if dates else ""
    out = df.copy()
    out[column] = out[key].map(chosen)
    return out


# ------------------------------------------------------------------ tables


def build_sources(raw: pd.DataFrame, cited: pd.Series) -> pd.DataFrame:
    """The registry, with how many raw rows cite each source."""
    from .stance import add_stance

    out = add_stance(raw.copy().sort_values("source_id").reset_index(drop=True))
    counts = cited.value_counts()
    out["rows_citing"] = out["source_id"].map(counts).fillna(0).astype(int)
    return out


def build_places(raw: pd.DataFrame) -> pd.DataFrame:
    """The gazetteer with numeric coordinates and a normalised Arabic name for matching."""
    out = raw.copy().sort_values("place_id").reset_index(drop=True)
    out["latitude"] = pd.to_numeric(out["latitude"].replace("", None)).astype("Float64")
    out["longitude"] = pd.to_numeric(out["longitude"].replace("", None)).astype("Float64")
    out["name_ar_normalised"] = out["name_ar"].map(normalise_arabic)
    return out


def most_common(values: list[str]) -> str:
    """The value most sources give; a tie goes to the alphabetically first, so rebuilds never differ."""
    if not values:
        return ""
    return sorted(set(values), key=lambda v: (-values.count(v), v))[0]


def build_sieges(raw: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per siege: dates picked by the rules in data/README.md, every source listed."""
    rows = []
    for siege_id, group in raw.groupby("siege_id", sort=True):
        starts = [parse_partial_date(v) for v in group["start_date"] if v]
        ends = [parse_partial_date(v) for v in group["end_date"] if v]
        start, start_conflict = pick_date(starts, earliest=True) if starts else (None, False)
        end, end_conflict = pick_date(ends, earliest=False) if ends else (None, False)
        parties = [p for p in group["besieger_party"] if p]
        besieged_by = [b for b in group["besieged_by"] if b]
        reasons = [r for r in group["end_reason"] if r and r != "ongoing"]
        rows.append({
            "siege_id": siege_id,
            "location_id": group["place_id"].iloc[0],
            "besieged_by": besieged_by[0] if besieged_by else "",
            "besieger_party": most_common(parties),
            "start_date": start.iso if start else "",
            "start_precision": start.precision if start else "",
            "start_versions": len({d.iso for d in starts}),
            "end_date": end.iso if end else "",
            "end_precision": end.precision if end else "",
            "end_reason": most_common(reasons),
            "dates_disputed": bool(start_conflict or end_conflict),
            "n_sources": group["source_id"].nunique(),
            "source_ids": _join_ids(group["source_id"]),
        })
    out = attach_place_names(pd.DataFrame(rows), places, "location_id", "location_name")
    cols = ["siege_id", "location_id", "location_name", "governorate", "besieged_by", "besieger_party", "start_date",
            "start_precision", "start_versions", "end_date", "end_precision", "end_reason", "dates_disputed",
            "n_sources", "source_ids"]
    return out[cols]


def build_population(raw: pd.DataFrame, places: pd.DataFrame, file: str = "",
                     sources: pd.DataFrame | None = None) -> pd.DataFrame:
    raw = attach_claimant(raw, sources) if sources is not None else raw.assign(claimed_by="")
    if "covers" not in raw.columns:
        raw = raw.assign(covers="")
    out = (
        raw.pipe(parse_figures, {"population_as_stated": "population"}, file)
        .pipe(add_date_precision)
        .rename(columns={"place_id": "location_id"})
        .pipe(attach_place_names, places, "location_id", "location_name")
    )
    for part in ("low", "high", "best"):
        out[f"population_{part}"] = out[f"population_{part}"].round().astype("Int64")
    cols = ["location_id", "location_name", "date", "date_precision", "population_low", "population_high",
            "population_best", "population_qualifier", "population_as_stated", "population_kind", "source_id",
            "quote", "covers", "claimed_by"]
    return out[cols].sort_values(["location_id", "date", "source_id"]).reset_index(drop=True)


EVAC_FIGURES = {"buses_as_stated": "buses", "people_as_stated": "people", "fighters_as_stated": "fighters",
                "civilians_as_stated": "civilians", "wounded_as_stated": "wounded"}


KIND_ORDER = ["per_batch", "final_total", "cumulative", "planned"]
STATUS_ORDER = ["happened", "suspended", "planned"]


def split_figure_kinds(df: pd.DataFrame) -> pd.DataFrame:
    """Give each figure kind of one event its own id, so planned and carried-out figures never mix.

    The event's main kind (first of per_batch, final_total, cumulative, planned)
    keeps the event id; any other kind gets ``<event_id>--<kind>``.
    """
    out = df.copy()
    main = out.groupby("event_id")["figure_kind"].agg(lambda s: min(s, key=KIND_ORDER.index))
    is_main = out["figure_kind"] == out["event_id"].map(main)
    out["evacuation_id"] = out["event_id"].where(is_main, out["event_id"] + "--" + out["figure_kind"].str.replace("_", "-"))
    return out


def pick_status(df: pd.DataFrame, key: str, order: list[str] = STATUS_ORDER) -> pd.DataFrame:
    """Where sources differ on an event's status, the first in ``order`` wins.

    Evacuations: happened > suspended > planned. Aid: delivered > partial > refused > planned.
    """
    out = df.copy()
    best = out.groupby(key)["status"].agg(lambda s: min(s, key=order.index))
    out["status"] = out[key].map(best)
    return out


def build_evacuations(raw: pd.DataFrame, places: pd.DataFrame, file: str = "",
                      sources: pd.DataFrame | None = None) -> pd.DataFrame:
    parsed = (raw.pipe(parse_figures, EVAC_FIGURES, file).pipe(split_figure_kinds)
              .pipe(pick_event_date, "evacuation_id").pipe(pick_status, "evacuation_id"))
    parsed = attach_claimant(parsed, sources) if sources is not None else parsed.assign(claimed_by="")
    if "covers" not in parsed.columns:
        parsed["covers"] = ""
    out = aggregate_events(parsed, "evacuation_id", list(EVAC_FIGURES.values()),
                           ["event_id", "date", "date_end", "origin_id", "destination", "figure_kind", "status"])
    # every source's destinations, with one spelling per place (analysis.names.DESTINATIONS)
    every = parsed.groupby("evacuation_id")["destination"].agg(lambda s: standard_destinations(";".join(s)))
    out["destination_std"] = out["evacuation_id"].map(every)
    out["covers"] = out["evacuation_id"].map(union_covers(parsed, "evacuation_id"))
    out["departure"] = out["evacuation_id"].map(departure_kind(parsed))
    out = out.merge(highest_figure(parsed, "evacuation_id", "people", "people_as_stated"), on="evacuation_id",
                    how="left")
    out = (
        out.pipe(add_date_precision)
        .pipe(attach_place_names, places, "origin_id", "origin_name")
    )
    cols = ["evacuation_id", "event_id", "date", "date_end", "date_precision", "origin_id", "origin_name",
            "governorate", "destination", "destination_std", "figure_kind", "status",
            "people_low", "people_high", "people_best", "fighters_low", "fighters_high", "fighters_best",
            "civilians_low", "civilians_high", "civilians_best", "wounded_low", "wounded_high", "wounded_best",
            "buses_low", "buses_high", "buses_best", "n_sources", "source_ids", "covers", "departure",
            "people_high_source_ids",
            "people_high_stated", "people_high_text", "people_high_claimed_by"]
    return out[cols].sort_values(["date", "evacuation_id"]).reset_index(drop=True)


AID_STATUS_ORDER = ["delivered", "partial", "refused", "planned"]


AID_FIGURES = {"trucks_as_stated": "trucks", "people_as_stated": "people"}


def build_aid(raw: pd.DataFrame, places: pd.DataFrame, file: str = "",
              sources: pd.DataFrame | None = None) -> pd.DataFrame:
    parsed = (raw.pipe(parse_figures, AID_FIGURES, file).pipe(pick_event_date, "event_id")
              .pipe(pick_status, "event_id", AID_STATUS_ORDER))
    parsed = attach_claimant(parsed, sources) if sources is not None else parsed.assign(claimed_by="")
    if "covers" not in parsed.columns:
        parsed["covers"] = ""
    out = aggregate_events(parsed, "event_id", list(AID_FIGURES.values()),
                           ["date", "place_id", "organisations", "modality", "contents", "food_included", "status"])
    # organisations: the union of what every source names
    orgs = parsed.groupby("event_id")["organisations"].agg(
        lambda s: ";".join(sorted({o.strip() for v in s for o in v.split(";") if o.strip()})))
    out["organisations"] = out["event_id"].map(orgs)
    out["covers"] = out["event_id"].map(union_covers(parsed, "event_id"))
    claimed = parsed.groupby("event_id")["claimed_by"].agg(
        lambda s: s.iloc[0] if len(set(s)) == 1 else "")  # a party's claim only when every source is that party
    out["claimed_by"] = out["event_id"].map(claimed)
    out = (
        out.rename(columns={"event_id": "delivery_id", "place_id": "location_id"})
        .pipe(add_date_precision)
        .pipe(attach_place_names, places, "location_id", "location_name")
    )
    cols = ["delivery_id", "date", "date_precision", "location_id", "location_name", "governorate",
            "organisations", "modality", "status", "trucks_low", "trucks_high", "trucks_best",
            "people_low", "people_high", "people_best", "contents", "food_included", "n_sources", "source_ids",
            "covers", "claimed_by"]
    return out[cols].sort_values(["date", "delivery_id"]).reset_index(drop=True)


NATIONAL_FIGURES = {"population_as_stated": "population", "communities_as_stated": "communities",
                    "by_government_as_stated": "by_government", "by_isil_as_stated": "by_isil",
                    "by_nsag_as_stated": "by_nsag"}


PUBLISHER_GROUPS = [
    ("Siege Watch", r"siege watch|\bpax\b|syria institute"),
    ("United Nations", r"\bun\b|united nations|ocha|secretary-general|security council|wfp|ohchr|unicef|unrwa|who\b"),
]


def group_publisher(publisher: str) -> str:
    """'UN OCHA', 'UN Secretary-General' -> 'United Nations'; PAX / The Syria Institute -> 'Siege Watch'."""
    import re

    for group, pattern in PUBLISHER_GROUPS:
        if re.search(pattern, publisher.lower()):
            return group
    return "Others (NGOs, press)"


def build_besieged_population(raw: pd.DataFrame, file: str = "") -> pd.DataFrame:
    out = raw.pipe(parse_figures, NATIONAL_FIGURES, file).pipe(add_date_precision)
    out["publisher_group"] = out["publisher"].map(group_publisher)
    out["population"] = out["population_best"].round().astype("Int64")
    for prefix in ("population",):
        for part in ("low", "high"):
            out[f"{prefix}_{part}"] = out[f"{prefix}_{part}"].round().astype("Int64")
    for prefix in ("communities", "by_government", "by_isil", "by_nsag"):
        out[prefix] = out[f"{prefix}_best"].round().astype("Int64")
    cols = ["date", "date_precision", "publisher", "publisher_group", "measure", "population", "population_low",
            "population_high", "population_qualifier", "population_as_stated", "communities", "by_government", "by_isil", "by_nsag",
            "source_id", "quote"]
    return out[cols].sort_values(["date", "publisher", "source_id"]).reset_index(drop=True)


UN_ACCESS_FIGURES = {"people_requested_as_stated": "people_requested", "people_reached_as_stated": "people_reached",
                     "convoys_completed_as_stated": "convoys_completed"}


def build_un_access(raw: pd.DataFrame, file: str = "") -> pd.DataFrame:
    """Monthly and yearly UN access figures (``period`` is ``YYYY-MM`` or ``YYYY``)."""
    out = raw.pipe(parse_figures, UN_ACCESS_FIGURES, file)
    for prefix in UN_ACCESS_FIGURES.values():
        out[prefix] = out[f"{prefix}_best"].round().astype("Int64")
    out["period_type"] = ["month" if len(m) == 7 else "year" for m in out["month"]]
    cols = ["month", "period_type", "period_kind", "people_requested", "people_reached", "convoys_completed", "scope",
            "source_id", "quote"]
    return out[cols].sort_values(["month", "source_id"]).reset_index(drop=True)


def monthly_only(access: pd.DataFrame) -> pd.DataFrame:
    return access[access["period_type"] == "month"].drop(columns="period_type").reset_index(drop=True)


def yearly_only(access: pd.DataFrame) -> pd.DataFrame:
    out = access[access["period_type"] == "year"].drop(columns="period_type").rename(columns={"month": "year"})
    return out.reset_index(drop=True)


# ------------------------------------------------------------------ disagreements


def _versions(values: dict[str, list[str]]) -> str:
    parts = [f"{value} ({'; '.join(sorted(set(srcs)))})" for value, srcs in sorted(values.items())]
    return " | ".join(parts)


def figure_disagreements(parsed: pd.DataFrame, key: str, prefixes: list[str], event_type: str,
                         place_column: str) -> list[dict]:
    """Events where sources' best values differ, one row per event and figure."""
    rows = []
    for event_id, group in parsed.groupby(key, sort=True):
        for prefix in prefixes:
            sub = group[group[f"{prefix}_best"].notna()]
            if sub[f"{prefix}_best"].nunique() < 2:
                continue
            versions: dict[str, list[str]] = {}
            for _, r in sub.iterrows():
                versions.setdefault(r[f"{prefix}_as_stated_text"], []).append(r["source_id"])
            rows.append({
                "event_type": event_type, "event_id": event_id, "location_id": group[place_column].iloc[0],
                "field": prefix, "low": int(sub[f"{prefix}_low"].min()), "high": int(sub[f"{prefix}_high"].max()),
                "spread": int(sub[f"{prefix}_high"].max() - sub[f"{prefix}_low"].min()),
                "n_versions": len(versions), "versions": _versions(versions),
                "source_ids": _join_ids(sub["source_id"]),
            })
    return rows


def _days_between(first: str, last: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


def date_disagreements(raw: pd.DataFrame, key: str, column: str, event_type: str, place_column: str) -> list[dict]:
    rows = []
    for event_id, group in raw.groupby(key, sort=True):
        sub = group[group[column] != ""]
        dates = [parse_partial_date(v) for v in sub[column]]
        if len(dates) < 2 or not pick_date(dates, earliest=True)[1]:
            continue
        versions: dict[str, list[str]] = {}
        for value, src in zip(sub[column], sub["source_id"]):
            versions.setdefault(value, []).append(src)
        rows.append({
            "event_type": event_type, "event_id": event_id, "location_id": group[place_column].iloc[0],
            "field": column, "low": min(d.first_day for d in dates), "high": max(d.last_day for d in dates),
            "spread": _days_between(min(d.first_day for d in dates), max(d.last_day for d in dates)),
            "n_versions": len(versions), "versions": _versions(versions), "source_ids": _join_ids(sub["source_id"]),
        })
    return rows


def _with_stated_text(parsed: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    out = parsed.copy()
    for stated, prefix in columns.items():
        out[f"{prefix}_as_stated_text"] = out[stated]
    return out


def build_disagreements(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows: list[dict] = []
    rows += date_disagreements(raw["sieges"], "siege_id", "start_date", "siege", "place_id")
    rows += date_disagreements(raw["sieges"], "siege_id", "end_date", "siege", "place_id")
    evac = _with_stated_text(split_figure_kinds(parse_figures(raw["evacuations"], EVAC_FIGURES)), EVAC_FIGURES)
    rows += figure_disagreements(evac, "evacuation_id", ["people", "fighters", "civilians", "wounded", "buses"],
                                 "evacuation", "origin_id")
    rows += date_disagreements(evac, "evacuation_id", "date", "evacuation", "origin_id")
    aid = _with_stated_text(parse_figures(raw["aid_deliveries"], AID_FIGURES), AID_FIGURES)
    rows += figure_disagreements(aid, "event_id", ["trucks", "people"], "aid_delivery", "place_id")
    rows += date_disagreements(raw["aid_deliveries"], "event_id", "date", "aid_delivery", "place_id")
    cols = ["event_type", "event_id", "location_id", "field", "low", "high", "spread", "n_versions", "versions",
            "source_ids"]
    out = pd.DataFrame(rows, columns=cols)
    out["low"] = out["low"].astype(str)
    out["high"] = out["high"].astype(str)
    return out.sort_values(["event_type", "event_id", "field"]).reset_index(drop=True)


# ------------------------------------------------------------------ the whole step

PROCESSED_TABLES = ["sieges", "population_estimates", "aid_deliveries", "evacuations", "besieged_population",
                    "un_access_monthly", "un_access_yearly", "places", "sources", "disagreements", "unread_figures"]


def build_processed_tables(raw_dir: Path = paths.RAW) -> dict[str, pd.DataFrame]:
    """Read, validate and clean every raw table; return the processed tables (nothing written)."""
    raw_dir = Path(raw_dir)
    raw, folded = fold_duplicates(read_raw(raw_dir), raw_dir)
    for table in figure_columns():
        raw[table] = attach_source_language(raw[table], raw["sources"])

    def file(name: str) -> str:
        return display_path(raw_dir / f"{name}.csv")

    places = build_places(raw["places"])
    cited = pd.concat([raw[t]["source_id"] for t in ("sieges", "population_estimates", "evacuations",
                                                     "aid_deliveries", "besieged_population", "un_access_monthly")])
    access = build_un_access(raw["un_access_monthly"], file("un_access_monthly"))
    tables = {
        "sieges": build_sieges(raw["sieges"], places),
        "population_estimates": build_population(raw["population_estimates"], places, file("population_estimates"),
                                                 raw["sources"]),
        "aid_deliveries": build_aid(raw["aid_deliveries"], places, file("aid_deliveries"), raw["sources"]),
        "evacuations": build_evacuations(raw["evacuations"], places, file("evacuations"), raw["sources"]),
        "besieged_population": build_besieged_population(raw["besieged_population"], file("besieged_population")),
        "un_access_monthly": monthly_only(access),
        "un_access_yearly": yearly_only(access),
        "places": places,
        "sources": build_sources(raw["sources"], cited),
        "disagreements": build_disagreements(raw),
        "unread_figures": unread_figures(raw, raw_dir),
    }
    tables["sources"].attrs["folded_duplicates"] = folded
    from .schemas import validate_processed

    validate_processed(tables, raw, raw_dir)
    return tables


def write_processed(tables: dict[str, pd.DataFrame], processed_dir: Path = paths.PROCESSED) -> list[Path]:
    """Write every table as CSV (UTF-8, ``\\n`` line ends, stable order) and return the paths."""
    processed_dir = Path(processed_dir)
    processed_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in PROCESSED_TABLES:
        path = processed_dir / f"{name}.csv"
        tables[name].to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    from .build.datapackage import write_datapackage, write_hxl

    written.append(write_datapackage(processed_dir))
    written += write_hxl(processed_dir)
    return written


def build_processed(raw_dir: Path = paths.RAW, processed_dir: Path = paths.PROCESSED) -> dict[str, pd.DataFrame]:
    """Clean raw -> processed and write it; the clean notebook calls this."""
    tables = build_processed_tables(raw_dir)
    write_processed(tables, processed_dir)
    return tables


#: processed columns read back as booleans
BOOLEAN_COLUMNS = {"dates_disputed", "party_to_war"}

INTEGER_COLUMNS = {"spread", "population", "communities", "by_government", "by_isil", "by_nsag", "people_requested",
                   "people_reached", "convoys_completed", "n_sources", "rows_citing", "start_versions", "n_versions"}


def table_counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per table, for the cleaning notebook's summary."""
    return pd.DataFrame({"table": list(tables), "rows": [len(t) for t in tables.values()]})


def read_processed(processed_dir: Path = paths.PROCESSED) -> dict[str, pd.DataFrame]:
    """Read the processed tables back with ids and text as strings and counts as nullable integers."""
    processed_dir = Path(processed_dir)
    out = {}
    for name in PROCESSED_TABLES:
        df = pd.read_csv(processed_dir / f"{name}.csv", dtype=str, keep_default_na=False)
        for col in df.columns:
            if col in INTEGER_COLUMNS or (col.endswith(("_low", "_high", "_best")) and name != "disagreements"):
                df[col] = pd.array([int(v) if v != "" else pd.NA for v in df[col]], dtype="Int64")
            elif col in ("latitude", "longitude"):
                df[col] = pd.array([float(v) if v != "" else pd.NA for v in df[col]], dtype="Float64")
            elif col in BOOLEAN_COLUMNS:
                df[col] = df[col] == "True"
        out[name] = df
    return out


__all__ = [
    "PartialDate", "parse_figures", "add_date_precision", "attach_place_names", "aggregate_events",
    "build_processed", "build_processed_tables", "write_processed", "read_processed",
]
