"""Run the fake standalone: ``python -m tests.fake_telegram --port 8081``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .server import FakeTelegram


async def _serve(args: argparse.Namespace) -> None:
    fake = FakeTelegram(
        token=args.token,
        bot_username=args.username,
        rate_limits=not args.no_rate_limits,
        control_endpoints=True,
    )
    await fake.start(args.host, args.port)
    root = f"http://{fake.host}:{fake.port}"
    print(f"TELEGRAM_BASE_URL={fake.base_url}")
    print(f"TELEGRAM_BASE_FILE_URL={fake.base_file_url}")
    print(f"token: {fake.token}")
    print(
        f'try: curl -s -XPOST {root}/_test/send -d \'{{"user_id": 42, "text": "/start"}}\'\n'
        f"     curl -s -XPOST {root}/_test/press "
        '-d \'{"user_id": 42, "message_id": 2, "data": "..."}\'\n'
        f"     curl -s {root}/_test/sent ; curl -s {root}/_test/violations",
        flush=True,
    )
    try:
        await asyncio.Event().wait()  # until Ctrl-C
    finally:
        await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Fake Telegram Bot API server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST")
    parser.add_argument("--username", default="natter_test_bot")
    parser.add_argument("--no-rate-limits", action="store_true")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
