"""Who says so: the stance of each source, and whether it speaks for a party to the war.

A figure from a party to the fighting (the Syrian government and its media, Russia's military and state
media, Iran's and Hezbollah's media, Turkey's state agency, the US-led coalition, armed opposition groups
and opposition media) is a claim: every page attributes it ("according to Russia's defence ministry")
and charts mark it. The UN, ICRC/SARC, monitors and the independent press are attributed too, but not
flagged as claims (../shared/EDITORIAL.md).

The stance is read from the publisher and, before it, the original publisher (a Reuters page that
carries SANA's words is SANA's claim). Rows whose quote or notes name the Russian military as the
origin of the figure are that military's claim whoever printed them (:func:`row_claimant`).
"""
from __future__ import annotations

import re

import pandas as pd

#: stance -> label a reader sees
STANCE_LABELS = {
    "un": "United Nations",
    "icrc_sarc": "ICRC or Red Crescent",
    "ngo_monitor": "NGO or monitor",
    "independent_press": "independent press",
    "government": "government or state media",
    "russian_military": "Russian military",
    "opposition": "opposition or opposition media",
}

#: (pattern on publisher names, stance, speaks for a party to the war); first match wins
_RULES: list[tuple[str, str, bool]] = [
    (r"russian (federation )?(defen[cs]e )?ministry|ministry of defen[cs]e of (the )?russia|russian mod\b|"
     r"reconciliation cent|hmeimim|khmeimim|russian military|zvezda|mil\.ru", "russian_military", True),
    (r"\bsana\b|syrian arab news|syria times|tishreen|al-?baath|al-?watan|ikhbariya|syrian (tv|television|"
     r"ministry|government|army|arab army|embassy|presidency)|embassy of the syrian|ministry of awqaf|"
     r"ministry of information|syrian mirror|al-?masdar|dama post|sham fm", "government", True),
    (r"sputnik|\brt\b|russia today|\btass\b|ria novosti|ruptly|news front|eot\.su|embassy of the russian|"
     r"\bizvestia|rossiyskaya|interfax|ren tv|channel one russia|anna news", "government", True),
    (r"press ?tv|\bfars\b|\bfna\b|tasnim|\birna\b|al-?alam|mehr news|\bisna\b|iran|hispan ?tv|al-?manar|"
     r"al-?mayadeen|al-?ahed", "government", True),
    (r"anadolu|\baa\b|\btrt\b|daily sabah|yeni ?safak|turkish (government|ministry|army)", "government", True),
    (r"centcom|cjtf|u\.?s\.? (mission|department|state department|government)|state department|pentagon|"
     r"coalition", "government", True),
    (r"usaid|france diplomatie|french mfa|foreign office|fcdo|government of|ministry of foreign|xinhua|"
     r"\bpna\b|embassy", "government", False),
    (r"\bsmart\b|orient news|orient net|\bshaam\b|qasioun|syrian coalition|etilaf|local coordination|\blccs?\b|"
     r"halab today|baladi[- ]news|enab baladi|zaman al-?wasl|step news|al-?dorar|nedaa syria|jaysh|faylaq|ahrar|"
     r"civil defen[cs]e|white helmets|media cent(er|re)|revolution|thawra|eldorar|all4syria|syrian national council",
     "opposition", True),
    (r"\bun\b|united nations|ocha|unrwa|\bwfp\b|world food|unicef|unhcr|\bwho\b|world health|secretary-general|"
     r"security council|reliefweb|un news|unog|ohchr|unfpa|undp|\berc\b", "un", False),
    (r"icrc|red cross|red crescent|\bsarc\b|\bifrc\b|croix-rouge|cruz roja|croce rossa|rotes kreuz", "icrc_sarc",
     False),
    (r"\bsohr\b|syrian observatory|\bsnhr\b|syrian network for human rights|siege watch|\bpax\b|syria institute|"
     r"amnesty|human rights watch|\bhrw\b|\bmsf\b|m[ée]decins|doctors without borders|\bsams\b|syrian american "
     r"medical|violations documentation|action group for palestinians|\bagpss?\b|justice for life|\bjfl\b|"
     r"deir ?ez-?zor ?24|raqqa is being|save the children|oxfam|norwegian refugee|\bnrc\b|\birc\b|"
     r"international rescue|commission of inquiry|syrian justice|\bstj\b", "ngo_monitor", False),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), s, party) for p, s, party in _RULES]

#: figures the Russian military gave, whoever printed them
_RUSSIAN_MILITARY_ROW = re.compile(r"russian (defen[cs]e|military)|reconciliation cent|russian mod\b|hmeimim|"
                                   r"khmeimim|russia'?s defen[cs]e ministry|минобороны|центр(а)? по примирению",
                                   re.IGNORECASE)


def stance_of(publisher: str, original_publisher: str = "", source_type: str = "") -> tuple[str, bool]:
    """(stance, speaks for a party to the war) for one source."""
    for name in (original_publisher, publisher):
        if not name:
            continue
        for pattern, stance, party in _COMPILED:
            if pattern.search(name):
                return stance, party
    if source_type in ("un_report", "un_press"):
        return "un", False
    if source_type == "ngo_report":
        return "ngo_monitor", False
    if source_type == "government":
        return "government", True
    return "independent_press", False


def add_stance(sources: pd.DataFrame) -> pd.DataFrame:
    """The source registry with ``stance`` and ``party_to_war`` columns."""
    out = sources.copy()
    tags = [stance_of(p, o, t) for p, o, t in zip(out["publisher"], out["original_publisher"], out["source_type"])]
    out["stance"] = [s for s, _ in tags]
    out["party_to_war"] = [party for _, party in tags]
    return out


def row_claimant(quote: str, notes: str) -> str:
    """The party a raw row's figure comes from when its quote or notes say so ("" when none is named)."""
    if _RUSSIAN_MILITARY_ROW.search(f"{quote} {notes}"):
        return "Russian military"
    return ""


def attribution(publisher: str, claimant: str = "") -> str:
    """'according to Russia's military (a party to the war)', 'according to SANA (government or state media, a
    party to the war)', 'according to Reuters'. ``claimant`` is the party the figure comes from, if any."""
    if claimant == STANCE_LABELS["russian_military"]:
        return "according to Russia's military, a party to the war" + (f" (via {publisher})" if publisher else "")
    if claimant:
        return f"according to {publisher} ({claimant}, a party to the war)"
    return f"according to {publisher}" if publisher else ""
