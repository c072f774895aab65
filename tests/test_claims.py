"""Every number in report prose is in the claim ledger, with the table, rows and sources behind it."""
import csv
import html
import re

import pytest

from analysis.claims import Ledger, unregistered_numbers


def test_ledger_registers_and_cites():
    ledger = Ledger("t", {"un-a": "un_report", "afp-b": "news_agency", "x-c": "local_outlet", "w-d": "encyclopedia"})
    text = ledger.span(700, 1500, what="fighters", table="evacuations", rows=["e1"], source_ids="x-c;afp-b;un-a;w-d")
    assert text == "between 700 and 1,500"
    assert ledger.cite("x-c;afp-b;un-a;w-d") == "[un-a; afp-b; x-c; +1 more]"
    assert ledger.claims[0].source_ids == "afp-b;un-a;w-d;x-c"
    with pytest.raises(ValueError, match="no source id"):
        ledger.count(5, what="x", table="t", rows=[], source_ids="")


def test_unregistered_numbers_are_found():
    claims = [{"text": "4,000"}, {"text": "26 August 2016"}]
    assert unregistered_numbers("Some 4,000 people left on 26 August 2016 [un-a; +2 more].", claims) == []
    assert unregistered_numbers("Some 4,000 people and 300 fighters left.", claims) == ["300"]


def _prose_blocks(page: str) -> list[str]:
    blocks = re.findall(r'<div class="prose">(.*?)</div>', page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", " ", b)) for b in blocks]


def test_every_number_in_report_text_is_in_the_ledger(built_site):
    reports = built_site["reports"]
    with open(reports / "claims.csv", encoding="utf-8", newline="") as fh:
        claims = list(csv.DictReader(fh))
    assert claims, "the ledger is empty"
    pages = {"overview": reports / "overview.html"}
    pages.update({f"place-{p.stem}": p for p in (reports / "places").glob("*.html")})
    checked = 0
    for report, page in pages.items():
        mine = [c for c in claims if c["report"] == report]
        blocks = _prose_blocks(page.read_text(encoding="utf-8"))
        assert blocks, f"{page.name} has no prose"
        for block in blocks:
            assert unregistered_numbers(block, mine) == [], (page.name, block)
            checked += 1
    assert checked >= 6
    for c in claims:
        assert c["source_ids"] and c["table"], c


def test_claims_point_at_real_sources(built_site):
    reports = built_site["reports"]
    with open(reports / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        known = {r["source_id"] for r in csv.DictReader(fh)}
    with open(reports / "claims.csv", encoding="utf-8", newline="") as fh:
        for c in csv.DictReader(fh):
            assert set(c["source_ids"].split(";")) <= known, c["claim_id"]


def test_text_for_every_place_and_the_overview_on_the_full_dataset():
    """The same rule on the committed data: every besieged place's summary and every overview paragraph."""
    from dataclasses import asdict

    from analysis import charts, overview
    from analysis.clean import read_processed
    from analysis.story.place import place_story

    t = read_processed()
    texts = []
    for pid in sorted(set(t["sieges"]["location_id"])):
        ledger = Ledger(f"place-{pid}")
        texts.append((ledger, place_story(t, pid).sentences(ledger)))
    ledger = Ledger("overview")
    dest = charts.destinations_ranked(t["evacuations"], t["sources"]).data
    texts.append((ledger, overview.national_paragraph(t["besieged_population"], ledger, t["sources"])
                  + overview.map_paragraph(t["places"], t["sieges"], ledger)
                  + overview.sieges_paragraph(t["sieges"], ledger)
                  + overview.evacuations_paragraph(t["evacuations"], ledger, t["sieges"], t["sources"])
                  + overview.destinations_paragraph(dest, ledger)
                  + overview.access_paragraph(t["un_access_monthly"], ledger)))
    for ledger, sentences in texts:
        claims = [asdict(c) for c in ledger.claims]
        for sentence in sentences:
            plain = html.unescape(re.sub(r"<[^>]+>", " ", sentence))
            assert unregistered_numbers(plain, claims) == [], (ledger.report, sentence)
    assert len(texts) == t["sieges"]["location_id"].nunique() + 1
