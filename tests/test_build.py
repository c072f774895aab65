"""Scheduled builds: byte-identical rebuilds, one build at a time, a lock a killed build cannot leave behind,
and a site a reader never finds missing or mixed while it is published."""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from analysis.build.publish import BuildLock, LockBusy, swap_in

ROOT = Path(__file__).resolve().parents[1]


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_of_the_same_inputs_are_byte_identical(built_site, raw_fixture, tmp_path):
    from analysis.pipeline import build

    again = tmp_path / "reports"
    build(raw_fixture, tmp_path / "processed", again, jobs=2, log=lambda *_: None, as_of="2026-11-25")
    first, second = _files(built_site["reports"]), _files(again)
    assert first.keys() == second.keys()
    differ = sorted(k for k in first if first[k] != second[k])
    assert differ == []
    assert len(first) > 100


def test_a_second_build_waits_or_stops_and_a_killed_builds_lock_is_recovered(tmp_path):
    reports = tmp_path / "reports"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; sys.path.insert(0, sys.argv[2]);"
                               "from analysis.build.publish import BuildLock;"
                               "BuildLock(sys.argv[1]).__enter__(); print('locked', flush=True); time.sleep(120)",
         str(reports), str(ROOT)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(LockBusy, match=rf"another build is running \(pid {holder.pid}, lock "):
        with BuildLock(reports, wait=False, log=lambda *_: None):
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    said = []
    with BuildLock(reports, wait=False, log=said.append) as lock:
        assert lock.path.read_text() == str(os.getpid())
    assert said == [f"a build (pid {holder.pid}) was killed before it finished; its lock is cleared"]


def test_a_waiting_build_starts_when_the_running_one_ends(tmp_path):
    reports = tmp_path / "reports"
    order = []
    with BuildLock(reports, log=lambda *_: None):
        def second():
            with BuildLock(reports, log=lambda *_: None):
                order.append("second")

        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.3)
        order.append("first ends")
    t.join(5)
    assert order == ["first ends", "second"]


def test_a_reader_never_finds_the_site_missing_or_mixed_while_it_is_published(tmp_path):
    sites = {}
    for name in ("old", "new"):
        site = tmp_path / f"site-{name}"
        (site / "places").mkdir(parents=True)
        (site / "index.html").write_text(f"<html>{name} " + "x" * 20000 + "</html>", encoding="utf-8")
        (site / "places" / "daraya.html").write_text(name, encoding="utf-8")
        sites[name] = site
    reports = tmp_path / "reports"
    shutil.copytree(sites["old"], reports)
    seen, problems, stop = set(), [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                text = (reports / "index.html").read_text(encoding="utf-8")
            except FileNotFoundError:
                problems.append("missing")
                continue
            if text not in {(s / "index.html").read_text(encoding="utf-8") for s in sites.values()}:
                problems.append("mixed")
            seen.add(text.split(" ", 1)[0])

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(60):
        staging = tmp_path / f"staging-{i}"
        shutil.copytree(sites["new" if i % 2 == 0 else "old"], staging)
        swap_in(staging, reports, log=lambda *_: None)
        assert not staging.exists()
    stop.set()
    reader.join()
    assert problems == []
    assert seen == {"<html>old", "<html>new"}


@pytest.fixture()
def site_copy(built_site, raw_fixture, tmp_path):
    """A published site and its raw folder in a temporary place, to rebuild incrementally."""
    raw = tmp_path / "raw"
    shutil.copytree(raw_fixture, raw)
    reports = tmp_path / "reports"
    shutil.copytree(built_site["reports"], reports)
    return raw, reports


def _build(raw, reports, tmp_path, **kw):
    from analysis.pipeline import build

    said = []
    build(raw, tmp_path / "processed", reports, jobs=2, log=said.append, as_of="2026-11-25", **kw)
    return said


def _edit_rows(path, change):
    """Rewrite one raw CSV after ``change(header, rows)`` has edited its rows in place."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    change(rows[0], rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _ran(said):
    return sorted(line.split()[1] for line in said if line.startswith("ok "))


@pytest.mark.slow
def test_a_build_with_nothing_changed_does_nothing(site_copy, tmp_path):
    raw, reports = site_copy
    before = _files(reports)
    started = time.perf_counter()
    said = _build(raw, reports, tmp_path)
    assert said[-1].startswith("nothing to do: the published site is up to date")
    assert time.perf_counter() - started < 1.0
    assert _files(reports) == before


@pytest.mark.slow
def test_one_changed_row_reruns_exactly_the_tasks_that_read_it(site_copy, tmp_path):
    raw, reports = site_copy

    def change(h, rows):
        line = next(i for i, r in enumerate(rows) if r[h.index("origin_id")] == "daraya" and r[h.index("people_as_stated")])
        rows[line][h.index("people_as_stated")] = "about 4,321"

    _edit_rows(raw / "evacuations.csv", change)
    dry = _build(raw, reports, tmp_path, dry_run=True)
    assert "would run location:daraya: its rows, notebook or code changed" in dry
    assert "reuse location:al-waer" in dry
    said = _build(raw, reports, tmp_path)
    assert _ran(said) == ["clean", "location:daraya", "overview"]
    assert any(s.startswith("published") and "ran 3, reused 1" in s for s in said)
    assert _ran(_build(raw, reports, tmp_path, force=True)) == ["clean", "location:al-waer", "location:daraya",
                                                                "overview"]


@pytest.mark.slow
def test_every_publish_says_what_changed(site_copy, tmp_path):
    import json

    raw, reports = site_copy

    def change(h, rows):
        line = next(i for i, r in enumerate(rows) if r[h.index("place_id")] == "daraya"
                    and r[h.index("population_kind")] == "besieged" and r[h.index("date")])
        rows.append(list(rows[line]))
        rows[-1][h.index("population_as_stated")] = "about 99,000"

    _edit_rows(raw / "population_estimates.csv", change)
    _build(raw, reports, tmp_path)
    changes = json.loads((reports / "changes.json").read_text(encoding="utf-8"))
    assert changes["tables"]["population_estimates"]["added"] == 1
    assert changes["tables"]["evacuations"] == {"added": 0, "removed": 0, "changed": 0,
                                                "examples": {"added": [], "removed": [], "changed": []}}
    assert changes["pages_rebuilt"] == ["clean", "location:daraya", "overview"]
    ranges = changes["headlines"]["per-place besieged population ranges"]
    assert list(ranges) == ["daraya"] and ranges["daraya"][1].endswith("-99000")
    md = (reports / "CHANGES.md").read_text(encoding="utf-8")
    assert "| population_estimates | 1 | 0 | 0 |" in md and "daraya: " in md
    assert 'href="changes.html"' in (reports / "index.html").read_text(encoding="utf-8")


def test_the_processed_tables_are_a_valid_data_package_with_hxl_copies():
    from frictionless import Package

    from analysis import paths

    pkg = Package(str(paths.PROCESSED / "datapackage.json"))
    report = pkg.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    names = {r.name for r in pkg.resources}
    assert {"sieges", "evacuations", "aid-deliveries", "places", "sources"} <= names
    assert pkg.get_resource("evacuations").schema.primary_key == ["evacuation_id"]
    hxl = (paths.PROCESSED / "hxl" / "evacuations.csv").read_text(encoding="utf-8").splitlines()
    assert hxl[1].startswith("#event+id,#date,#loc+code+origin,#loc+name+origin,#adm1+name")
