# Lotse: `make run` starts the assistant, `make test` runs the tests.
# Both set everything up on a fresh machine (a .venv from pinned requirements; `make test` adds the
# development tools of requirements-dev.txt).
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
# A Python 3.10 interpreter: python3.10 on PATH, or one installed by pyenv.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)

.PHONY: install install-dev run test eval bench-sib200 bench messages clean

$(VENV)/.installed: requirements.txt pyproject.toml
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Lotse needs Python 3.10 (Rasa 3.6 does not run on 3.11 or newer)."; \
	  echo "Install it, for example with 'pyenv install 3.10' or 'apt install python3.10 python3.10-venv',"; \
	  echo "or point PYTHON310=/path/to/python3.10 at one, then run make again."; exit 1; fi
	$(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip==24.2
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip check
	touch $@

install: $(VENV)/.installed
	@$(BIN)/lotse messages compile > /dev/null

install-dev: install $(VENV)/.installed-dev

# Demo mode on the embedded defaults: the invented sample directory (LOTSE_DEMO=0 for real data).
run: install
	LOTSE_DEMO="$${LOTSE_DEMO:-1}" $(BIN)/lotse run

# Tests that depend on the date; `make test` runs them once more with the clock a year and a day ahead.
DATE_TESTS := tests/clock.py tests/test_clock.py tests/directory tests/handover/test_retention.py \
	tests/handover/test_tickets.py tests/content/test_gaps.py bot/directory bot/handover

# The content check reads the FAQ from the configured database (var/ by default); it needs no real secret.
test: install-dev
	LOTSE_SECRET_KEY="$${LOTSE_SECRET_KEY:-content-check-only}" $(BIN)/lotse content check
	$(BIN)/pytest --durations=25
	LOTSE_TEST_CLOCK_SHIFT_DAYS=366 $(BIN)/pytest -q -m "not slow" $(DATE_TESTS)

# NLU on the held-out and safety sets, then whole typed conversations through the running stack.
eval: install-dev
	$(BIN)/python -m tools.evaluation.nlu
	$(BIN)/python -m tools.evaluation.conversations

bench-sib200: install
	$(BIN)/python -m tools.evaluation.sib200

# Load and memory benchmark against a stock `rasa init` bot (about 15 minutes); writes reports/bench.json.
bench: install
	$(BIN)/lotse bench

# Refresh the catalogs after changing texts in domain.yml or N_() texts in bot/.
messages: install
	$(BIN)/lotse messages extract && $(BIN)/lotse messages update && $(BIN)/lotse messages check

clean:
	rm -rf $(VENV) models/*.tar.gz locales/*/LC_MESSAGES/*.mo
