# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Development commands run with debug on; without this variable the settings are production's.
DEV := DJANGO_DEBUG=1

.PHONY: run test lint format messages bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo
	@# The task worker runs beside the server and stops with it.
	$(DEV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# pytest sets DJANGO_DEBUG=1 itself (pytest-env, see pyproject.toml).
# pytest exits 5 when it collected no test: that is a failure here, never a pass.
# The suite runs on both cores of a small machine (pytest-xdist); TEST_WORKERS=0 runs it in one.
TEST_WORKERS ?= 2
test: $(VENV)/.installed
	@$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext; the compiled .mo files are committed so a fresh machine does not.
messages: $(VENV)/.installed
	$(DEV) $(BIN)/python manage.py makemessages -l nl -l en -e html,txt,py,svg --ignore=.venv
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv

bench: $(VENV)/.installed
	$(DEV) $(BIN)/python bench/fill_in.py
