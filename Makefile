# Delaktig – the two commands a city IT team needs: `make run` (the demo) and `make test` (everything).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
HOST ?= 127.0.0.1
PORT ?= 8000

help:
	@echo "make run    – set up and serve the demo on http://$(HOST):$(PORT) (SQLite under var/)"
	@echo "make test   – lint, migrations check, tests on SQLite and PostgreSQL, browser tests"
	@echo "make bench  – run the benchmarks against the peer libraries"
	@echo "make lint / make fmt / make messages"

# Create the virtualenv with Python 3.13 from .python-version (any Python >= 3.12 will do).
$(VENV)/.installed: pyproject.toml
	@bash scripts/make-venv.sh $(VENV)
	@touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_gothenburg
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: venv
	cd delaktig && ../$(PY) ../manage.py makemessages -l sv -l en --no-obsolete --no-location && ../$(PY) ../manage.py compilemessages

test: venv
	@bash scripts/test.sh

bench: venv
	$(PY) benchmarks/pb.py
	$(PY) benchmarks/sortition.py
	$(PY) benchmarks/opinion.py

.PHONY: help venv run lint fmt messages test bench
