# Two commands from a fresh clone: `make demo` (set up + run on the seeds), `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup browser demo test lint bench fuzz clean

$(STAMP): pyproject.toml
	@# The environment takes about 2.7 GB; pip's own error on a full disk is an OSError deep in its output.
	@avail=$$(df -Pk . | awk 'NR==2 {print $$4}'); \
	  [ "$${avail:-0}" -ge 3500000 ] || echo "warning: $$((avail / 1024)) MB free here; the setup needs about 3 GB (torch, sentence-transformers, onnx, ray)" >&2
	$(PYTHON) -m venv $(VENV)
	# torch first: this exact pin takes the local CPU wheel (any other spec pulls CUDA).
	$(PY) -m pip install -q --no-cache-dir --disable-pip-version-check torch==2.13.0
	# dev: tests and lint; onnx: the faster embedding backend; ray: batch --engine ray.
	$(PY) -m pip install -q --no-cache-dir --disable-pip-version-check -e '.[dev,onnx,ray]'
	touch $(STAMP)

setup: $(STAMP)

# Debian's Chromium for the browser tests (never `playwright install`: it downloads).
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: setup
	@mkdir -p reports
	$(PY) -m divergence compare seeds/ --format json -o reports/seeds.json
	$(PY) -m divergence compare seeds/ --format markdown -o reports/seeds.md
	$(PY) -m divergence compare seeds/ --format html -o reports/seeds.html
	$(PY) -m divergence compare seeds/ --format text

test: setup browser
	$(PY) -m pytest -q -p no:cacheprovider

lint: setup
	$(PY) -m ruff check divergence tests benchmarks
	$(PY) -m ruff format --check divergence tests benchmarks
	$(PY) -m mypy divergence

bench: setup
	$(PY) -m benchmarks.run --large-timeout 600
	$(PY) -m benchmarks.real_clusters
	$(PY) -m benchmarks.real_clusters --skip 3
	$(PY) -m benchmarks.real_clusters --skip 6
	$(PY) -m benchmarks.real_clusters --skip 9
	$(PY) -m benchmarks.order
	$(PY) -m benchmarks.order --skip 3
	$(PY) -m benchmarks.order --skip 6
	$(PY) -m benchmarks.order --skip 9

fuzz: setup
	$(PY) -m tests.fuzz --minutes $${FUZZ_MINUTES:-10}

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
