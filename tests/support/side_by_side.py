"""Run two commands at once and say how each went: `make test` runs the suite on SQLite and on
PostgreSQL side by side, so the two take the wall time of the slower (each is mostly one core,
waiting on its database). Each one's output goes to a file and is shown whole when it ends, so the
two never interleave; a line every few minutes says both are still going.

    python -m tests.support.side_by_side NAME -- COMMAND... --- NAME -- COMMAND...

Exits 0 only when both commands did.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HEARTBEAT_S = 300.0


@dataclass
class Run:
    name: str
    process: subprocess.Popen[bytes]
    log: Path
    started: float
    shown: bool = False


def _parse(argv: list[str]) -> list[tuple[str, list[str]]]:
    jobs: list[tuple[str, list[str]]] = []
    for part in _split(argv, "---"):
        if len(part) < 3 or part[1] != "--":
            raise SystemExit(__doc__)
        jobs.append((part[0], part[2:]))
    return jobs


def _split(items: list[str], mark: str) -> list[list[str]]:
    found: list[list[str]] = [[]]
    for item in items:
        if item == mark:
            found.append([])
        else:
            found[-1].append(item)
    return found


def _show(run: Run, code: int) -> None:
    minutes = (time.monotonic() - run.started) / 60
    print(f"\n== {run.name}: {'passed' if code == 0 else f'FAILED ({code})'}, {minutes:.1f} min ==")
    sys.stdout.write(run.log.read_text(encoding="utf-8", errors="replace"))
    sys.stdout.flush()
    run.shown = True


def main(argv: list[str]) -> int:
    jobs = _parse(argv)
    folder = Path(tempfile.mkdtemp(prefix="side-by-side-"))
    runs = []
    for n, (name, command) in enumerate(jobs):
        log = folder / f"{n}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        runs.append(Run(name, process, log, time.monotonic()))
        print(f"== {name}: started ({' '.join(command)}) ==", flush=True)
    codes: dict[str, int] = {}
    beat = time.monotonic()
    while len(codes) < len(runs):
        for run in runs:
            code = run.process.poll()
            if code is not None and not run.shown:
                codes[run.name] = code
                _show(run, code)
        if time.monotonic() - beat > HEARTBEAT_S:
            going = ", ".join(r.name for r in runs if not r.shown)
            print(f"== still running: {going} ==", flush=True)
            beat = time.monotonic()
        time.sleep(1)
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(code == 0 for code in codes.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
