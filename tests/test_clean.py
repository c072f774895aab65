"""Cleaning rules on tiny frames, and the real cleaning step on the Daraya / Al Waer fixture."""
import pandas as pd
import pytest

from analysis.clean import (
    aggregate_events,
    build_processed_tables,
    group_publisher,
    parse_figures,
    pick_status,
    split_figure_kinds,
)
from analysis.schemas import DataValidationError


def frame(rows):
    df = pd.DataFrame(rows)
    df.index = pd.RangeIndex(2, len(df) + 2)
    return df


def test_parse_figures_adds_low_high_best_and_qualifier():
    out = parse_figures(frame([{"people_as_stated": "4,000-8,000"}, {"people_as_stated": "some 700"},
                               {"people_as_stated": ""}]), {"people_as_stated": "people"})
    assert out["people_low"].tolist() == [4000, 700, pd.NA]
    assert out["people_high"].tolist() == [8000, 700, pd.NA]
    assert out["people_best"].tolist() == [6000, 700, pd.NA]
    assert out["people_qualifier"].tolist() == ["range", "approx", "empty"]


def test_several_sources_give_the_spread_and_the_median():
    parsed = parse_figures(frame([
        {"event_id": "daraya-evac-x", "people_as_stated": "700", "source_id": "a"},
        {"event_id": "daraya-evac-x", "people_as_stated": "800", "source_id": "b"},
        {"event_id": "daraya-evac-x", "people_as_stated": "1,500", "source_id": "c"},  # Daraya's fighters, 3 versions
    ]), {"people_as_stated": "people"})
    out = aggregate_events(parsed, "event_id", ["people"], [])
    row = out.iloc[0]
    assert (row["people_low"], row["people_high"], row["people_best"]) == (700, 1500, 800)
    assert (row["n_sources"], row["source_ids"]) == (3, "a;b;c")


def test_planned_and_carried_out_figures_never_mix():
    df = frame([
        {"event_id": "e", "figure_kind": "per_batch"}, {"event_id": "e", "figure_kind": "planned"},
        {"event_id": "f", "figure_kind": "planned"},
    ])
    assert split_figure_kinds(df)["evacuation_id"].tolist() == ["e", "e--planned", "f"]


def test_the_most_complete_outcome_wins():
    df = frame([{"k": "e", "status": "planned"}, {"k": "e", "status": "happened"}, {"k": "f", "status": "planned"}])
    assert pick_status(df, "k")["status"].tolist() == ["happened", "happened", "planned"]


@pytest.mark.parametrize("publisher, group", [
    ("UN OCHA", "United Nations"), ("UN Secretary-General", "United Nations"), ("Siege Watch", "Siege Watch"),
    ("PAX", "Siege Watch"), ("The Syria Institute", "Siege Watch"), ("MSF", "Others (NGOs, press)"),
])
def test_group_publisher(publisher, group):
    assert group_publisher(publisher) == group


@pytest.fixture(scope="module")
def tables(raw_fixture):
    return build_processed_tables(raw_fixture)


def test_daraya_siege_from_the_fixture(tables):
    s = tables["sieges"].set_index("siege_id").loc["daraya-2012"]
    assert (s["start_date"], s["start_precision"], s["end_date"], s["end_reason"]) == (
        "2012-11-09", "day", "2016-08-27", "evacuation_deal")
    assert bool(s["dates_disputed"]) is True
    assert s["location_name"] == "Daraya" and s["governorate"] == "Rif Dimashq"


def test_al_waer_siege_from_the_fixture(tables):
    s = tables["sieges"].set_index("siege_id").loc["al-waer-2013"]
    assert (s["start_date"], s["end_date"], s["besieger_party"]) == ("2013-10-10", "2017-05-21", "government")


def test_daraya_first_batch_keeps_every_version(tables):
    e = tables["evacuations"].set_index("evacuation_id").loc["daraya-evac-20160826"]
    assert (e["people_low"], e["people_high"], e["people_best"]) == (230, 270, 250)
    assert (e["fighters_low"], e["fighters_high"], e["fighters_best"]) == (120, 300, 300)
    assert (e["figure_kind"], e["status"], e["n_sources"]) == ("per_batch", "happened", 14)
    dis = tables["disagreements"]
    fighters = dis[(dis["event_id"] == "daraya-evac-20160826") & (dis["field"] == "fighters")].iloc[0]
    assert (fighters["low"], fighters["high"], fighters["spread"]) == ("120", "300", 180)


def test_al_waer_2017_totals_keep_the_spread(tables):
    e = tables["evacuations"].set_index("evacuation_id").loc["al-waer-evac-201703-total"]
    assert (e["figure_kind"], e["people_low"], e["people_high"], e["people_best"]) == (
        "final_total", 12000, 20000, 17000)


def test_processed_tables_have_the_documented_columns(tables):
    assert list(tables["sieges"].columns[:4]) == ["siege_id", "location_id", "location_name", "governorate"]
    for col in ("delivery_id", "date", "location_id", "location_name", "organisations", "trucks", "people_low",
                "people_high", "people_best", "source_ids"):
        assert col in tables["aid_deliveries"].columns or f"{col}_best" in tables["aid_deliveries"].columns


def test_bad_raw_input_names_file_line_column_and_value(raw_fixture, tmp_path):
    import csv

    for f in raw_fixture.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    path = tmp_path / "evacuations.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        cols, rows = reader.fieldnames, list(reader)
    rows[0]["date"] = "26/08/2016"  # file line 2
    rows[1]["source_id"] = "no-such-source"  # file line 3
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataValidationError) as err:
        build_processed_tables(tmp_path)
    text = str(err.value)
    assert "evacuations.csv:2 column 'date' value '26/08/2016': must be empty or an ISO date" in text
    assert "evacuations.csv:3 column 'source_id' value 'no-such-source': must be a known source_id" in text
    assert len(err.value.failures) == 2


def _copy_with(raw_fixture, tmp_path, table, changes):
    import csv

    for f in raw_fixture.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    path = tmp_path / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        cols, rows = reader.fieldnames, list(reader)
    for index, column, value in changes:
        rows[index][column] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_impossible_figures_stop_the_clean_naming_file_line_and_text(raw_fixture, tmp_path):
    _copy_with(raw_fixture, tmp_path, "evacuations", [(0, "people_as_stated", "8,000-4,000"),
                                                      (1, "people_as_stated", "-500"),
                                                      (2, "fighters_as_stated", "4,000,000,000")])
    with pytest.raises(DataValidationError) as err:
        build_processed_tables(tmp_path)
    text = str(err.value)
    assert "evacuations.csv:2 column 'people_as_stated' value '8,000-4,000': a range whose end is below" in text
    assert "evacuations.csv:3 column 'people_as_stated' value '-500': a negative count" in text
    assert "evacuations.csv:4 column 'fighters_as_stated' value '4,000,000,000': 4,000,000,000 is more than" in text


def test_a_half_read_figure_gets_no_number_and_is_listed(raw_fixture, tmp_path):
    _copy_with(raw_fixture, tmp_path, "evacuations", [(0, "people_as_stated", "about 1,450 rebels and 1,400 relatives")])
    tables = build_processed_tables(tmp_path)
    unread = tables["unread_figures"]
    row = unread[unread["line"] == 2].iloc[0]
    assert (row["column"], row["as_stated"], row["left_over"], row["explanation"]) == (
        "people_as_stated", "about 1,450 rebels and 1,400 relatives", "1,400", "")


def test_the_committed_data_has_no_unexplained_unread_figure():
    from analysis.clean import read_processed

    unread = read_processed()["unread_figures"]
    assert (unread["explanation"] != "").all(), unread[unread["explanation"] == ""][["file", "line"]].to_string()


def test_the_committed_data_has_no_open_plausibility_item():
    from analysis.clean import read_processed
    from analysis.plausibility import plausibility_review

    review = plausibility_review(read_processed())
    assert len(review) > 0  # the checks do flag things: each must carry a verdict
    assert (review["verdict"] != "").all(), review[review["verdict"] == ""][["check", "item"]].to_string()


def test_plausibility_checks_flag_what_they_should():
    import pandas as pd

    from analysis.plausibility import plausibility_review

    empty = pd.DataFrame
    tables = {
        "population_estimates": pd.DataFrame({
            "location_id": ["a", "a", "a", "a"], "date": ["2016", "2016", "2017", "2017"], "source_id": list("wxyz"),
            "population_kind": ["besieged"] * 4, "population_best": pd.array([50, 4000, 5000, 40000], dtype="Int64"),
            "population_as_stated": ["50", "4,000", "5,000", "40,000"], "covers": [""] * 4}),
        "evacuations": pd.DataFrame({
            "evacuation_id": ["e1"], "origin_id": ["a"], "date": ["2016-05-01"], "source_ids": ["w"],
            "people_high": pd.array([200], dtype="Int64"), "people_best": pd.array([200], dtype="Int64"),
            "fighters_low": pd.array([288], dtype="Int64")}),
        "aid_deliveries": pd.DataFrame({
            "delivery_id": ["d1", "d2", "d3"], "location_id": ["a"] * 3, "date": ["2012-10", "2016", "2016-02-03"],
            "status": ["delivered", "delivered", "delivered"]}),
        "sieges": pd.DataFrame({"location_id": ["a"], "start_date": ["2012-11-09"]}),
        "sources": pd.DataFrame({"source_id": list("wxyz"), "publisher": list("WXYZ")}),
    }
    review = plausibility_review(tables)
    assert sorted(zip(review["check"], review["item"])) == [
        ("aid_before_siege", "d1"), ("fighters_exceed_people", "e1"), ("population_outlier", "a/2017/z"),
        ("small_population", "a/2016/w"), ("undated_aid_may_repeat", "d2")]
