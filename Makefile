# siege-data: `make report` builds everything, `make test` runs the tests. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= 2

.DEFAULT_GOAL := help
.PHONY: help report test clean-data place lab coverage clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

report: $(STAMP) ## clean the data and build every report into reports/
	$(BIN)/python -m analysis build --jobs $(JOBS)

test: $(STAMP) ## run the whole test suite
	$(BIN)/python -m pytest

clean-data: $(STAMP) ## only rebuild data/processed/ from data/raw/ (no notebooks)
	$(BIN)/python -m analysis clean

place: $(STAMP) ## rebuild one place's page: make place PLACE=daraya
	$(BIN)/python -m analysis build --place $(PLACE) --jobs 1

coverage: $(STAMP) ## rewrite data/COVERAGE.md from data/processed/
	$(BIN)/python -m analysis coverage

LAB := .venv-lab

$(LAB)/.installed: requirements.txt requirements-lab.txt pyproject.toml
	$(PYTHON) -m venv $(LAB)
	$(LAB)/bin/pip install --quiet --upgrade pip
	$(LAB)/bin/pip install --quiet -r requirements.txt -r requirements-lab.txt
	$(LAB)/bin/pip install --quiet --no-deps -e .
	touch $@

lab: $(LAB)/.installed ## open the notebooks in JupyterLab (its own .venv-lab, so the build stays lean)
	$(LAB)/bin/jupyter lab notebooks/

clean: ## delete the environment and built reports (data/processed/ stays: it is committed)
	rm -rf $(VENV) $(LAB) reports.staging reports.staging-* reports.old reports.lock
	find reports -mindepth 1 ! -name README.md ! -name .gitignore -delete 2>/dev/null || true
