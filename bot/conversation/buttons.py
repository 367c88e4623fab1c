"""Every button press, decoded once and sent to the flow that answers it.

The data is parsed strictly (bot.core.buttons) and each flow checks it against the database and
the person's dialogue state: anything stale, forged or not theirs comes back as None, and the
press changes nothing.
"""

from __future__ import annotations

from typing import assert_never

from sqlalchemy.ext.asyncio import AsyncSession

from bot import (
    care,
    checkins,
    did,
    guide,
    joining,
    privacy,
    questions,
    relay,
    replies,
    reports,
    team,
    voice,
)
from bot.conversation.choosing import pick_project
from bot.core import Deps, Press, Reply, buttons


async def pressed(session: AsyncSession, deps: Deps, press: Press) -> Reply | None:
    data = buttons.decode(press.data)
    who = press.telegram_id
    match data:
        case None:
            return None
        case buttons.Join(choice, code):
            joined = await joining.answer(session, deps, who, choice, code, press.language)
            # Joined (or already there): their menu as their roles now stand.
            return await guide.after_joining(session, who, joined) if choice == "yes" else joined
        case buttons.SkipQuestion():
            return await questions.skip(session, deps, who, data)
        case buttons.PickProject(project_id):
            return await pick_project(session, deps, who, project_id)
        case buttons.SkipProgrammeQuestion(question_id):
            return await questions.skip_programme(session, deps, who, question_id)
        case buttons.Forget(choice):
            forgot = await privacy.forget_answer(session, deps, who, choice)
            # Forgotten: their own menu goes, back to the default.
            return await guide.with_menu(session, who, forgot) if choice == "yes" else forgot
        case buttons.OptOut(choice):
            return await checkins.opt_out_answer(session, deps, who, choice)
        case buttons.CheckinMood(membership_id, _, mood):
            reply = await checkins.mood(session, deps, who, data)
            if reply is not None and mood == "bad":  # "Not great": worth a call
                await care.not_great(session, deps, who, membership_id)
            return reply
        case buttons.CheckinSnooze(membership_id, turn):
            return await checkins.snooze(session, deps, who, membership_id, turn)
        case buttons.CheckinAway(membership_id, turn):
            return await checkins.away(session, who, membership_id, turn)
        case buttons.CheckinAwayFor():
            return await checkins.away_for(session, deps, who, data)
        case buttons.CheckinDone(membership_id, turn):
            return await checkins.done(session, deps, who, membership_id, turn)
        case buttons.NoteProject(project_id):
            return await relay.pick_project(session, deps, who, project_id)
        case buttons.NotePlace(index):
            return await relay.pick_place(session, deps, who, index)
        case buttons.NoteWhen(day):
            return await relay.pick_day(session, deps, who, day)
        case buttons.NoteCount(band):
            return await relay.pick_count(session, deps, who, band)
        case buttons.NoteTag():
            return await relay.tag(session, deps, who, data)
        case buttons.NoteDetails(comment_id):
            return await relay.details(session, deps, who, comment_id)
        case buttons.NoteOnePerson(session_id):
            return await relay.one_person(session, deps, who, session_id)
        case buttons.NoteUndo(session_id):
            return await relay.undo(session, who, session_id)
        case buttons.NoteDone(session_id):
            return await relay.done(session, deps, who, session_id)
        case buttons.NoteAddMore(session_id):
            return await relay.add_more(session, deps, who, session_id)
        case buttons.ReplyTick(comment_id):
            return await replies.tick(session, deps, who, comment_id)
        case buttons.ReplyGo():
            return await replies.go(session, deps, who)
        case buttons.ReplyNotNeeded():
            return await replies.not_needed(session, deps, who)
        case buttons.ReplyNextPage(page):
            return await replies.next_page(session, deps, who, page)
        case buttons.ReplyUpdate():
            return await replies.pick_update(session, deps, who)
        case buttons.ReplyUpdatePick(response_id):
            return await replies.update(session, deps, who, response_id)
        case buttons.ReplyOutcome(outcome):
            return await replies.outcome(session, deps, who, outcome)
        case buttons.ReplySend():
            return await replies.confirm(session, deps, who)
        case buttons.ReplyCancel():
            return await replies.cancel(session, deps, who)
        case buttons.ThemeNext(before):
            return await replies.next_card(session, deps, who, before)
        case buttons.ThemeRight(comment_id):
            return await replies.right(session, deps, who, comment_id)
        case buttons.ThemeSet():
            return await replies.set_theme(session, deps, who, data)
        case buttons.ReplyThemes():
            return await replies.by_theme(session, deps, who)
        case buttons.ReplyTheme(theme):
            return await replies.tick_theme(session, deps, who, theme)
        case buttons.ThemeNeedsReply(comment_id, needs):
            return await replies.needs_reply(session, deps, who, comment_id, needs == "y")
        case buttons.VoiceHeard(comment_id, choice):
            return await voice.answer(session, deps, who, comment_id, choice)
        case buttons.Listen(comment_id):
            return await voice.listen(session, deps, who, comment_id)
        case buttons.Invite(role, project_id):
            return await team.invite_link(session, deps, who, role, project_id, press.bot_username)
        case buttons.MarkReviewed(comment_id):
            return await care.reviewed(session, deps, who, comment_id)
        case buttons.CareSafe(comment_id):
            return await care.safe(session, deps, who, comment_id)
        case buttons.CareContact(comment_id):
            return await care.contact_me(session, deps, who, comment_id)
        case buttons.CareWrite(comment_id):
            return await care.write_to_them(session, deps, who, comment_id)
        case buttons.CareEnd(comment_id):
            return await care.end_talk(session, deps, who, comment_id)
        case buttons.CareCalled(sign_id):
            return await care.called(session, deps, who, sign_id)
        case buttons.Report(range_name):
            return await reports.report_for(session, deps, who, range_name)
        case buttons.Export(range_name):
            return await team.export(session, deps, who, range_name)
        case buttons.SendTo(choice):
            return await team.send_to(session, deps, who, choice)
        case buttons.DidProject(project_id):
            return await did.pick_project(session, deps, who, project_id)
        case buttons.DidPlace(index):
            return await did.pick_place(session, deps, who, index)
        case buttons.DidOutcome(outcome):
            return await did.pick_outcome(session, deps, who, outcome)
        case buttons.DidSave():
            return await did.save(session, deps, who)
        case buttons.DidChange():
            return await did.change(session, deps, who)
        case buttons.DidChangePart(part):
            return await did.change_part(session, deps, who, part)
        case buttons.DidCancel():
            return await did.cancel(session, deps, who)
    assert_never(data)
