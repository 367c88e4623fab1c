"""/did's read-back: the pair as the round-up will show it, with names kept out exactly as they
will be kept out when it is saved (Save, Change, Cancel under it)."""

from __future__ import annotations

from bot.core import Button, Deps, Reply, Say, buttons, dialogue, quoted_of
from bot.digests import heard_by_team
from bot.language import redact
from storage.models import Project


def keep_for(project: Project, place: str | None) -> list[str]:
    """Words never taken for names: the project's own, and the place's (names already out)."""
    return [project.name, *([place] if place else [])]


def said_shown(project: Project, state: dialogue.RecordingDid) -> str:
    """What people said as staff and reports read it: names, addresses and numbers kept out."""
    said = state.said or ""
    return quoted_of(said, keep_for(project, state.place)) or said


def did_shown(project: Project, state: dialogue.RecordingDid) -> str:
    """What the team did, as kept: names kept out here too (it is shown beside a quote)."""
    return redact(state.did or "", keep_for(project, state.place))


def read_back(deps: Deps, project: Project, state: dialogue.RecordingDid) -> Reply | None:
    """None when an answer is missing (a state this code did not write)."""
    if state.place is None or state.said is None or state.outcome is None or state.did is None:
        return None
    pair = Say(
        f"digest.pair.{state.outcome.value}",
        {
            "said": said_shown(project, state),
            "raised": heard_by_team(deps.prompts, state.place),
            "text": did_shown(project, state),
        },
    )
    choices = (
        Button(Say("buttons.did_save"), buttons.encode(buttons.DidSave())),
        Button(Say("buttons.did_change"), buttons.encode(buttons.DidChange()), beside=True),
        Button(Say("buttons.cancel"), buttons.encode(buttons.DidCancel()), beside=True),
    )
    return Reply((Say("did.read_back"), pair, Say("did.read_note")), choices)
