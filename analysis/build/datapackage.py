"""The processed tables as a Frictionless Data Package, and HXL-tagged copies for humanitarian users.

``datapackage.json`` describes every processed table: its fields and their types, primary and foreign keys,
the licence and where the data comes from. ``hxl/<table>.csv`` repeats the main tables with an HXL hashtag row
under the header (#loc, #adm1, #date, #affected …), so HDX tools read them without a mapping.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
PRIMARY_KEYS = {"sieges": ["siege_id"], "evacuations": ["evacuation_id"], "aid_deliveries": ["delivery_id"],
                "places": ["place_id"], "sources": ["source_id"]}
PLACE_COLUMNS = {"sieges": "location_id", "population_estimates": "location_id", "aid_deliveries": "location_id",
                 "evacuations": "origin_id", "disagreements": "location_id"}
DESCRIPTIONS = {
    "sieges": "One row per siege: start, end, how it ended, besieging party, every source.",
    "population_estimates": "One row per source's estimate of the people in a place.",
    "aid_deliveries": "One row per convoy, airdrop or distribution; figures low / high / best.",
    "evacuations": "One row per batch, running total, whole-operation total or plan.",
    "besieged_population": "National totals of people under siege, as each publisher stated them.",
    "un_access_monthly": "UN inter-agency access per month.",
    "un_access_yearly": "UN inter-agency access per year.",
    "places": "The gazetteer: names, Arabic names, variants, coordinates.",
    "sources": "The source registry: publisher, title, URL, date, type, stance.",
    "disagreements": "Every event on which sources differ, with each version.",
    "unread_figures": "Figures given no number because the reading could not use all of them.",
}
#: table -> column -> HXL hashtag
HXL = {
    "sieges": {"siege_id": "#event+id", "location_id": "#loc+code", "location_name": "#loc+name",
               "governorate": "#adm1+name", "besieger_party": "#group+besieger", "start_date": "#date+start",
               "end_date": "#date+end", "end_reason": "#status+end", "source_ids": "#meta+source"},
    "evacuations": {"evacuation_id": "#event+id", "date": "#date", "origin_id": "#loc+code+origin",
                    "origin_name": "#loc+name+origin", "governorate": "#adm1+name",
                    "destination_std": "#loc+name+destination", "figure_kind": "#indicator+kind",
                    "people_best": "#affected+evacuated", "fighters_best": "#affected+evacuated+fighters",
                    "source_ids": "#meta+source"},
    "aid_deliveries": {"delivery_id": "#event+id", "date": "#date", "location_id": "#loc+code",
                       "location_name": "#loc+name", "governorate": "#adm1+name", "organisations": "#org",
                       "modality": "#activity+modality", "status": "#status", "trucks_best": "#indicator+trucks",
                       "people_best": "#reached+ind", "source_ids": "#meta+source"},
    "population_estimates": {"location_id": "#loc+code", "location_name": "#loc+name", "date": "#date",
                             "population_best": "#population", "population_kind": "#population+kind",
                             "source_id": "#meta+source"},
    "besieged_population": {"date": "#date", "publisher": "#org+publisher", "population": "#affected+besieged",
                            "communities": "#indicator+communities", "source_id": "#meta+source"},
}


def _field_type(table: str, column: str, series: pd.Series) -> str:
    from ..clean import BOOLEAN_COLUMNS, INTEGER_COLUMNS

    if column in BOOLEAN_COLUMNS:
        return "boolean"
    if column in ("latitude", "longitude"):
        return "number"
    if column in INTEGER_COLUMNS or (column.endswith(("_low", "_high", "_best")) and table != "disagreements"):
        return "integer"
    return "string"


def datapackage(processed_dir: Path) -> dict:
    processed_dir = Path(processed_dir)
    resources = []
    for path in sorted(processed_dir.glob("*.csv")):
        table = path.stem
        df = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=5)
        schema = {"fields": [{"name": c, "type": _field_type(table, c, df[c])} for c in df.columns],
                  "missingValues": [""]}
        if table in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[table]
        if table in PLACE_COLUMNS:
            schema["foreignKeys"] = [{"fields": PLACE_COLUMNS[table],
                                      "reference": {"resource": "places", "fields": "place_id"}}]
        resources.append({"name": table.replace("_", "-"), "path": path.name, "format": "csv", "encoding": "utf-8",
                          "description": DESCRIPTIONS.get(table, ""), "schema": schema})
    for r in resources:  # foreign keys name the resource by its package name
        for fk in r["schema"].get("foreignKeys", []):
            fk["reference"]["resource"] = "places"
    return {"name": "siege-data", "title": "Sieges, evacuations and aid deliveries in Syria, 2012-2018",
            "description": "A sourced dataset compiled from public pages; every row cites its source in "
                           "sources.csv, figures are kept as stated and read into low / high / best by documented "
                           "rules (README.md of the data folder).",
            "licenses": [LICENSE],
            "sources": [{"title": "Public pages listed in sources.csv (UN, ICRC/SARC, monitors, press)",
                         "path": "sources.csv"}],
            "resources": resources}


def write_datapackage(processed_dir: Path) -> Path:
    pkg = datapackage(processed_dir)
    path = Path(processed_dir) / "datapackage.json"
    path.write_text(json.dumps(pkg, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_hxl(processed_dir: Path) -> list[Path]:
    """HXL copies of the main tables under ``hxl/``: the header, the hashtag row, then the rows."""
    out_dir = Path(processed_dir) / "hxl"
    out_dir.mkdir(exist_ok=True)
    written = []
    for table, tags in HXL.items():
        df = pd.read_csv(Path(processed_dir) / f"{table}.csv", dtype=str, keep_default_na=False)
        cols = [c for c in tags if c in df.columns]
        tagged = pd.concat([pd.DataFrame([{c: tags[c] for c in cols}]), df[cols]], ignore_index=True)
        path = out_dir / f"{table}.csv"
        tagged.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written
