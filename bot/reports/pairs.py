""" "You said, we did" in words for a funder: each reply sent over the dates beside what it
answered, one line each, ready to paste into a form. Quotes are the words as staff read them
(names kept out); a count of people under 5 is hidden where the report hides small numbers,
while the team's own work (the replies themselves, and what the team heard and did
themselves, /did, which says where it was heard instead of a count) is always shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.digests import heard_by_team, small, trim
from prompts import Prompts
from storage.repositories import responses

SAID_CHARS = 120
DID_CHARS = 300


@dataclass(frozen=True, slots=True)
class Pair:
    outcome: str  # "changed" | "looking" | "cannot"
    said: str | None  # the first comment it answered, as staff read it
    raised: int  # how many comments it answered
    did: str  # what the team wrote back
    heard_at: str | None = None  # where the team heard it themselves (/did): nobody to count


async def you_said_we_did(
    session: AsyncSession, project_ids: Sequence[int], start: datetime, end: datetime
) -> tuple[Pair, ...]:
    found = await responses.replies_between(session, project_ids, start, end)
    return tuple(
        Pair(r.outcome.value, said, n, r.text, heard_at) for r, n, said, heard_at in found if n
    )


def pair_lines(
    prompts: Prompts, pairs: Sequence[Pair], small_numbers: bool, *, html: bool
) -> list[str]:
    """A heading, then one line a pair (HTML escapes every parameter; Markdown does not)."""
    if not pairs:
        return []
    fill: Callable[..., str] = prompts.text if html else prompts.plain
    bold = "<b>{}</b>" if html else "**{}**"
    lines = ["", bold.format(fill("report.pairs", count=len(pairs)))]
    for pair in pairs:
        did = trim(prompts, pair.did, DID_CHARS)
        if pair.said is None:
            lines.append(fill(f"report.we_did.{pair.outcome}", text=did))
            continue
        if pair.heard_at is not None:  # the team's own work: no count of people to hide
            raised = heard_by_team(prompts, pair.heard_at)
        elif small_numbers and pair.raised < 5:
            raised = prompts.plain("report.raised_few", count=small(prompts, pair.raised))
        elif pair.raised == 1:
            raised = prompts.plain("digest.raised_one")
        else:
            raised = prompts.plain("digest.raised_many", count=pair.raised)
        said = trim(prompts, pair.said, SAID_CHARS)
        lines.append(fill(f"report.pair.{pair.outcome}", said=said, raised=raised, text=did))
    return lines
