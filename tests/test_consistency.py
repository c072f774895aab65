"""Every page of a build states each count once: prose, chart titles, alt texts and tables agree; and no
internal value (an enum name, a column name, an event id) reaches a reader."""
import pytest

from analysis.story.checks import consistency_failures, internal_value_failures, visible_text


def test_prose_charts_and_tables_agree_on_every_page(built_site):
    assert consistency_failures(built_site["reports"]) == []


def test_no_internal_value_on_any_page_chart_or_alt_text(built_site):
    assert internal_value_failures(built_site["reports"]) == []


def test_the_internal_value_check_can_fail():
    page = "<p>3 batches (per_batch) left; see daraya-evac-20160826 <code>reuters-20160826-x</code> [un-a]</p>"
    assert "per_batch" in visible_text(page) and "daraya-evac-20160826" in visible_text(page)
    assert "reuters-20160826-x" not in visible_text(page) and "un-a" not in visible_text(page)


@pytest.mark.full_build
def test_every_page_of_the_full_build_agrees_and_shows_no_internal_value(full_site):
    assert consistency_failures(full_site) == []
    assert internal_value_failures(full_site) == []
