# One-command workflows. `make run` and `make test` install what they need first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench lint format sample train clean

install: $(STAMP)

# Reinstall only when the project's declared dependencies change.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (RedPilot needs Python 3.11)"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: install
	$(BIN)/redpilot run

# Two workers, each test file on one of them (its module fixtures are built once): the slow storage and
# fault tests of one file run beside the conversation tests of another.
test: install
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: install
	$(BIN)/python scripts/bench.py

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the synthetic sample data and the shipped embedding cache that goes with it.
sample: install
	$(BIN)/python scripts/generate_sample.py
	$(BIN)/redpilot kb export-cache

# Retrain the act classifier (scikit-learn is needed for training only, never to answer).
train: install
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python scripts/train_understanding.py

clean:
	rm -rf $(VENV) data .pytest_cache
