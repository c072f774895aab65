"""Executed notebooks made byte-identical across builds: no random ids, run times or staging paths."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

#: papermill's per-run metadata: when and where a notebook ran, not what it says
_RUN_METADATA = ("start_time", "end_time", "duration", "input_path", "output_path")


def normalise_executed(out_nb: Path, task_id: str, staging: Path) -> None:
    """Rewrite an executed notebook so two builds of the same inputs write the same bytes.

    Cell ids (papermill gives the injected cell a random one) become ``<task>-<n>``; papermill's timings and
    paths are dropped; the staging folder in injected parameters is written as ``reports``.
    """
    nb = nbformat.read(str(out_nb), as_version=4)
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", task_id).strip("-")
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{slug}-{i}"
        cell.get("metadata", {}).pop("execution", None)  # nbclient's per-cell timestamps
        meta = cell.get("metadata", {}).get("papermill")
        if isinstance(meta, dict):
            for key in _RUN_METADATA:
                meta.pop(key, None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = cell.source.replace(str(Path(staging)), "reports")
    meta = nb.metadata.get("papermill")
    if isinstance(meta, dict):
        for key in _RUN_METADATA:
            meta.pop(key, None)
        params = meta.get("parameters", {})
        for k, v in list(params.items()):
            if isinstance(v, str):
                params[k] = v.replace(str(Path(staging)), "reports")
    nbformat.write(nb, str(out_nb))
