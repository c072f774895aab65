"""Turn figures and dates *as sources state them* into numbers, by documented rules.

The rules are written out in data/README.md ("Counting rules"); tests in
tests/test_parse.py hold one example of each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------- figures

# 4,000 / 4٬000 / 4.000 (European) / 4 000 / 4'000 (Swiss) are all four thousand; 1.5 is one and a half
_NUMBER = (r"\d{1,3}(?:[,\u066c]\d{3})+(?:\.\d+)?|\d{1,3}(?:[.'\u2019\u00a0 ]\d{3})+(?![\d.,])"
           r"|\d+(?:\.\d+)?")
_SCALE = (r"(?:[\s-]*(million|m\b|thousand|k\b|hundred|mil\b|mila\b|mille\b|ribu\b|tausend|tysi\w*|тисяч\w*|"
          r"тысяч\w*|هزار|ألف|آلاف|الف|مليون))?")
_NUM_RE = re.compile(rf"({_NUMBER}){_SCALE}", re.IGNORECASE)
_RANGE_RE = re.compile(
    rf"(?:between\s+)?({_NUMBER}){_SCALE}\s*(?:-|–|—|to|and|or)\s*({_NUMBER}){_SCALE}",
    re.IGNORECASE,
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")  # Arabic and Persian digits

#: qualifier words and what they mean for the bounds; first match wins.
LOWER_BOUND_WORDS = ("more than", "over", "at least", "upwards of", "in excess of", "exceeding", "+", "أكثر من",
                     "ما يزيد عن", "mais de", "más de", "plus de", "über", "mehr als", "oltre", "ponad")
UPPER_BOUND_WORDS = ("up to", "as many as", "fewer than", "less than", "under", "no more than")
APPROX_WORDS = ("some", "about", "around", "approximately", "roughly", "an estimated", "estimated", "nearly", "~",
                "circa", "c.", "almost", "etwa", "rund", "ungefähr", "fast", "environ", "près de", "quase",
                "cerca de", "quasi", "około", "близько", "около", "примерно", "حدود", "نحو", "حوالي", "قرابة", "ما يقارب", "زهاء")
#: fractions of a scale word, written out: "half a million", "two and a half million"
_FRACTION_WORDS = [
    (r"\bhalf a million\b", "500,000"),
    (r"\ba half[- ]million\b", "500,000"),
    (r"\ba quarter[- ]million\b", "250,000"),
    (r"\ba quarter of a million\b", "250,000"),
    (r"\bthree quarters of a million\b", "750,000"),
]
#: a share or a rate is not a count of people or convoys
NOT_A_COUNT = re.compile(r"\b(a third|a quarter|half|per ?cent|percent|per week|per month|per day|average)\b|%")
ZERO = re.compile(r"^\s*(not a single|not one|not even one|no|none|zero)\b")
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "a thousand": 1000, "a million": 1_000_000,
}
#: Arabic number words as sources write them (after normalise-free matching of common spellings)
_ARABIC_WORDS = {
    "واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "اربعة": 4, "أربع": 4, "خمسة": 5,
    "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
    "عشرة": 10, "عشر": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90, "مئة": 100, "مائة": 100, "ألف": 1000, "الف": 1000, "مليون": 1_000_000,
}
_ARABIC_SCALES = {"آلاف": 1000, "ألف": 1000, "الف": 1000, "مليون": 1_000_000, "ملايين": 1_000_000}
#: an Arabic dual noun ("two cars": سيارتين / سيارتان) written with no number
_ARABIC_DUAL = re.compile(r"^\s*\S+(تين|تان)\s*$")
_FAMILIES = re.compile(r"^\W*(\w+\W+)?(famil|household|عائل|أسر|اسر)")


_ARABIC_FIXED = {"ألفين": 2000, "ألفان": 2000, "الفين": 2000, "مئتين": 200, "مائتين": 200, "مئتان": 200,
                 "مائتان": 200}


def _arabic_word(w: str) -> str:
    """One Arabic word, its prefix ب/و/ل dropped where that leaves a number word; 'أربعمئة' -> '400'."""
    for cand in (w, w[1:] if len(w) > 2 and w[0] in "بول" else w):
        if cand in _ARABIC_FIXED:
            return str(_ARABIC_FIXED[cand])
        for hundred in ("مئة", "مائة"):
            head = cand[: -len(hundred)]
            if cand.endswith(hundred) and head in _ARABIC_WORDS and _ARABIC_WORDS[head] < 10:
                return str(_ARABIC_WORDS[head] * 100)
        if cand in _ARABIC_WORDS:
            return cand
    return w


def _arabic_words_to_number(t: str) -> str:
    """'ثلاثين ألف شخص' -> '30000 شخص'; 'ثمانية آلاف' -> '8000'; 'خمسة وثلاثين' -> '35'.

    Unknown words are left alone.
    """
    raw_words = t.split()
    words = [_arabic_word(w) for w in raw_words]
    # "five and thirty": a unit followed by و + tens is one number
    merged: list[str] = []
    for i, w in enumerate(words):
        if (merged and raw_words[i].startswith("و") and w in _ARABIC_WORDS and 20 <= _ARABIC_WORDS[w] <= 90
                and merged[-1] in _ARABIC_WORDS and _ARABIC_WORDS[merged[-1]] < 10):
            merged[-1] = str(_ARABIC_WORDS[merged[-1]] + _ARABIC_WORDS[w])
            continue
        merged.append(w)
    words = merged
    out, i = [], 0
    while i < len(words):
        w = words[i]
        if w.isdigit():
            value = int(w)
            if i + 1 < len(words) and words[i + 1] in _ARABIC_SCALES:
                value *= _ARABIC_SCALES[words[i + 1]]
                i += 1
            out.append(str(value))
        elif w in _ARABIC_WORDS and _ARABIC_WORDS[w] < 1000:
            value = _ARABIC_WORDS[w]
            if i + 1 < len(words) and words[i + 1] in _ARABIC_SCALES:
                value *= _ARABIC_SCALES[words[i + 1]]
                i += 1
            out.append(str(value))
        elif w in ("ألف", "الف", "مليون"):
            out.append(str(_ARABIC_WORDS[w]))
        else:
            out.append(w)
        i += 1
    return " ".join(out)


_WORD_RE = re.compile(r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b")
VAGUE_WORDS = ("tens of", "scores of", "dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "several", "a few", "many")


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
    a count of buses or batches: "2 buses of fighters") or ``empty``.
    """

    low: float | None
    high: float | None
    best: float | None
    qualifier: str


EMPTY = Figure(None, None, None, "empty")


def _to_number(digits: str, scale: str | None) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.'\u2019\u00a0 ]\d{3})+", digits):
        digits = re.sub(r"[.'\u2019\u00a0 ]", "", digits)
    value = float(digits.replace(",", "").replace("\u066c", ""))
    if scale:
        s = scale.lower()
        if s in ("million", "m", "مليون"):
            value *= 1_000_000
        elif s in ("thousand", "k", "mil", "mila", "mille", "ribu", "tausend", "هزار", "ألف", "آلاف", "الف") or (
                s.startswith(("тисяч", "тысяч", "tysi"))):
            value *= 1_000
        elif s == "hundred":
            value *= 100
    return value


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    for word in words:
        if word == "+":
            if re.search(r"\d\+", text):
                return True
        elif re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text):
            return True
    return False


_NOT_PEOPLE = re.compile(r"^\s*(batch|bus|buses|convoy|truck|vehicle|group|car|ambulance|meal|package|parcel|basket|"
                         r"ration|sack|bag|ton|حافل|دفع|قافل|سل|طرد)")


def parse_figure(text: str | None, unit: str | None = None) -> Figure:
    """Parse one figure as a source states it.

    >>> parse_figure("some 4,000")
    Figure(low=4000.0, high=4000.0, best=4000.0, qualifier='approx')
    >>> parse_figure("4,000-8,000")
    Figure(low=4000.0, high=8000.0, best=6000.0, qualifier='range')
    """
    if text is None:
        return EMPTY
    raw = str(text).strip()
    if not raw or raw.lower() in ("nan", "none"):
        return EMPTY
    t = raw.lower().translate(_ARABIC_DIGITS)
    for words, digits in _FRACTION_WORDS:
        t = re.sub(words, digits, t)
    t = re.sub(r"\b(one|two|three|four|five)[\s-]+and[\s-]+a[\s-]+half[\s-]+million\b",
               lambda m: f"{_WORD_NUMBERS[m.group(1)] + 0.5} million", t)
    if NOT_A_COUNT.search(t):
        return Figure(None, None, None, "not_a_count")
    # "1,7 مليون", "2,5 million": a decimal comma before a scale word
    t = re.sub(r"\b(\d{1,3}),(\d{1,2})\s*(million|mln|milioni|millions|مليون)", r"\1.\2 \3", t)
    t = t.replace("mln", "million").replace("milioni", "million")
    # "8 آلاف و500": eight thousand and five hundred
    t = re.sub(r"(\d+)\s*(?:آلاف|ألف|الف)\s*و\s*(\d+)", lambda m: str(int(m.group(1)) * 1000 + int(m.group(2))), t)
    if ZERO.match(t):
        return Figure(0.0, 0.0, 0.0, "exact")
    # "between 1.5 and two million": a number word before a scale word is always read
    t = re.sub(r"\b(" + "|".join(k for k in _WORD_NUMBERS if " " not in k) + r")\s+(million|thousand|hundred)\b",
               lambda m: f"{_WORD_NUMBERS[m.group(1)]} {m.group(2)}", t)
    # "a million" -> "1 million", "seven" -> "7" (only where no digit is written)
    if not re.search(r"\d", t):
        t = _WORD_RE.sub(lambda m: str(_WORD_NUMBERS[m.group(1)]).replace("1000000", "1 million"), t)
        t = _arabic_words_to_number(t)
        if not re.search(r"\d", t) and _ARABIC_DUAL.match(t):
            return Figure(2.0, 2.0, 2.0, "exact")
        t = t.replace("ما يقارب", "about").replace("قرابة", "about").replace("حوالي", "about").replace("نحو", "about")
    # A year or date inside the text is not a count.
    t_counts = re.sub(r"\b(19|20)\d{2}-\d{2}(-\d{2})?\b", " ", t)
    parts = re.fullmatch(rf"\D*?((?:{_NUMBER})(?:\s*\+\s*(?:{_NUMBER}))+)\D*", t_counts)
    if parts:
        # "123+157": parts stated separately, summed
        total = sum(_to_number(n.strip(), None) for n in parts.group(1).split("+"))
        return Figure(total, total, total, "sum")
    rng = _RANGE_RE.search(t_counts)
    if rng:
        lo_scale = rng.group(2) or rng.group(4)  # "1-1.5 million" scales both ends
        lo = _to_number(rng.group(1), lo_scale)
        hi = _to_number(rng.group(3), rng.group(4))
        if hi >= lo and not _looks_like_list(t_counts, rng):
            return Figure(lo, hi, float(round((lo + hi) / 2)), "range")
    num = _first_count(t_counts)
    if not num:
        if _has_word(t, VAGUE_WORDS) or re.search("المئات|مئات|الآلاف|آلاف|عشرات", t):
            return Figure(None, None, None, "vague")
        return Figure(None, None, None, "no_number")
    value = _to_number(num.group(1), num.group(2))
    if unit == "people" and _NOT_PEOPLE.match(t_counts[num.end():]):
        # "two batches of fighters", "5 buses of fighters": a count of something else
        return Figure(None, None, None, "other_unit")
    if _FAMILIES.match(t_counts[num.end():]):
        # "2,173 families (approximately 8,692 people)": use the people count if one follows
        rest = t_counts[num.end():]
        if re.search(r"\d[\d,]*\s*(people|persons|individuals|civilians|residents|شخص)", rest):
            return parse_figure(rest)
        return Figure(None, None, None, "families")
    prefix = t_counts[: num.start()] + t_counts[num.start() : num.end() + 1]
    if _has_word(prefix, LOWER_BOUND_WORDS):
        return Figure(value, value, value, "lower_bound")
    if _has_word(prefix, UPPER_BOUND_WORDS):
        return Figure(value, value, value, "upper_bound")
    if _has_word(prefix, APPROX_WORDS):
        return Figure(value, value, value, "approx")
    return Figure(value, value, value, "exact")


def _first_count(text: str) -> re.Match | None:
    """The first number that is not a bare year (2011-2019 style), if any."""
    matches = list(_NUM_RE.finditer(text))
    for m in matches:
        if re.fullmatch(r"(19|20)\d{2}", m.group(1)) and not m.group(2) and len(matches) > 1:
            continue
        return m
    return None


def _looks_like_list(text: str, match: re.Match) -> bool:
    """'500 and 1,000' after words such as 'including' are two counts, not a range."""
    joiner = text[match.end(1) : match.start(3)]
    if "and" in joiner and "between" not in text[: match.start(1) + 8]:
        return True
    return False


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
