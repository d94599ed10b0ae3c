# After the No — the README's two commands: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Reinstall whenever pyproject.toml changes.
DEPS   := $(VENV)/.deps-$(shell cksum pyproject.toml | cut -d' ' -f1)
TESTDEPS := $(VENV)/.test-deps-$(shell cat pyproject.toml package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)

.PHONY: site serve test check schema bench clean

site: $(DEPS)
	$(BIN)/python -m after_the_no build

serve: $(DEPS)
	$(BIN)/mkdocs serve

check: $(DEPS)
	$(BIN)/python -m after_the_no check

# Rewrites content/.schemas/ after a change to the content contract; commit the result.
schema: $(DEPS)
	$(BIN)/python -m after_the_no schema

test: $(TESTDEPS)
	$(BIN)/python -m pytest

bench: $(TESTDEPS)
	$(BIN)/python -m tests.bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(DEPS): $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	rm -f $(VENV)/.deps-* && touch $@

$(TESTDEPS): $(DEPS)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	if [ -f package-lock.json ] && command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund; fi
	rm -f $(VENV)/.test-deps-* && touch $@

clean:
	rm -rf site site.* .cache
