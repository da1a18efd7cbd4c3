# netplan: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test soak bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes; the stamp files say what is installed.
# compileall: an editable install leaves netplan's modules uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set every start would compile them again (~100 ms).
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m compileall -q netplan
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q netplan
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/netplan $(ARGS)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -n auto $(PYTEST_ARGS)

soak: $(VENV)/.installed-test
	NETPLAN_SOAK=1 $(BIN)/python -m pytest -q tests/reliability $(PYTEST_ARGS)

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench $(ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check netplan tests bench

clean:
	rm -rf $(VENV) build dist *.egg-info
