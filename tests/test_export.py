"""Every exported chart file exists and opens: PNG decodes, SVG parses, JSON is valid Vega-Lite."""
import json
import struct
import xml.etree.ElementTree as ET

import pytest

from analysis.export import EXTENSIONS


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def charts_dir(built_site):
    return built_site["reports"] / "charts"


def test_every_chart_has_every_format(charts_dir):
    ids = sorted(p.name[: -len(".meta.json")] for p in charts_dir.glob("*.meta.json"))
    assert "national-besieged-population" in ids and "daraya-evacuations" in ids and "al-waer-timeline" in ids
    assert len(ids) == 6 + 4 * 2  # six overview charts + four per place
    for cid in ids:
        for ext in EXTENSIONS:
            assert (charts_dir / f"{cid}.{ext}").stat().st_size > 0, f"{cid}.{ext}"


def test_png_is_2x_svg_parses_and_json_is_valid_vega_lite(charts_dir):
    import altair as alt
    import jsonschema
    import vl_convert as vlc

    schema = alt.vegalite.load_schema()
    for svg in charts_dir.glob("*.svg"):
        cid = svg.name[:-4]
        root = ET.parse(svg).getroot()
        assert root.tag.endswith("svg")
        svg_width = float(root.get("width"))
        width, height = png_size(charts_dir / f"{cid}.png")
        assert width == pytest.approx(2 * svg_width, abs=2)
        spec = json.loads((charts_dir / f"{cid}.vl.json").read_text(encoding="utf-8"))
        jsonschema.validate(spec, schema)
        vlc.vegalite_to_vega(spec)  # vl-convert accepts it
        alt_text = (charts_dir / f"{cid}.alt.txt").read_text(encoding="utf-8").strip()
        assert alt_text and alt_text == spec["description"]


def test_exports_are_byte_identical_when_rebuilt(built_site, tmp_path):
    from analysis import charts
    from analysis.clean import read_processed
    from analysis.export import export_chart

    t = read_processed(built_site["processed"])
    from analysis.story.overview import sieges_chart_text

    spec = charts.sieges_timeline(t["sieges"], t["sources"], "2026-11-25", sieges_chart_text(t["sieges"]))
    export_chart(spec, tmp_path)
    published = built_site["reports"] / "charts"
    for ext in ("svg", "vl.json", "csv"):
        assert (tmp_path / f"sieges-timeline.{ext}").read_bytes() == (published / f"sieges-timeline.{ext}").read_bytes()


def test_figure_html_survives_quotes_angle_brackets_ampersands_and_arabic():
    from html.parser import HTMLParser

    import pandas as pd

    from analysis import charts
    from analysis.export import figure_html

    name = 'Ain "al-<Fijeh>" & عين الفيجة'
    empty = pd.DataFrame(columns=["origin_id", "status", "location_id", "figure_kind"])
    spec = charts.place_timeline("x", name, pd.DataFrame(columns=["location_id"]), empty, empty,
                                 pd.DataFrame(columns=["source_id", "publisher"]))
    out = figure_html(spec)

    class Collect(HTMLParser):
        labels, texts = [], []

        def handle_starttag(self, tag, attrs):
            if tag == "svg":
                self.labels.append(dict(attrs)["aria-label"])

        def handle_data(self, data):
            self.texts.append(data)

    parser = Collect()
    parser.feed(out)
    assert parser.labels == [spec.alt_text]
    assert name in spec.alt_text
    assert any(name in t for t in parser.texts)  # the title drawn in the SVG, escaped and read back intact
