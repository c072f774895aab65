"""Shared fixtures: the raw fixture folder and one real pipeline build of it (run once per session)."""
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAW_FIXTURE = FIXTURES / "raw"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def raw_fixture() -> Path:
    return RAW_FIXTURE


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Run the real pipeline (clean, overview, two place pages, site) on the fixture into a temp folder."""
    from analysis.pipeline import build

    root = tmp_path_factory.mktemp("build")
    reports = root / "reports"
    processed = root / "processed"
    build(RAW_FIXTURE, processed, reports, jobs=2, log=lambda *_: None, as_of="2026-11-25")
    return {"reports": reports, "processed": processed}


@pytest.fixture(scope="session")
def full_site(tmp_path_factory):
    """The real pipeline on the whole committed dataset (every place page), for checks that must see them all."""
    from analysis import paths
    from analysis.pipeline import build

    root = tmp_path_factory.mktemp("full")
    reports = root / "reports"
    build(paths.RAW, root / "processed", reports, jobs=2, log=lambda *_: None, as_of="2026-12-06")
    return reports
