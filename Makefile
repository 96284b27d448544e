# The two commands a newcomer needs: `make run` and `make test`.
# Everything lives in .venv; only Python 3.11+ and make are assumed.
#
# Both install the exact versions locked in requirements/ (every package, with the hashes
# of its files), so a fresh clone gets what the suite was last green with, today or next
# month. `make lock` refreshes those files from the ranges in pyproject.toml.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
REQ    := requirements
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
DSTAMP := $(VENV)/.installed-dev

# pip, quietly. The lock lists every package, so nothing may be pulled in beside it.
PIP    = $(1)/bin/python -m pip --quiet --disable-pip-version-check
LOCKED = install --require-hashes --no-deps

# A venv whose Python is 3.11 or newer, with the locked pip. $(1): the folder, $(2): python.
define new_venv
	@$(2) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s); set PYTHON=..." % sys.version.split()[0])'
	$(2) -m venv $(1)
	$(call PIP,$(1)) $(LOCKED) -r $(REQ)/pip.txt
endef

GUIDED_STATES := settle-in guidance step info ease-off stop-offer stop side-change \
                 cool-down rating safety finished

.PHONY: run test bench screenshots lint lock test-floor test-newest clean help

help:
	@echo "make run          create .venv, install the locked versions, start the coach"
	@echo "make test         install the test extras too and run the whole suite"
	@echo "make bench        print the benchmark table and its JSON figures"
	@echo "make screenshots  every view, light and dark, 1x and 2x; each guided state at 800x560 and 1920x1080"
	@echo "make lint         ruff, mypy (strict) and the import contracts (pyproject.toml)"
	@echo "make lock         refresh requirements/*.txt from the ranges in pyproject.toml"
	@echo "make test-floor   core and UI tests on the lowest versions the ranges allow"
	@echo "make test-newest  the whole suite on the newest versions the ranges allow"

$(BIN)/python:
	$(call new_venv,$(VENV),$(PYTHON))

# The editable install needs its build backend (locked too) instead of a fresh download.
$(STAMP): $(BIN)/python pyproject.toml $(REQ)/run.txt
	$(call PIP,$(VENV)) $(LOCKED) -r $(REQ)/run.txt
	$(call PIP,$(VENV)) install --no-deps --no-build-isolation -e .
	@touch $@

$(TSTAMP): $(STAMP) $(REQ)/test.txt
	$(call PIP,$(VENV)) $(LOCKED) -r $(REQ)/test.txt
	$(call PIP,$(VENV)) check
	@touch $@

$(DSTAMP): $(TSTAMP) $(REQ)/dev.txt
	$(call PIP,$(VENV)) $(LOCKED) -r $(REQ)/dev.txt
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
	  for view in pacer start session timing; do \
	    $(BIN)/coach screenshot --view $$view --step 3 --theme $$theme --scale $$scale \
	      --out screenshots/$$view-$$theme-$${scale}x.png || exit 1; \
	  done; \
	  for view in history session-detail trends; do \
	    $(BIN)/coach screenshot --view $$view --demo --theme $$theme --scale $$scale \
	      --out screenshots/$$view-$$theme-$${scale}x.png || exit 1; \
	  done; \
	done; done
	@# Every state of a guided session at the smallest window and a large one.
	@for theme in light dark; do for size in 800x560 1920x1080; do \
	  for view in $(GUIDED_STATES); do \
	    $(BIN)/coach screenshot --view $$view --size $$size --theme $$theme \
	      --out screenshots/guided/$$view-$$theme-$$size.png || exit 1; \
	  done; \
	done; done
	@# Every step drawing at step-panel size, light then dark.
	QT_QPA_PLATFORM=offscreen $(BIN)/python assets/illustrations/montage.py screenshots/drawings.png
	@echo "screenshots written to screenshots/"

lint: $(DSTAMP)
	$(BIN)/ruff check coach tests
	$(BIN)/ruff format --check coach tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# -- the lock -------------------------------------------------------------------------------
# Resolved on Python 3.11, the oldest we support: its markers keep PySide6 below 6.12, and
# the same versions then install on every newer Python. pip-compile copies those markers
# into the lock; they are taken out again, since the lock is one set of versions for all.
LOCK_PYTHON ?= python3.11
LOCK_VENV   := .venv-lock
COMPILE      = cd $(REQ) && ../$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-find-links --no-emit-index-url --upgrade
UNMARK       = sed -i -E 's/^([A-Za-z0-9._-]+==[^ ;]+) ; python_version [^\\]*\\$$/\1 \\/'

lock:
	@$(LOCK_PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "make lock resolves on Python 3.11; set LOCK_PYTHON=...")'
	rm -rf $(LOCK_VENV)
	$(LOCK_PYTHON) -m venv $(LOCK_VENV)
	$(call PIP,$(LOCK_VENV)) $(LOCKED) -r $(REQ)/lock-tools.txt
	$(COMPILE) --output-file pip.txt pip.in
	$(COMPILE) --output-file lock-tools.txt lock-tools.in
	$(COMPILE) --build-deps-for=editable --extra test --extra dev --output-file dev.txt ../pyproject.toml
	$(COMPILE) --build-deps-for=editable --extra test -c dev.txt --output-file test.txt ../pyproject.toml
	$(COMPILE) --build-deps-for=editable -c dev.txt --output-file run.txt ../pyproject.toml
	$(UNMARK) $(REQ)/run.txt $(REQ)/test.txt $(REQ)/dev.txt
	rm -rf $(LOCK_VENV)
	@echo "requirements/ refreshed: run 'make test' (and CI), then commit them together"

# -- the other ends of the ranges (CI runs both) ----------------------------------------------
FLOOR_VENV  ?= .venv-floor
NEWEST_VENV ?= .venv-newest
NEWEST_PYTHON ?= $(PYTHON)

# The lowest versions pyproject.toml allows (requirements/floor.txt), the rest resolved
# around them: the core and UI tests must pass there too, or a floor is not true.
test-floor:
	rm -rf $(FLOOR_VENV)
	$(call new_venv,$(FLOOR_VENV),$(PYTHON))
	$(call PIP,$(FLOOR_VENV)) install -c $(REQ)/floor.txt -e '.[test]'
	$(call PIP,$(FLOOR_VENV)) check
	@$(FLOOR_VENV)/bin/python --version; $(FLOOR_VENV)/bin/python -m pip freeze --exclude-editable
	$(FLOOR_VENV)/bin/python -m pytest tests/core tests/ui

# The newest versions the ranges allow today, with the newest pip: drift shows here first.
test-newest:
	rm -rf $(NEWEST_VENV)
	$(NEWEST_PYTHON) -m venv $(NEWEST_VENV)
	$(call PIP,$(NEWEST_VENV)) install --upgrade pip
	$(call PIP,$(NEWEST_VENV)) install --upgrade --upgrade-strategy eager -e '.[test]'
	$(call PIP,$(NEWEST_VENV)) check
	@$(NEWEST_VENV)/bin/python --version; $(NEWEST_VENV)/bin/python -m pip freeze --exclude-editable
	$(NEWEST_VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) $(FLOOR_VENV) $(NEWEST_VENV) $(LOCK_VENV) build dist *.egg-info \
	  .pytest_cache .hypothesis
