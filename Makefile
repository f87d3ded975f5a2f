# Sequences commands only; dependencies live in pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test browser lint bench clean-index

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU torch first: it lies on this machine's disk; any other torch pulls a multi-GB CUDA build.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) app.py

browser:
	bash scripts/install-browser.sh

test: $(STAMP) browser
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check assistant tests app.py benchmarks

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean-index:
	rm -rf index/*.faiss index/*.jsonl index/*.npz index/*.json index/.build.lock
