"""Open the built site in headless Chromium: charts are drawn, nothing errors, screenshots are kept."""
import os
import shutil
from pathlib import Path

import pytest

from conftest import ARTIFACTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).exists() and Path(DRIVER).exists()

if not HAVE_BROWSER and os.environ.get("CI"):
    raise RuntimeError("CI must have Debian's chromium and chromium-driver (installed by .ci/run)")

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not HAVE_BROWSER, reason="chromium / chromedriver not installed (apt-get install "
                                                          "chromium chromium-driver); CI always runs this test")]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=420,900", f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(DRIVER), options=opts)
    yield d
    d.quit()


@pytest.mark.parametrize("page, min_charts", [
    ("index.html", 0), ("overview.html", 6), ("places/daraya.html", 4), ("places/al-waer.html", 4),
    ("charts/index.html", 14),
])
def test_page_renders_charts_without_errors(driver, built_site, page, min_charts):
    from selenium.webdriver.common.by import By

    path = built_site["reports"] / page
    driver.get(path.as_uri())
    assert driver.execute_script("return document.documentElement.lang") == "en"
    # charts are inline SVG on report pages and <img> of the exported SVG in the gallery
    driver.execute_script("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    svgs = driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
    imgs = driver.find_elements(By.CSS_SELECTOR, "figure.chart img")
    drawn = [s for s in svgs + imgs if s.size["width"] > 100 and s.size["height"] > 50]
    loaded = driver.execute_script(
        "return Array.from(document.querySelectorAll('figure.chart img')).filter(i => i.naturalWidth > 0).length")
    assert loaded == len(imgs), f"{page}: {len(imgs) - loaded} chart images did not load"
    assert len(drawn) >= min_charts, f"{page}: {len(drawn)} charts drawn"
    if min_charts:
        assert all(s.get_attribute("aria-label") or s.get_attribute("alt") for s in drawn)
    # readable on a phone: in a phone-sized window nothing scrolls the page sideways
    width = driver.execute_script("return document.documentElement.clientWidth")
    assert width < 520
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / (page.replace("/", "-").replace(".html", "") + ".png")))


def test_index_links_everything(driver, built_site):
    from selenium.webdriver.common.by import By

    driver.get((built_site["reports"] / "index.html").as_uri())
    hrefs = {a.get_attribute("href").rsplit("/reports/", 1)[-1] for a in driver.find_elements(By.TAG_NAME, "a")}
    for target in ("overview.html", "places/daraya.html", "places/al-waer.html", "charts/index.html",
                   "claims.html", "data/evacuations.csv"):
        assert target in hrefs, target
    assert "Data as of 2026-11-25" in driver.find_element(By.TAG_NAME, "main").text


def test_arabic_name_is_right_to_left(driver, built_site):
    from selenium.webdriver.common.by import By

    driver.get((built_site["reports"] / "places" / "daraya.html").as_uri())
    span = driver.find_element(By.CSS_SELECTOR, ".arabic-name span")
    assert span.get_attribute("dir") == "rtl" and span.get_attribute("lang") == "ar"
    assert span.text == "داريا"


SCRIPT = "</script><script>window.__xss=1</script>"
IMG = "<img src=x onerror=\"window.__xss=1\">"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, raw_fixture):
    """The pipeline on the fixture with script and markup in a place name, a quote, a note and a source title."""
    import csv

    from analysis.pipeline import build

    root = tmp_path_factory.mktemp("hostile")
    raw = root / "raw"
    shutil.copytree(raw_fixture, raw)

    def edit(table, fn):
        with open(raw / f"{table}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = list(rows[0])
        for r in rows:
            fn(r)
        with open(raw / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)

    edit("places", lambda r: r.update(name_en=f"Daraya {SCRIPT}\"'") if r["place_id"] == "daraya" else None)
    edit("sources", lambda r: r.update(title=f"{IMG} unbalanced \"quote {r['title']}"))
    edit("evacuations", lambda r: r.update(quote=f"{IMG} {r['quote']}", notes=f"{SCRIPT} {r['notes']}"))
    reports = root / "reports"
    build(raw, root / "processed", reports, places=["daraya"], jobs=2, log=lambda *_: None, as_of="2026-11-25")
    return reports


@pytest.mark.parametrize("page", ["index.html", "overview.html", "places/daraya.html", "charts/index.html",
                                  "claims.html"])
def test_markup_in_names_and_sources_shows_as_text_and_never_runs(driver, hostile_site, page):
    from selenium.webdriver.common.by import By

    driver.get((hostile_site / page).as_uri())
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    assert driver.execute_script("return window.__xss === undefined"), f"a script ran on {page}"
    assert driver.find_elements(By.CSS_SELECTOR, "script") == [] or all(
        "__xss" not in (s.get_attribute("innerHTML") or "") for s in driver.find_elements(By.CSS_SELECTOR, "script"))
    if page in ("places/daraya.html", "index.html"):
        assert SCRIPT in driver.find_element(By.TAG_NAME, "body").text


def test_markup_in_names_stays_text_in_svg_and_chart_specs(hostile_site):
    import json

    spec = json.loads((hostile_site / "charts" / "daraya-timeline.vl.json").read_text(encoding="utf-8"))
    assert SCRIPT in json.dumps(spec, ensure_ascii=False)
    svg = (hostile_site / "charts" / "daraya-timeline.svg").read_text(encoding="utf-8")
    assert "<script" not in svg and "&lt;/script&gt;&lt;script&gt;" in svg
