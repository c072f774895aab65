"""The build graph, parameter checks, and a real end-to-end build of the fixture."""
import json

import pytest

from analysis import paths
from analysis.pipeline import BuildError, Task, build, check_parameters, plan, topological_order


def test_plan_is_a_graph_with_known_inputs_and_outputs(raw_fixture, tmp_path):
    tasks = plan(raw_fixture, tmp_path)
    ids = [t.task_id for t in tasks]
    assert ids == ["clean", "overview", "location:al-waer", "location:daraya"]
    by_id = {t.task_id: t for t in tasks}
    assert by_id["location:daraya"].deps == ["clean"]
    assert by_id["location:daraya"].outputs == [tmp_path / "places" / "daraya.html"]
    assert raw_fixture / "sieges.csv" in by_id["clean"].inputs
    assert set(by_id["overview"].inputs) == set(by_id["clean"].outputs)


def test_topological_order_rejects_cycles_and_unknown_deps():
    a = Task("a", None, {}, [], [], deps=["b"])
    b = Task("b", None, {}, [], [], deps=["a"])
    with pytest.raises(ValueError, match="cycle"):
        topological_order([a, b])
    with pytest.raises(ValueError, match="unknown task 'zz'"):
        topological_order([Task("c", None, {}, [], [], deps=["zz"])])
    assert [t.task_id for t in topological_order([Task("x", None, {}, [], [], deps=["y"]),
                                                   Task("y", None, {}, [], [])])] == ["y", "x"]


def test_every_parameter_the_pipeline_passes_is_one_the_notebook_declares(raw_fixture, tmp_path):
    import papermill as pm

    for task in plan(raw_fixture, tmp_path):
        declared = pm.inspect_notebook(str(task.notebook))
        assert set(task.parameters) <= set(declared), task.task_id
        assert all(p["help"] for p in declared.values()), f"{task.notebook.name}: every parameter needs a # help"


def test_unknown_parameters_are_an_error():
    with pytest.raises(ValueError, match="unknown parameter.*locaton"):
        check_parameters(paths.NOTEBOOKS / "location.ipynb", {"locaton": "daraya"})


def test_end_to_end_build_publishes_every_page(built_site):
    reports = built_site["reports"]
    for rel in ("index.html", "overview.html", "places/daraya.html", "places/al-waer.html", "charts/index.html",
                "claims.html", "claims.csv", "data/evacuations.csv", "places/data/daraya-evacuations.csv",
                "notebooks/location-daraya.ipynb"):
        assert (reports / rel).exists(), rel
    assert json.loads((reports / "build.json").read_text())["tasks"] == [
        "clean", "location:al-waer", "location:daraya", "overview"]
    assert (built_site["processed"] / "sieges.csv").exists()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index.index("places/daraya.html") < index.index("places/al-waer.html")  # Al-Waer sorts under W
    assert not list(reports.parent.glob("reports.staging*"))


def test_pages_need_no_network_and_hide_code(built_site):
    import re

    for page in built_site["reports"].rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=|<link[^>]+href=[\"']?https?:|@import|url\([\"']?https?:", html), page.name
        assert "import pandas" not in html and "from analysis" not in html, page.name
        assert '<html lang="en">' in html and 'name="viewport"' in html
        assert "Data as of 2026-11-25." in html, page.name


def test_headings_are_in_order(built_site):
    import re

    for page in ("overview.html", "places/daraya.html", "index.html"):
        html = (built_site["reports"] / page).read_text(encoding="utf-8")
        levels = [int(h) for h in re.findall(r"<h([1-6])", html)]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (page, levels)


def test_a_failed_build_publishes_nothing_and_keeps_what_was_there(raw_fixture, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in raw_fixture.glob("*.csv"):
        (raw / f.name).write_bytes(f.read_bytes())
    with open(raw / "sieges.csv", "a", encoding="utf-8") as fh:
        fh.write("daraya-2012,daraya,x,government,2012-13,,,,,no-such-source,,\n")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "index.html").write_text("the published site", encoding="utf-8")
    processed = tmp_path / "processed"
    with pytest.raises(BuildError) as err:
        build(raw, processed, reports, jobs=2, log=lambda *_: None, as_of="")
    message = str(err.value)
    assert "clean" in message and "nothing was published" in message
    assert "sieges.csv" in message and "no-such-source" in message
    assert "--- overview" not in message  # nothing after a failed clean runs
    assert (reports / "index.html").read_text(encoding="utf-8") == "the published site"
    assert not processed.exists()
    kept = list(tmp_path.glob("reports.staging-*"))
    assert len(kept) == 1 and (kept[0] / "notebooks" / "clean.ipynb").exists()  # kept for diagnosis
    assert str(kept[0]) in message


def test_rebuilding_one_place_keeps_the_other_pages(built_site, raw_fixture, tmp_path):
    import shutil

    reports = tmp_path / "reports"
    shutil.copytree(built_site["reports"], reports)
    (reports / "places" / "al-waer.html").write_text("previous al-waer page", encoding="utf-8")
    build(raw_fixture, tmp_path / "processed", reports, places=["daraya"], jobs=2, log=lambda *_: None,
          as_of="2026-11-25")
    assert (reports / "places" / "al-waer.html").read_text(encoding="utf-8") == "previous al-waer page"
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="places/al-waer.html"' in index and 'href="places/daraya.html"' in index
