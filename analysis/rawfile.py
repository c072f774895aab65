"""One reader for raw CSV files: it names every problem a contributor can make, all at once.

Raw data comes from many hands: spreadsheets exported in Arabic locales, hand-edited CSVs, copies made on
Windows. :func:`read_csv_rows` reads one file and either returns its rows, each with the line it starts on
as an editor counts lines (a cell holding a newline makes a record span lines), or raises one
:class:`~analysis.schemas.DataValidationError` listing every problem with file, line, column and value:

- an encoding that is not UTF-8 (a cp1256 / windows-1252 / latin-1 export): refused, naming the first bad
  line and the fix; a UTF-8 byte-order mark and Windows line ends are accepted;
- a file separated by ``;`` or tabs instead of commas;
- an empty file, or one with a header and no rows;
- a header that names a column twice;
- a row with more or fewer cells than the header, and a quote left open (the rest of the file would be
  swallowed into one cell).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .schemas import DataValidationError, Failure, display_path

#: encodings a raw file is likely to arrive in when it is not UTF-8, tried only to name the problem
LIKELY_ENCODINGS = ("cp1256", "windows-1252", "latin-1")
#: a quoted cell that spans more lines than this is a quote left open, not a long note
MAX_LINES_IN_A_CELL = 12


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataValidationError([Failure(file, 1, "", "UTF-16 byte-order mark",
                                           "the file is UTF-16: save it as UTF-8 (CSV UTF-8 in Excel)")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = ""
        for enc in LIKELY_ENCODINGS:
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
            if enc == "cp1256" and arabic:
                guess = "it looks like an Arabic Windows export (cp1256)"
                break
            if enc != "cp1256":
                guess = f"it may be {enc}"
                break
        bad = raw[exc.start: exc.start + 4]
        raise DataValidationError([Failure(
            file, line, "", repr(bad)[2:-1],
            f"not UTF-8 ({guess}); re-save the file as UTF-8 (in Excel: 'CSV UTF-8'; or "
            f"`iconv -f {guess.split('(')[-1].rstrip(')') if '(' in guess else 'cp1256'} -t utf-8`)")]) from None


def read_csv_rows(path: Path, expected: list[str] | None = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line, cells), …]) of one raw CSV; every problem raised at once, named by file and line."""
    path = Path(path)
    file = display_path(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise DataValidationError([Failure(file, 1, "", "", "the file is empty: it needs a header row and "
                                                                "at least one data row")])
    text = _decode(raw, file).replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    failures: list[Failure] = []
    if "," not in first:
        for sep, name in ((";", "semicolons"), ("\t", "tabs")):
            if sep in first:
                raise DataValidationError([Failure(
                    file, 1, "", first[:80],
                    f"the file is separated by {name}, not commas: re-save it as comma-separated CSV "
                    f"(in Excel: 'CSV UTF-8 (comma delimited)')")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DataValidationError([Failure(file, 1, "", "", "the file is empty")]) from None
    seen: set[str] = set()
    for name in header:
        if name in seen:
            failures.append(Failure(file, 1, name, name, "the header names this column twice"))
        seen.add(name)
    if expected:
        missing = [c for c in expected if c not in header]
        failures += [Failure(file, 1, c, "", "column missing from header") for c in missing]
    rows: list[tuple[int, list[str]]] = []
    previous_end = 1
    try:
        for cells in reader:
            start = previous_end + 1
            end = reader.line_num
            previous_end = end
            if not cells or all(not c.strip() for c in cells) and len(cells) <= 1:
                continue  # a blank line
            if end - start + 1 > MAX_LINES_IN_A_CELL:
                failures.append(Failure(file, start, "", cells[-1][:60].replace("\n", " ") + "…",
                                        f"a quote opened on line {start} is never closed: lines {start}-{end} "
                                        f"were read as one cell"))
                continue
            if len(cells) != len(header) and end > start:
                failures.append(Failure(file, start, "", ",".join(cells)[:60].replace("\n", " ") + "…",
                                        f"a quote opened on line {start} is never closed where it should be: "
                                        f"lines {start}-{end} were read as one row of {len(cells)} cells"))
                continue
            if len(cells) != len(header):
                where = header[len(cells)] if len(cells) < len(header) else "(extra cells)"
                failures.append(Failure(file, start, where, ",".join(cells)[:80],
                                        f"{len(cells)} cells where the header has {len(header)}: "
                                        f"a comma inside an unquoted cell, or a stray quote"))
                continue
            rows.append((start, cells))
    except csv.Error as exc:
        failures.append(Failure(file, reader.line_num, "", "", f"unreadable CSV: {exc}"))
    if not rows and not failures:
        failures.append(Failure(file, 2, "", "", "the file has a header but no rows"))
    if failures:
        raise DataValidationError(failures)
    return header, rows
