import pandas as pd
import pytest

from analysis.names import match_place, normalise_arabic, normalise_latin

PLACES = pd.DataFrame([
    {"place_id": "al-waer", "name_en": "Al-Waer", "variants": "al-Wa'er;Waer;al-Wair", "name_ar": "الوعر"},
    {"place_id": "moadamiyeh", "name_en": "Moadamiyeh", "variants": "Muadamiyat al-Sham;Moadamiyet al-Sham",
     "name_ar": "معضمية الشام"},
    {"place_id": "foah", "name_en": "Foah", "variants": "Foua;Fuaa;al-Fu'ah", "name_ar": "الفوعة"},
])


@pytest.mark.parametrize("name, place", [
    ("Al Waer", "al-waer"), ("al-Wa'er", "al-waer"), ("Waer", "al-waer"), ("AL-WA’ER", "al-waer"),
    ("Muadamiyat al-Sham", "moadamiyeh"), ("Moadamiyeh", "moadamiyeh"),
    ("al-Fu'ah", "foah"), ("Foua", "foah"),
    ("الوعر", "al-waer"), ("حي الوعر", None), ("وعر", "al-waer"), ("الوَعْر", "al-waer"),
    ("معضميه الشام", "moadamiyeh"), ("الفوعه", "foah"), ("الفـــوعة", "foah"),
])
def test_match_place(name, place):
    if place is None:
        with pytest.raises(KeyError, match="no place in the gazetteer"):
            match_place(name, PLACES)
    else:
        assert match_place(name, PLACES) == place


def test_normalise_arabic_folds_hamza_taa_marbuta_and_diacritics():
    assert normalise_arabic("إدلب") == normalise_arabic("ادلب") == "ادلب"
    assert normalise_arabic("مَضَايا") == "مضايا"
    assert normalise_arabic("الزبداني") == "زبداني"
    assert normalise_arabic("كفريّا") == "كفريا"


def test_normalise_latin():
    assert normalise_latin("Khan al-Shih") == normalise_latin("khan shih") == "khan shih"
    assert normalise_latin("Déir ez-Zor") == "deir ez zor"


@pytest.mark.parametrize("cell, expected", [
    ("Idleb", "Idlib"), ("إدلب (Idlib)", "Idlib"), ("Provinz Idlib", "Idlib"), ("Jarabulus;Idlib", "Jarablus;Idlib"),
    ("مخيم زوغرة (جرابلس)", "Jarablus"), ("Idlib;Idleb", "Idlib"), ("الكسوة (al-Kiswah)", "Kisweh"),
    ("Aleppo", "Aleppo"), ("Aleppo (Jibrin)", "Jibrin"),
])
def test_standard_destinations(cell, expected):
    from analysis.names import standard_destinations

    assert standard_destinations(cell) == expected
