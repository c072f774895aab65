"""Turn figures and dates *as sources state them* into numbers, by documented rules.

The rules are written out in data/README.md ("Counting rules"); tests in
tests/test_parse.py hold one example of each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import number_words

# ---------------------------------------------------------------- figures

# 4,000 / 4٬000 / 4.000 (European) / 4 000 / 4'000 (Swiss) are all four thousand; 1.5 is one and a half
_NUMBER = (r"\d{1,3}(?:[,\u066c]\d{3})+(?:\.\d+)?|\d{1,3}(?:[.'\u2019 ]\d{3})+(?![\d.,])"
           r"|\d+(?:\.\d+)?")
#: scale words after digits, in every language the sources use ("20 tys.", "56 тисяч", "8 آلاف")
SCALE_WORDS = {
    1_000_000: ("million", "millions", "m", "mil. ", "mln", "milioni", "milione", "millones", "millón", "milhões",
                "milhão", "miljoen", "millionen", "мільйон", "миллион", "млн", "milion", "milionów", "مليون",
                "ملايين", "میلیون"),
    1_000: ("thousand", "thousands", "k", "mil", "mila", "mille", "ribu", "tausend", "tys", "tysi", "тисяч", "тысяч",
            "тыс", "тис", "هزار", "ألف", "آلاف", "الف", "ألفا", "الفا", "ألفاً", "الفاً"),
    100: ("hundred",),
}
_SCALE_RE = "|".join(
    rf"{re.escape(w.strip())}\w*\.?" if w.strip() in ("tysi", "тисяч", "тысяч", "milion", "мільйон", "миллион")
    else rf"{re.escape(w.strip())}(?![\w])\.?"
    for words in SCALE_WORDS.values() for w in sorted(words, key=len, reverse=True))
_SCALE = rf"(?:[\s-]*({_SCALE_RE}))?"
_NUM_RE = re.compile(rf"({_NUMBER}){_SCALE}", re.IGNORECASE)
_RANGE_RE = re.compile(
    rf"(?:between\s+)?({_NUMBER}){_SCALE}\s*(?:-|–|—|to|up to|and|&|or|a|à|bis|e|y|et)\s*({_NUMBER}){_SCALE}",
    re.IGNORECASE,
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")  # Arabic and Persian digits
#: every space a source may put between thousands: no-break, narrow no-break, thin, figure space
_SPACES = re.compile("[\u00a0\u202f\u2009\u2007]")

#: qualifier words and what they mean for the bounds; first match wins. Arabic phrases are turned into
#: English ones by analysis.number_words before this.
LOWER_BOUND_WORDS = ("more than", "over", "at least", "upwards of", "in excess of", "exceeding", "+", "mais de",
                     "más de", "plus de", "über", "mehr als", "oltre", "ponad", "più di", "понад", "більше",
                     "более", "больше", "свыше", "yli", "üle", "ainakin", "lebih dari", "peste", "से अधिक",
                     "meer dan", "ruim", "almeno")
UPPER_BOUND_WORDS = ("up to", "as many as", "fewer than", "less than", "under", "no more than", "jusqu'à",
                     "hasta", "bis zu", "fino a", "até", "до")
APPROX_WORDS = ("some", "about", "around", "approximately", "roughly", "an estimated", "estimated", "nearly", "~",
                "circa", "c.", "ca.", "almost", "etwa", "rund", "ungefähr", "fast", "environ", "près de", "quase",
                "cerca de", "quasi", "około", "близько", "около", "примерно", "приблизно", "حدود", "نحو", "حوالي",
                "قرابة", "ما يقارب", "زهاء", "sekitar", "noin", "aproximativ", "approssimativamente", "aproximadamente",
                "ongeveer", "cirka", "करीब", "כ", "yaklaşık", "tahminen")
#: "60,000 people, including 1,021 women": what follows is a breakdown of the count, never another count
INCLUDING = re.compile(
    r"\b(including|incl\.|among them|among whom|of them|of whom|of which|einschließlich|"
    r"darunter|davon|dont|parmi eux|parmi lesquels|entre ellos|de ellos|incluindo|dos quais|tra cui|di cui|"
    r"в том числе|в тому числі|у тому числі|из них|з них|w tym)\b|من بينهم|منهم|بينهم|منها|بينها|"
    r"مِنهم|מהם|מתוכם")
#: a share or a rate is not a count of people or convoys
SHARE_WORDS = re.compile(r"\b(a third|a quarter|half|two thirds|a fifth|per ?cent|percent)\b|%|(?<!\S)(?:ال)?(نصف|ثلث|ربع)(?!\S)")
RATE_WORDS = re.compile(r"\b(per week|per month|per day|average|weekly|monthly|daily|rate)\b|"
                        r"أسبوعيا|يوميا|شهريا")
#: "several hundred", "a few hundred", "mehrere Hunderttausend": a vague amount, not the round number
VAGUE_BEFORE = re.compile(r"(?<!\w)(several|a few|few|some few|mehrere|einige|plusieurs|quelques|varios|varias|"
                          r"unos|unas|vari|diversi|alcune|alcuni|vários|várias|alguns|algumas|несколько|декілька|"
                          r"kilka|enkele|عدة|بضعة|بضع)\s+(hundred|thousand|dozen|hunderttausend|hundert|tausend|cent|"
                          r"mille|cientos|miles|cento|mila|centenas|mil|сотен|тысяч|сотень|тисяч|set|tysięcy|"
                          r"honderd|duizend|مئات|آلاف|مئة|ألف)")
ZERO = re.compile(r"^\s*(not a single|not one|not even one|no|none|zero)\b")
#: more people than Syria held before the war (about 21 million): a typo, never a count
MAX_COUNT = 25_000_000
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
#: an Arabic dual noun ("two cars": سيارتين / سيارتان) written with no number
_ARABIC_DUAL = re.compile(r"^\s*\S+(تين|تان)\s*$")
_FAMILIES = re.compile(r"^\W*(\w+\W+)?(famil|famíl|famigl|household|ménage|семей|сімей|rodzin|keluarga|عائل|عوائل|"
                       r"أسر|اسر|خانوار|خانواده)")
#: words for people, in the languages the sources use: "8 آلاف عائلة (ما يعادل نحو أربعين ألف نسمة)"
_PEOPLE_WORDS = (r"people|persons|person|individuals|civilians|residents|inhabitants|personnes|personas|pessoas|"
                 r"persone|menschen|человек|осіб|osób|orang|نسمة|شخص|مدني|فرد|نفر")
#: fractions of a scale word, written out: "half a million", "the quarter of a million"
_FRACTION_WORDS = [
    (r"\b(one|two|three|four|five)[\s-]+and[\s-]+a[\s-]+half[\s-]+million\b", None),
    (r"\b(?:a |one )?half(?: of)? a million\b", "500,000"),
    (r"\ba half[- ]million\b", "500,000"),
    (r"\b(?:a|the|one) quarter(?:[- ]of a)?[- ]million\b", "250,000"),
    (r"\bthree quarters of a million\b", "750,000"),
    (r"\beine viertel ?million\b", "250,000"),
    (r"\beine halbe million\b", "500,000"),
    (r"\b(?:un )?quart de million\b", "250,000"),
    (r"\bun demi-million\b", "500,000"),
]


@dataclass(frozen=True)
class Figure:
    """A stated figure turned into numbers.

    ``low`` and ``high`` bound the figure; ``best`` is the single value we quote.
    ``qualifier`` records how the source hedged it: ``exact``, ``approx``,
    ``range``, ``sum`` ("123+157"), ``lower_bound`` ("more than"), ``upper_bound`` ("up to"),
    ``vague`` (words only, no number: "hundreds"), ``no_number`` (a statement
    with no count in it: "the entire population", "a first group"), ``not_a_count`` (a share or rate, such as
    "a third" or "one convoy per week"), ``families`` (a count of families or
    households, never turned into people), ``other_unit`` (in a people column,
    a count of buses or batches: "2 buses of fighters"), ``unread`` (the text holds a number
    the reading did not use: no number is given rather than half of one) or ``empty``.
    ``unread`` says what was left over.
    """

    low: float | None
    high: float | None
    best: float | None
    qualifier: str
    unread: str = ""


EMPTY = Figure(None, None, None, "empty")


class FigureError(ValueError):
    """A figure no place could have: a reversed range, a negative count, more people than Syria held."""


def _to_number(digits: str, scale: str | None) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.'\u2019 ]\d{3})+", digits):
        digits = re.sub(r"[.'\u2019 ]", "", digits)
    value = float(digits.replace(",", "").replace("\u066c", ""))
    if scale:
        s = scale.lower().rstrip(".").strip()
        for factor, words in SCALE_WORDS.items():
            if any(s == w.strip() or (w in ("tysi", "тисяч", "тысяч", "milion", "мільйон", "миллион")
                                      and s.startswith(w)) for w in words):
                value *= factor
                break
    return value


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    for word in words:
        if word == "+":
            if re.search(r"\d\+", text):
                return True
        elif not re.search(r"\w", word):
            if word in text:
                return True
        elif re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text):
            return True
    return False


_NOT_PEOPLE = re.compile(r"^\s*(batch|bus|buses|convoy|truck|vehicle|group|car|ambulance|meal|package|parcel|basket|"
                         r"ration|sack|bag|ton|حافل|دفع|قافل|سل|طرد)")


def normalise_figure_text(text: str, language: str | None = "en") -> str:
    """Lower case, one kind of digit and space, fractions and number words written in digits."""
    t = _SPACES.sub(" ", str(text).strip().lower()).translate(_ARABIC_DIGITS)
    t = re.sub(r"(?<=\d), (?=\d{3}\b)", ",", t)  # "6, 000": a thousands comma with a stray space
    t = re.sub("[\u064b-\u065f\u0670\u0640]", "", t)  # Arabic diacritics and tatweel: "ألفًا" is "ألفا"
    t = re.sub(r"(?<!\S)(بال|ال|ب|لل|ل)(?=\d)", r"\1 ", t)  # "الـ30 ألف", "بـ65 ألف": a prefix on digits
    t = re.sub(r"(\d+)-(х|ти|и|ми|м|го|ёх|ех)\b", r"\1", t)  # "4-х тыс.": a Russian case ending on digits
    # "10 هزار و 600", "8 آلاف و500": thousands and the rest joined by "and" (Persian and Arabic)
    t = re.sub(r"(\d+)\s*(?:هزار|آلاف|ألفا|ألف|الف)\s*و\s*(\d{1,3})(?!\d)",
               lambda m: str(int(m.group(1)) * 1000 + int(m.group(2))), t)
    t = re.sub(r"\b(two|three|four|five|six|seven|eight|nine) hundreds\b", r"\1 hundred", t)  # "four hundreds of"
    t = re.sub(r"\b(?:un|une) millier\b", "about 1000", t)  # "un millier": about a thousand
    t = re.sub(r"(?:ال)?نصف\s+(?:ال)?مليون", " 500,000 ", t)
    t = re.sub(r"(?:ال)?ربع\s+(?:ال)?مليون", " 250,000 ", t)
    t = re.sub(r"مليون\s+ونصف(?:\s+(?:ال)?مليون)?", " 1,500,000 ", t)
    for words, digits in _FRACTION_WORDS:
        if digits is None:
            t = re.sub(words, lambda m: f"{_WORD_NUMBERS[m.group(1)] + 0.5} million", t)
        else:
            t = re.sub(words, digits, t)
    # "1,7 مليون", "2,5 million", "1,5 milioni": a decimal comma before a scale word
    t = re.sub(r"\b(\d{1,3}),(\d{1,2})\s*(million|mln|milioni|millions|millones|milhões|مليون|млн|milion|тысяч\w*|"
               r"тыс\.?|тисяч\w*|tys\.?|tysi\w*)", r"\1.\2 \3", t)
    return t if language == "-" else number_words.words_to_digits(t, language)


def parse_figure(text: str | None, unit: str | None = None, language: str | None = "en") -> Figure:
    """Parse one figure as a source states it, in the source's language.

    >>> parse_figure("some 4,000")
    Figure(low=4000.0, high=4000.0, best=4000.0, qualifier='approx', unread='')
    >>> parse_figure("4,000-8,000")
    Figure(low=4000.0, high=8000.0, best=6000.0, qualifier='range', unread='')
    >>> parse_figure("قرابة السبعين ألف نسمة", language="ar")
    Figure(low=70000.0, high=70000.0, best=70000.0, qualifier='approx', unread='')

    Raises :class:`FigureError` for a figure no place could have.
    """
    if text is None:
        return EMPTY
    raw = str(text).strip()
    if not raw or raw.lower() in ("nan", "none"):
        return EMPTY
    if re.match(r"^\s*[-−]\s*\d", raw):
        raise FigureError(f"a negative count: {raw!r}")
    before_words = normalise_figure_text(raw, "-")  # shares are found before "a third" becomes "a 3rd"
    t = number_words.words_to_digits(before_words, language)
    # A year or date inside the text is not a count.
    t = re.sub(r"\b(19|20)\d{2}-\d{2}(-\d{2})?\b", " ", t)
    if ZERO.match(before_words):
        return Figure(0.0, 0.0, 0.0, "exact")
    if VAGUE_BEFORE.search(before_words):
        return Figure(None, None, None, "vague")
    if not re.search(r"\d", t) and _ARABIC_DUAL.match(t):
        return Figure(2.0, 2.0, 2.0, "exact")
    # "60,000 people, half of them displaced": what follows "of them" is a breakdown
    inc = INCLUDING.search(t)
    head = _first_count(t)
    if inc and (not head or inc.start() < head.start()):
        inc = None
    main, breakdown = (t[: inc.start()], t[inc.start():]) if inc else (t, "")
    first = _first_count(main)
    digit = re.search(r"\d", before_words)
    if RATE_WORDS.search(t) or SHARE_WORDS.search(before_words[: digit.start()] if digit else before_words) or (
            first and re.match(r"\s*(%|per ?cent|percent)", main[first.end():])):
        return Figure(None, None, None, "not_a_count")
    fig, used = _read(main, unit)
    if fig.qualifier == "no_number" and not number_words.has_reader(language) and not re.search(r"\d", t):
        # no reader for this language: its number words, if any, could not be read
        return Figure(None, None, None, "unread", f"no number-word reader for language {language!r}")
    if fig.best is None:
        return fig
    for value in (fig.low, fig.high):
        if value is not None and value > MAX_COUNT:
            raise FigureError(f"{value:,.0f} is more than any place in Syria held: {raw!r}")
    read = {fig.low, fig.high, fig.best}
    end = max(b for _, b in used) if used else 0
    left = [m.group(0).strip() for m in _counts(main)
            if not any(a <= m.start() < b for a, b in used) and not _explained(main, m, read, end)]
    left += number_words.leftover_number_words(main, language)
    if left:
        return Figure(None, None, None, "unread", "; ".join(left))
    return fig


def _read(t: str, unit: str | None) -> tuple[Figure, list[tuple[int, int]]]:
    """The figure in ``t`` (already in digits) and the spans of the numbers it used."""
    parts = re.fullmatch(rf"\D*?((?:{_NUMBER})(?:\s*\+\s*(?:{_NUMBER}))+)\D*", t)
    if parts:
        # "123+157": parts stated separately, summed
        total = sum(_to_number(n.strip(), None) for n in parts.group(1).split("+"))
        return Figure(total, total, total, "sum"), [parts.span(1)]
    rng = _RANGE_RE.search(t)
    first = _first_count(t)
    if rng and first and rng.start(1) == first.start() and not _looks_like_list(t, rng):
        lo_scale = rng.group(2) or rng.group(4)  # "1-1.5 million" scales both ends
        lo = _to_number(rng.group(1), lo_scale)
        hi = _to_number(rng.group(3), rng.group(4))
        # "between 1.5 and 2000000", "6 or 7000": the scale the words gave the high end is shared
        for factor in (1_000_000, 1000):
            if lo < 1000 and hi >= factor and hi % factor == 0 and lo * factor <= hi and not lo_scale:
                lo *= factor
                break
        if hi < lo:
            raise FigureError(f"a range whose end is below its start: {t!r}")
        return Figure(lo, hi, float(round((lo + hi) / 2)), "range"), [rng.span()]
    num = first
    if not num:
        if _has_word(t, VAGUE_WORDS) or re.search("المئات|مئات|الآلاف|آلاف|عشرات", t):
            return Figure(None, None, None, "vague"), []
        return Figure(None, None, None, "no_number"), []
    value = _to_number(num.group(1), num.group(2))
    rest = t[num.end():]
    if unit in ("buses", "trucks") and re.match(r"^\W*(convoy|convogli|convoi|konvoi|konwój|batch|قافل|دفع)", rest):
        return Figure(None, None, None, "other_unit"), []  # "Nove convogli" in a buses column
    if unit == "people" and _NOT_PEOPLE.match(rest):
        # "two batches of fighters", "5 buses of fighters": a count of something else
        return Figure(None, None, None, "other_unit"), []
    if _FAMILIES.match(rest):
        # "2,173 families (approximately 8,692 people)": use the people count if one follows
        people = re.search(rf"({_NUMBER}){_SCALE}\s*({_PEOPLE_WORDS})", rest)
        if people:
            fig, used = _read(rest[people.start() - _qualifier_reach(rest, people.start()):], unit)
            offset = num.end() + people.start() - _qualifier_reach(rest, people.start())
            return fig, [num.span()] + [(a + offset, b + offset) for a, b in used]
        return Figure(None, None, None, "families"), []
    prefix = t[: num.start()] + t[num.start(): num.end() + 1]
    suffix = t[num.end(): num.end() + 16]
    if _has_word(prefix, LOWER_BOUND_WORDS) or re.match(r"^\S*\s*(से अधिक|fazla)", suffix):
        return Figure(value, value, value, "lower_bound"), [num.span()]
    if re.match(r"^\S*\s*(yakın|civarında)", suffix):
        return Figure(value, value, value, "approx"), [num.span()]
        return Figure(value, value, value, "lower_bound"), [num.span()]
    if _has_word(prefix, UPPER_BOUND_WORDS) or re.match(r"^\S*\s*kadar\b", suffix):
        return Figure(value, value, value, "upper_bound"), [num.span()]
    if _has_word(prefix, APPROX_WORDS):
        return Figure(value, value, value, "approx"), [num.span()]
    return Figure(value, value, value, "exact"), [num.span()]


_MONTHS = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janvier|février|mars|avril|mai|juin|juillet|août|"
           r"septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
           r"octubre|noviembre|diciembre|يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|"
           r"كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين")
#: a number followed by one of these counts time, not people or vehicles ("35,000 people for one month")
_DURATION = re.compile(r"^\W{0,2}(days?|weeks?|months?|years?|jours|semaines|mois|días|semanas|meses|giorni|settimane|"
                       r"mesi|tage|wochen|monate|أيام|يوم|أسبوع|أسابيع|شهر|أشهر)\b")
#: a number followed by one of these counts other things than the column does ("75 buses + 20 ambulances")
_OTHER_UNITS = re.compile(r"^\W{0,3}(?:\S+\s+){0,3}?(ambulances?|vehicles?|cars?|trailers?|famil\w*|ambulâncias?|"
                          r"ambulancias?|veículos?|vehículos?|وحدات|سيارة|سيارات|عائلة|عائلات|عوائل|إسعاف|शाहन|वाहन)")


def _explained(text: str, m: re.Match, read: set, end: int) -> bool:
    """True when a number the reading did not use is not another count of the same thing.

    A restatement of the figure read ("خمس (five)"), a note in brackets after it ("150,000 (in 11
    of 18 areas)"), the whole it is part of ("18 of the convoy's 31 trucks"), a duration ("for one
    month"), a date ("7-20 June") or a count of other things ("75 buses + 20 ambulances").
    """
    value = _to_number(m.group(1), m.group(2))
    if value in read:
        return True
    before, after = text[: m.start()], text[m.end():]
    if m.start() >= end and before.count("(") > before.count(")"):
        return True
    if m.start() >= end and re.search(r"(\bout of|\bof|\bdes|\bdos|\bde los|\bde las|\bsu|\bdi)(\s+the)?(\s+\S+'s)?\s*$",
                                      before):
        return True
    if _DURATION.match(after) or _OTHER_UNITS.match(after):
        return True
    if re.search(r"(شهر|أسبوع|يوم|أيام|month|week|day)\s*$", before):
        return True  # "لمدة شهر واحد": for one month
    return bool(re.match(rf"^[\s-]*(\d+\s*)?({_MONTHS})", after) or re.search(rf"({_MONTHS})\w*\s*$", before))


def _qualifier_reach(text: str, start: int) -> int:
    """How far back before ``start`` a qualifier may stand ("(approximately 8,692 people)")."""
    before = text[:start]
    m = re.search(r"[\w~+.' ]{0,25}$", before)
    return len(m.group(0)) if m else 0


_ORDINAL = re.compile(r"^(st|nd|rd|th|er|e|ème|º|ª|\.º)\b")


def _counts(text: str) -> list[re.Match]:
    """Every number in ``text`` that is not a bare year or an ordinal ("1st")."""
    return [m for m in _NUM_RE.finditer(text)
            if not (re.fullmatch(r"(19|20)\d{2}", m.group(1)) and not m.group(2))
            and not _ORDINAL.match(text[m.end():])]


def _first_count(text: str) -> re.Match | None:
    """The first number that is not a bare year (2011-2019 style), if any."""
    matches = [m for m in _NUM_RE.finditer(text) if not _ORDINAL.match(text[m.end():])]
    for m in matches:
        if re.fullmatch(r"(19|20)\d{2}", m.group(1)) and not m.group(2) and len(matches) > 1:
            continue
        return m
    return None


def _looks_like_list(text: str, match: re.Match) -> bool:
    """'500 and 1,000' after words such as 'including' are two counts, not a range."""
    joiner = text[match.end(2) if match.group(2) else match.end(1): match.start(3)]
    if re.search(r"\b(and|e|y|et)\b|&", joiner) and "between" not in text[: match.start(1) + 8] and not re.search(
            r"\b(entre|zwischen|tra|fra)\b", text[: match.start(1)]):
        return True
    return False


VAGUE_WORDS = ("tens of", "scores of", "dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands",
               "several", "a few", "many", "centaines", "milliers", "cientos", "miles", "centinaia", "migliaia",
               "hunderte", "tausende", "centenas", "milhares", "сотни", "тысячи", "сотні", "тисячі", "setki", "tysiące")


# ---------------------------------------------------------------- dates

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """An ISO date that keeps its precision: ``2016``, ``2016-08`` or ``2016-08-26``."""

    iso: str
    precision: str  # "year" | "month" | "day"

    @property
    def first_day(self) -> str:
        if self.precision == "day":
            return self.iso
        if self.precision == "month":
            return f"{self.iso}-01"
        return f"{self.iso}-01-01"

    @property
    def last_day(self) -> str:
        import calendar

        if self.precision == "day":
            return self.iso
        year = int(self.iso[:4])
        if self.precision == "month":
            month = int(self.iso[5:7])
            return f"{self.iso}-{calendar.monthrange(year, month)[1]:02d}"
        return f"{year}-12-31"

    def contains(self, other: "PartialDate") -> bool:
        """True when ``other`` lies inside this date's span (2016 contains 2016-08-26)."""
        return self.first_day <= other.first_day and other.last_day <= self.last_day


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is an error."""
    value = str(text).strip()
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = m.groups()
    import datetime as _dt

    if day:
        try:
            _dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValueError(f"not a real date: {value!r} ({exc})") from None
        return PartialDate(value, "day")
    if month:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"month out of range: {value!r}")
        return PartialDate(value, "month")
    return PartialDate(value, "year")


def pick_date(dates: list[PartialDate], earliest: bool = True) -> tuple[PartialDate, bool]:
    """Choose one date from several sources' versions.

    If the versions are consistent (each contains the most precise one, as
    ``2012-11`` contains ``2012-11-09``), the most precise wins. If they conflict,
    only the most precise versions are compared and the earliest (for a start) or
    latest (for an end) wins; the second value is then ``True``.
    """
    if not dates:
        raise ValueError("no dates to pick from")
    rank = {"year": 0, "month": 1, "day": 2}
    top = max(rank[d.precision] for d in dates)
    finest = [d for d in dates if rank[d.precision] == top]
    candidate = min(finest, key=lambda d: d.first_day) if earliest else max(finest, key=lambda d: d.last_day)
    consistent = all(d.contains(candidate) for d in dates) and len({d.iso for d in finest}) == 1
    return candidate, not consistent
