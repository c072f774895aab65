"""Figures written in words or digits, in every language the sources use, read back whole.

Property tests: integers rendered by num2words in each language (and as digits with each
thousands-separator style) must read back to the same integer. Plus the figures that were
half-read before (issue: every figure read right), and figures no place could have.
"""
import pytest
from hypothesis import assume, given, settings, strategies as st
from num2words import num2words

from analysis.number_words import leftover_number_words, words_to_digits
from analysis.parse import Figure, FigureError, parse_figure

LANGUAGES = ["ar", "en", "fr", "de", "es", "it", "pt", "ru", "uk", "pl", "fa"]

#: counts as sources state them: a few people to a million and more
counts = st.one_of(st.integers(1, 99), st.integers(100, 9_999), st.integers(10_000, 999_999),
                   st.integers(1, 999).map(lambda n: n * 1000), st.integers(1_000_000, 9_999_999))


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=300, deadline=None, derandomize=True)
@given(n=counts)
def test_number_words_read_back(language, n):
    words = num2words(n, lang=language)
    # num2words' Arabic writes some millions as "ألف ألف" after the smaller parts ("تسعمائة و ألف ألف"),
    # an order no source uses; those renderings are not a test of our reading
    assume("ألف ألف" not in words)
    figure = parse_figure(words, language=language)
    assert (figure.best, figure.qualifier) == (n, "exact"), words


SEPARATORS = [",", ".", " ", "\u00a0", "\u202f", "'", "\u066c"]


@pytest.mark.parametrize("sep", SEPARATORS)
@settings(max_examples=200, deadline=None, derandomize=True)
@given(n=st.integers(1_000, 24_999_999))
def test_digits_with_every_thousands_separator_read_back(sep, n):
    text = f"{n:,}".replace(",", sep)
    assert parse_figure(text).best == n, text


@settings(max_examples=200, deadline=None, derandomize=True)
@given(n=st.integers(1_000, 9_999_999))
def test_arabic_indic_digits_read_back(n):
    text = f"{n:,}".translate(str.maketrans("0123456789,", "٠١٢٣٤٥٦٧٨٩٬"))
    assert parse_figure(text, language="ar").best == n, text


@pytest.mark.parametrize("text, language, expected", [
    # the figures the issue found half-read, each as the source states it
    ("أكثر من نصف مليون نسمة", "ar", Figure(500_000, 500_000, 500_000, "lower_bound")),
    ("بين ستة وثمانية آلاف نسمة", "ar", Figure(6000, 8000, 7000, "range")),
    ("قرابة السبعين ألف نسمة", "ar", Figure(70_000, 70_000, 70_000, "approx")),
    ("أكثر من مائة وخمسين ألفا", "ar", Figure(150_000, 150_000, 150_000, "lower_bound")),
    ("the quarter of a million", "en", Figure(250_000, 250_000, 250_000, "exact")),
    ("około 20 tys. osób", "pl", Figure(20_000, 20_000, 20_000, "approx")),
    ("less than 6, 000 residents", "en", Figure(6000, 6000, 6000, "upper_bound")),
    ("Some 60,000 people, half of them displaced", "en", Figure(60_000, 60_000, 60_000, "approx")),
    ("نحو 8 آلاف عائلة (ما يعادل نحو أربعين ألف نسمة)", "ar", Figure(40_000, 40_000, 40_000, "approx")),
    ("oltre 4.000 famiglie", "it", Figure(None, None, None, "families")),
    ("cerca de 4.000 familias", "es", Figure(None, None, None, "families")),
    ("مئة وخمسين شخصاً", "ar", Figure(150, 150, 150, "exact")),
    ("أكثر من ألف وخمسمائة شخص", "ar", Figure(1500, 1500, 1500, "lower_bound")),
    ("نحو ثلاثة آلاف وستمائة شخص", "ar", Figure(3600, 3600, 3600, "approx")),
    # compounds, duals, the article, fractions
    ("خمسة عشر ألف", "ar", Figure(15_000, 15_000, 15_000, "exact")),
    ("ألفي شخص", "ar", Figure(2000, 2000, 2000, "exact")),
    ("ما لا يقل عن 13000 (ثلاثة عشر ألف نسمة)", "ar", Figure(13_000, 13_000, 13_000, "lower_bound")),
    ("ما لا يزيد عن 500 شخص", "ar", Figure(500, 500, 500, "upper_bound")),
    ("أكثر من مئتي شخص مع عوائلهم", "ar", Figure(200, 200, 200, "lower_bound")),
    ("مليون ونصف", "ar", Figure(1_500_000, 1_500_000, 1_500_000, "exact")),
    ("974 ألفا و80", "ar", Figure(974_080, 974_080, 974_080, "exact")),
    ("ستة أو سبعة آلاف", "ar", Figure(6000, 7000, 6500, "range")),
    ("oltre quattromila persone", "it", Figure(4000, 4000, 4000, "lower_bound")),
    ("около двадцати тысяч человек", "ru", Figure(20_000, 20_000, 20_000, "approx")),
    ("понад 56 тисяч", "uk", Figure(56_000, 56_000, 56_000, "lower_bound")),
    ("około tysiąca osób", "pl", Figure(1000, 1000, 1000, "approx")),
    ("حدود ۴۰ هزار", "fa", Figure(40_000, 40_000, 40_000, "approx")),
    ("four to eight thousand people", "en", Figure(4000, 8000, 6000, "range")),
    ("277 thousands", "en", Figure(277_000, 277_000, 277_000, "exact")),
    ("The five-truck convoy", "en", Figure(5, 5, 5, "exact")),
    # vague and zero stay what they are
    ("Several hundred", "en", Figure(None, None, None, "vague")),
    ("mehrere Hunderttausend Menschen", "de", Figure(None, None, None, "vague")),
    ("not one convoy", "en", Figure(0, 0, 0, "exact")),
    # a breakdown, a duration, a note in brackets and other vehicles are not another count
    ("3860 осіб, в тому числі 1 021 жінку і 1500 дітей", "uk", Figure(3860, 3860, 3860, "exact")),
    ("35,000 people for one month", "en", Figure(35_000, 35_000, 35_000, "exact")),
    ("Six (7-20 June)", "en", Figure(6, 6, 6, "exact")),
    ("75 buses + 20 ambulances", "en", Figure(75, 75, 75, "exact")),
    ("18 of the convoy's 31 trucks", "en", Figure(18, 18, 18, "exact")),
])
def test_figures_read_whole(text, language, expected):
    assert parse_figure(text, unit="people" if "truck" not in text and "bus" not in text else None,
                        language=language) == expected


@pytest.mark.parametrize("text, language, left", [
    ("approximately 8,000 Palestine refugees and 4,000 Syrians", "en", "4,000"),
    ("About 40,000 civilians and 200 rebels", "en", "200"),
    ("13 ambulances and 20 buses", "en", "20"),
    ("vier- tot vijfhonderd", "nl", "vier"),
    ("37,000;70,000", "en", "70,000"),
])
def test_a_figure_with_a_number_left_over_is_unread(text, language, left):
    figure = parse_figure(text, language=language)
    assert (figure.best, figure.qualifier, figure.unread) == (None, "unread", left)


def test_a_language_with_no_reader_is_unread_not_guessed():
    assert parse_figure("cent ferits", language="ca").qualifier == "unread"


@pytest.mark.parametrize("text, message", [
    ("8,000-4,000", "end is below its start"),
    ("-500", "negative count"),
    ("4,000,000,000", "more than any place in Syria held"),
])
def test_impossible_figures_are_refused(text, message):
    with pytest.raises(FigureError, match=message):
        parse_figure(text)


def test_leftover_words_are_named():
    assert leftover_number_words(words_to_digits("ستة", "ar"), "ar") == []
    assert leftover_number_words("about 3 آلاف", "ar") == []
    assert leftover_number_words("vier- tot 500", "nl") == ["vier"]


@pytest.mark.parametrize("text, language, expected", [
    # Turkish thousands as Anadolu writes them, the Persian "and", a Russian case ending on digits
    ("bin 650 kişilik kafile", "tr", Figure(1650, 1650, 1650, "exact")),
    ("yaklaşık 14 bin kişi", "tr", Figure(14_000, 14_000, 14_000, "approx")),
    ("8 binden fazla kişi", "tr", Figure(8000, 8000, 8000, "lower_bound")),
    ("bin 500'e yakın sivil", "tr", Figure(1500, 1500, 1500, "approx")),
    ("120 bin kadar sivile", "tr", Figure(120_000, 120_000, 120_000, "upper_bound")),
    ("10 هزار و 600 نفر", "fa", Figure(10_600, 10_600, 10_600, "exact")),
    ("около 4-х тыс. боевиков", "ru", Figure(4000, 4000, 4000, "approx")),
    ("более 1,5 тысячи человек", "ru", Figure(1500, 1500, 1500, "lower_bound")),
    ("4–8 тыс. мирных граждан", "ru", Figure(4000, 8000, 6000, "range")),
])
def test_thousands_written_as_sources_write_them(text, language, expected):
    assert parse_figure(text, unit="people", language=language) == expected
