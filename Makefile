# The two commands a newcomer needs: `make run` and `make test`.
# Everything lives in .venv; only Python 3.11+ and make are assumed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test bench screenshots lint typecheck clean help

help:
	@echo "make run         create .venv, install, start the coach"
	@echo "make test        install the test extras and run the whole suite"
	@echo "make bench       print the benchmark table and its JSON figures"
	@echo "make screenshots render every view, light and dark, 1x and 2x, into screenshots/"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s); set PYTHON=..." % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP)
	@# Bytecode up to date (quick when it is): a start then never compiles our modules,
	@# even where PYTHONDONTWRITEBYTECODE keeps Python from caching them itself.
	@$(BIN)/python -m compileall -q coach
	$(BIN)/coach

test: $(TSTAMP)
	$(BIN)/python -m pytest

bench: $(TSTAMP)
	$(BIN)/python -m tests.benchmarks

screenshots: $(STAMP)
	@mkdir -p screenshots
	@for theme in light dark; do for scale in 1 2; do \
	  for view in pacer start session safety stop ease-off rating timing; do \
	    $(BIN)/coach screenshot --view $$view --step 3 --theme $$theme --scale $$scale \
	      --out screenshots/$$view-$$theme-$${scale}x.png || exit 1; \
	  done; \
	  for view in history session-detail trends; do \
	    $(BIN)/coach screenshot --view $$view --demo --theme $$theme --scale $$scale \
	      --out screenshots/$$view-$$theme-$${scale}x.png || exit 1; \
	  done; \
	done; done
	@echo "screenshots written to screenshots/"

lint: $(TSTAMP)
	$(BIN)/python -m pip install --quiet ruff mypy
	$(BIN)/ruff check coach tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
