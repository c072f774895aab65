"""Chart builders, checked on to_dict(): encodings, titles, source line, alt text, uncertainty drawn."""
import json

import pandas as pd
import pytest

from analysis import charts, theme
from analysis.clean import build_processed_tables


@pytest.fixture(scope="module")
def t(raw_fixture):
    return build_processed_tables(raw_fixture)


def _layers(spec: dict) -> list[dict]:
    """Every leaf layer of the chart body, nested layers flattened."""
    def leaves(node: dict) -> list[dict]:
        return [leaf for child in node["layer"] for leaf in leaves(child)] if "layer" in node else [node]

    return leaves(spec["vconcat"][0])


def _footer(spec: dict) -> list[str]:
    text_view = spec["vconcat"][-1]
    return [v["line"] for v in spec["datasets"][text_view["data"]["name"]]]


def test_house_theme_is_registered_and_active():
    import altair as alt

    assert alt.theme.active == theme.THEME_NAME
    assert theme.theme()["config"]["range"]["category"] == theme.PALETTE


def test_evacuation_chart_draws_batches_side_by_side_with_the_spread_between_sources(t):
    from analysis.story.place import place_story

    story = place_story(t, "daraya")
    text = story.chart_text("evacuations")
    spec = charts.evacuation_batches("daraya", "Daraya", story.batches, t["sources"], "2026-11-25", text).to_dict()
    assert spec["title"]["text"] == text["title"] == "2 counted batches left Daraya, 26 August 2016"
    assert spec["description"] == text["alt"]
    layers = [layer for layer in _layers(spec) if "mark" in layer]
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers]
    assert marks == ["rule", "point", "rule", "point", "rule"]
    # one mark per batch: nothing is stacked into a sum that never happened
    assert all(layer["encoding"]["y"].get("stack", None) is None for layer in layers)
    rule = layers[-1]["encoding"]
    assert (rule["y"]["field"], rule["y2"]["field"]) == ("people_low", "people_high")
    footer = _footer(spec)
    assert footer[0].startswith("Source: ")
    assert footer[-1] == "Data as of 2026-11-25. siege-data."


def test_source_line_lists_publishers_most_cited_first():
    sources = pd.DataFrame({"source_id": ["a", "b", "c"], "publisher": ["UN OCHA", "Siege Watch", "UN OCHA"]})
    assert charts.source_line(["a", "b", "c"], sources) == "UN OCHA; Siege Watch"
    assert charts.source_line(["a", "b", "c"], sources, limit=1) == (
        "UN OCHA and 1 other publisher, compiled by siege-data")


def test_population_chart_draws_each_estimate_with_its_range(t):
    spec = charts.population_band("al-waer", "Al-Waer", t["population_estimates"], t["sources"]).to_dict()
    rule, points = _layers(spec)
    assert (rule["encoding"]["y"]["field"], rule["encoding"]["y2"]["field"]) == ("population_low", "population_high")
    assert points["encoding"]["y"]["field"] == "population_best"
    assert "population estimates for Al-Waer" in spec["description"]


def test_place_with_no_records_gets_an_honest_empty_chart(t):
    spec = charts.aid_deliveries_chart("nowhere", "Nowhere", t["aid_deliveries"], t["sources"]).to_dict()
    assert spec["description"] == "No aid deliveries to Nowhere in the dataset."


def test_national_chart_one_line_per_publisher_group(t):
    chart = charts.national_besieged(t["besieged_population"], t["sources"])
    spec = chart.to_dict()
    colour = _layers(spec)[2]["encoding"]["color"]
    assert colour["field"] == "publisher_group"
    assert colour["scale"]["domain"] == ["United Nations", "Siege Watch", "Others (NGOs, press)"]
    assert chart.data["date"].ne("").all()


def test_titles_with_quotes_and_arabic_survive_json():
    sieges = pd.DataFrame(columns=["location_id"])
    empty = pd.DataFrame(columns=["origin_id", "status", "location_id", "figure_kind"])
    spec = charts.place_timeline("x", 'Ain "al-<Fijeh>" & عين الفيجة', sieges, empty, empty,
                                 pd.DataFrame(columns=["source_id", "publisher"]))
    text = json.dumps(spec.to_dict(), ensure_ascii=False)
    assert 'Ain \\"al-<Fijeh>\\" & عين الفيجة' in text


def test_un_access_chart_uses_whole_months_only_and_draws_the_gap():
    access = pd.DataFrame({
        "month": ["2016-10", "2016-11", "2016-12"], "period_kind": ["month", "part_of_month", "month"],
        "people_requested": pd.array([962000, None, 930250], dtype="Int64"),
        "people_reached": pd.array([285500, 107000, 6000], dtype="Int64"),
        "convoys_completed": pd.array([7, 1, 1], dtype="Int64"), "scope": ["b", "b", "b"],
        "source_id": ["un-a", "un-b", "un-c"],
    })
    sources = pd.DataFrame({"source_id": ["un-a", "un-b", "un-c"], "publisher": ["UN Secretary-General"] * 3})
    chart = charts.un_access_chart(access, sources)
    gap, dots = _layers(chart.to_dict())
    assert (gap["encoding"]["y"]["field"], gap["encoding"]["y2"]["field"]) == ("people_reached", "people_requested")
    assert sorted(chart.data["month"].unique()) == ["2016-10", "2016-12"]
    assert chart.alt_text == ("Dot chart of people requested and reached by UN inter-agency convoys in 2 months with "
                              "a whole-month figure, between 2016-10 and 2016-12; 2 of them have both.")
    assert _footer(chart.to_dict())[0] == "Source: UN Secretary-General"
