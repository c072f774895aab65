"""Documentation that is tested against the code: data dictionary, README commands, Makefile."""
import re

from analysis import paths
from analysis.clean import PROCESSED_TABLES, read_processed
from analysis.schemas import RAW_COLUMNS


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    nxt = text.find("\n### ", start + len(heading))
    return text[start: nxt if nxt != -1 else len(text)]


def test_every_processed_column_is_in_the_data_dictionary():
    text = paths.DATA_README.read_text(encoding="utf-8")
    tables = read_processed()
    for name in PROCESSED_TABLES:
        section = _section(text, f"### {name}.csv")
        documented = set(re.findall(r"^\| ([a-z_, ]+) \|", section, flags=re.M))
        names = {c.strip() for cell in documented for c in cell.split(",")}
        missing = [c for c in tables[name].columns if c not in names]
        assert not missing, f"{name}.csv columns not documented: {missing}"


def test_raw_format_documents_every_raw_column():
    text = (paths.DATA / "RAW-FORMAT.md").read_text(encoding="utf-8")
    for table, columns in RAW_COLUMNS.items():
        section = text[text.index(f"## {table}.csv"):]
        for col in columns:
            assert re.search(rf"\| [a-z_, ]*\b{col}\b", section), f"{table}.{col}"


def test_readme_quick_start_commands_exist_in_the_makefile():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^\s*make ([a-z-]+)", readme, flags=re.M):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    assert "make report" in readme and "make test" in readme


def test_ci_runs_the_readme_test_command():
    assert "make test" in (paths.ROOT / ".ci" / "run").read_text()


def test_coverage_page_is_current():
    from analysis.coverage import coverage_markdown

    assert paths.COVERAGE.read_text(encoding="utf-8") == coverage_markdown(read_processed())


def test_processed_tables_are_current_with_raw():
    """data/processed/ is what cleaning data/raw/ gives today (rebuild with `make clean-data`)."""
    from analysis.clean import build_processed_tables

    fresh = build_processed_tables(paths.RAW)
    for name in PROCESSED_TABLES:
        committed = (paths.PROCESSED / f"{name}.csv").read_text(encoding="utf-8")
        assert fresh[name].to_csv(index=False, lineterminator="\n") == committed, name


def test_coverage_by_year_counts_un_convoys_against_every_stated_total():
    import pandas as pd

    from analysis.coverage import coverage_by_year

    aid = pd.DataFrame({
        "date": ["2016-02-03", "2016-05", "2016-06-01", "2016-07-01", "2017-01-01"],
        "organisations": ["UN;SARC", "ICRC;SARC", "UN", "UN;WFP", "UN"],
        "modality": ["convoy", "convoy", "convoy", "airdrop", "convoy"],
        "status": ["delivered", "delivered", "refused", "delivered", "partial"],
        "people_best": pd.array([40_000, 10_000, 5_000, 1_000, pd.NA], dtype="Int64"),
    })
    yearly = pd.DataFrame({"year": ["2016", "2016"], "people_reached": pd.array([80_000, 100_000], dtype="Int64"),
                           "convoys_completed": pd.array([4, pd.NA], dtype="Int64"), "source_id": ["a", "b"]})
    cov = coverage_by_year(aid, yearly).set_index("year")
    assert cov.loc[2016, ["our_convoys", "un_convoys", "convoy_ratio", "our_people", "un_people", "people_ratio",
                          "un_sources"]].tolist() == [1, [4], [0.25], 40_000, [80_000, 100_000], [0.5, 0.4], ["a", "b"]]
    assert cov.loc[2017, ["our_convoys", "our_people", "our_people_records", "un_people"]].tolist() == [1, 0, 0, []]
