# The two commands of the README: `make run` (the line, locally) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

# A local line needs no Twilio account: webhooks are signed with a token in instance/.
export BUURTLIJN_ENV ?= development
PORT ?= 5000
FROM ?= 06-12345678

.PHONY: install lock run simulate test test-postgres lint bench attack faults clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Re-lock every package, hashed, from requirements.in and requirements-dev.in.
PIP_TOOLS := pip-tools==7.7.0
lock:
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet $(PIP_TOOLS)
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links requirements-dev.in -o requirements-dev.txt
	rm -rf .lock-venv

run: install
	$(BIN)/flask --app app db upgrade
	$(BIN)/flask --app app demo
	@echo "Buurtlijn runs on http://127.0.0.1:$(PORT) (try a call in another terminal: make simulate)"
	LOG_FORMAT=text $(BIN)/flask --app app run --host 127.0.0.1 --port $(PORT)

simulate: install
	LOG_FORMAT=text $(BIN)/flask --app app simulate call --from $(FROM)

# The layer rules (import-linter, contracts in pyproject.toml), then the suite.
test: install lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/lint-imports --no-cache

test-postgres: install
	TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test $(BIN)/python -m pytest

# The broadcast benchmark (a few minutes): naive loop vs embedded vs Celery vs the limit.
bench: install
	$(BIN)/python bench/broadcast.py --database sqlite --out bench/results-sqlite.md
	$(BIN)/python bench/broadcast.py --database postgresql --modes embedded,celery --out bench/results-postgresql.md
	$(BIN)/python bench/broadcast.py --sizes --mixed 1000 --out bench/results-mixed.md
	$(BIN)/python bench/delivery.py --before $(BENCH_BEFORE) --members 1000 > bench/results-delivery.md
	$(BIN)/python bench/scale.py > bench/results-scale.md

# Today's code path for bench/delivery.py: the last commit before paced sending.
BENCH_BEFORE ?= a7459df

# Try the line as an attacker would and print attack, expected, got (a few seconds).
attack: install
	$(BIN)/python bench/attack.py

# Twilio's retries and races, a flaky Twilio, a lost broker, a restart, at scale (minutes).
faults: install
	$(BIN)/python bench/faults.py --members 1000

clean:
	rm -rf $(VENV) .pytest_cache
