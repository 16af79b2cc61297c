# One entry point for editors, developers and CI. With a virtual environment active, make
# uses it; otherwise it creates .venv and installs the project into it.
.DEFAULT_GOAL := help
.PHONY: help install check build serve schemas test lint canary links bench browser clean

PYTHON ?= python3
ifdef VIRTUAL_ENV
VENV := $(VIRTUAL_ENV)
else
VENV := .venv
endif
PY := $(VENV)/bin/python
# MkDocs 1.x and Material 9.x print end-of-life banners on every build; the README says why we stay.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# pa11y (tests/test_pa11y.py) comes with Puppeteer, which would download a Chromium of its own on
# install; the tests use the system Chromium (tests/browser.py).
export PUPPETEER_SKIP_DOWNLOAD := 1
STAMP := $(VENV)/.handreiking-installed

help:
	@echo "make serve   bouw de site en bekijk hem op http://127.0.0.1:8000 (met zoeken, ververst bij elke wijziging)"
	@echo "             met EDITIE=<naam>: de editie van een gemeente (edities/<naam>/), bijvoorbeeld make serve EDITIE=voorbeeldstad"
	@echo "make check   controleer de gegevens in data/ en de pagina's in docs/ (snel)"
	@echo "make build   controleer en bouw de site met zoekindex in site/ (ENGINE=zensical: met Zensical)"
	@echo "make schemas werk schemas/ bij (hulp in de editor); make check doet dat ook zelf"
	@echo "make test    alle tests (installeert wat nodig is, ook de browser)"
	@echo "make lint    alleen stijl en typen van de Python-code (ruff, mypy)"
	@echo "make links   controleer alle links van de gebouwde site (ALLEEN=gewijzigd: alleen nieuwe en gewijzigde)"
	@echo "make canary  bouw de site ook met opvolgers van MkDocs (waarschuwt, blokkeert niet)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	@# setuptools' note on every editable install ("Editable installation … be careful with folders")
	@# is information, not a problem: only that message is silenced.
	PYTHONWARNINGS='ignore:Editable installation:UserWarning' $(PY) -m pip install --quiet -e '.[test]'
	@touch $@

install: $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

browser:
	@bash .ci/ensure-browser

# The editors' commands print only their own Dutch lines (@: no echo of the command). A failure
# still ends in make's own "make: *** [...] Error 1": make prints it for every failing command, and
# the exit status is what CI and scripts rely on.
# EDITIE=<naam>: the same for a municipality's edition in edities/<naam>/ (or a path to its folder).
EDITIE ?=
EDITIE_ARG := $(if $(EDITIE),--editie $(EDITIE))
check: $(STAMP)
	@$(PY) -m handreiking.cli check $(EDITIE_ARG)

# The engine: MkDocs, or its successor Zensical (make build ENGINE=zensical; README).
ENGINE ?= mkdocs
export ENGINE

build: $(STAMP)
	@$(PY) -m handreiking.cli build --engine $(ENGINE) $(EDITIE_ARG)

# Live reload on every change; a failed build shows its messages in the browser (macros/serve.py).
# Another port: make serve POORT=8001.
POORT ?= 8000
serve: $(STAMP)
	@$(PY) -m handreiking.cli serve --engine $(ENGINE) --host 127.0.0.1 --port $(POORT) $(EDITIE_ARG)

# The JSON Schemas in schemas/ that data/*.yaml name in their first line (help while typing).
schemas: $(STAMP)
	$(PY) -m handreiking.cli schemas

# Style and types first (make lint), then every test; then the browser suite's core once more
# against the site Zensical builds (ENGINE=zensical: the site_dir fixture builds with it).
ZENSICAL_TESTS := tests/test_a11y.py tests/test_security.py tests/test_interactive.py tests/test_targets.py \
	tests/test_search.py tests/test_checklists.py tests/test_offline.py
test: lint node_modules/.installed browser
	$(PY) -m pytest
	ENGINE=zensical $(PY) -m pytest $(ZENSICAL_TESTS)

# Style and types of the Python (configured in pyproject.toml).
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# Canaries: the site built with the newest releases beyond the pins (ProperDocs in
# tests/test_quality.py; the newest Zensical as ENGINE=zensical builds, tests/test_canary_zensical.py).
# Not part of `make test` and not blocking: they warn before a release reaches the pins.
canary: $(STAMP)
	-$(PY) -m pytest -m canary -p no:cacheprovider

# Link report of the built site (reports/links.md, reports/links.json); settings in links.toml.
# make links ALLEEN=gewijzigd: only the external links added or changed since main (origin/main when
# the clone has it), as a pull request's check does. Exit status (handreiking/links/check.py):
# 0 nothing broken, 1 a link is broken, 2 the check could not run, 3 no internet (external links
# not checked).
BASIS ?= $(shell git rev-parse --verify -q origin/main >/dev/null 2>&1 && echo origin/main || echo main)
links: build
	@$(PY) -m handreiking.links $(if $(filter gewijzigd,$(ALLEEN)),--changed-from $(BASIS))

# Benchmarks, not tests: each prints its figures and ratios measured side by side (bench/README.md).
# All of them run; the exit status says whether any budget was missed.
bench: build node_modules/.installed browser
	@status=0; for b in lighthouse weight build_scaling search filters offline; do \
		echo "== bench/$$b.py"; PYTHONPATH=. $(PY) bench/$$b.py || status=1; done; exit $$status

clean:
	rm -rf site .site-build-* .site-old .site*-links.json reports
