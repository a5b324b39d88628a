# mottagning — two commands matter: `make demo` and `make test`. Everything else is a helper.
# Only Python 3.11+, make and the package registries are assumed; the rest is installed here.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements/lock.txt pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test quality pytest proptest bench lock clean install

install: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mottagning behöver Python 3.11 eller senare (hittade %s)" % sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

## demo: set everything up and run the main job on SQLite with demo data (PORT=8001 for another port)
PORT ?= 8000
demo: install
	$(BIN)/python -m mottagning.demo --port $(PORT)

## test: the quality gate and the whole test suite (SQLite unless DATABASE_URL is set)
test: quality pytest

quality: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@# An in-memory database: a fresh clone has no var/ yet, and the check only reads models.
	MOTTAGNING_SQLITE=:memory: $(BIN)/python -m mottagning.config.manage makemigrations --check --dry-run
	$(BIN)/python -m mottagning profiles check
	@# Security lint: no finding of high severity (the mediums are read and explained in docs/security.md).
	$(BIN)/bandit --quiet --recursive src --severity-level high
	@# Known vulnerabilities fail; an unreachable vulnerability database is said in one line, not passed silently.
	$(BIN)/python .ci/dependency_audit.py

pytest: install
	$(BIN)/python -m pytest -q -p no:cacheprovider

## proptest: the property tests with many more examples than `make test` runs (minutes)
proptest: install
	MOTTAGNING_HYPOTHESIS=lang $(BIN)/python -m pytest -q -p no:cacheprovider tests/rules/test_periods.py tests/rules/test_dates.py tests/rules/test_compensation_properties.py tests/api/test_schemathesis.py

## bench: benchmarks with their targets, reported as ratios measured in the same run
bench: install
	$(BIN)/python -m bench

## lock: re-resolve requirements/lock.txt from pyproject.toml, for every Python from 3.11 on
## (--universal: lines carry markers, so 3.11 gets Django 5.2 and 3.12+ Django 6.1 from one file)
lock:
	$(PYTHON) -m venv /tmp/mottagning-uv && /tmp/mottagning-uv/bin/pip install --quiet uv
	/tmp/mottagning-uv/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -o requirements/lock.txt

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
