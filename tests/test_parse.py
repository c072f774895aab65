import pytest

from analysis.parse import Figure, parse_figure, parse_partial_date, pick_date


@pytest.mark.parametrize("text, expected", [
    ("4,000", Figure(4000, 4000, 4000, "exact")),
    ("some 4,000", Figure(4000, 4000, 4000, "approx")),
    ("700 fighters", Figure(700, 700, 700, "exact")),
    ("4,000-8,000", Figure(4000, 8000, 6000, "range")),
    ("between 10,000 and 12,000", Figure(10000, 12000, 11000, "range")),
    ("20 or 21 buses", Figure(20, 21, 20, "range")),
    ("1-1.5 million", Figure(1_000_000, 1_500_000, 1_250_000, "range")),
    ("between 1.5 and two million", Figure(1_500_000, 2_000_000, 1_750_000, "range")),
    ("123+157", Figure(280, 280, 280, "sum")),
    ("more than 14,000", Figure(14000, 14000, 14000, "lower_bound")),
    ("over 20,000", Figure(20000, 20000, 20000, "lower_bound")),
    ("up to 5,000", Figure(5000, 5000, 5000, "upper_bound")),
    ("nearly 3,000", Figure(3000, 3000, 3000, "approx")),
    ("1.2 million", Figure(1_200_000, 1_200_000, 1_200_000, "exact")),
    ("half a million", Figure(500_000, 500_000, 500_000, "exact")),
    ("Two-and-a-half million", Figure(2_500_000, 2_500_000, 2_500_000, "exact")),
    ("seven hundred", Figure(700, 700, 700, "exact")),
    ("Nine", Figure(9, 9, 9, "exact")),
    ("not a single convoy", Figure(0, 0, 0, "exact")),
    ("35.000 persones", Figure(35000, 35000, 35000, "exact")),
    ("more than 36 086", Figure(36086, 36086, 36086, "lower_bound")),
    ("etwa 30'000", Figure(30000, 30000, 30000, "approx")),
    ("Mais de 35 mil pessoas", Figure(35000, 35000, 35000, "lower_bound")),
    ("quasi 5mila persone", Figure(5000, 5000, 5000, "approx")),
    ("أكثر من ١٠٠٬٠٠٠", Figure(100_000, 100_000, 100_000, "lower_bound")),
    ("ثلاثين ألف شخص", Figure(30000, 30000, 30000, "exact")),
    ("8 آلاف و500", Figure(8500, 8500, 8500, "exact")),
    ("نحو 18 ألف", Figure(18000, 18000, 18000, "approx")),
    ("خمسة وثلاثين شخصاً", Figure(35, 35, 35, "exact")),
    ("قرابة أربعمئة شخص", Figure(400, 400, 400, "approx")),
    ("سيارتين", Figure(2, 2, 2, "exact")),
    ("2,173 families (approximately 8,692 people)", Figure(8692, 8692, 8692, "approx")),
    ("more than 1,000 families", Figure(None, None, None, "families")),
    ("أكثر من ثمانية آلاف عائلة", Figure(None, None, None, "families")),
    ("A quarter-million people", Figure(250_000, 250_000, 250_000, "exact")),
    ("Близько 8 тисяч мешканців", Figure(8000, 8000, 8000, "approx")),
    ("40-tysięcznego miasta", Figure(40000, 40000, 40000, "exact")),
    ("حدود ۴۰ هزار", Figure(40000, 40000, 40000, "approx")),
    ("1,7 مليون مدني", Figure(1_700_000, 1_700_000, 1_700_000, "exact")),
    ("hundreds", Figure(None, None, None, "vague")),
    ("Tens of buses", Figure(None, None, None, "vague")),
    ("just over a third", Figure(None, None, None, "not_a_count")),
    ("41.9 per cent", Figure(None, None, None, "not_a_count")),
    ("the entire population of Darayya", Figure(None, None, None, "no_number")),
    ("", Figure(None, None, None, "empty")),
])
def test_parse_figure(text, expected):
    assert parse_figure(text) == expected


def test_a_count_of_buses_is_not_a_count_of_people():
    assert parse_figure("2 buses of fighters", unit="people") == Figure(None, None, None, "other_unit")
    assert parse_figure("2 buses of fighters") == Figure(2, 2, 2, "exact")


def test_a_year_in_the_text_is_not_the_count():
    assert parse_figure("In 2016, 4,000 people") == Figure(4000, 4000, 4000, "exact")


@pytest.mark.parametrize("text, precision", [("2016", "year"), ("2016-08", "month"), ("2016-08-26", "day")])
def test_partial_dates_keep_precision(text, precision):
    assert parse_partial_date(text).precision == precision


@pytest.mark.parametrize("bad", ["26/08/2016", "2016-13", "2016-02-30", "Aug 2016", "2016-8-26"])
def test_bad_dates_are_errors(bad):
    with pytest.raises(ValueError, match="2016"):
        parse_partial_date(bad)


def test_consistent_dates_give_the_most_precise():
    d = [parse_partial_date(x) for x in ("2012-11", "2012-11-09", "2012")]
    assert pick_date(d) == (parse_partial_date("2012-11-09"), False)


def test_conflicting_dates_give_earliest_start_and_latest_end():
    d = [parse_partial_date(x) for x in ("2016-08-26", "2016-08-27", "2016-08")]
    assert pick_date(d, earliest=True) == (parse_partial_date("2016-08-26"), True)
    assert pick_date(d, earliest=False) == (parse_partial_date("2016-08-27"), True)


def test_partial_date_spans():
    assert parse_partial_date("2016-02").last_day == "2016-02-29"
    assert parse_partial_date("2016").contains(parse_partial_date("2016-08-26"))
    assert not parse_partial_date("2016-07").contains(parse_partial_date("2016-08-26"))
