# The targets CI and the README use. `make test` is exactly what .ci/run runs.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
APT_PACKAGES = chromium chromium-driver raptor2-utils virtuoso-opensource

.PHONY: install install-test system-deps run test lint bench

install:
	$(PIP) install -e .

system-deps:
	@if command -v apt-get >/dev/null 2>&1; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -q && apt-get install -y -q --no-install-recommends $$missing; fi; \
	else echo "apt-get not found: install$(APT_PACKAGES) yourself"; fi

install-test: system-deps
	$(PIP) install -e '.[test]'

run: install
	vlmkg serve

test: install-test
	$(PYTHON) -m pytest

lint:
	ruff check . && ruff format --check . && mypy

bench: install-test
	$(PYTHON) -m bench
