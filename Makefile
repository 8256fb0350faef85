# The two commands of the README: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
NG := $(BIN)/nerveguide
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck setup-data bench bench-content bench-search bench-selfcheck bench-education bench-clinics bench-scale bench-deploy lock clean

$(BIN)/python:
	@py="$$(bin/find-python)" && echo "Using $$py" && "$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@ $(VENV)/.installed-run

## make run: set up and serve the site with its built-in content on SQLite (http://127.0.0.1:8000)
run setup-data: export DEBUG ?= 1
run: $(VENV)/.installed-run setup-data
	@echo "nerveguide is serving on http://$(HOST):$(PORT)/  (Ctrl+C stops)"
	$(NG) manage runserver $(HOST):$(PORT)

setup-data: $(VENV)/.installed-run
	@mkdir -p var
	$(NG) manage migrate --noinput
	$(NG) ingest content
	$(NG) clinics load-postcodes
	$(NG) clinics demo

## make test: install dev dependencies, lint, and run the whole suite (browser tests skip without Chromium)
test: $(VENV)/.installed-dev lint
	$(BIN)/pytest -q $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make typecheck: mypy with django-stubs over src/ (strict on the Danish layer); CI runs it
typecheck: $(VENV)/.installed-dev
	DEBUG=1 $(BIN)/mypy

bench: bench-content bench-search bench-selfcheck bench-education bench-clinics bench-scale bench-deploy
bench-content bench-search bench-selfcheck bench-education bench-clinics bench-scale bench-deploy: bench-%: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/$*/run.py

## make lock: refresh constraints.txt from the current environment after changing pyproject.toml
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^nerveguide' > constraints.txt

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
