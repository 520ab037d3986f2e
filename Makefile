# Both targets build what they need from nothing: a virtual environment in .venv
# with govkit installed in editable mode and its test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# Environments made before the distribution was renamed hold it as `govkit`: drop that name
	# first, so one distribution owns the govkit command.
	$(BIN)/pip uninstall --quiet --yes govkit 2>/dev/null || true
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/govkit demo demo-output

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy govkit
	$(BIN)/govkit lint --root .
	$(BIN)/govkit policy test policies
	$(BIN)/govkit policy test examples/organisation-policy/policies
	$(BIN)/pytest -q

# Times govkit against check-jsonschema and writes the figures into README.md.
bench: $(STAMP)
	$(BIN)/python bench/lint.py --update-readme
	$(BIN)/python bench/history.py --update-readme
	$(BIN)/python bench/org.py --update-readme
	$(BIN)/python bench/render.py --update-readme
	$(BIN)/python bench/portfolio.py --update-readme

clean:
	rm -rf $(VENV) build dist *.egg-info
