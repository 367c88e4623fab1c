# Two commands do everything on a fresh machine:
#   make run    set up, then run the bot on SQLite (put TELEGRAM_BOT_TOKEN in .env first)
#   make test   set up, then run lint, type checks and the whole suite on SQLite and PostgreSQL

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TEST_POSTGRES_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
# The Bot API spec the fake Telegram server checks every call against (read in place, never copied).
TELEGRAM_API_SPEC ?= $(firstword $(wildcard $(abspath ../shared/telegram-bot-api/api-10.0.json) /work/shared/telegram-bot-api/api-10.0.json))
export TELEGRAM_API_SPEC

.PHONY: run test lint setup clean

$(BIN)/natter: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(BIN)/natter

run: setup
	$(BIN)/natter run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/natter check-prompts

test: lint
	@echo "== tests on SQLite =="
	$(BIN)/python -m pytest
	@echo "== tests on PostgreSQL ($(TEST_POSTGRES_URL)) =="
	TEST_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
