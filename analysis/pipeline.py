"""The build: a graph of tasks with known inputs and outputs, run in parallel into a staging folder.

``python -m analysis build`` (and ``make report``) runs:

    clean  ->  overview, location:<place> for every besieged place  ->  site (index, gallery, ledger)

Every task writes only inside the staging folder. When all tasks succeed, the
staging folder replaces ``reports/`` in one rename and the processed tables are
copied into ``data/processed/``. When any task fails, nothing published is
touched: the staging folder is kept (with the partly executed notebooks) and
the error names each failed task.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import paths

#: folders inside a build (and so inside reports/ once published)
SITE_DIRS = {"notebooks": "notebooks", "places": "places", "charts": "charts", "claims": "claims", "data": "data"}


@dataclass
class Task:
    """One unit of work: what it runs, the files it reads and the files it writes."""

    task_id: str
    notebook: Path | None
    parameters: dict
    inputs: list[Path]
    outputs: list[Path]
    deps: list[str] = field(default_factory=list)
    html_out: Path | None = None
    title: str = ""


class BuildError(RuntimeError):
    """One or more tasks failed; the message lists each with its error."""

    def __init__(self, failures: dict[str, str], staging: Path):
        self.failures = failures
        self.staging = staging
        lines = [f"build failed: {len(failures)} task(s) failed; nothing was published.",
                 f"partial outputs kept in {staging}"]
        for task_id, err in failures.items():
            lines.append(f"--- {task_id}\n{err.strip()}")
        super().__init__("\n".join(lines))


# ------------------------------------------------------------------ the graph


def besieged_places(raw_dir: Path) -> list[str]:
    """Places with at least one siege row, read straight from the raw table (known before cleaning).

    Read by the one raw-file reader, so a bad file is named here, before anything is built."""
    from .rawfile import read_csv_rows

    header, rows = read_csv_rows(Path(raw_dir) / "sieges.csv", ["place_id"])
    i = header.index("place_id")
    return sorted({cells[i].strip() for _, cells in rows if cells[i].strip()})


def plan(raw_dir: Path, staging: Path, places: list[str] | None = None, data_as_of: str | None = None,
         notebooks_dir: Path = paths.NOTEBOOKS) -> list[Task]:
    """The task graph for one build into ``staging``."""
    raw_dir, staging = Path(raw_dir), Path(staging)
    processed = staging / SITE_DIRS["data"]
    charts = staging / SITE_DIRS["charts"]
    claims = staging / SITE_DIRS["claims"]
    raw_files = sorted(raw_dir.glob("*.csv"))
    processed_files = [processed / f"{t}.csv" for t in _processed_tables()]
    tasks = [Task("clean", notebooks_dir / "clean.ipynb",
                  {"raw_dir": str(raw_dir), "processed_dir": str(processed)},
                  raw_files, processed_files, html_out=None, title="Cleaning")]
    common = {"processed_dir": str(processed), "charts_dir": str(charts), "claims_dir": str(claims),
              "data_as_of": data_as_of or ""}
    tasks.append(Task("overview", notebooks_dir / "overview.ipynb", dict(common),
                      processed_files, [staging / "overview.html"], deps=["clean"],
                      html_out=staging / "overview.html", title="Overview"))
    for place in places if places is not None else besieged_places(raw_dir):
        out_html = staging / SITE_DIRS["places"] / f"{place}.html"
        params = dict(common, location=place, start="", end="",
                      downloads_dir=str(staging / SITE_DIRS["places"] / "data"), downloads_href="data/")
        tasks.append(Task(f"location:{place}", notebooks_dir / "location.ipynb", params, processed_files,
                          [out_html], deps=["clean"], html_out=out_html, title=place))
    return tasks


def _processed_tables() -> list[str]:
    from .clean import PROCESSED_TABLES

    return PROCESSED_TABLES


def topological_order(tasks: list[Task]) -> list[Task]:
    """Tasks ordered so every task comes after its dependencies; a cycle or unknown dep is an error."""
    by_id = {t.task_id: t for t in tasks}
    for t in tasks:
        for d in t.deps:
            if d not in by_id:
                raise ValueError(f"task {t.task_id!r} depends on unknown task {d!r}")
    order, state = [], {}

    def visit(t: Task):
        if state.get(t.task_id) == "done":
            return
        if state.get(t.task_id) == "visiting":
            raise ValueError(f"dependency cycle at {t.task_id!r}")
        state[t.task_id] = "visiting"
        for d in t.deps:
            visit(by_id[d])
        state[t.task_id] = "done"
        order.append(t)

    for t in tasks:
        visit(t)
    return order


# ------------------------------------------------------------------ running one task


def check_parameters(notebook: Path, parameters: dict) -> None:
    """Unknown parameter names are an error (papermill itself only warns)."""
    import papermill as pm

    known = set(pm.inspect_notebook(str(notebook)))
    unknown = sorted(set(parameters) - known)
    if unknown:
        raise ValueError(f"{Path(notebook).name}: unknown parameter(s) {', '.join(unknown)}; "
                         f"the notebook takes {', '.join(sorted(known))}")


def kernel_name() -> str:
    """The Jupyter kernel notebooks run in (``SIEGE_KERNEL``, default python3)."""
    return os.environ.get("SIEGE_KERNEL", "python3")


def cell_timeout() -> int:
    """Seconds one cell may run before its task fails (``SIEGE_CELL_TIMEOUT``, default 600): a hung cell never
    hangs a scheduled build."""
    return int(os.environ.get("SIEGE_CELL_TIMEOUT", "600"))


class TaskError(RuntimeError):
    """A notebook task failed; the message names the notebook and the cell."""


def check_parameters_cell(notebook: Path) -> None:
    """A notebook must keep its cell tagged 'parameters' (papermill would otherwise inject values above the
    defaults, where the defaults overwrite them)."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    if not any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells):
        raise TaskError(f"{Path(notebook).name}: no cell is tagged 'parameters' (the tag was lost?); "
                        f"tag the first code cell 'parameters' again")


def _added_by_papermill(cell) -> bool:
    """The injected-parameters cell and the error banners papermill writes into an executed copy."""
    if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
        return True
    return cell.cell_type == "markdown" and "papermill-error-cell" in "".join(cell.source) or (
        cell.cell_type == "markdown" and "An Exception was encountered" in "".join(cell.source))


def _cell_where(nb, index: int) -> str:
    """'cell 3 ("raise …")', numbered as in the source notebook a reporter opens."""
    cell = nb.cells[index]
    number = sum(1 for c in nb.cells[: index + 1] if not _added_by_papermill(c))
    first = next((line for line in "".join(cell.source).splitlines() if line.strip()), "")
    return f"cell {number} ({first[:60]!r})"


def check_every_cell_ran(out_nb: Path, notebook: Path) -> None:
    """Every code cell must have run to completion (sys.exit() in a cell stops a notebook without an error)."""
    import nbformat

    nb = nbformat.read(str(out_nb), as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        status = cell.get("metadata", {}).get("papermill", {}).get("status")
        if status != "completed" or cell.get("execution_count") is None:
            raise TaskError(f"{Path(notebook).name}: stopped at {_cell_where(nb, i)} without finishing "
                            f"(a cell called sys.exit(), or the kernel stopped)")


def _failed_cell(out_nb: Path, how: str = "error", exec_count: int | None = None) -> str:
    """Where a notebook stopped. ``how``: ``error`` (the cell papermill marked as raising), ``timeout`` or
    ``died`` (the last cell that started)."""
    import nbformat

    try:
        nb = nbformat.read(str(out_nb), as_version=4)
    except Exception:  # the executed copy may not exist yet when the kernel could not start
        return "before its first cell"
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if how == "error":
        for i, c in code:
            meta = c.get("metadata", {}).get("papermill", {})
            if meta.get("exception") or meta.get("status") == "failed":
                return _cell_where(nb, i)
    started = [i for i, c in code if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    if how in ("timeout", "died") and started:
        return _cell_where(nb, started[-1])
    for i, c in code:
        if c.get("execution_count") is None:
            return _cell_where(nb, i)
    return "an unknown cell"


def run_task(task: Task, staging: Path) -> tuple[str, float]:
    """Execute one notebook task with papermill and convert it to HTML. Runs in a worker process."""
    import papermill as pm

    check_parameters_cell(task.notebook)
    check_parameters(task.notebook, task.parameters)

    started = time.perf_counter()
    out_nb = Path(staging) / SITE_DIRS["notebooks"] / f"{task.task_id.replace(':', '-')}.ipynb"
    out_nb.parent.mkdir(parents=True, exist_ok=True)
    for p in task.outputs:
        p.parent.mkdir(parents=True, exist_ok=True)
    name = Path(task.notebook).name
    kernel, timeout = kernel_name(), cell_timeout()
    # Kernels listen on localhost TCP ports: over IPC sockets nbclient cannot tell a dead or hung kernel, so a
    # cell past its timeout or an os._exit() would hang the build instead of failing it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pm.execute_notebook(str(task.notebook), str(out_nb), parameters=task.parameters, kernel_name=kernel,
                                progress_bar=False, cwd=str(paths.ROOT), execution_timeout=timeout,
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])  # no transport warning
        except Exception as exc:
            kind = type(exc).__name__
            if kind == "PapermillExecutionError":
                raise TaskError(f"{name}: {exc.ename}: {exc.evalue} (in {_failed_cell(out_nb, 'error', exc.exec_count)}; see the executed "
                                f"notebook)") from None
            if kind == "DeadKernelError":
                raise TaskError(f"{name}: the kernel died in {_failed_cell(out_nb, 'died')}") from None
            if kind == "CellTimeoutError":
                raise TaskError(f"{name}: {_failed_cell(out_nb, 'timeout')} ran longer than {timeout} s "
                                f"(SIEGE_CELL_TIMEOUT)") from None
            if kind == "NoSuchKernel":
                raise TaskError(f"{name}: no Jupyter kernel named {kernel!r} on this machine; "
                                f"install it with `python -m ipykernel install --user`") from None
            raise
    check_every_cell_ran(out_nb, task.notebook)
    from .build.determinism import normalise_executed

    normalise_executed(out_nb, task.task_id, Path(staging))
    if task.html_out is not None:
        from .site import notebook_to_html

        notebook_to_html(out_nb, task.html_out, depth=len(task.html_out.relative_to(staging).parts) - 1,
                         data_as_of=task.parameters.get("data_as_of", ""))
    missing = [str(p) for p in task.outputs if not p.exists()]
    if missing:
        raise RuntimeError(f"task {task.task_id} did not write: {', '.join(missing)}")
    return task.task_id, time.perf_counter() - started


def _run_task_safely(task: Task, staging: Path):
    try:
        return run_task(task, staging), None
    except Exception as exc:  # reported to the caller with the task's id, never swallowed
        return (task.task_id, 0.0), _describe(exc)


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    if isinstance(exc, TaskError):
        return str(exc)
    if name == "PapermillExecutionError":
        return f"{exc.ename}: {exc.evalue}\n(in cell {exc.exec_count}; see the executed notebook)"
    return "".join(traceback.format_exception_only(type(exc), exc))


# ------------------------------------------------------------------ the build


def run(tasks: list[Task], staging: Path, jobs: int = 2, log=print) -> dict[str, float]:
    """Run the graph: each task starts when its dependencies have finished; ``jobs`` at once."""
    order = topological_order(tasks)
    pending = {t.task_id: t for t in order}
    done: dict[str, float] = {}
    failures: dict[str, str] = {}
    running = {}
    from .build.publish import die_with_parent

    with ProcessPoolExecutor(max_workers=max(1, jobs), initializer=die_with_parent) as pool:
        while pending or running:
            ready = [t for t in pending.values()
                     if all(d in done for d in t.deps) and not any(d in failures for d in t.deps)]
            blocked = [t for t in pending.values() if any(d in failures for d in t.deps)]
            for t in blocked:
                failures[t.task_id] = f"skipped: depends on failed task(s) {', '.join(d for d in t.deps if d in failures)}"
                del pending[t.task_id]
            for t in ready:
                running[pool.submit(_run_task_safely, t, staging)] = t
                del pending[t.task_id]
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                running.pop(fut)
                (task_id, seconds), err = fut.result()
                if err:
                    failures[task_id] = err
                    log(f"FAILED {task_id}: {err.splitlines()[0]}")
                else:
                    done[task_id] = seconds
                    log(f"ok     {task_id} ({seconds:.1f}s)")
    if failures:
        raise BuildError(failures, staging)
    return done


def data_as_of(readme: Path = paths.DATA_README) -> str:
    """The date of the newest entry in the data changelog (data/README.md), or '' if none."""
    import re

    if not Path(readme).exists():
        return ""
    text = Path(readme).read_text(encoding="utf-8")
    section = text.split("## Changelog", 1)[-1] if "## Changelog" in text else ""
    dates = re.findall(r"^- \*\*(\d{4}-\d{2}-\d{2})\*\*", section, flags=re.M)
    return max(dates) if dates else ""


def copy_processed(staging_data: Path, processed_dir: Path) -> None:
    """Copy the processed tables into place, each by an atomic rename."""
    processed_dir = Path(processed_dir)
    processed_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(Path(staging_data).glob("*.csv")) + sorted(Path(staging_data).glob("datapackage.json")) + sorted(
        Path(staging_data).glob("hxl/*.csv"))
    for src in files:
        dest = processed_dir / src.relative_to(staging_data)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.tmp")
        shutil.copy2(src, tmp)
        os.replace(tmp, dest)


def build(raw_dir: Path = paths.RAW, processed_dir: Path = paths.PROCESSED, reports_dir: Path = paths.REPORTS,
          places: list[str] | None = None, jobs: int = 2, log=print, as_of: str | None = None,
          notebooks_dir: Path = paths.NOTEBOOKS, wait: bool = True, force: bool = False,
          dry_run: bool = False) -> Path:
    """Build what changed into this build's own staging folder, then publish it with one atomic swap.

    A task reruns only when what it reads changed (:mod:`analysis.build.cache`); ``force`` reruns everything,
    ``dry_run`` says what would run and why. One build runs at a time (a lock beside ``reports_dir``;
    ``wait=False`` fails at once when another runs). The site and ``processed_dir`` change together or not at all.
    """
    from .build import cache
    from .build.publish import BuildLock, staging_for, swap_in

    started = time.perf_counter()
    reports_dir, raw_dir, notebooks_dir = Path(reports_dir), Path(raw_dir), Path(notebooks_dir)
    every_place = besieged_places(raw_dir)  # a bad raw file stops here, before any folder is made
    as_of = as_of if as_of is not None else data_as_of()
    code = cache.code_digest()
    raw = cache.folder_digest(raw_dir)
    notebooks = {n: cache.notebook_code(notebooks_dir / f"{n}.ipynb") for n in ("clean", "overview", "location")}
    probe = plan(raw_dir.resolve(), Path("/<staging>"), places=None, data_as_of=as_of, notebooks_dir=notebooks_dir)
    clean_key = cache.task_key(probe[0].notebook, probe[0].parameters, raw, code)
    old = {} if force else cache.read_manifest(reports_dir)
    unchanged = (old.get("clean") == clean_key and old.get("code") == code and old.get("notebooks") == notebooks
                 and old.get("places") == every_place and old.get("data_as_of") == as_of)
    if places is None and unchanged and (reports_dir / "index.html").exists():
        log(f"nothing to do: the published site is up to date ({time.perf_counter() - started:.2f}s)")
        return reports_dir
    with BuildLock(reports_dir, wait=wait, log=log):
        staging = staging_for(reports_dir)
        if reports_dir.exists():
            shutil.rmtree(staging)
            shutil.copytree(reports_dir, staging, symlinks=True)  # reused pages come from the published site
        tasks = plan(raw_dir.resolve(), staging.resolve(), places=places, data_as_of=as_of,
                     notebooks_dir=notebooks_dir)
        clean, rest = tasks[0], tasks[1:]
        reasons: dict[str, str] = {}
        ran: dict[str, float] = {}
        if force or old.get("clean") != clean_key or places is not None or not (staging / "data").exists():
            reasons["clean"] = "forced" if force else ("raw data, code or notebook changed" if old else "first build")
        if dry_run and "clean" in reasons:
            log(f"would run clean: {reasons['clean']} (then the pages whose rows change)")
        if "clean" in reasons:
            ran.update(run([clean], staging.resolve(), jobs=1, log=log))
        place_digests = cache.place_data_digests(staging / SITE_DIRS["data"],
                                                 [t.task_id.split(":", 1)[1] for t in rest if ":" in t.task_id])
        keys = {"clean": clean_key}
        for t in rest:
            data = (place_digests[t.task_id.split(":", 1)[1]] if t.task_id.startswith("location:")
                    else cache.folder_digest(staging / SITE_DIRS["data"]))
            keys[t.task_id] = cache.task_key(t.notebook, t.parameters, data, code)
        todo = []
        for t in rest:
            if force:
                reasons[t.task_id] = "forced"
            elif places is not None:
                reasons[t.task_id] = "asked for"
            elif keys[t.task_id] != old.get("tasks", {}).get(t.task_id) or not all(o.exists() for o in t.outputs):
                reasons[t.task_id] = ("its rows, notebook or code changed" if old.get("tasks", {}).get(t.task_id)
                                      else "new")
            if t.task_id in reasons:
                todo.append(Task(t.task_id, t.notebook, t.parameters, t.inputs, t.outputs, [], t.html_out, t.title))
        if dry_run:
            for t in rest:
                log(f"would run {t.task_id}: {reasons[t.task_id]}" if t.task_id in reasons else f"reuse {t.task_id}")
            shutil.rmtree(staging)
            return reports_dir
        log(f"{len(todo) + ('clean' in reasons)} of {len(tasks)} tasks to run "
            f"({len(tasks) - len(todo) - ('clean' in reasons)} reused) into {staging} with {jobs} worker(s)")
        ran.update(run(todo, staging.resolve(), jobs=jobs, log=log))
        if places is None:
            _drop_pages_of_places_gone(staging, set(every_place))
        from .site import write_site

        write_site(staging, tasks if places is not None else plan(
            raw_dir.resolve(), staging.resolve(), places=None, data_as_of=as_of, notebooks_dir=notebooks_dir),
                   data_as_of=as_of)
        every_task = sorted(["clean", "overview"] + [f"location:{p}" for p in every_place])
        (staging / "build.json").write_text(json.dumps({"tasks": every_task, "data_as_of": as_of}, indent=1) + "\n",
                                            encoding="utf-8")
        from .build.changes import write_changes

        write_changes(staging, reports_dir / SITE_DIRS["data"] if (reports_dir / SITE_DIRS["data"]).exists() else None,
                      list(ran), data_as_of=as_of)
        previous = old.get("tasks", {}) if places is not None else {}
        cache.write_manifest(staging, {"clean": clean_key, "code": code, "notebooks": notebooks,
                                       "places": every_place if places is None else old.get("places", []),
                                       "data_as_of": as_of, "tasks": {**previous, **{k: v for k, v in keys.items()
                                                                                    if k != "clean"}}})
        swap_in(staging, reports_dir, log=log)
        try:
            copy_processed(reports_dir / SITE_DIRS["data"], processed_dir)
        except OSError as exc:
            raise BuildError({"publish": f"the site was published but {processed_dir} could not be updated: "
                                         f"{exc}; run the build again"}, reports_dir) from None
        log(f"published {reports_dir}: ran {len(ran)}, reused {len(tasks) - len(ran)}, failed 0, "
            f"in {time.perf_counter() - started:.1f}s")
    return reports_dir


def _drop_pages_of_places_gone(staging: Path, places: set[str]) -> None:
    """Pages, charts and ledgers of places that are no longer besieged places leave the site."""
    for page in (staging / SITE_DIRS["places"]).glob("*.html"):
        pid = page.stem
        if pid not in places:
            page.unlink()
            for f in (staging / SITE_DIRS["charts"]).glob(f"{pid}-*"):
                f.unlink()
            for f in [staging / SITE_DIRS["claims"] / f"place-{pid}.json",
                      staging / SITE_DIRS["notebooks"] / f"location-{pid}.ipynb"]:
                f.unlink(missing_ok=True)


def run_one(notebook: Path, parameters: dict, out_dir: Path | None = None) -> Path:
    """Run one notebook as the build runs it (checked parameters, no kernel noise) into reports/runs/."""
    notebook = paths.resolve(notebook)
    if not notebook.exists():
        raise TaskError(f"no notebook {notebook}")
    out_dir = Path(out_dir or paths.REPORTS / "runs")
    import hashlib

    label = "-".join(re.sub(r"[^a-z0-9]+", "-", str(v).lower()).strip("-")[:40] or
                     hashlib.sha1(str(v).encode()).hexdigest()[:8] for v in parameters.values()) or "defaults"
    html_out = out_dir / f"{notebook.stem}-{label}.html"
    task = Task(f"{notebook.stem}-{label}", notebook, parameters, [], [html_out], html_out=html_out,
                title=notebook.stem)
    run_task(task, out_dir)
    return html_out


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="clean the data and build every report into reports/")
    b.add_argument("--raw", type=Path, default=paths.RAW, help="raw data folder (default data/raw)")
    b.add_argument("--processed", type=Path, default=paths.PROCESSED, help="processed data folder")
    b.add_argument("--reports", type=Path, default=paths.REPORTS, help="where to publish (default reports/)")
    b.add_argument("--place", action="append", help="build only this place's page (repeatable)")
    b.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="notebooks run at once")
    b.add_argument("--no-wait", action="store_true", help="fail at once if another build is running")
    b.add_argument("--force", action="store_true", help="rebuild everything, whatever changed")
    b.add_argument("--dry-run", action="store_true", help="say what would run and why; change nothing")
    c = sub.add_parser("clean", help="only clean data/raw into data/processed (no notebooks)")
    c.add_argument("--raw", type=Path, default=paths.RAW)
    c.add_argument("--processed", type=Path, default=paths.PROCESSED)
    sub.add_parser("coverage", help="rewrite data/COVERAGE.md from the processed tables")
    r = sub.add_parser("run", help="run one notebook the way the build does: "
                                   "run notebooks/location.ipynb -p location 'Al Waer' -p start 2016-01-01")
    r.add_argument("notebook", type=Path)
    r.add_argument("-p", dest="params", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="a parameter (repeatable); values are strings")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks (for developers)")
    args = parser.parse_args(argv)
    from .build.publish import LockBusy
    from .schemas import DataValidationError

    try:
        if args.command == "build":
            build(args.raw, args.processed, args.reports, places=args.place, jobs=args.jobs, wait=not args.no_wait,
                  force=args.force, dry_run=args.dry_run)
        elif args.command == "clean":
            from .clean import build_processed

            tables = build_processed(args.raw, args.processed)
            for name, df in tables.items():
                print(f"{name:22s} {len(df):5d} rows")
            for message in tables["sources"].attrs.get("folded_duplicates", []):
                print(message)
            unread = tables["unread_figures"]
            todo = unread[unread["explanation"] == ""]
            print(f"figures left unread: {len(unread)} ({len(unread) - len(todo)} explained in "
                  f"data/audit/unread-figures.csv, {len(todo)} to review); listed in data/COVERAGE.md")
            for _, r in todo.iterrows():
                print(f"  to review: {r['file']}:{r['line']} {r['column']} {r['as_stated']!r} "
                      f"(left over: {r['left_over']})")
            from .plausibility import plausibility_review

            review = plausibility_review(tables)
            open_items = review[review["verdict"] == ""]
            print(f"plausibility review: {len(review)} figures to look at ({len(review) - len(open_items)} checked in "
                  f"data/audit/plausibility-checked.csv, {len(open_items)} open); listed in data/COVERAGE.md")
            for _, r in open_items.iterrows():
                print(f"  open: {r['check']} {r['item']}: {r['detail']}")
        elif args.command == "run":
            out = run_one(args.notebook, dict(args.params))
            print(f"wrote {out}")
        elif args.command == "coverage":
            from .coverage import write_coverage

            print(write_coverage())
    except (BuildError, DataValidationError, TaskError, ValueError, LockBusy) as exc:
        if args.debug:
            raise
        print(str(exc), file=sys.stderr)
        return 1
    return 0
