# netplan: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test soak bench lint upgrade clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes; the stamp files say what is installed.
# compileall: an editable install leaves netplan's modules uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set every start would compile them again (~100 ms).
# Dependencies come from the committed locks (exact versions, with hashes), so every
# machine runs the versions the suite was written for; netplan itself goes in on top.
$(VENV)/.installed-run: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m compileall -q netplan
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m compileall -q netplan
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/netplan $(ARGS)

test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest -q -n auto --dist loadgroup $(PYTEST_ARGS)

soak: $(VENV)/.installed-test
	NETPLAN_SOAK=1 $(BIN)/python -m pytest -q tests/system/reliability $(PYTEST_ARGS)

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench $(ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check netplan tests bench

# Refresh both locks to the newest versions pyproject.toml's bounds allow, then run
# the suite on them: commit the locks only when it passes.
upgrade: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --upgrade -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --generate-hashes --upgrade -q -o requirements-test.lock
	rm -f $(VENV)/.installed-run $(VENV)/.installed-test
	$(MAKE) test

clean:
	rm -rf $(VENV) build dist *.egg-info
