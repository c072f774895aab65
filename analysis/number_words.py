"""Number words -> digits, by the language of the source, with libraries made for it.

Which reader serves which language:

| languages | reader |
|---|---|
| en, fr, es, it, de, pt, nl, da | ``text2num.alpha2digit`` (threshold 0, so "two trucks" reads too) |
| ar | ``pyarabic.number.text2number`` on each number phrase; the phrase boundaries, the article (السبعين), duals (ألفي, مئتي, ألفا) and the مائة/مئة spellings it does not know are handled here |
| ru, uk, pl, fa | a lexicon generated from ``num2words`` (every word form it writes for units, tens, hundreds and scales), read with the usual add-and-multiply rule |

``words_to_digits`` returns the text with every number it could read written in digits;
``leftover_number_words`` names the number words still in a text after that, so that
``analysis.parse`` can refuse a figure that was only half read.
"""
from __future__ import annotations

import contextlib
import functools
import io
import re

from num2words import num2words
from pyarabic import number as _pyarabic_number
from text_to_num import alpha2digit

TEXT2NUM_LANGUAGES = ("en", "fr", "es", "it", "de", "pt", "nl", "da")
LEXICON_LANGUAGES = ("ru", "uk", "pl", "fa")
ARABIC_LANGUAGES = ("ar",)

# ----------------------------------------------------------------------------- Arabic

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")  # diacritics and tatweel
#: spellings pyarabic does not read, and the duals, written the way it does
_ARABIC_SPELLINGS = {
    "مائتان": "مئتان", "مائتين": "مئتين", "مائتا": "مئتين", "مائتي": "مئتين", "مئتا": "مئتين", "مئتي": "مئتين",
    "مئتان": "مئتين", "ألفي": "ألفين", "الفي": "ألفين", "الفين": "ألفين", "الفان": "ألفين", "ألفان": "ألفين",
    "مليونا": "مليونين", "مليوني": "مليونين", "مليونان": "مليونين", "الف": "ألف", "الفا": "ألفا", "آلاف": "آلاف",
    "اربعة": "أربعة", "اربع": "أربع", "اربعين": "أربعين", "اربعون": "أربعون", "اربعمائة": "أربعمائة",
    "اربعمئة": "أربعمئة", "احد": "أحد", "اثنا": "اثنا",
}
#: plural scale words read alone are vague ("thousands"), never a number
_ARABIC_VAGUE = {"آلاف", "الاف", "مئات", "عشرات", "ملايين", "ألوف", "الوف"}
_ARABIC_SCALES = {"ألف": 1000, "ألفا": 1000, "آلاف": 1000, "مليون": 1_000_000, "ملايين": 1_000_000}


def _quiet_text2number(text: str) -> int:
    """pyarabic's reader (it prints debugging lines; keep them off our output)."""
    with contextlib.redirect_stdout(io.StringIO()):
        return int(_pyarabic_number.text2number(text))


@functools.lru_cache(maxsize=4096)
def _arabic_value(word: str) -> int:
    """The value of one normalised Arabic number word, or 0 if it is not one."""
    if word in _ARABIC_VAGUE or not word:
        return 0
    return _quiet_text2number(word)


def _arabic_token(raw: str, run_open: bool = False) -> tuple[str, bool, int]:
    """(normalised word, joined by و, value) for one whitespace token.

    A plural scale word (آلاف) counts only after a number word (``run_open``): alone it is vague.
    """
    word = _TASHKEEL.sub("", raw).strip("،,.؛:()[]«»\"'")
    waw = False
    candidates = [word]
    if word.startswith("و") and len(word) > 2 and word != "واحد":
        candidates.insert(0, word[1:])
    for w in list(candidates):
        if w.startswith("ال") and len(w) > 3:
            candidates.append(w[2:])
        if w[:1] in "بل" and len(w) > 3:
            candidates.append(w[1:])
    for i, w in enumerate(candidates):
        w = _ARABIC_SPELLINGS.get(w, w)
        value = _arabic_value(w)
        if value:
            waw = word.startswith("و") and word != "واحد" and not w.startswith("و")
            return w, waw, value
    if run_open and _ARABIC_SPELLINGS.get(word, word) in ("آلاف", "ملايين"):
        return word, False, _ARABIC_SCALES[_ARABIC_SPELLINGS.get(word, word)]
    return word, False, 0


def _magnitude(value: int) -> int:
    return 10 ** (len(str(value)) - 1)


def _arabic_segments(tokens: list[tuple[str, bool, int]]) -> list[list[str]]:
    """Split a run of number words into numbers.

    Words joined by و belong to one number when the new part is smaller than the
    last part ("ألف وخمسمائة" 1,500) or a tens word after a unit ("خمسة وعشرين" 25);
    otherwise they are two numbers ("ستة وثمانية آلاف": six, eight thousand).
    """
    segments: list[list[str]] = []
    last_part = 0  # value of the last additive part of the current segment
    for word, waw, value in tokens:
        is_scale = word in _ARABIC_SCALES or value in (1000, 1_000_000) and not waw and segments
        if not segments:
            if word == "ألفا":  # a dual at the start ("ألفا شخص") is two thousand
                word, value = "ألفين", 2000
            segments.append([word])
            last_part = value
            continue
        if not waw and (is_scale or (value < 10 and last_part in (10,) )):
            segments[-1].append(word)  # "ثلاثة آلاف", "مائة ألف", "خمسة عشر"
            last_part = value if not is_scale else last_part * value
            continue
        if not waw and 10 <= value < 20 and last_part < 10:
            segments[-1].append(word)  # "خمسة عشر"
            last_part = value
            continue
        joins = waw and (value < _magnitude(last_part) or (last_part < 10 and value % 10 == 0 and 20 <= value <= 90))
        if joins:
            segments[-1].append("و" + word)
        else:
            segments.append([word])
        last_part = value
    return segments


_ARABIC_PHRASES = [
    (re.compile(r"(?:ما\s+)?لا\s+(?:يقل|تقل)\s+(?:عن|على)"), " at least "),
    (re.compile(r"(?:ما\s+)?لا\s+(?:يزيد|تزيد|يتجاوز|يتعدى)\s*(?:عن|على)?"), " up to "),
    (re.compile(r"(?:أكثر|اكثر|أزيد|ازيد)\s+من|ما\s+يزيد\s+(?:عن|على)|ما\s+يربو\s+على|يزيد\s+(?:عن|على)|يتجاوز|تجاوز"), " more than "),
    (re.compile(r"(?:أقل|اقل)\s+من|حتى"), " up to "),
    (re.compile(r"ما\s+يقارب|ما\s+يقرب\s+من|يقارب|قرابة|حوالي|حوالى|نحو|زهاء|تقريبا|تقريباً|حدود|ما\s+يناهز|يناهز"), " about "),
]


def _arabic_to_digits(text: str) -> str:
    # fractions first: "نصف مليون", "ربع مليون", "مليون ونصف"
    text = re.sub(r"(?:ال)?نصف\s+(?:ال)?مليون", " 500000 ", text)
    text = re.sub(r"(?:ال)?ربع\s+(?:ال)?مليون", " 250000 ", text)
    text = re.sub(r"مليون\s+ونصف(?:\s+(?:ال)?مليون)?", " 1500000 ", text)
    text = re.sub(r"(\d+)\s*(?:آلاف|ألفا|ألف|الف)\s*و\s*(\d+)", lambda m: f" {int(m.group(1)) * 1000 + int(m.group(2))} ", text)
    tokens = text.split()
    out: list[str] = []
    run: list[tuple[str, bool, int]] = []

    def flush() -> None:
        if not run:
            return
        segments = _arabic_segments(run)
        values = [_quiet_text2number(" ".join(s)) for s in segments]
        # "بين ستة وثمانية آلاف": the scale of the last number is shared by the first
        if len(values) == 2 and values[0] < values[1] and values[1] % 1000 == 0:
            scale = 1_000_000 if values[1] % 1_000_000 == 0 and values[0] * 1_000_000 <= values[1] else 1000
            if values[0] * scale <= values[1] and values[0] < 1000 and not any(w in _ARABIC_SCALES for w in segments[0]):
                values[0] *= scale
        out.append(" and ".join(str(v) for v in values))
        run.clear()

    pending_waw = False  # a "و" written as a word of its own ("واحد و عشرون")
    for tok in tokens:
        if tok == "و" and run:
            pending_waw = True
            continue
        word, waw, value = _arabic_token(tok, run_open=bool(run))
        if value and not (word in _ARABIC_SCALES and not run and out and re.fullmatch(r"[\d.,]+", out[-1])):
            run.append((word, waw or pending_waw, value))
            pending_waw = False
            continue
        flush()
        if pending_waw:
            out.append("و")
            pending_waw = False
        out.append(tok)
    flush()
    result = " ".join(out)
    result = re.sub(r"(?<![^\s])بين(?=\s)", "between", result)
    result = re.sub(r"(?<=\d)\s+أو\s+(?=\d)", " or ", result)
    result = re.sub(r"(?<=\d)\s+(?:إلى|الى)\s+(?=\d)", " to ", result)
    result = re.sub(r"(?<=\d)\s+و\s*(?=\d)", " and ", result)
    for pattern, english in _ARABIC_PHRASES:
        result = pattern.sub(english, result)
    return re.sub(r"\s+", " ", result).strip()


# --------------------------------------------------------------- lexicon languages


#: the grammatical cases num2words writes for Russian and Ukrainian ("около двадцати тысяч")
_CASES = ("nominative", "genitive", "dative", "accusative", "instrumental")
_INFLECTIONS = {"ru": [{"case": c} for c in _CASES + ("prepositional",)],
                "uk": [{"case": c} for c in _CASES + ("locative",)]}
#: scale forms num2words never writes but sources do ("około tysiąca osób")
EXTRA_SCALE_FORMS = {"pl": {"tysiąca": 1000}}


@functools.lru_cache(maxsize=None)
def lexicon(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """(words, scales) for a language, from every form num2words writes for it.

    Units, teens, tens and hundreds come from num2words(n); the forms a scale word
    takes after each unit ("тысяча", "тысячи", "тысяч") and the unit forms used
    before it ("две тысячи") come from num2words(k * 1000) and num2words(k * 10**6).
    """
    words: dict[str, int] = {}
    scales: dict[str, int] = dict(EXTRA_SCALE_FORMS.get(language, {}))
    base = list(range(1, 20)) + list(range(20, 100, 10)) + list(range(100, 1000, 100))
    for kwargs in _INFLECTIONS.get(language, [{}]):
        for n in base:
            toks = [t for t in num2words(n, lang=language, **kwargs).replace("-", " ").split() if t != "و"]
            if len(toks) == 1:
                words.setdefault(toks[0].lower(), n)
        for scale in (1000, 1_000_000):
            for k in list(range(1, 10)) + [10, 20, 100]:
                toks = [t for t in num2words(k * scale, lang=language, **kwargs).split() if t != "و"]
                scales.setdefault(toks[-1].lower(), scale)
                if len(toks) == 2 and toks[0].lower() not in words:
                    words[toks[0].lower()] = k
    return words, scales


#: abbreviated scale words in sources ("20 tys. osób", "56 тыс.")
ABBREVIATED_SCALES = {"тыс.": 1000, "тыс": 1000, "тис.": 1000, "тис": 1000, "tys.": 1000, "tys": 1000,
                      "млн": 1_000_000, "млн.": 1_000_000, "mln": 1_000_000, "mln.": 1_000_000}


def _lexicon_to_digits(text: str, language: str) -> str:
    words, scales = lexicon(language)
    out: list[str] = []
    current: list[int] = []  # [total, part, last_added]

    def flush() -> None:
        if current:
            out.append(str(current[0] + current[1]))
            current.clear()

    for tok in text.split():
        w = tok.lower().strip(",;:()«»\"")
        if w == "و" and current:
            continue
        if w in words:
            value = words[w]
            if current and current[2] and value >= _magnitude(current[2]) * (10 if current[2] >= 10 else 1):
                flush()  # "шесть восемь": two numbers, not one
            if not current:
                current.extend([0, 0, 0])
            current[1] += value
            current[2] = value
            continue
        if w in scales and current:
            current[0] += max(current[1], 1) * scales[w]
            current[1] = 0
            current[2] = 0
            continue
        if w in scales and not current and not (out and re.fullmatch(r"[\d.,]+", out[-1])):
            current.extend([scales[w], 0, 0])  # "тысяча" alone: one thousand
            continue
        flush()
        out.append(tok)
    flush()
    return " ".join(out)


# ----------------------------------------------------------------------- text2num

_TEXT2NUM_FIXES = {
    # num2words' and the press's Italian elisions that text2num does not read
    "it": [(re.compile(r"cent(?=ott)"), "cento"), (re.compile(r"dicotto"), "diciotto")],
    # "eine Million", "un million": the article is the number one before a scale word
    "de": [(re.compile(r"\beine?\s+(million|milliarde)", re.I), r"1 \1"),
           (re.compile(r"einstausend"), "eintausend")],  # num2words writes "achthunderteinstausend"
}


#: what alpha2digit must not touch: a scale word already after digits ("1.5 million", "20 mila") and
#: plural words that are vague, not numbers ("hundreds", "milliers")
_PROTECTED = re.compile(
    r"(\d[\d.,\u00a0 ]*\s*-?\s*(?:million|millions|milioni|milione|millones|millón|milhões|milhão|miljoen|millionen|"
    r"thousands|thousand|mila|mil|mille|tausend|duizend|hundred|cent|mln)\b"
    r"|\b(?:hundreds|thousands|millions|dozens|tens|scores|centaines|milliers|centenares|cientos|miles|centinaia|"
    r"migliaia|hunderte|tausende|centenas|milhares|honderden|duizenden)\b)",
    re.IGNORECASE)


def _text2num_to_digits(text: str, language: str) -> str:
    for pattern, repl in _TEXT2NUM_FIXES.get(language, []):
        text = pattern.sub(repl, text)
    # the commas num2words writes in English numbers ("one million, two hundred") are separators only
    if language == "en":
        text = re.sub(r"(?<=[a-z]),(?=\s+[a-z])", "", text)
        # "the five-truck convoy": a number word joined to its noun
        vocab = _leftover_vocabulary("en") | {"one"}
        text = re.sub(r"\b([a-z]+)-([a-z]+)\b",
                      lambda m: f"{m.group(1)} {m.group(2)}" if m.group(1) in vocab and m.group(2) not in vocab
                      else m.group(0), text)
    pieces = _PROTECTED.split(text)
    text = "".join(piece if i % 2 else alpha2digit(piece, language, threshold=0) for i, piece in enumerate(pieces))
    # "deux millions un", "eine Million eins": alpha2digit leaves a final "one" after a round number
    text = re.sub(r"\b(\d*000)\s+(un|une|eins|uno|um|one)\b", lambda m: str(int(m.group(1)) + 1), text)
    # "1 Million 1", "2 millions 1": a scale word kept after digits, then the rest of the number
    return re.sub(r"\b(\d+) (million|millions|millionen|milioni|millones|milhões|miljoen)\b (\d{1,6})\b(?![.,]\d)",
                  lambda m: str(int(m.group(1)) * 1_000_000 + int(m.group(3))), text, flags=re.IGNORECASE)


# ---------------------------------------------------------------------- public


def _turkish_to_digits(text: str) -> str:
    """Turkish thousands as sources write them: "bin 650" (1,650), "14 bin" (14,000), "2 binden fazla".

    No library on the registry reads Turkish number words; sources write the hundreds in digits and
    only the word for thousand, "bin", which these rules read. Other Turkish number words stay words
    and make the figure unread.
    """
    text = re.sub(r"\b(\d+)\s+bin\s+(\d{1,3})(?![\d.,])", lambda m: str(int(m.group(1)) * 1000 + int(m.group(2))), text)
    text = re.sub(r"(?<![\d\s])(\s*)\bbin\s+(\d{1,3})(?![\d.,])", lambda m: f"{m.group(1)}{1000 + int(m.group(2))}", text)
    text = re.sub(r"^bin\s+(\d{1,3})(?![\d.,])", lambda m: str(1000 + int(m.group(1))), text)
    text = re.sub(r"\b(\d+)\s+bin(?:den|e|i|lerce)?\b", lambda m: str(int(m.group(1)) * 1000), text)
    return text


def has_reader(language: str | None) -> bool:
    """True when the number words of ``language`` can be read."""
    return (language or "en").lower() in TEXT2NUM_LANGUAGES + LEXICON_LANGUAGES + ARABIC_LANGUAGES + ("tr",)


def words_to_digits(text: str, language: str | None) -> str:
    """Write every number word the source's language reader knows in digits.

    English words are also read in a text of another language (sources quote English
    glosses), after that language's own reader.
    """
    lang = (language or "en").lower()
    if lang in ARABIC_LANGUAGES or re.search("[\u0600-\u06ff]", text) and lang not in LEXICON_LANGUAGES:
        text = _arabic_to_digits(text)
    elif lang in LEXICON_LANGUAGES:
        text = _lexicon_to_digits(text, lang)
    elif lang == "tr":
        text = _turkish_to_digits(text)
    elif lang in TEXT2NUM_LANGUAGES and lang != "en":
        text = _text2num_to_digits(text, lang)
    return _text2num_to_digits(text, "en")


@functools.lru_cache(maxsize=None)
def _leftover_vocabulary(language: str) -> frozenset[str]:
    """Number words of a language that mean a count wherever they stand.

    The word for one ("one", "un", "ein", "uno", ...) is left out: it is also an article.
    """
    lang = language if language in TEXT2NUM_LANGUAGES + LEXICON_LANGUAGES + ARABIC_LANGUAGES else "en"
    vocab: set[str] = set()
    for n in list(range(2, 20)) + list(range(20, 100, 10)) + list(range(100, 1000, 100)) + [1000, 2000, 10**6]:
        try:
            text = num2words(n, lang=lang)
        except (NotImplementedError, OverflowError):
            continue
        vocab.update(t.lower() for t in re.split(r"[\s,-]+", text) if len(t) > 2 and t != "و")
    if lang == "ar":
        vocab -= _ARABIC_VAGUE
        vocab.update({"ألف", "مليون", "مئة", "مائة", "ألفين", "ألفا"})
    if lang in LEXICON_LANGUAGES:
        vocab.update(lexicon(lang)[1])
    return frozenset(vocab)


def leftover_number_words(text: str, language: str | None) -> list[str]:
    """Number words (of the source's language or English) still written as words in ``text``.

    A scale word right after digits ("8 тисяч", "20 tys.", "8 آلاف") is read by ``analysis.parse``
    and is not a leftover.
    """
    lang = (language or "en").lower()
    found = []
    vocab = _leftover_vocabulary(lang) | _leftover_vocabulary("en")
    scale_words = set(ABBREVIATED_SCALES) | {"thousand", "million", "hundred", "mila", "mil", "mille", "tausend",
                                             "milioni", "million", "millions", "milhões", "millones"}
    if lang in LEXICON_LANGUAGES:
        scale_words |= set(lexicon(lang)[1])
    previous = ""
    for tok in re.split(r"[\s,;:()«»\"'!?،؛-]+", text.lower()):
        if not tok:
            continue
        after_digits = bool(re.search(r"\d$", previous))
        previous = tok
        if re.search("[\u0600-\u06ff]", tok):
            word, _, value = _arabic_token(tok)
            if value and word not in _ARABIC_VAGUE and not (after_digits and word in _ARABIC_SCALES):
                found.append(tok)
            continue
        word = tok.strip(".")
        if after_digits and (word in scale_words or tok in scale_words):
            continue
        if word in vocab:
            found.append(tok)
    return found
