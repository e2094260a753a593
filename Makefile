# Safehouse Portal: `make run` serves the demo programme, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUN_VERSION := 1.4.4
BUN := .tools/node_modules/bun/bin/bun.exe
PORT ?= 3000
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

# Reflex must never phone home (see README "Offline").
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export REFLEX_HTTP_CLIENT_BIND_ADDRESS := 0.0.0.0
export REFLEX_USE_GRANIAN := 1
export NPM_CONFIG_UPDATE_NOTIFIER := false

.PHONY: run test setup db seed system-deps clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,postgres,redis]"
	touch $@

$(BUN):
	npm install --prefix .tools --no-audit --no-fund --no-save bun@$(BUN_VERSION)
	@test "$$($(BUN) --version 2>/dev/null)" = "$(BUN_VERSION)" || (cd .tools/node_modules/bun && node install.js)
	@test "$$($(BUN) --version)" = "$(BUN_VERSION)" || (echo "bun $(BUN_VERSION) could not be installed" && exit 1)

# axe-core for the browser tests' accessibility checks (tests/e2e/axe.py pins the same version).
AXE_VERSION := 4.10.3
AXE := .tools/axe/node_modules/axe-core/axe.min.js

$(AXE):
	npm install --prefix .tools/axe --no-audit --no-fund --no-save axe-core@$(AXE_VERSION)

setup: $(BIN)/.installed $(BUN) $(AXE)

db: setup
	$(BIN)/safehouse db upgrade

seed: db
	$(BIN)/safehouse seed --demo --if-empty

run: seed
	@echo "Serving Safehouse Portal on http://localhost:$(PORT) (production build; Ctrl+C to stop)"
	NPM_CONFIG_REGISTRY="$$(npm config get registry)" SAFEHOUSE_PORT=$(PORT) \
		$(BIN)/reflex run --env prod --frontend-port $(PORT) --backend-port $(PORT)

# Debian's Chromium for the browser tests and poppler's pdftoppm for checking PDFs as pictures.
system-deps:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium poppler-utils)

test: setup system-deps
	$(BIN)/lint-imports
	$(BIN)/ruff check safehouse_portal
	$(BIN)/ruff check --select F401,F811,F821 tests bench
	NPM_CONFIG_REGISTRY="$$(npm config get registry)" \
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" TEST_REDIS_URL="$(TEST_REDIS_URL)" \
		$(BIN)/python -m pytest -q --durations=25

clean:
	rm -rf $(VENV) .tools .web .states safehouse.db
