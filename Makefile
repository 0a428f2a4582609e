# The two commands of the README. Both create .venv on first use.
PY ?= python3
VENV = .venv
BIN = $(VENV)/bin

.PHONY: run test install install-test bench bench-bulk clean

$(BIN)/protokol: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/protokol

run: install
	$(BIN)/protokol extract corpus/sample.txt --format table

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python tests/bench/bench_ner_vs_extract.py

bench-bulk: install
	$(BIN)/python tests/bench/bench_bulk.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
