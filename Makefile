# SECON Hub — the two commands of the README, and a few for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
SECON := $(BIN)/secon
# Test processes: one per CPU (pytest-xdist); `make test PYTEST_WORKERS=0` runs the suite in one process.
PYTEST_WORKERS ?= auto

.PHONY: run test lint format install dev messages benchmark clean

run: install ## install, migrate, load the demo and serve on http://$(HOST):$(PORT)
	@$(SECON) compiletranslations
	@$(SECON) migrate -v 0
	@$(SECON) demo --if-missing --site-url http://$(HOST):$(PORT)/
	@$(SECON) serve --host $(HOST) --port $(PORT)

test: dev ## linters and the whole test suite (SQLite; PostgreSQL when SECON_TEST_DATABASE_URL is set)
	@$(SECON) compiletranslations
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/djlint src --lint --quiet
	$(BIN)/pytest -n $(PYTEST_WORKERS) --durations=15 $(PYTEST_ARGS)

install: $(VENV)/.installed
dev: $(VENV)/.dev-installed

$(VENV)/.installed: requirements/base.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 or python3 on PATH)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "SECON Hub needs Python 3.11, found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing SECON Hub into $(VENV) (first time: a minute or two)…"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.installed
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/djlint src --lint

format: dev
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

messages: dev ## extract new strings into the en/de/es/el catalogues (needs gettext)
	cd src/secon && ../../$(BIN)/django-admin makemessages --settings=secon.settings -l en -l de -l es -l el --no-obsolete --no-location --add-location=never
	@$(SECON) compiletranslations

benchmark: install
	$(BIN)/python benchmarks/public_pages.py $(BENCHMARK_ARGS)

clean:
	rm -rf $(VENV) var
