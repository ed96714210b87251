# Taskforce Hub. `make run` serves the demo; `make test` runs every check.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV = DEBUG=true SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}
PYTEST_ENV := TESTING=true DJANGO_SETTINGS_MODULE=taskforce.settings
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/taskforce_ci

.PHONY: fuzz gettext run test test-postgres lint typecheck migrations-check pytest policy-coverage browser-test install messages compilemessages chromium clean worker

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

gettext:
	@if command -v msgfmt >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	else echo "Translations need GNU gettext: run 'sudo apt-get install gettext'." >&2; exit 1; fi

compilemessages: $(STAMP) gettext
	$(DEV_ENV) $(BIN)/python manage.py compilemessages -v0 --ignore=.venv

messages: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l fr -l es --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=var
	$(DEV_ENV) $(BIN)/python manage.py makemessages -d djangojs -l fr -l es --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=var --ignore=static/vendor

run: $(STAMP) compilemessages
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(DEV_ENV) $(BIN)/python manage.py load_reference
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/ with the background worker; sent mail at http://$(HOST):$(PORT)/dev/mail/ (Ctrl-C stops both)."
	@# The worker runs in the background (a background job ignores Ctrl-C), the server in front; when the
	@# server stops, or on Ctrl-C, the trap stops the worker too.
	@$(DEV_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' INT TERM EXIT; \
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py db_worker

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(PYTEST_ENV) $(BIN)/mypy hub taskforce

migrations-check: $(STAMP)
	$(PYTEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(STAMP) compilemessages
	$(PYTEST_ENV) $(BIN)/pytest -q -m "not browser" -n 2

# Every policies.py fully covered (lines and branches) by the policy tests alone.
POLICY_TESTS := $(wildcard hub/*/tests/test_policies.py hub/*/tests/test_policies_*.py) tests/test_policy_layer.py
policy-coverage: $(STAMP) compilemessages
	mkdir -p var
	$(PYTEST_ENV) COVERAGE_FILE=var/.coverage-policies $(BIN)/pytest -q $(POLICY_TESTS) --cov=hub --cov-branch --cov-report=
	COVERAGE_FILE=var/.coverage-policies $(BIN)/coverage report --include='hub/*/policies.py,hub/*/policies/*.py' --show-missing --fail-under=100

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's chromium package: run 'sudo apt-get install chromium'." >&2; exit 1; fi

browser-test: $(STAMP) compilemessages chromium
	$(PYTEST_ENV) $(BIN)/pytest -q -m browser tests/e2e

test: lint typecheck migrations-check pytest policy-coverage browser-test

test-postgres: $(STAMP) compilemessages
	psql "postgres://postgres@127.0.0.1:5432/postgres" -q -c "DROP DATABASE IF EXISTS taskforce_ci" -c "DROP DATABASE IF EXISTS test_taskforce_ci" -c "CREATE DATABASE taskforce_ci"
	$(PYTEST_ENV) DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser and not fuzz" -n 2 --create-db

# The API fuzzing at length: every schemathesis phase, more examples (make test runs a short pass).
fuzz: $(STAMP) compilemessages
	$(PYTEST_ENV) FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-25} FUZZ_PHASES=examples,coverage,fuzzing,stateful $(BIN)/pytest -q tests/fuzz -n 2

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 var
