# Handschlag: `make demo` and `make test` are the whole onboarding.
# Everything runs from a virtual environment in .venv with pinned dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
SRC := src/handschlag

.DEFAULT_GOAL := help
.PHONY: help demo serve install install-dev system-deps test test-sqlite test-postgres \
	test-browser test-trust lint format bench eval messages check-migrations lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-prod: requirements/prod.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements/prod.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed-prod

install: $(VENV)/.installed-prod  ## create .venv with the pinned runtime dependencies

install-dev: $(VENV)/.installed-dev  ## create .venv with the pinned test and lint dependencies

demo: install  ## migrate the SQLite database, seed the demo network if empty, serve :8000
	$(BIN)/handschlag migrate --noinput
	$(BIN)/handschlag demo
	$(BIN)/handschlag runserver 127.0.0.1:8000

serve: install  ## serve the site on http://127.0.0.1:8000 without seeding
	$(BIN)/handschlag runserver 127.0.0.1:8000

system-deps:  ## install Chromium and PostgreSQL from Debian's packages when missing
	@bash scripts/system-deps.sh

test: install-dev system-deps lint test-trust test-sqlite test-postgres  ## linters, the pure engine, then the suite on SQLite and PostgreSQL

lint: install-dev  ## ruff, mypy (strict), import contracts, migrations in sync
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(SRC)
	$(BIN)/lint-imports
	$(BIN)/handschlag makemigrations --check --dry-run

format: install-dev  ## apply ruff's formatting and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test-trust: install-dev  ## the trust engine's tests, with Django not even loaded
	$(BIN)/pytest -p no:django --confcutdir=tests/trust -W ignore::pytest.PytestConfigWarning \
		-n 2 tests/trust
	$(BIN)/pytest -p no:django --confcutdir=tests/importers -W ignore::pytest.PytestConfigWarning \
		-n 2 tests/importers

test-sqlite: install-dev  ## unit and integration tests, then browser tests, on SQLite
	$(BIN)/pytest -n 2 -m "not browser" --ignore=tests/trust
	$(BIN)/pytest -m browser -p no:xdist

test-postgres: install-dev system-deps  ## the same suite on a throwaway PostgreSQL cluster
	$(PY) scripts/with_postgres.py -- $(BIN)/pytest -n 2 -m "not browser" --ignore=tests/trust
	$(PY) scripts/with_postgres.py -- $(BIN)/pytest -m browser -p no:xdist

test-browser: install-dev system-deps  ## only the browser tests (headless Chromium)
	$(BIN)/pytest -m browser -p no:xdist

bench: install-dev  ## benchmarks at their stated scale; they print figures, they assert nothing
	@for script in bench/*_bench.py; do echo "== $$script"; $(PY) $$script || exit 1; done

eval: install-dev  ## precision and recall of the trust engine on the labelled corpus
	$(PY) bench/trust_eval.py

messages: install-dev  ## extract and compile the gettext catalogues (needs gettext)
	cd $(SRC) && ../../$(BIN)/handschlag makemessages -l de -l en --ignore='trust/*' --ignore='demo/*' --ignore='importers/*' --no-obsolete
	cd $(SRC) && ../../$(BIN)/handschlag compilemessages -l de -l en

check-migrations: install-dev  ## fail when models and migrations disagree
	$(BIN)/handschlag makemigrations --check --dry-run

lock:  ## regenerate the pinned lock files from pyproject.toml
	bash scripts/lock.sh

clean:  ## remove the virtual environment, caches and the demo database
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache staticfiles test-artifacts
	rm -f handschlag.sqlite3 handschlag.sqlite3-*

.PHONY: prod-check load

prod-check: install-dev system-deps  ## the production stack (PostgreSQL, Redis, gunicorn, Celery) on loopback, smoke-tested over HTTP
	$(PY) scripts/prod_check.py

load: install-dev system-deps  ## locust load test against gunicorn at a small generated scale (bench/load/run.py --help)
	$(PY) bench/load/run.py $(LOAD_ARGS)
