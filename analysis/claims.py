"""The claim ledger: every number written in report prose, with where it came from.

A report builds its sentences through a :class:`Ledger`; each figure or date it
writes is registered with the table, row ids and source ids behind it. The
pipeline gathers every report's ledger into reports/claims.csv and claims.html,
and tests/test_claims.py fails if report prose holds a number that is not in it.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

CLAIM_COLUMNS = ["report", "claim_id", "text", "value", "what", "table", "rows", "source_ids"]


@dataclass
class Claim:
    report: str
    claim_id: str
    text: str
    value: str
    what: str
    table: str
    rows: str
    source_ids: str


#: the order in which a citation lists sources: primary documents first
SOURCE_TYPE_RANK = {"un_report": 0, "un_press": 1, "ngo_report": 2, "dataset": 3, "news_agency": 4,
                    "news_outlet": 5, "government": 6, "local_outlet": 7, "encyclopedia": 8, "other": 9}


@dataclass
class Ledger:
    """Collects the claims one report makes. ``source_types`` (id -> type) orders citations."""

    report: str
    source_types: dict[str, str] = field(default_factory=dict)
    max_cited: int = 3
    claims: list[Claim] = field(default_factory=list)

    def add(self, text: str, *, value, what: str, table: str, rows, source_ids) -> str:
        """Register one figure or date as written in prose and return the text to write."""
        if not str(text).strip():
            raise ValueError(f"claim for {what!r} has no text")
        rows_s = ";".join(sorted({str(r) for r in _as_list(rows)}))
        src_s = ";".join(sorted({s for cell in _as_list(source_ids) for s in str(cell).split(";") if s}))
        if not src_s:
            raise ValueError(f"claim {text!r} ({what}) has no source id")
        claim = Claim(self.report, f"{self.report}-{len(self.claims) + 1:03d}", str(text), str(value), what,
                      table, rows_s, src_s)
        self.claims.append(claim)
        return str(text)

    def count(self, value, *, what: str, table: str, rows, source_ids) -> str:
        """A count written with thousands separators: 4,000."""
        return self.add(f"{int(value):,}", value=int(value), what=what, table=table, rows=rows,
                        source_ids=source_ids)

    def span(self, low, high, *, what: str, table: str, rows, source_ids) -> str:
        """'4,000' or 'between 4,000 and 8,000' when sources or a range differ."""
        if low == high:
            return self.count(low, what=what, table=table, rows=rows, source_ids=source_ids)
        text = f"between {int(low):,} and {int(high):,}"
        return self.add(text, value=f"{int(low)}-{int(high)}", what=what, table=table, rows=rows,
                        source_ids=source_ids)

    def date(self, iso: str, *, what: str, table: str, rows, source_ids) -> str:
        """A date as readers say it ('21 May 2017', 'August 2016'); the ledger keeps the ISO value."""
        from .words import say_date

        return self.add(say_date(iso), value=iso, what=what, table=table, rows=rows, source_ids=source_ids)

    def first_last(self, dates, *, what: str, table: str, rows, source_ids) -> tuple[str, str]:
        """The earliest and latest of some ISO dates (empty ones ignored), both registered."""
        dated = sorted(d for d in _as_list(dates) if d)
        if not dated:
            raise ValueError(f"no dates for {what}")
        kw = dict(table=table, rows=rows, source_ids=source_ids)
        return (self.date(dated[0], what=f"{what}: first", **kw), self.date(dated[-1], what=f"{what}: last", **kw))

    def cite(self, source_ids) -> str:
        """The bracketed citation written after a claim: primary sources first, at most ``max_cited``.

        ``[un-sg-s-2016-714; reuters-20160826-daraya; +12 more]``; the ledger holds the full list.
        """
        ids = sorted({s for cell in _as_list(source_ids) for s in str(cell).split(";") if s},
                     key=lambda s: (SOURCE_TYPE_RANK.get(self.source_types.get(s, "other"), 9), s))
        shown = ids[: self.max_cited]
        more = f"; +{len(ids) - len(shown)} more" if len(ids) > len(shown) else ""
        return "[" + "; ".join(shown) + more + "]"

    def save(self, folder: Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.report}.json"
        path.write_text(json.dumps([asdict(c) for c in self.claims], ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        return path


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return list(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    return [value]


def read_ledgers(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(Path(folder).glob("*.json")):
        rows.extend(json.loads(path.read_text(encoding="utf-8")))
    return rows


CITATION_RE = re.compile(r"\[[a-z0-9][a-z0-9\-;\s]*(?:; \+\d+ more)?\]")


def unregistered_numbers(prose: str, claims: list[dict]) -> list[str]:
    """Numbers left in ``prose`` once registered claim texts and citations are taken out."""
    text = CITATION_RE.sub(" ", prose)
    for claim in sorted(claims, key=lambda c: -len(c["text"])):
        text = text.replace(claim["text"], " ")
    return re.findall(r"\d[\d,.]*", text)


def ledger_html(claims: list[dict], sources: dict[str, str] | None = None) -> str:
    """A table for an editor: report, claim as written, what it is, the rows and sources behind it."""
    sources = sources or {}
    head = "".join(f"<th scope='col'>{h}</th>" for h in
                   ["Report", "Claim", "What", "Table", "Rows", "Sources"])
    body = []
    for c in claims:
        links = ", ".join(
            f"<a href='{html.escape(sources[s])}'>{html.escape(s)}</a>" if s in sources else html.escape(s)
            for s in c["source_ids"].split(";"))
        body.append("<tr>" + "".join([
            f"<td>{html.escape(c['report'])}</td>", f"<td>{html.escape(c['text'])}</td>",
            f"<td>{html.escape(c['what'])}</td>", f"<td>{html.escape(c['table'])}</td>",
            f"<td>{html.escape(c['rows'].replace(';', '; '))}</td>", f"<td>{links}</td>"]) + "</tr>")
    return f"<table class='ledger'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def noun(count, singular: str, plural: str | None = None) -> str:
    """'estimate' for 1, 'estimates' otherwise ('batch' -> 'batches' when given)."""
    return singular if int(count) == 1 else (plural or singular + "s")
