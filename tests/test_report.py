"""One place's data for a reporter's date window, and its text."""
import pytest

from analysis import report
from analysis.claims import Ledger
from analysis.clean import build_processed_tables


@pytest.fixture(scope="module")
def t(raw_fixture):
    return build_processed_tables(raw_fixture)


def test_a_date_window_keeps_only_events_inside_it(t):
    everything = report.place_data(t, "al-waer")
    d = report.place_data(t, "al-waer", "2017-03-01", "2017-03-31")
    assert sorted(d.evacuations["evacuation_id"]) == [
        "al-waer-evac-201703-total", "al-waer-evac-201703-total--planned", "al-waer-evac-20170318", "al-waer-evac-20170318--planned",
        "al-waer-evac-20170327", "al-waer-evac-20170327--planned"]
    assert len(everything.evacuations) == 8
    assert d.evacuations["date"].str.startswith("2017-03").all()


def test_bad_window_and_unknown_place_are_clear_errors(t):
    with pytest.raises(ValueError, match="start must be a day, YYYY-MM-DD: '2017'"):
        report.place_data(t, "daraya", "2017")
    with pytest.raises(KeyError, match="unknown location 'darayya'; known ids: al-waer, daraya"):
        report.place_data(t, "darayya")


def test_summary_sentences_cite_their_sources(t):
    from analysis.story.place import place_story

    ledger = Ledger("place-daraya")
    sentences = place_story(t, "daraya").sentences(ledger)
    assert sentences[0].startswith("Daraya was besieged from 9 November 2012 by ")
    assert "until 27 August 2016, when it ended with an evacuation deal [" in sentences[0]
    assert [(c.text, c.value) for c in ledger.claims][:2] == [("9 November 2012", "2012-11-09"),
                                                              ("27 August 2016", "2016-08-27")]
    assert all(c.source_ids for c in ledger.claims)
