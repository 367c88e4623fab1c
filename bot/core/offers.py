"""Welcomes offered and not yet answered, per chat, held in memory only (nothing is stored
before yes): so that someone who types "yes" under the welcome, instead of tapping Yes, joins
just as the button would. Forgotten after OFFER_MINUTES, on an answer, and with the process;
in webhook mode another worker may not know it, and then the person is asked to tap Yes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

OFFER_MINUTES = 30
_SWEEP_ABOVE = 10_000  # chats offered a welcome that went away


@dataclass
class Offers:
    _open: dict[int, tuple[str, datetime]] = field(default_factory=dict)

    def offered(self, who: int, code: str, now: datetime) -> None:
        self._open[who] = (code, now)
        if len(self._open) > _SWEEP_ABOVE:
            self._open = {w: o for w, o in self._open.items() if self._fresh(o, now)}

    def code_for(self, who: int, now: datetime) -> str | None:
        """The invite code last offered to this chat, if it is still fresh."""
        found = self._open.get(who)
        return found[0] if found is not None and self._fresh(found, now) else None

    def answered(self, who: int) -> None:
        self._open.pop(who, None)

    @staticmethod
    def _fresh(offer: tuple[str, datetime], now: datetime) -> bool:
        return now - offer[1] < timedelta(minutes=OFFER_MINUTES)
