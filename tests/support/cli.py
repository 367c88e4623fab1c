"""Running the `natter` command in a subprocess, as an operator would."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


async def natter(
    database_url: str, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Result:
    """`env`: more settings (a token and a Bot API address, for commands that reach Telegram)."""
    base = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    base.pop("TELEGRAM_BOT_TOKEN", None)
    env = {**base, **(env or {})}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd or ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode is not None
    return Result(proc.returncode, out.decode(), err.decode())
