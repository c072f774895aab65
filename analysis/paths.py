"""The one place that knows where things live.

Every entry point takes folders as parameters (defaulting to these), so tests can
point the pipeline at a temporary directory.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
GEO = DATA / "geo"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
DATA_README = DATA / "README.md"
COVERAGE = DATA / "COVERAGE.md"
AUDIT = DATA / "audit"


def resolve(path: str | Path) -> Path:
    """A notebook parameter's path: absolute as given, relative to the project root otherwise."""
    p = Path(path)
    return p if p.is_absolute() else ROOT / p
