"""Read the raw tables exactly as written (all text) and validate them together."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .rawfile import read_csv_rows
from .schemas import (
    RAW_COLUMNS,
    DataValidationError,
    Failure,
    check_columns,
    display_path,
    raw_schema,
    validate_frame,
)

RAW_TABLES = list(RAW_COLUMNS)


def read_raw_table(raw_dir: Path, table: str) -> pd.DataFrame:
    """One raw CSV as strings; the index is the line each row starts on, as an editor counts lines.

    Read by :func:`analysis.rawfile.read_csv_rows`, which names every problem in the file at once.
    """
    path = Path(raw_dir) / f"{table}.csv"
    if not path.exists():
        raise DataValidationError([Failure(display_path(path), None, "", "", "raw table missing")])
    header, rows = read_csv_rows(path, RAW_COLUMNS.get(table))
    df = pd.DataFrame([cells for _, cells in rows], columns=header, dtype=str)
    df.index = pd.Index([line for line, _ in rows])
    for col in df.columns:
        df[col] = df[col].str.strip()
    return df


def read_raw(raw_dir: Path = paths.RAW) -> dict[str, pd.DataFrame]:
    """Every raw table, validated against its schema and against each other.

    Raises one :class:`DataValidationError` listing every problem in every file.
    """
    raw_dir = Path(raw_dir)
    tables, failures = {}, []
    for name in RAW_TABLES:
        try:
            tables[name] = read_raw_table(raw_dir, name)
        except DataValidationError as exc:
            failures += exc.failures
    if failures:
        raise DataValidationError(failures)
    for name, df in tables.items():
        failures += check_columns(df, name, display_path(raw_dir / f"{name}.csv"))
    if failures:
        raise DataValidationError(failures)
    source_ids = set(tables["sources"]["source_id"])
    place_ids = set(tables["places"]["place_id"])
    for name, df in tables.items():
        schema = raw_schema(name, source_ids, place_ids)
        failures += validate_frame(df, schema, display_path(raw_dir / f"{name}.csv"))
    failures += check_event_consistency(tables, raw_dir)
    if failures:
        raise DataValidationError(failures)
    return tables


def check_event_consistency(tables: dict[str, pd.DataFrame], raw_dir: Path) -> list[Failure]:
    """Rows that share an event id must agree on what kind of event it is."""
    failures = []
    rules = {
        "evacuations": ["origin_id"],
        "aid_deliveries": ["place_id"],
        "sieges": ["place_id"],
    }
    for table, columns in rules.items():
        df = tables[table]
        key = "siege_id" if table == "sieges" else "event_id"
        file = display_path(Path(raw_dir) / f"{table}.csv")
        for column in columns:
            counts = df.groupby(key)[column].nunique()
            for event_id in counts[counts > 1].index:
                rows = df[df[key] == event_id]
                for line, value in rows[column].items():
                    failures.append(Failure(file, int(line), column, value,
                                            f"rows of {key} {event_id!r} disagree on {column}"))
    return failures
