"""Notebook parameters checked inside the notebook, so a run from papermill's own CLI is checked too.

Every notebook calls :func:`check` right after its parameters. A reporter's mistake gets one clear
message (no traceback in the build's report), and nothing is written:

- values are plain JSON scalars (strings); a list, a dict or a number where a string is expected is refused;
- a place is found from any name or spelling the gazetteer knows (English or Arabic); an unknown one names
  the nearest matches;
- dates are calendar days (YYYY-MM-DD) and a window never ends before it starts;
- output folders stay inside the reports folder or a build's own staging folder: an absolute path elsewhere
  or a ``../`` never writes outside.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import tempfile
from pathlib import Path

from . import paths


class ParameterError(ValueError):
    """A notebook parameter a reporter set wrong; the message says which and how to fix it."""


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def check_output_dir(name: str, value: str) -> str:
    """An output folder parameter: empty, or a folder inside the reports folder (``reports/`` or a build's own
    ``reports.staging-*``). A build working in the system's temporary folder (the tests) may write there only
    inside a folder named ``reports…`` too: a ``../`` that lands elsewhere in it is refused."""
    if value == "":
        return value
    resolved = paths.resolve(value).resolve()
    root = paths.ROOT.resolve()
    if any(_inside(resolved, r) for r in [root / "reports", *root.glob("reports.*")]):
        return value
    tmp = Path(tempfile.gettempdir()).resolve()
    if _inside(resolved, tmp) and any(part.startswith("reports") for part in resolved.relative_to(tmp).parts):
        return value
    raise ParameterError(f"{name}={value!r} would write outside the reports folder ({paths.ROOT / 'reports'}); "
                         f"give a folder inside it")


def check_day(name: str, value: str) -> str:
    if value == "":
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ParameterError(f"{name}={value!r} is not a day written YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"{name}={value!r} is not a real calendar day") from None
    return value


def resolve_place(value: str, places) -> str:
    """A place id from an id, an English name or spelling variant, or an Arabic name."""
    from .names import match_place

    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise ParameterError(f"location={value!r} is not a place name (at most 100 characters)")
    if value in set(places["place_id"]):
        return value
    try:
        return match_place(value, places)
    except KeyError:
        pass
    # "الوعر" for "حي الوعر" (Waer district): every word of the name, in one place's names only
    from .names import normalise_arabic, normalise_latin

    words = set(normalise_arabic(value).split()) or set(normalise_latin(value).split())
    hits = set()
    for _, row in places.iterrows():
        names = [row["name_en"], *str(row.get("variants", "")).split(";")]
        tokens = [set(normalise_latin(n).split()) for n in names] + [set(normalise_arabic(row.get("name_ar", "")).split())]
        if words and any(words <= t for t in tokens if t):
            hits.add(row["place_id"])
    if len(hits) == 1:
        return hits.pop()
    names = list(places["place_id"]) + list(places["name_en"])
    near = list(dict.fromkeys(n.lower() for n in difflib.get_close_matches(value.lower(), [n.lower() for n in names],
                                                                          n=5, cutoff=0.5)))[:3]
    hint = f"; nearest: {', '.join(near)}" if near else ""
    raise ParameterError(f"location={value!r} is not a place in the gazetteer{hint}")


def check(values: dict, strings: tuple[str, ...] = (), days: tuple[str, ...] = (),
          output_dirs: tuple[str, ...] = ()) -> dict:
    """Check a notebook's parameters; returns them unchanged or raises one ParameterError naming every problem."""
    problems = []
    for name in strings + days + output_dirs:
        if not isinstance(values.get(name), str):
            problems.append(f"{name}={values.get(name)!r} must be a string (a plain JSON value)")
    if problems:
        raise ParameterError("; ".join(problems))
    for name in days:
        try:
            check_day(name, values[name])
        except ParameterError as exc:
            problems.append(str(exc))
    for name in output_dirs:
        try:
            check_output_dir(name, values[name])
        except ParameterError as exc:
            problems.append(str(exc))
    if not problems and "start" in days and "end" in days and values["start"] and values["end"] \
            and values["end"] < values["start"]:
        problems.append(f"the window ends ({values['end']}) before it starts ({values['start']})")
    if problems:
        raise ParameterError("; ".join(problems))
    return values


#: names IPython puts in a notebook's namespace before any cell runs
_IPYTHON_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}


def refuse_unknown(namespace: dict, before: set, declared: tuple[str, ...], notebook: str) -> None:
    """Refuse parameter names the notebook does not declare (a misspelt ``-p locaton daraya``).

    ``before`` is the namespace's names captured in a cell above the parameters cell; every name added
    since by the parameters cell or papermill's injected cell must be declared. Checked inside the notebook,
    so a run from papermill's own CLI is refused too.
    """
    added = {n for n in namespace if not n.startswith("_")} - set(before) - _IPYTHON_NAMES - {"params"}
    unknown = sorted(added - set(declared))
    if unknown:
        raise ParameterError(f"{notebook}: unknown parameter(s) {', '.join(unknown)}; the notebook takes "
                             f"{', '.join(declared)}")
