# darkwire: `make run` (main job on the embedded default) and `make test` (everything).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test install dev lint typecheck unit bench bench-ingest bench-store eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.dev-installed

# The main job on the embedded default: SQLite in ./data/darkwire.db, the bundled demo sources, the web UI and
# API at http://127.0.0.1:8000 (DARKWIRE_DB, DARKWIRE_CONFIG or `darkwire run --config FILE` change them).
run: install
	$(BIN)/darkwire run

lint: dev
	$(BIN)/ruff check darkwire tests bench tools
	$(BIN)/ruff format --check darkwire tests bench tools

typecheck: dev
	$(BIN)/mypy

unit: dev
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python bench/bench_analyze.py

bench-ingest: install
	$(BIN)/python bench/bench_ingest.py

bench-store: install
	$(BIN)/python bench/bench_store.py

eval: install
	$(BIN)/python bench/eval_dev.py

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
