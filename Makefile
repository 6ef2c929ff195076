# Two commands for a fresh Linux machine: `make run` and `make test`.
# Both create .venv from pyproject.toml when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/therapist-desk

test: $(STAMP)
	$(PY) -m ruff check therapist_desk tests $(wildcard benchmarks tools)
	$(PY) -m mypy therapist_desk
	$(PY) -m pytest -p no:cacheprovider

lint: $(STAMP)
	$(PY) -m ruff check therapist_desk tests $(wildcard benchmarks tools)
	$(PY) -m mypy therapist_desk

bench: $(STAMP)
	$(PY) benchmarks/run.py --scale 1

clean:
	rm -rf $(VENV) build *.egg-info
