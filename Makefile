# After the No — the README's two commands: `make site` and `make test`.
#
# Python packages come from the hash-locked files in requirements/ (see `make lock`),
# installed by plain pip, so a fresh machine needs nothing but python3 with venv and pip.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# The generator that builds the site: mkdocs (MkDocs 1.6) or properdocs (ProperDocs,
# its maintained fork). Both come from the same lock; `make site ENGINE=properdocs`.
ENGINE ?= mkdocs
# The install stamps follow the lock files: when a lock changes, the next make
# brings an existing .venv up to date with it.
DEPS   := $(VENV)/.deps-$(shell cat requirements/site.txt pyproject.toml | cksum | cut -d' ' -f1)
TESTDEPS := $(VENV)/.test-deps-$(shell cat requirements/test.txt pyproject.toml package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)
# Options that shape the lock files; `make lock` on an unchanged lock must change nothing.
COMPILE := $(BIN)/uv pip compile --quiet --no-config --universal --python-version 3.11 \
	--generate-hashes --default-index https://pypi.org/simple --custom-compile-command "make lock"

.PHONY: site serve test check schema bench screens clean lock upgrade test-tools

site: $(DEPS)
	$(BIN)/python -m guidekit build --engine $(ENGINE)

serve: $(DEPS)
	$(BIN)/$(ENGINE) serve --config-file mkdocs.yml

check: $(DEPS)
	$(BIN)/python -m guidekit check

# Rewrites content/.schemas/ after a change to the content contract; commit the result.
schema: $(DEPS)
	$(BIN)/python -m guidekit schema

test: $(TESTDEPS)
	$(BIN)/python -m pytest

# Installs the test tools without running the tests (for .ci/run).
test-tools: $(TESTDEPS)

bench: $(TESTDEPS)
	$(BIN)/python -m tests.bench

# The README's pictures of what a reader sees, taken from the built site.
screens: $(TESTDEPS)
	$(BIN)/python -m guidekit build
	$(BIN)/python -m tests.screens site tests/readme-screens

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# --no-deps: the lock already lists every package; --no-build-isolation: the
# build backend (setuptools) comes from the lock too, not from an unpinned download.
$(DEPS): $(VENV)/bin/python requirements/site.txt pyproject.toml
	$(PIP) --require-hashes --no-deps -r requirements/site.txt
	$(PIP) --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.deps-* && touch $@

$(TESTDEPS): $(DEPS) requirements/test.txt
	$(PIP) --require-hashes --no-deps -r requirements/test.txt
	if [ -f package-lock.json ] && command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund; fi
	rm -f $(VENV)/.test-deps-* && touch $@

# Refresh the locks after editing the ranges in pyproject.toml: versions already
# locked are kept when they still fit. `make upgrade` moves everything to the newest
# versions the ranges allow.
lock: $(VENV)/bin/python
	$(PIP) --require-hashes --no-deps -r requirements/uv.txt
	$(COMPILE) $(UPGRADE) requirements/uv.in -o requirements/uv.txt
	$(COMPILE) $(UPGRADE) pyproject.toml requirements/build.in -o requirements/site.txt
	$(COMPILE) $(UPGRADE) pyproject.toml requirements/build.in --extra test \
		-c requirements/site.txt -o requirements/test.txt

upgrade: UPGRADE := --upgrade
upgrade: lock

clean:
	rm -rf site site.* .cache
