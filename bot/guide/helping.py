"""/help that fits the person: mid-conversation, that step and how to skip or stop it; else
what their roles can do. It only reads: where they were stays exactly as it was."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import CheckinStage, Deps, NoteStage, Reply, Say, Step, dialogue, people
from bot.guide.menus import menu_for, roles_of
from storage.models import Role

# The help for each step of a conversation (help.step.<name>); two steps say more by stage.
STEP_HELP: dict[Step, str] = {
    Step.QUESTIONS: "questions",
    Step.COLLECTIVE: "programme_question",
    Step.CHECKIN: "checkin",
    Step.CHOOSE_PROJECT: "choose_project",
    Step.NOTE: "note_setup",
    Step.REPLY: "replying",
    Step.REVIEW_NOTE: "review_note",
    Step.REPORT_DATES: "report_dates",
    Step.ASK: "ask",
    Step.CONFIRM_FORGET: "forget",
    Step.CONFIRM_STOP: "stopping",
    Step.CORRECT_VOICE: "correct_voice",
    Step.WRITE_TO_PERSON: "writing_to_person",
    Step.TALK: "talking",
    Step.EMAIL_ADDRESS: "email_address",
    Step.DID: "did",
}
TEAM_HELP = ((Role.VOLUNTEER, "help.volunteer"), (Role.STAFF, "help.staff"),
             (Role.PROGRAMME, "help.programme"))  # fmt: skip


async def help_for(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """/help; their command menu is set again with it, so one that failed to change heals."""
    person = await people.find(session, telegram_id)
    roles = await roles_of(session, person)
    state = await dialogue.load(session, person.id) if person is not None else None
    if person is None:
        reply = Reply.of("help.joining")
    elif state is not None:
        reply = Reply.of(f"help.step.{step_help(state)}")
    else:
        reply = Reply(for_roles(roles))
    return replace(reply, commands=menu_for(roles))


def step_help(state: dialogue.Dialogue) -> str:
    if isinstance(state, dialogue.CheckingIn) and state.stage is CheckinStage.MORE:
        return "checkin_more"
    if isinstance(state, dialogue.Noting) and state.stage is NoteStage.COMMENTS:
        return "noting"
    return STEP_HELP[state.step]


def for_roles(roles: set[Role]) -> tuple[Say, ...]:
    """A participant's help alone; for the team, what each of their roles can do, then what
    everyone can do about their own data."""
    team = tuple(Say(key) for role, key in TEAM_HELP if role in roles)
    if not team:
        return (Say("help.text"),)
    return (*team, Say("help.yours"))
