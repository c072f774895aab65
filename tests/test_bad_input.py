"""Every mistake a contributor or reporter can make gets a clear error naming file, line, column and value,
with no traceback; every execution fault fails the build naming the notebook and cell and leaves the published
site byte-identical. README.md's "What we test against" lists each case; each is a test here."""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.clean import build_processed_tables
from analysis.schemas import DataValidationError

ROOT = Path(__file__).resolve().parents[1]


def _copy(raw_fixture, tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(raw_fixture, raw)
    return raw


def _rows(path: Path):
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        return list(reader)


def _write(path: Path, rows, **kw):
    with open(path, "w", encoding=kw.pop("encoding", "utf-8"), newline="") as fh:
        csv.writer(fh, lineterminator=kw.pop("lineterminator", "\n"), **kw).writerows(rows)


def _error(raw: Path) -> str:
    with pytest.raises(DataValidationError) as err:
        build_processed_tables(raw)
    return str(err.value)


# ------------------------------------------------------------------ one reader for raw files


def test_an_arabic_windows_export_is_refused_naming_file_line_and_fix(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    text = (raw / "sieges.csv").read_text(encoding="utf-8")
    (raw / "sieges.csv").write_bytes(text.encode("cp1256", errors="replace"))
    msg = _error(raw)
    assert "sieges.csv:" in msg and "not UTF-8 (it looks like an Arabic Windows export (cp1256))" in msg
    assert "iconv -f cp1256 -t utf-8" in msg


def test_a_latin_windows_export_is_refused(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    rows = _rows(raw / "places.csv")
    rows[1][rows[0].index("notes")] = "café"
    _write(raw / "places.csv", [[c for c in r] for r in rows])
    data = (raw / "places.csv").read_text(encoding="utf-8")
    (raw / "places.csv").write_bytes(data.encode("utf-8", errors="strict").replace("é".encode(), "é".encode("cp1252")))
    msg = _error(raw)
    assert "places.csv:2" in msg and "not UTF-8" in msg


def test_a_byte_order_mark_and_windows_line_ends_are_accepted(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    expected = build_processed_tables(raw_fixture)["evacuations"]
    rows = _rows(raw / "evacuations.csv")
    _write(raw / "evacuations.csv", rows, encoding="utf-8-sig", lineterminator="\r\n")
    assert build_processed_tables(raw)["evacuations"].equals(expected)


@pytest.mark.parametrize("delimiter, name", [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_not_separated_by_commas_is_refused(raw_fixture, tmp_path, delimiter, name):
    raw = _copy(raw_fixture, tmp_path)
    _write(raw / "aid_deliveries.csv", _rows(raw / "aid_deliveries.csv"), delimiter=delimiter)
    msg = _error(raw)
    assert f"aid_deliveries.csv:1" in msg and f"separated by {name}, not commas" in msg


def test_an_empty_file_and_a_header_only_file_are_refused(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    (raw / "un_access_monthly.csv").write_text("", encoding="utf-8")
    header = _rows(raw / "evacuations.csv")[0]
    _write(raw / "evacuations.csv", [header])
    msg = _error(raw)
    assert "un_access_monthly.csv:1" in msg and "the file is empty" in msg
    assert "evacuations.csv:2" in msg and "the file has a header but no rows" in msg


def test_a_duplicated_or_missing_header_name_is_refused(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    rows = _rows(raw / "sieges.csv")
    rows[0][rows[0].index("notes")] = "quote"
    _write(raw / "sieges.csv", rows)
    msg = _error(raw)
    assert "sieges.csv:1 column 'quote' value 'quote': the header names this column twice" in msg
    assert "sieges.csv:1 column 'notes' value '': column missing from header" in msg


def test_a_stray_quote_and_an_unquoted_comma_are_named_by_line(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    rows = [[c.replace("\n", " ") for c in r] for r in _rows(raw / "evacuations.csv")]  # one row a line
    _write(raw / "evacuations.csv", rows)
    lines = (raw / "evacuations.csv").read_text(encoding="utf-8").split("\n")
    lines[4] = "x," + lines[4]  # file line 5: one cell too many
    lines[9] = '"' + lines[9]  # file line 10: a stray quote
    lines[49] = lines[49].replace(",happened,", ',"happened,', 1)  # file line 50: a quote never closed
    (raw / "evacuations.csv").write_text("\n".join(lines), encoding="utf-8")
    msg = _error(raw)
    assert "evacuations.csv:5 column '(extra cells)'" in msg and "17 cells where the header has 16" in msg
    assert "evacuations.csv:10 column 'buses_as_stated'" in msg and "a stray quote" in msg
    assert "evacuations.csv:50" in msg and "a quote opened on line 50 is never closed" in msg, msg


@pytest.mark.parametrize("bad", ["2016-02-30", "2016-13-26", "03/04/2016"])
def test_dates_are_real_calendar_dates_in_iso_form(raw_fixture, tmp_path, bad):
    raw = _copy(raw_fixture, tmp_path)
    rows = _rows(raw / "aid_deliveries.csv")
    rows[3][rows[0].index("date")] = bad
    _write(raw / "aid_deliveries.csv", rows)
    msg = _error(raw)
    assert f"aid_deliveries.csv:4 column 'date' value '{bad}'" in msg
    assert ("not a real calendar date" in msg) if "-" in bad else ("must be empty or an ISO date" in msg)


def test_line_numbers_count_a_cell_that_holds_a_newline(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    rows = _rows(raw / "aid_deliveries.csv")
    rows[1][rows[0].index("notes")] = "first line\nsecond line"  # the row on file lines 2-3
    rows[2][rows[0].index("date")] = "2016-02-30"  # the next row starts on file line 4
    _write(raw / "aid_deliveries.csv", rows)
    assert "aid_deliveries.csv:4 column 'date' value '2016-02-30'" in _error(raw)


def test_every_problem_in_every_file_is_reported_at_once(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    rows = _rows(raw / "aid_deliveries.csv")
    rows[3][rows[0].index("date")] = "2016-02-30"
    rows[5][rows[0].index("status")] = "arrived"
    _write(raw / "aid_deliveries.csv", rows)
    (raw / "un_access_monthly.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        build_processed_tables(raw)
    assert len(err.value.failures) == 1  # the empty file stops that file's reading, named alone first
    (raw / "un_access_monthly.csv").write_text((raw_fixture / "un_access_monthly.csv").read_text(), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        build_processed_tables(raw)
    assert sorted(f.row for f in err.value.failures) == [4, 6]


def test_the_same_raw_row_twice_is_folded_and_said(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    rows = _rows(raw / "evacuations.csv")
    rows.append(list(rows[1]))
    _write(raw / "evacuations.csv", rows)
    once = build_processed_tables(raw_fixture)["evacuations"]
    tables = build_processed_tables(raw)
    assert tables["evacuations"].equals(once)
    before = {m.rsplit("/", 1)[-1] for m in build_processed_tables(raw_fixture)["sources"].attrs["folded_duplicates"]}
    messages = [m for m in tables["sources"].attrs["folded_duplicates"] if m.rsplit("/", 1)[-1] not in before]
    assert len(messages) == 1  # the fixture's own repeats are folded too, and said
    assert messages[0].endswith(
        f"evacuations.csv:{len(rows)} repeats line 2 (the same event_id, date, date_end, source_id, figure_kind, "
        f"status, buses_as_stated, people_as_stated, fighters_as_stated, civilians_as_stated, wounded_as_stated): "
        f"folded, counted once")


def test_a_processed_check_points_back_to_the_raw_lines(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    rows = _rows(raw / "evacuations.csv")
    h = rows[0]
    src = rows[1][h.index("source_id")]
    base = dict.fromkeys(h, "")
    for line_date, figure, event in (("2017-04-01", "9,000", "al-waer-evac-x1"), ("2017-04-20", "5,000", "al-waer-evac-x2")):
        row = dict(base, event_id=event, date=line_date, origin_id="al-waer", people_as_stated=figure,
                   figure_kind="cumulative", status="happened", source_id=src, quote="q")
        rows.append([row[c] for c in h])
    _write(raw / "evacuations.csv", rows)
    msg = _error(raw)
    assert f"evacuations.csv:{len(rows)} column 'people_low' value '5000': {src}: running total for al-waer falls " \
           f"from 9000" in msg
    assert "found in data/processed/evacuations.csv:" in msg


def test_the_command_line_shows_no_traceback_for_a_data_mistake_and_debug_shows_one(raw_fixture, tmp_path):
    raw = _copy(raw_fixture, tmp_path)
    (raw / "sieges.csv").write_text("", encoding="utf-8")
    cmd = [sys.executable, "-m", "analysis", "clean", "--raw", str(raw), "--processed", str(tmp_path / "out")]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert "sieges.csv:1" in run.stderr and "the file is empty" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    debug = subprocess.run([sys.executable, "-m", "analysis", "--debug", *cmd[3:]], capture_output=True, text=True,
                           cwd=ROOT)
    assert debug.returncode != 0 and "Traceback" in debug.stderr
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ parameters


def test_a_window_that_ends_before_it_starts_is_refused(raw_fixture):
    from analysis import params, report

    with pytest.raises(params.ParameterError, match=r"the window ends \(2016-01-01\) before it starts \(2017-01-01\)"):
        params.check({"start": "2017-01-01", "end": "2016-01-01"}, days=("start", "end"))
    with pytest.raises(ValueError, match="before it starts"):
        report.place_data(build_processed_tables(raw_fixture), "daraya", "2017-01-01", "2016-01-01")


@pytest.mark.parametrize("values, message", [
    ({"location": ["daraya"], "charts_dir": ""}, "location=['daraya'] must be a string"),
    ({"location": "daraya", "charts_dir": "/etc"}, "charts_dir='/etc' would write outside the reports folder"),
    ({"location": "daraya", "charts_dir": "../../outside"}, "would write outside the reports folder"),
    ({"location": "daraya", "charts_dir": "reports/" + "../" * 12 + "etc"}, "would write outside the reports folder"),
])
def test_parameters_are_plain_values_and_outputs_stay_in_the_reports_folder(values, message):
    from analysis import params

    with pytest.raises(params.ParameterError, match=message.replace("[", r"\[").replace("]", r"\]")):
        params.check(values, strings=("location",), output_dirs=("charts_dir",))
    assert params.check({"location": "x", "charts_dir": "reports/charts"}, strings=("location",),
                        output_dirs=("charts_dir",))


def test_place_names_resolve_from_any_spelling_and_unknown_ones_name_the_nearest(raw_fixture):
    from analysis import params

    places = build_processed_tables(raw_fixture)["places"]
    assert [params.resolve_place(n, places) for n in ("Al Waer", "al-waer", "الوعر", "Darayya", "Daraya")] == [
        "al-waer", "al-waer", "al-waer", "daraya", "daraya"]
    with pytest.raises(params.ParameterError, match="location='darayaa' is not a place in the gazetteer; nearest: daraya"):
        params.resolve_place("darayaa", places)
    with pytest.raises(params.ParameterError, match="at most 100 characters"):
        params.resolve_place("x" * 300, places)


@pytest.mark.slow
def test_a_value_crafted_to_run_code_never_runs(tmp_path, built_site):
    import papermill as pm

    marker = tmp_path / "pwned"
    crafted = f"daraya'); open({str(marker)!r}, 'w'); ('"
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(str(ROOT / "notebooks" / "location.ipynb"), str(tmp_path / "out.ipynb"),
                            parameters={"location": crafted, "processed_dir": str(built_site["reports"] / "data")},
                            kernel_name="python3", progress_bar=False, cwd=str(ROOT))
    assert err.value.ename == "ParameterError"
    assert not marker.exists()


# ------------------------------------------------------------------ execution faults


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


FAULTS = [
    ("raise ValueError('boom')", {}, "ValueError: boom (in cell 4"),
    ("import os; os._exit(1)", {}, "the kernel died in cell 4"),
    ("import time; time.sleep(30)", {"SIEGE_CELL_TIMEOUT": "3"}, "cell 4 ('import time; time.sleep(30)') ran longer than 3 s"),
    ("import sys; sys.exit(0)", {}, "stopped at cell 4 ('import sys; sys.exit(0)') without finishing"),
    (None, {}, "no cell is tagged 'parameters'"),
    ("1", {"SIEGE_KERNEL": "no-such-kernel"}, "no Jupyter kernel named 'no-such-kernel'"),
]


@pytest.mark.slow
@pytest.mark.parametrize("cell, env, message", FAULTS, ids=["raises", "kernel-dies", "timeout", "sys-exit",
                                                            "no-parameters-tag", "missing-kernel"])
def test_an_execution_fault_fails_naming_notebook_and_cell_and_publishes_nothing(
        raw_fixture, built_site, tmp_path, monkeypatch, cell, env, message):
    from analysis.pipeline import BuildError, build

    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = json.loads((notebooks / "clean.ipynb").read_text(encoding="utf-8"))
    if cell is None:
        for c in nb["cells"]:
            c.get("metadata", {}).pop("tags", None)
    else:
        at = next(i for i, c in enumerate(nb["cells"]) if "parameters" in c["metadata"].get("tags", [])) + 1
        nb["cells"].insert(at, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                "id": "fault", "source": [cell]})
    (notebooks / "clean.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    reports = tmp_path / "reports"
    shutil.copytree(built_site["reports"], reports)
    before = _tree_digest(reports)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(BuildError) as err:
        build(raw_fixture, tmp_path / "processed", reports, places=[], jobs=1, log=lambda *_: None,
              as_of="2026-11-25", notebooks_dir=notebooks)
    text = str(err.value)
    assert "clean.ipynb" in text and message in text, text
    assert "Traceback" not in text
    assert _tree_digest(reports) == before
    assert not (tmp_path / "processed").exists()


# ------------------------------------------------------------------ papermill's own CLI and `analysis run`


def test_notebooks_declare_exactly_their_parameters():
    import papermill as pm

    for name in ("clean", "overview", "location"):
        nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        import ast
        import re

        check = next("".join(c["source"]) for c in nb["cells"] if "refuse_unknown" in "".join(c["source"]))
        declared = ast.literal_eval(re.search(r"_before_parameters, (\(.*?\)), '", check).group(1))
        assert sorted(declared) == sorted(pm.inspect_notebook(str(ROOT / "notebooks" / f"{name}.ipynb"))), name


@pytest.mark.slow
def test_a_misspelt_parameter_fails_a_papermill_cli_run(tmp_path):
    papermill = Path(sys.executable).with_name("papermill")
    run = subprocess.run([str(papermill), "notebooks/location.ipynb", str(tmp_path / "out.ipynb"), "-p", "locaton",
                          "daraya", "--no-progress-bar"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0
    assert "ParameterError: location.ipynb: unknown parameter(s) locaton; the notebook takes location, start" in (
        run.stderr + run.stdout)


@pytest.mark.slow
def test_analysis_run_resolves_places_and_refuses_mistakes_without_a_traceback(tmp_path, built_site):
    data = str(built_site["reports"] / "data")
    ok = subprocess.run([sys.executable, "-m", "analysis", "run", "notebooks/location.ipynb", "-p", "location",
                         "Al Waer", "-p", "processed_dir", data], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    out = Path(ok.stdout.strip().split("wrote ", 1)[1])
    assert out.exists() and "Al-Waer" in out.read_text(encoding="utf-8")
    assert "TCP" not in ok.stderr and "Traceback" not in ok.stderr
    for extra, message in ((["-p", "locaton", "daraya"], "unknown parameter(s) locaton"),
                           (["-p", "location", "Darayaa"], "location='Darayaa' is not a place in the gazetteer; "
                                                           "nearest: daraya"),
                           (["-p", "location", "daraya", "-p", "start", "2017-01-01", "-p", "end", "2016-01-01"],
                            "the window ends (2016-01-01) before it starts (2017-01-01)")):
        bad = subprocess.run([sys.executable, "-m", "analysis", "run", "notebooks/location.ipynb", *extra, "-p",
                              "processed_dir", data], capture_output=True, text=True, cwd=ROOT)
        assert bad.returncode == 1 and message in bad.stderr, bad.stderr
        assert "Traceback" not in bad.stderr and "TCP" not in bad.stderr
