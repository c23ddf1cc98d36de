# Kommunwebb — every command a newcomer needs. Run `make help` to list them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Every dependency, pinned with its hashes (docs/security.md, "Dependencies"): `make lock`.
LOCK := requirements.lock
HOST ?= 127.0.0.1
PORT ?= 8000
# How many app servers `make prod-up` starts behind Varnish (docs/scaling.md).
APP_SERVERS ?= 1

# The audit's tools, from npm into var/tools/ at pinned versions (Lighthouse 12.2 runs on
# Node.js 20; 13 wants 22). No lock file: the versions here are the whole record.
LIGHTHOUSE_VERSION := 12.2.3
VNU_VERSION := 26.9.27
VNU_JAR := var/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
LIGHTHOUSE_CLI := var/tools/lighthouse/node_modules/lighthouse/cli/index.js
NPM_INSTALL := npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error

.DEFAULT_GOAL := help
.PHONY: help install lock run serve migrate demo superuser test test-tools test-fast test-browser lint format messages clean prod-up prod-restart prod-down bench search-eval tools audit

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Only what requirements.lock names, each file checked against its hash; then the project
# itself, which brings nothing more (its dependencies are all in the lock).
$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed ## Create .venv and install the hash-pinned dependencies of requirements.lock

lock: install ## Refresh requirements.lock from pyproject.toml (after adding or upgrading a dependency)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra test --extra lock --strip-extras \
	  --output-file $(LOCK) pyproject.toml

migrate: install ## Create or upgrade the SQLite database under var/
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo municipality if the database has no site content yet
	$(MANAGE) load_demo_data

superuser: install ## Create an administrator account (asks for a password)
	$(MANAGE) createsuperuser

run: demo ## Install, migrate, load the demo and serve http://127.0.0.1:8000/
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) write_fallback_copies
	$(MANAGE) ensure_admin
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	HOST=$(HOST) PORT=$(PORT) deploy/serve-embedded

test: install test-tools ## Run every suite: lint, checks, unit, integration and browser tests
	CI=$(CI) bash .ci/test-suites $(PYTEST_ARGS)

test-tools: $(VNU_JAR) ## The Nu HTML checker the tests run (from npm, under var/tools/)

$(VNU_JAR):
	mkdir -p var/tools/vnu
	cd var/tools/vnu && $(NPM_INSTALL) vnu-jar@$(VNU_VERSION)

$(LIGHTHOUSE_CLI):
	mkdir -p var/tools/lighthouse
	cd var/tools/lighthouse && $(NPM_INSTALL) lighthouse@$(LIGHTHOUSE_VERSION)

tools: $(VNU_JAR) $(LIGHTHOUSE_CLI) ## Install the audit's tools (Nu HTML checker, Lighthouse) under var/tools/

audit: install tools ## Lighthouse's four scores and the HTML errors of one page of every type
	$(BIN)/python -m kommunwebb.testing.audit

prod-up: install ## Start the production profile on loopback: PostgreSQL, Redis, gunicorn, Varnish (http://127.0.0.1:8180/); APP_SERVERS=2 for two app servers
	$(BIN)/python deploy/prod.py up --app-servers $(APP_SERVERS)

prod-restart: ## Deploy without a failed request: migrate, then restart the app servers one at a time
	$(BIN)/python deploy/prod.py rolling-restart

prod-down: ## Stop everything prod-up started (data stays in var/prod/)
	$(BIN)/python deploy/prod.py down

bench: install ## Benchmarks: analytics, retention, search, subscriptions, scaling, crisis, then pages (its RESULT line last)
	@for script in bench/analytics.py bench/retention.py bench/search.py bench/subscriptions.py bench/scaling.py bench/crisis.py; do \
	  if [ -f $$script ]; then echo "== $$script"; $(BIN)/python $$script || exit 1; fi; \
	done
	@echo "== bench/pages.py"
	$(BIN)/python bench/pages.py

search-eval: install ## Search quality: recall@5 and MRR of the evaluation set on SQLite and PostgreSQL
	$(BIN)/python bench/search_eval.py

lint: install ## ruff lint and format check, and the import contracts of docs/architecture.md
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Refresh the English, Finnish and Arabic catalogues and compile them
	cd kommunwebb && ../$(BIN)/python ../manage.py makemessages -l en -l fi -l ar --no-obsolete
	cd kommunwebb && ../$(BIN)/python ../manage.py compilemessages -l en -l fi -l ar

clean: ## Remove the virtualenv and everything under var/ (the database too)
	rm -rf $(VENV) var
