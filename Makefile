# One entry point for editors, developers and CI. With a virtual environment active, make
# uses it; otherwise it creates .venv and installs the project into it.
.DEFAULT_GOAL := help
.PHONY: help install check build serve test links bench browser clean

PYTHON ?= python3
ifdef VIRTUAL_ENV
VENV := $(VIRTUAL_ENV)
else
VENV := .venv
endif
PY := $(VENV)/bin/python
STAMP := $(VENV)/.handreiking-installed

help:
	@echo "make serve   bouw de site en bekijk hem op http://127.0.0.1:8000 (met zoeken, ververst bij elke wijziging)"
	@echo "make check   controleer alleen de gegevens in data/ (snel)"
	@echo "make build   controleer en bouw de site met zoekindex in site/"
	@echo "make test    alle tests (installeert wat nodig is, ook de browser)"
	@echo "make links   controleer alle links van de gebouwde site"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

browser:
	@bash .ci/ensure-browser

check: $(STAMP)
	$(PY) -m macros.cli check

build: $(STAMP)
	$(PY) -m macros.cli build

serve: $(STAMP)
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

test: $(STAMP) node_modules/.installed browser
	$(PY) -m pytest

clean:
	rm -rf site .site-build-* .site-old reports
