# pokin: the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.pokin-installed

.PHONY: install run test test-unit test-e2e neo4j-up neo4j-down neo4j-status lint lint-imports i18n bench clean

install: $(STAMP)  ## create .venv and install pokin with its test extras (idempotent)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

run: install  ## start the local Neo4j (where NEO4J_URI is this machine and nothing answers), load the seed, serve
	$(BIN)/pokin neo4j up --if-needed
	$(BIN)/pokin load --replace
	$(BIN)/pokin serve

test: install  ## the whole suite against a real Neo4j
	$(BIN)/python -m pytest

test-unit: install
	$(BIN)/python -m pytest tests/unit

test-e2e: install
	$(BIN)/python -m pytest tests/e2e

neo4j-up: install
	$(BIN)/pokin neo4j up

neo4j-down: install
	$(BIN)/pokin neo4j down

neo4j-status: install
	$(BIN)/pokin neo4j status

# The catalogues: msgids are the English texts of code and templates (babel.cfg); the Indonesian
# catalogue is updated from them (new entries untranslated: tests/unit/test_catalogue.py fails
# until they are translated) and compiled to the .mo shipped as package data.
LOCALE_DIR := core/locale
i18n: install  ## extract the texts, update the Indonesian catalogue, compile it
	@mkdir -p $(LOCALE_DIR)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _ --ignore-dirs='.* ._ tests tools bench' \
		--no-location --sort-output --project=pokin -o $(LOCALE_DIR)/pokin.pot .
	@if test -f $(LOCALE_DIR)/id/LC_MESSAGES/pokin.po; then \
		$(BIN)/pybabel update -i $(LOCALE_DIR)/pokin.pot -d $(LOCALE_DIR) -D pokin -l id \
			--ignore-obsolete --no-wrap; \
	else \
		$(BIN)/pybabel init -i $(LOCALE_DIR)/pokin.pot -d $(LOCALE_DIR) -D pokin -l id --no-wrap; \
	fi
	$(BIN)/pybabel compile -d $(LOCALE_DIR) -D pokin -l id --statistics

bench: install  ## every benchmark (about 12 min); one table of ratios in bench/results/latest.md
	$(BIN)/python -m bench.run_all

lint: install  ## ruff, and the rooms' import layers (no cycle between rooms)
	$(BIN)/ruff check .
	$(MAKE) -s lint-imports

lint-imports: install  ## the import contracts of pyproject.toml, on pokin installed as a user gets it
	$(BIN)/python -m tests.import_layers

clean:
	rm -rf $(VENV) tools/neo4j-embedded/target .pytest_cache
