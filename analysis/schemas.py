"""Pandera schemas for the raw and processed tables, and one error that lists every failure.

Raw tables are read as text (figures stay as the source states them), so the raw
schemas check shape: required cells, ISO dates, allowed values, and that every
source id and place id resolves. Processed schemas check numbers: low <= best <= high,
dates within 2011-2019, unique event ids.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

ISO_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MONTH = r"^\d{4}-\d{2}$"

SOURCE_TYPES = ["un_report", "un_press", "ngo_report", "news_agency", "news_outlet", "local_outlet",
                "government", "encyclopedia", "dataset", "other"]
PARTIES = ["government", "isil", "nsag", "hts", "mixed", ""]
END_REASONS = ["evacuation_deal", "military_takeover", "reconciliation", "lifted", "ongoing", ""]
POP_KINDS = ["besieged", "pre_war", "remaining", "other"]
FIGURE_KINDS = ["per_batch", "cumulative", "final_total", "planned"]
EVAC_STATUS = ["happened", "planned", "suspended"]
AID_STATUS = ["delivered", "partial", "refused", "planned"]
MODALITIES = ["convoy", "airdrop", "distribution", "other"]
YES_NO = ["yes", "no", ""]
MEASURES = ["at_the_time", "all_sieges_to_date"]
PERIOD_KINDS = ["month", "part_of_month", "several_months", "year_to_date", "year"]

#: every raw table, its columns in order, and the columns that must not be empty
RAW_COLUMNS: dict[str, list[str]] = {
    "sources": ["source_id", "publisher", "original_publisher", "title", "url", "published",
                "source_type", "language", "notes"],
    "places": ["place_id", "name_en", "name_ar", "variants", "governorate", "district", "latitude",
               "longitude", "pcode", "parent_id", "source_ids", "notes"],
    "sieges": ["siege_id", "place_id", "besieged_by", "besieger_party", "start_date", "start_as_stated",
               "end_date", "end_as_stated", "end_reason", "source_id", "quote", "notes"],
    "population_estimates": ["place_id", "date", "population_as_stated", "population_kind", "source_id",
                             "quote", "notes", "covers"],
    "evacuations": ["event_id", "date", "date_end", "origin_id", "destination", "buses_as_stated",
                    "people_as_stated", "fighters_as_stated", "civilians_as_stated", "wounded_as_stated",
                    "figure_kind", "status", "source_id", "quote", "notes", "covers"],
    "aid_deliveries": ["event_id", "date", "place_id", "organisations", "modality", "trucks_as_stated",
                       "people_as_stated", "contents", "food_included", "status", "source_id", "quote",
                       "notes", "covers"],
    "besieged_population": ["date", "publisher", "population_as_stated", "measure", "communities_as_stated",
                            "by_government_as_stated", "by_isil_as_stated", "by_nsag_as_stated",
                            "source_id", "quote", "notes"],
    "un_access_monthly": ["month", "period_kind", "people_requested_as_stated", "people_reached_as_stated",
                          "convoys_completed_as_stated", "scope", "source_id", "quote", "notes"],
}


@dataclass(frozen=True)
class Failure:
    file: str
    row: int | None  # line number in the file (header is line 1)
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row is not None else self.file
        return f"{where} column {self.column!r} value {self.value!r}: {self.rule}"


class DataValidationError(ValueError):
    """Raised once with every failure found, so a fix can be made in one pass."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        lines = [f"{len(failures)} data problem(s):"] + [f"  - {f}" for f in failures[:200]]
        if len(failures) > 200:
            lines.append(f"  ... and {len(failures) - 200} more")
        super().__init__("\n".join(lines))


def _text(nullable_ok: bool = True, **kw) -> pa.Column:
    checks = kw.pop("checks", [])
    if not nullable_ok:
        checks = [pa.Check(lambda s: s.str.strip() != "", element_wise=False, error="must not be empty"), *checks]
    return pa.Column(str, checks=checks, **kw)


def _optional_match(pattern: str, what: str) -> pa.Check:
    return pa.Check(lambda s: (s == "") | s.str.match(pattern), error=f"must be empty or {what}")


def _required_match(pattern: str, what: str) -> pa.Check:
    return pa.Check(lambda s: s.str.match(pattern), error=f"must be {what}")


def _member(ids: set[str], what: str, optional: bool = False, multi: bool = False) -> pa.Check:
    def check(s: pd.Series) -> pd.Series:
        def ok(value: str) -> bool:
            if value == "":
                return optional
            parts = [p.strip() for p in value.split(";")] if multi else [value]
            return all(p in ids for p in parts)

        return s.map(ok).astype(bool)

    return pa.Check(check, error=f"must be a known {what}")


def _date_in_range(s: pd.Series) -> pd.Series:
    """Dates must fall within 2011-2019 (a value that is not a date is reported by the format check)."""
    years = s.str.slice(0, 4)
    return (s == "") | ~s.str.match(ISO_PARTIAL) | years.between("2011", "2019")


DATE_OK = pa.Check(_date_in_range, error="date must fall within 2011-2019")


def _real_date(s: pd.Series) -> pd.Series:
    """An ISO date must be a real calendar date: no 2016-02-30, no month 13."""
    import datetime as dt

    def ok(v: str) -> bool:
        m = pd.Series([v]).str.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?").iloc[0]
        if v == "" or not m:
            return True  # empty, or reported by the format check
        parts = [int(p) for p in v.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            return False
        return True

    return s.map(ok).astype(bool)


REAL_DATE = pa.Check(_real_date, error="not a real calendar date (write YYYY-MM-DD; day-first dates such as "
                                       "03/04/2016 are refused)")


def raw_schema(table: str, source_ids: set[str], place_ids: set[str]) -> pa.DataFrameSchema:
    """The schema of one raw table, with the registry's ids for cross-checks."""
    src = _member(source_ids, "source_id in sources.csv")
    place = _member(place_ids, "place_id in places.csv")
    iso_opt = _optional_match(ISO_PARTIAL, "an ISO date YYYY[-MM[-DD]]")

    def isin(values: list[str]) -> pa.Check:
        return pa.Check.isin(values, error=f"must be one of {values}")

    cols: dict[str, pa.Column]
    if table == "sources":
        cols = {
            "source_id": _text(False, checks=[_required_match(SLUG, "a lowercase slug")], unique=True),
            "publisher": _text(False),
            "title": _text(False),
            "url": _text(False, checks=[_required_match(r"^https?://", "an http(s) URL")], unique=True),
            "published": _text(checks=[iso_opt]),
            "source_type": _text(checks=[isin(SOURCE_TYPES)]),
        }
    elif table == "places":
        cols = {
            "place_id": _text(False, checks=[_required_match(SLUG, "a lowercase slug")], unique=True),
            "name_en": _text(False),
            "governorate": _text(False),
            "latitude": _text(checks=[_optional_match(r"^-?\d+(\.\d+)?$", "a decimal degree")]),
            "longitude": _text(checks=[_optional_match(r"^-?\d+(\.\d+)?$", "a decimal degree")]),
            "parent_id": _text(checks=[_member(place_ids, "place_id in places.csv", optional=True)]),
            "source_ids": _text(False, checks=[_member(source_ids, "source_id in sources.csv", multi=True)]),
        }
    elif table == "sieges":
        cols = {
            "siege_id": _text(False, checks=[_required_match(SLUG, "a lowercase slug")]),
            "place_id": _text(checks=[place]),
            "besieger_party": _text(checks=[isin(PARTIES)]),
            "start_date": _text(checks=[iso_opt, DATE_OK, REAL_DATE]),
            "end_date": _text(checks=[iso_opt, DATE_OK, REAL_DATE]),
            "end_reason": _text(checks=[isin(END_REASONS)]),
            "source_id": _text(checks=[src]),
        }
    elif table == "population_estimates":
        cols = {
            "place_id": _text(checks=[place]),
            "date": _text(checks=[iso_opt, REAL_DATE]),
            "population_as_stated": _text(False),
            "population_kind": _text(checks=[isin(POP_KINDS)]),
            "source_id": _text(checks=[src]),
            "covers": _text(checks=[_member(place_ids, "place_id in places.csv", optional=True, multi=True)]),
        }
    elif table == "evacuations":
        cols = {
            "event_id": _text(False, checks=[_required_match(SLUG, "a lowercase slug")]),
            "date": _text(checks=[iso_opt, DATE_OK, REAL_DATE]),
            "date_end": _text(checks=[iso_opt, DATE_OK, REAL_DATE]),
            "origin_id": _text(checks=[place]),
            "figure_kind": _text(checks=[isin(FIGURE_KINDS)]),
            "status": _text(checks=[isin(EVAC_STATUS)]),
            "source_id": _text(checks=[src]),
            "covers": _text(checks=[_member(place_ids, "place_id in places.csv", optional=True, multi=True)]),
        }
    elif table == "aid_deliveries":
        cols = {
            "event_id": _text(False, checks=[_required_match(SLUG, "a lowercase slug")]),
            "date": _text(checks=[iso_opt, DATE_OK, REAL_DATE]),
            "place_id": _text(checks=[place]),
            "modality": _text(checks=[isin(MODALITIES)]),
            "food_included": _text(checks=[isin(YES_NO)]),
            "status": _text(checks=[isin(AID_STATUS)]),
            "source_id": _text(checks=[src]),
            "covers": _text(checks=[_member(place_ids, "place_id in places.csv", optional=True, multi=True)]),
        }
    elif table == "besieged_population":
        cols = {
            "date": _text(checks=[iso_opt, DATE_OK, REAL_DATE]),
            "publisher": _text(False),
            "measure": _text(checks=[isin(MEASURES)]),
            "source_id": _text(checks=[src]),
        }
    elif table == "un_access_monthly":
        cols = {
            "month": _text(checks=[_required_match(r"^\d{4}(-\d{2})?$", "a month YYYY-MM (or a year YYYY for a yearly total)"),
                                   DATE_OK, REAL_DATE]),
            "period_kind": _text(checks=[isin(PERIOD_KINDS)]),
            "source_id": _text(checks=[src]),
        }
    else:
        raise KeyError(f"unknown raw table {table!r}")
    checks = []
    if table == "population_estimates":
        # pre-war and other reference figures may be dated outside the conflict (a 2004 census)
        checks.append(pa.Check(lambda df: (df["population_kind"].isin(["pre_war", "other"]))
                               | _date_in_range(df["date"]),
                               error="besieged/remaining population date must fall within 2011-2019"))
    return pa.DataFrameSchema(cols, checks=checks, strict=False, name=table)


def failures_from_pandera(err: SchemaErrors, file: str) -> list[Failure]:
    """Turn pandera's failure cases into our one-line-per-problem form."""
    out = []
    cases = err.failure_cases
    for rec in cases.to_dict("records"):
        index = rec.get("index")
        row = int(index) if index is not None and not pd.isna(index) else None
        column = rec.get("column") or ""
        check = str(rec.get("check"))
        value = rec.get("failure_case")
        out.append(Failure(file, row, str(column), "" if value is None else str(value), check))
    return out


def validate_frame(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> list[Failure]:
    """Validate lazily and return every failure (empty list when the frame is valid)."""
    try:
        schema.validate(df, lazy=True)
    except SchemaErrors as err:
        return failures_from_pandera(err, file)
    return []


def check_columns(df: pd.DataFrame, table: str, file: str) -> list[Failure]:
    """The header must hold every documented column (extra columns are allowed)."""
    missing = [c for c in RAW_COLUMNS[table] if c not in df.columns]
    return [Failure(file, 1, c, "", "column missing from header") for c in missing]


def display_path(path: Path) -> str:
    try:
        from .paths import ROOT

        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# ------------------------------------------------------------------ processed tables


def _bounds_ok(prefix: str) -> pa.Check:
    def check(df: pd.DataFrame) -> pd.Series:
        low, best, high = df[f"{prefix}_low"], df[f"{prefix}_best"], df[f"{prefix}_high"]
        ok = (low.isna() | best.isna() | (low <= best)) & (best.isna() | high.isna() | (best <= high))
        return ok.fillna(True).astype(bool)

    return pa.Check(check, error=f"{prefix}_low <= {prefix}_best <= {prefix}_high")


def _count(nullable: bool = True) -> pa.Column:
    return pa.Column("Int64", checks=pa.Check.ge(0), nullable=nullable)


def _dates(required: bool = True) -> pa.Column:
    checks = [pa.Check.str_matches(ISO_PARTIAL) if required else _optional_match(ISO_PARTIAL, "an ISO date"), DATE_OK, REAL_DATE]
    return pa.Column(str, checks=checks)


def processed_schemas() -> dict[str, pa.DataFrameSchema]:
    return {
        "sieges": pa.DataFrameSchema({
            "siege_id": pa.Column(str, unique=True),
            "location_id": pa.Column(str, checks=pa.Check.str_matches(SLUG)),
            "location_name": pa.Column(str, nullable=False),
            "start_date": _dates(required=False),
            "end_date": _dates(required=False),
            "source_ids": pa.Column(str, checks=pa.Check.str_length(min_value=1)),
        }),
        "population_estimates": pa.DataFrameSchema({
            "location_id": pa.Column(str), "date": pa.Column(str, checks=_optional_match(ISO_PARTIAL, "an ISO date")),
            # no besieged community in Syria held more than a few hundred thousand people
            "population_low": _count(), "population_best": _count(),
            "population_high": pa.Column("Int64", checks=[pa.Check.ge(0), pa.Check.le(
                3_000_000, error="a place's population above 3 million is not plausible: check the source")],
                nullable=True),
        }, checks=[_bounds_ok("population")]),
        "evacuations": pa.DataFrameSchema({
            "evacuation_id": pa.Column(str, unique=True), "date": _dates(required=False), "origin_id": pa.Column(str),
            **{f"{p}_{q}": _count() for p in ("people", "fighters", "civilians", "wounded", "buses")
               for q in ("low", "high", "best")},
            "source_ids": pa.Column(str, checks=pa.Check.str_length(min_value=1)),
        }, checks=[_bounds_ok(p) for p in ("people", "fighters", "civilians", "wounded", "buses")]),
        "aid_deliveries": pa.DataFrameSchema({
            "delivery_id": pa.Column(str, unique=True), "date": _dates(required=False), "location_id": pa.Column(str),
            **{f"{p}_{q}": _count() for p in ("people", "trucks") for q in ("low", "high", "best")},
            "source_ids": pa.Column(str, checks=pa.Check.str_length(min_value=1)),
        }, checks=[_bounds_ok("people"), _bounds_ok("trucks")]),
        "besieged_population": pa.DataFrameSchema({
            "date": _dates(required=False), "publisher": pa.Column(str), "population": _count(),
            "source_id": pa.Column(str, checks=pa.Check.str_length(min_value=1)),
        }),
        "un_access_monthly": pa.DataFrameSchema({
            "month": pa.Column(str, checks=[pa.Check.str_matches(MONTH), DATE_OK, REAL_DATE], unique=False),
            "people_requested": _count(), "people_reached": _count(), "convoys_completed": _count(),
        }),
    }


def cumulative_failures(evacuations: pd.DataFrame, file: str) -> list[Failure]:
    """One source's running total for one origin must never fall as dates advance.

    Different sources' running totals may disagree (a state agency's and an opposition outlet's counts of
    the same operation): that is a disagreement to show, not an error. Only a fall between two day-dated
    totals that share a source is refused.
    """
    failures = []
    cum = evacuations[(evacuations["figure_kind"] == "cumulative") & evacuations["people_best"].notna()
                      & (evacuations["date"].str.len() == 10)]
    for origin, group in cum.sort_values(["date", "evacuation_id"]).groupby("origin_id"):
        seen: list = []
        for idx, row in group.iterrows():
            ids = set(row["source_ids"].split(";"))
            for prev in seen:
                shared = ids & set(prev["source_ids"].split(";"))
                if shared and row["people_low"] < prev["people_low"]:
                    failures.append(Failure(file, int(idx) + 2, "people_low", str(row["people_low"]),
                                            f"{', '.join(sorted(shared))}: running total for {origin} falls from "
                                            f"{prev['people_low']} ({prev['evacuation_id']}) to {row['people_low']} "
                                            f"({row['evacuation_id']})"))
            seen.append(row)
    return failures


def validate_processed(tables: dict[str, pd.DataFrame], raw: dict[str, pd.DataFrame] | None = None,
                       raw_dir: Path | None = None) -> None:
    """Check the processed tables; raise one DataValidationError listing every failure.

    With the raw tables, each failure points back to the raw lines the processed row came from.
    """
    failures: list[Failure] = []
    for name, schema in processed_schemas().items():
        df = tables[name].reset_index(drop=True)
        df.index = df.index + 2  # line numbers in the written CSV
        failures += validate_frame(df, schema, f"data/processed/{name}.csv")
    failures += cumulative_failures(tables["evacuations"].reset_index(drop=True), "data/processed/evacuations.csv")
    if failures and raw is not None:
        failures = [_to_raw(f, tables, raw, raw_dir) for f in failures]
    if failures:
        raise DataValidationError(failures)


#: processed table -> (its id column, the raw table, the raw id column)
_BACK_TO_RAW = {"evacuations": ("event_id", "evacuations", "event_id"),
                "aid_deliveries": ("delivery_id", "aid_deliveries", "event_id"),
                "sieges": ("siege_id", "sieges", "siege_id"),
                "population_estimates": ("source_id", "population_estimates", "source_id"),
                "besieged_population": ("source_id", "besieged_population", "source_id")}


def _to_raw(failure: Failure, tables: dict, raw: dict, raw_dir: Path | None) -> Failure:
    """A processed-table failure restated at the raw lines it came from."""
    name = Path(failure.file).stem
    if name not in _BACK_TO_RAW or failure.row is None:
        return failure
    id_col, raw_table, raw_col = _BACK_TO_RAW[name]
    processed = tables[name].reset_index(drop=True)
    i = failure.row - 2
    if not 0 <= i < len(processed) or id_col not in processed.columns:
        return failure
    key = processed.at[i, id_col]
    lines = [int(line) for line in raw[raw_table].index[raw[raw_table][raw_col] == key]]
    if not lines:
        return failure
    from .paths import RAW

    file = display_path(Path(raw_dir or RAW) / f"{raw_table}.csv")
    also = f" (lines {', '.join(map(str, lines))})" if len(lines) > 1 else ""
    return Failure(file, lines[0], failure.column, failure.value,
                   f"{failure.rule}{also}; found in {failure.file}:{failure.row}")
