"""How long a project's consent screen is as a newcomer reads it, with its own texts filled in.

The words in prompts/ are checked by the lint; a project's name, about, open-to-change and fixed
texts are typed by staff, so `natter project add/set` checks the screen they make.
"""

from __future__ import annotations

from bot.core import fit_messages
from bot.joining.consent import introduction
from prompts import Prompts
from prompts.screen_check import word_count
from prompts.screens import MAX_SCREEN_WORDS
from storage.models import Project, Role

_CHECKED = (Role.PARTICIPANT, Role.VOLUNTEER)


def consent_words(prompts: Prompts, role: Role, project: Project) -> int:
    """Words on the consent screen someone joining `project` as `role` sees."""
    return sum(word_count(m) for m in fit_messages(prompts, introduction(role, project), "en"))


def too_long(prompts: Prompts, project: Project) -> str | None:
    """One plain warning line when the project's texts push a consent screen past the limit."""
    over = [
        f"{words} words for {role.value}s"
        for role in _CHECKED
        if (words := consent_words(prompts, role, project)) > MAX_SCREEN_WORDS
    ]
    if not over:
        return None
    return (
        f"Warning: the consent screen for {project.slug} has {' and '.join(over)}; at most "
        f"{MAX_SCREEN_WORDS} fit a small phone, so shorten its name, about, open-to-change or "
        "fixed text."
    )
