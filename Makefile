# vendorgate: `make demo` and `make test` set up whatever is missing, then run.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV)/bin)
OPA_VERSION := 1.22.3
OPA := $(BIN)/opa
STAMP := $(VENV)/.installed
COVERAGE_MIN := 95
ACTIONLINT_VERSION := 1.7.12
ACTIONLINT := $(BIN)/actionlint
REGAL_VERSION := 0.39.0
REGAL := $(BIN)/regal
DEMO_AS_OF := 2026-12-01

.PHONY: help setup demo test lint typecheck policy-test pytest fuzz bench rules-doc dossier-doc clean

help:
	@echo "make demo   set up what is missing and check examples/vendors"
	@echo "make test   set up what is missing and run every test and check"
	@echo "make fuzz   longer property-based runs;  make bench  benchmarks"

setup: $(STAMP) $(OPA) $(ACTIONLINT) $(REGAL)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

# Rebuilt only when the binary is missing or is not exactly OPA $(OPA_VERSION).
$(OPA): | $(VENV)/bin/python
	@if [ -x "$(OPA)" ] && "$(OPA)" version 2>/dev/null | grep -qx "Version: $(OPA_VERSION)"; then \
	  echo "OPA $(OPA_VERSION) already installed"; \
	else \
	  echo "building OPA $(OPA_VERSION) with go install (takes a few minutes the first time)"; \
	  GOBIN="$(BIN)" GOFLAGS=-mod=mod go install github.com/open-policy-agent/opa@v$(OPA_VERSION); \
	fi

# actionlint checks the workflow files in make test (tests/integration).
$(ACTIONLINT): | $(VENV)/bin/python
	@if [ -x "$(ACTIONLINT)" ] && "$(ACTIONLINT)" -version 2>/dev/null | head -n1 | grep -qx "v$(ACTIONLINT_VERSION)"; then \
	  echo "actionlint $(ACTIONLINT_VERSION) already installed"; \
	else \
	  GOBIN="$(BIN)" GOFLAGS=-mod=mod go install github.com/rhysd/actionlint/cmd/actionlint@v$(ACTIONLINT_VERSION); \
	fi

# Regal lints the policies in make policy-test (rules in .regal/config.yaml). Built from the
# module source: `go install regal@v...` stops on the proxy's missing version list.
$(REGAL): | $(VENV)/bin/python
	@if [ -x "$(REGAL)" ] && "$(REGAL)" version 2>/dev/null | grep -qx "Version: *v$(REGAL_VERSION)"; then \
	  echo "Regal $(REGAL_VERSION) already installed"; \
	else \
	  echo "building Regal $(REGAL_VERSION) (takes a few minutes the first time)"; \
	  src="$$(GOFLAGS=-mod=mod go mod download -json github.com/open-policy-agent/regal@v$(REGAL_VERSION) \
	    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p')"; \
	  [ -n "$$src" ] || { echo "could not download Regal $(REGAL_VERSION)"; exit 1; }; \
	  cd "$$src" && GOFLAGS=-mod=mod go build -o "$(REGAL)" \
	    -ldflags "-X github.com/open-policy-agent/regal/pkg/version.Version=v$(REGAL_VERSION)" .; \
	fi

demo: setup
	@echo "\$$ vendorgate check examples/vendors --as-of $(DEMO_AS_OF)"
	@$(BIN)/vendorgate check examples/vendors --as-of $(DEMO_AS_OF) || [ $$? -eq 1 ]

lint: setup
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)

typecheck: setup
	$(BIN)/mypy --strict src/vendorgate

policy-test: setup
	@unformatted="$$($(OPA) fmt --list policies examples)"; \
	  if [ -n "$$unformatted" ]; then echo "not formatted (run opa fmt -w):"; echo "$$unformatted"; exit 1; fi
	$(OPA) check --strict policies
	$(OPA) check --strict policies examples/custom-policy/policies
	$(REGAL) lint policies examples/custom-policy/policies
	$(OPA) test policies examples/custom-policy/policies
	@$(OPA) test policies --coverage --format json > $(VENV)/coverage.json
	@$(BIN)/python -c "import json,sys; c=json.load(open('$(VENV)/coverage.json'))['coverage']; \
	  print(f'policy coverage: {c:.2f}% (minimum $(COVERAGE_MIN)%)'); sys.exit(c < $(COVERAGE_MIN))"

pytest: setup
	$(BIN)/pytest -q

test: lint typecheck policy-test pytest

fuzz: setup
	VENDORGATE_FUZZ_EXAMPLES=2000 $(BIN)/pytest -q tests/fuzz

bench: setup
	$(BIN)/python benchmarks/run.py

rules-doc: setup
	$(BIN)/vendorgate rules --format markdown > docs/rules.md

dossier-doc: setup
	$(BIN)/python -m vendorgate.dossier_doc > docs/dossier-format.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
