# Two commands do everything on a fresh machine:
#   make run    set up, then run the bot on SQLite (put TELEGRAM_BOT_TOKEN in .env first)
#   make test   set up, then run lint, type checks and the whole suite on SQLite and PostgreSQL
#               (TESTS=tests/cli runs a part; with no PostgreSQL answering at TEST_POSTGRES_URL, a
#               private throwaway one is started from the installed binaries and removed after)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TEST_POSTGRES_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
TESTS ?=
CHECKOUT := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
# The Bot API spec the fake Telegram server checks every call against (read in place, never
# copied), beside the checkout: ../shared/telegram-bot-api/api-10.0.json.
TELEGRAM_API_SPEC ?= $(abspath $(CHECKOUT)../shared/telegram-bot-api/api-10.0.json)
export TELEGRAM_API_SPEC

.PHONY: run test lint setup clean key

$(BIN)/natter: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(BIN)/natter

# A made-up name is never given out again once its owner is forgotten: Natter keeps a keyed hash
# of it, keyed with PSEUDONYM_KEY. Made once here if .env has none; never change it after.
key:
	@touch .env
	@if ! grep -qs '^PSEUDONYM_KEY=..*' .env; then \
		key=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(32))'); \
		sed -i '/^PSEUDONYM_KEY=/d' .env; echo "PSEUDONYM_KEY=$$key" >> .env; \
		echo "Made a PSEUDONYM_KEY in .env: keep it with the settings, never change it."; fi

run: setup key
	$(BIN)/natter run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/natter check-prompts

test: lint
	@command -v espeak-ng >/dev/null && command -v opusenc >/dev/null || { echo "make test: the voice tests speak with espeak-ng and encode with opusenc: apt-get install espeak-ng opus-tools"; exit 1; }
	@# Side by side: each run keeps about one core busy, so on two cores both take the time of one.
	$(BIN)/python -m tests.support.side_by_side \
		"tests on SQLite" -- $(BIN)/python -m pytest $(TESTS) --- \
		"tests on PostgreSQL ($(TEST_POSTGRES_URL), or a private one if nothing answers)" -- \
		$(BIN)/python -m tests.support.test_postgres $(TEST_POSTGRES_URL) -- $(BIN)/python -m pytest $(TESTS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
