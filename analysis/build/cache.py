"""Incremental builds by content: a task reruns only when what it reads changes.

Each task gets a key, the hash of a sorted mapping of what it reads:

- the notebook's code cells (comments and blank lines kept out, so an edited comment changes nothing),
- the source of every module in ``analysis/`` and the pinned versions (``requirements*.txt``),
- its parameters (folders left out: where a build reads is not what it reads) and a manual ``EPOCH``,
- its data: the raw files for ``clean``; every processed table for the overview; for a place page, only the
  processed rows concerning that place (and the sources they cite, and the places they name).

The keys of the published site are kept in ``reports/.build/manifest.json``. Timestamps never trigger work.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import paths

EPOCH = "2026-12-06"
MANIFEST = Path(".build") / "manifest.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    return _sha(Path(path).read_bytes())


def notebook_code(notebook: Path) -> str:
    """The digest of a notebook's code cells, comments and blank lines left out."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    lines = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        for line in "".join(cell.get("source", [])).splitlines():
            code = line.split("#", 1)[0].rstrip() if "#" in line and "'" not in line and '"' not in line else line.rstrip()
            if code.strip():
                lines.append(code)
        lines.append("\x00")
    return _sha("\n".join(lines).encode())


def code_digest(root: Path = paths.ROOT) -> str:
    """Every module of the package and the pinned versions."""
    h = hashlib.sha256()
    for path in sorted((root / "analysis").rglob("*.py")) + sorted(root.glob("requirements*.txt")):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    h.update(EPOCH.encode())
    return h.hexdigest()


def folder_digest(folder: Path) -> str:
    """Every CSV table in a folder (the raw tables for ``clean``, the processed ones for the overview)."""
    h = hashlib.sha256()
    for path in sorted(Path(folder).glob("*.csv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def task_key(notebook: Path, parameters: dict, data: str, code: str) -> str:
    # folders are where a build reads and writes, not what it reads: their content is in ``data``
    params = {k: v for k, v in parameters.items() if not k.endswith("_dir")}
    return _sha(json.dumps({"notebook": notebook_code(notebook), "code": code, "parameters": params,
                            "data": data}, sort_keys=True).encode())


def _frame_digest(df) -> str:
    return _sha(df.to_csv(index=False, lineterminator="\n").encode())


def place_data_digests(processed_dir: Path, place_ids: list[str]) -> dict[str, str]:
    """For each place, the digest of the processed rows its page reads."""
    from ..clean import read_processed

    t = read_processed(processed_dir)
    out = {}
    for pid in place_ids:
        def concerning(df, col):
            mask = df[col] == pid
            if "covers" in df.columns:
                mask = mask | df["covers"].fillna("").str.split(";").map(lambda c: pid in c)
            return df[mask]

        parts = {
            "sieges": concerning(t["sieges"], "location_id"),
            "population": concerning(t["population_estimates"], "location_id"),
            "aid": concerning(t["aid_deliveries"], "location_id"),
            "evacuations": concerning(t["evacuations"], "origin_id"),
            "disagreements": t["disagreements"][t["disagreements"]["location_id"] == pid],
        }
        cited = set()
        for name, frame in parts.items():
            col = "source_id" if name == "population" else "source_ids"
            for cell in frame[col]:
                cited.update(s for s in str(cell).split(";") if s)
        named = {pid}
        for frame in (parts["population"], parts["aid"], parts["evacuations"]):
            for cell in frame.get("covers", []):
                named.update(p for p in str(cell).split(";") if p)
        parts["sources"] = t["sources"][t["sources"]["source_id"].isin(cited)]
        parts["places"] = t["places"][t["places"]["place_id"].isin(named)]
        out[pid] = _sha(json.dumps({k: _frame_digest(v) for k, v in parts.items()}, sort_keys=True).encode())
    return out


def read_manifest(reports_dir: Path) -> dict:
    path = Path(reports_dir) / MANIFEST
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def write_manifest(staging: Path, manifest: dict) -> None:
    path = Path(staging) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
