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


#: where evacuees were taken: one name for the spellings sources use (matched after normalise_latin /
#: normalise_arabic, and on an English gloss in brackets). Anything not listed stays as written.
DESTINATIONS = {
    "Idlib": ["Idlib", "Idleb", "إدلب", "Idlib province", "Idlib countryside", "rural Idlib", "ريف إدلب", "Provinz Idlib",
              "provinsi Idlib", "Ідліб", "northern province of Idlib [sic]"],
    "Jarablus": ["Jarablus", "Jarabulus", "Jarablous", "Jarablos", "جرابلس", "مخيم زوغرة", "مخيم زوغرة (جرابلس)"],
    "Qalaat al-Madiq": ["Qalaat al-Madiq", "Qalaat al-Mudiq", "قلعة المضيق"],
    "al-Bab": ["al-Bab", "الباب"],
    "al-Dar al-Kabira": ["al-Dar al-Kabira", "Dar al-Kabira", "Dar al-Kebira", "الدار الكبيرة", "El-Dara El-Habira"],
    "northern rural Homs": ["ريف حمص الشمالي", "northern Homs countryside", "rebel-held north Homs", "north Homs"],
    "northern Syria": ["northern Syria", "Northern Syria", "الشمال السوري"],
    "Kisweh": ["Kisweh", "al-Kiswah", "الكسوة", "Keisua", "Al Kesua"],
    "Harjalleh": ["Harjalleh", "Herjalleh", "Haryala", "Hrajeleh", "Al-Harjleh, in Al-Keswa"],
    "Qudsaya": ["Qudsaya", "Qudsayya", "Qudsiya", "قدسيا"],
    "Jibrin": ["Jibrin", "Jibreen", "Aleppo (Jibreen)", "Aleppo (Jibrin)"],
    "Euphrates Shield area": ["Euphrates Shield areas (north-east Aleppo countryside)", "Northern Aleppo",
                              "northern Aleppo Governorate (Turkish-held areas)", "محافظة حلب الشمالية"],
    "Ramouseh": ["Ramousa", "al-Ramoseh"],
}


def _destination_index() -> dict[str, str]:
    index = {}
    for canonical, variants in DESTINATIONS.items():
        for v in variants:
            for key in (normalise_latin(v), normalise_arabic(v)):
                if key:
                    index.setdefault(key, canonical)
    return index


_DESTINATION_INDEX = _destination_index()


def standard_destination(name: str) -> str:
    """'Idleb', 'إدلب (Idlib)', 'Provinz Idlib' -> 'Idlib'; a name not in DESTINATIONS is returned as written."""
    text = name.strip()
    candidates = [text]
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
    if m:
        candidates += [m.group(1), m.group(2)]
    for c in candidates:
        for key in (normalise_latin(c), normalise_arabic(c)):
            if key and key in _DESTINATION_INDEX:
                return _DESTINATION_INDEX[key]
    return text


def standard_destinations(cell: str) -> str:
    """Each ``;``-separated destination standardised, duplicates dropped, order kept."""
    out = []
    for part in str(cell).split(";"):
        if part.strip():
            std = standard_destination(part)
            if std not in out:
                out.append(std)
    return ";".join(out)
