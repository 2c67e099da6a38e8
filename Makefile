# darkwire: `make run` (main job on the embedded default) and `make test` (everything).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test install dev lint typecheck unit bench eval clean

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

# Until the store and the running pipeline land (issue 3), the main job analyses the bundled sample posts.
run: install
	$(BIN)/darkwire analyze tests/fixtures/posts.jsonl

lint: dev
	$(BIN)/ruff check darkwire tests bench
	$(BIN)/ruff format --check darkwire tests bench

typecheck: dev
	$(BIN)/mypy

unit: dev
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python bench/bench_analyze.py

eval: install
	$(BIN)/python bench/eval_dev.py

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
