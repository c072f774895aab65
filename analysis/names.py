"""Place-name matching: English spelling variants and normalised Arabic."""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

_ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_OTHER_FORMS = str.maketrans({"ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def normalise_arabic(text: str) -> str:
    """Fold the spellings an Arabic place name takes in sources into one key.

    Removes diacritics (harakat) and tatweel, unifies alef forms (أ إ آ ٱ -> ا),
    taa marbuta (ة -> ه), alef maqsura (ى -> ي) and hamza carriers (ؤ -> و, ئ -> ي),
    and drops the definite article ال at the start of each word.

    >>> normalise_arabic("الوَعْر") == normalise_arabic("وعر")
    True
    """
    if not isinstance(text, str) or not text:
        return ""
    t = unicodedata.normalize("NFKC", text)
    t = _ARABIC_DIACRITICS.sub("", t).replace(_TATWEEL, "")
    t = t.translate(_ALEF_FORMS).translate(_OTHER_FORMS)
    t = t.replace("ء", "")
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in t.split()]
    return " ".join(words)


def normalise_latin(text: str) -> str:
    """Fold English spellings: case, accents, apostrophes/ayn marks, hyphens, 'al-'/'el-' articles."""
    if not isinstance(text, str):
        return ""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[\u2018\u2019\u02bc\u02bf\u02be'`’ʿʾ]", "", t)
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    words = [w for w in t.split() if w not in ("al", "el", "ad", "as", "an", "ar", "at", "the")]
    return " ".join(words)


def name_index(places: pd.DataFrame) -> dict[str, str]:
    """Map every normalised name and variant (English and Arabic) to its place id."""
    index: dict[str, str] = {}
    for _, row in places.iterrows():
        names = [row["place_id"], row["name_en"], *str(row.get("variants", "")).split(";")]
        for name in names:
            key = normalise_latin(name)
            if key:
                index.setdefault(key, row["place_id"])
        ar = normalise_arabic(row.get("name_ar", ""))
        if ar:
            index.setdefault(ar, row["place_id"])
    return index


def match_place(name: str, places: pd.DataFrame) -> str:
    """The place id for a name as a source writes it; KeyError names the unknown spelling."""
    index = name_index(places)
    for key in (normalise_latin(name), normalise_arabic(name)):
        if key and key in index:
            return index[key]
    raise KeyError(f"no place in the gazetteer matches {name!r}")
