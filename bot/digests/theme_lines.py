"""The week by theme, for the top of a digest: "Transport: 5 people, mostly unhappy: 'the bus
stop is a long walk'". Themes are read when each comment is stored (bot.language.themes), and
staff's own corrections win; here they are only counted. Pure functions over plain data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.digests.quotes import pick_quotes, short_words
from bot.digests.week import DigestComment
from prompts import Prompts

THEMES_SHOWN = 5
THEME_QUOTE_CHARS = 80  # one short quote a theme, so the block fits a phone screen
MOSTLY = 2 / 3  # this share happy (or unhappy) is "mostly"


@dataclass(frozen=True, slots=True)
class ThemeLine:
    theme: str
    people: int  # different people, each group comment counting as one
    happy: int  # comments about it read (or marked) happy
    unhappy: int
    example: DigestComment | None  # the one quoted

    @property
    def mood(self) -> str:
        total = self.happy + self.unhappy
        if self.happy >= MOSTLY * total:
            return "happy"
        if self.unhappy >= MOSTLY * total:
            return "unhappy"
        return "mixed"


def theme_lines(comments: Sequence[DigestComment], order: Sequence[str]) -> list[ThemeLine]:
    """The themes the week's comments were about, most people first (ties in codebook order)."""
    about: dict[str, list[DigestComment]] = {}
    for comment in comments:
        for theme, _ in comment.themes:
            about.setdefault(theme, []).append(comment)
    rank = {theme: i for i, theme in enumerate(order)}
    lines = [_line(theme, found) for theme, found in about.items()]
    lines.sort(key=lambda line: (-line.people, rank.get(line.theme, len(rank)), line.theme))
    return lines[:THEMES_SHOWN]


def _line(theme: str, found: list[DigestComment]) -> ThemeLine:
    happy = sum(1 for c in found if dict(c.themes)[theme])
    speakers = {c.pseudonym or ("group", i) for i, c in enumerate(found)}
    line = ThemeLine(theme, len(speakers), happy, len(found) - happy, None)
    # The quote says what most said: among the comments of the week's mood, the most useful.
    wanted = {"happy": True, "unhappy": False}.get(line.mood)
    fitting = [c for c in found if wanted is None or dict(c.themes)[theme] is wanted]
    # Most about this theme alone: "the bus stop is a long walk from the hall" is a transport
    # quote before it is one for the hall.
    fewest = min(len(c.themes) for c in fitting)
    picked = pick_quotes([c for c in fitting if len(c.themes) == fewest], limit=1)
    return ThemeLine(theme, line.people, happy, line.unhappy, picked[0] if picked else None)


def render_themes(prompts: Prompts, lines: Sequence[ThemeLine]) -> list[str]:
    block = [prompts.text("digest.themes")]
    for line in lines:
        name = prompts.plain(f"digest.theme.{line.theme}")
        people = _people(prompts, line.people)
        mood = prompts.plain(f"digest.mood.{line.mood}")
        words = short_words(prompts, line.example, THEME_QUOTE_CHARS) if line.example else None
        if words:
            block.append(
                prompts.text("digest.theme_line", theme=name, people=people, mood=mood, text=words)
            )
        else:
            block.append(
                prompts.text("digest.theme_line_bare", theme=name, people=people, mood=mood)
            )
    return block


def _people(prompts: Prompts, n: int) -> str:
    key = "digest.people_one" if n == 1 else "digest.people_many"
    return prompts.plain(key, count=n)
