"""`python -m bot` does exactly what the `natter` command does."""

from bot.cli import main

raise SystemExit(main())
