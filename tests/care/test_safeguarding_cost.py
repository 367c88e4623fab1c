"""A generous floor on what the safeguarding screen costs, so a slip that makes it several times
dearer fails here; the goal itself (mean < 0.2 ms, p99 < 1 ms a message) is judged by
`python -m benchmarks.safeguarding`, where a busy machine can be seen and allowed for. CPU time
(time.process_time), after a warm-up pass as a running bot has: measured about 0.19 ms a message
with the machine's load average at 6 to 11 on its 2 cores, so 1 ms leaves room for a loaded
machine and a slower one."""

from __future__ import annotations

from benchmarks.safeguarding import load, score
from bot.language import load_detector

MEAN_MS = 1.0  # a message, on average, by CPU time


def test_the_screen_costs_under_a_millisecond_a_message_on_average() -> None:
    result = score(load_detector(), "tuning", load("tuning"))
    assert len(result.times_ms) > 400  # the whole set was read
    mean = sum(result.times_ms) / len(result.times_ms)
    assert mean < MEAN_MS, f"mean {mean:.3f} ms a message"
