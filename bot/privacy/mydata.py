"""/mydata: a readable file of everything Natter holds about the person asking."""

from __future__ import annotations

import html
import re
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import questions
from bot.core import Deps, Document, Reply, Say, dialogue, people, render_text, reply_from_json
from prompts.catalogue import DEFAULT_LANGUAGE
from storage.models import Comment, Delivery, Outbox, Person, WebSignIn
from storage.repositories import people as people_repo
from storage.repositories import web_sign_ins
from storage.repositories.people import Held

FILE = "privacy.file"  # the /mydata lines added after the first few (prompts/en/privacy.yaml)
# Messages to someone that are about other people: /mydata names them but leaves out their text.
ABOUT_OTHERS = ("digest", "alert", "roundup")
_TAG = re.compile(r"<[^>]+>")


async def my_data(session: AsyncSession, deps: Deps, telegram_id: int) -> Reply:
    """A readable file of every row that is about this person."""
    person = await people.find(session, telegram_id)
    if person is None:
        return Reply.of("mydata.nothing")
    held = await people_repo.held_about(session, person)
    lines = [*_profile(deps, person), Say("mydata.groups")]
    for membership in held.memberships:
        name = membership.project.name if membership.project else _words(deps, "every_group")
        role = deps.prompts.plain(f"mydata.role_{membership.role.value}")
        when = deps.local(membership.joined_at)
        lines.append(Say(f"{FILE}.group_line", {"project": name, "role": role, "date": when}))
        if membership.last_checkin_at:
            lines.append(_dated(deps, "group_checkin", membership.last_checkin_at))
    lines.append(Say("mydata.said"))
    said = [line for c in held.comments for line in _said(deps, held, c)]
    lines += said or [Say("mydata.none_said")]
    lines += _asked(deps, held) + _outbox(deps, held) + _where(deps, held) + _team(deps, held)
    lines += _failed(deps, held) + _web(deps, await web_sign_ins.sessions_of(session, person.id))
    for sign in held.early_signs:  # "worth a call": why, and when
        why = deps.prompts.plain(f"care.worth_why.{sign.reason}")
        lines.append(Say(f"{FILE}.worth_a_call", {"date": deps.local(sign.noted_at), "why": why}))
    document = Document(Say("mydata.filename"), tuple(lines))
    return Reply((Say("mydata.caption"),), documents=(document,))


def _words(deps: Deps, key: str, fallback: str | None = None) -> str:
    """The words for `key`; `fallback` (a raw value) if there are none, e.g. a newer step."""
    full = f"{FILE}.{key}"
    if fallback is not None and full not in deps.prompts.messages[DEFAULT_LANGUAGE]:
        return fallback
    return deps.prompts.plain(full)


def _dated(deps: Deps, key: str, moment: datetime) -> Say:
    return Say(f"{FILE}.{key}", {"date": deps.local(moment)})


def _yes_no(deps: Deps, value: bool) -> str:
    return deps.prompts.plain("mydata.yes_word" if value else "mydata.no_word")


def _profile(deps: Deps, person: Person) -> list[Say]:
    lines = [
        Say("mydata.title"),
        Say("mydata.made_up_name", {"pseudonym": f"Person {person.pseudonym}"}),
        Say(f"{FILE}.language", {"language": person.language}),
        Say("mydata.joined", {"date": deps.local(person.consented_at)}),
        Say(f"{FILE}.consent_version", {"version": person.consent_version}),
        Say("mydata.paused", {"paused": _yes_no(deps, person.paused)}),
        Say(f"{FILE}.unreachable", {"answer": _yes_no(deps, person.unreachable)}),
    ]
    if person.last_checkin_at:
        lines.append(_dated(deps, "checkin_last", person.last_checkin_at))
    if person.checkins_unanswered:
        lines.append(Say(f"{FILE}.checkin_unanswered", {"count": person.checkins_unanswered}))
    if person.checkins_paused_until:
        lines.append(_dated(deps, "checkin_paused", person.checkins_paused_until))
    if person.email or person.delivery is not Delivery.TELEGRAM:  # the team's own setting
        where = deps.prompts.plain(f"settings.where.{person.delivery.value}")
        lines.append(Say(f"{FILE}.sends_to", {"where": where}))
    if person.email:
        lines.append(Say(f"{FILE}.email", {"email": person.email}))
    return lines


def _said(deps: Deps, held: Held, comment: Comment) -> list[Say]:
    words = deps.prompts.plain
    if comment.text is not None:
        text = comment.text
    elif comment.transcript:  # what Natter heard in a voice note (or they typed after it)
        text = words(
            "mydata.voice_heard", seconds=comment.voice_seconds or 0, text=comment.transcript
        )
    else:
        text = words("mydata.voice", seconds=comment.voice_seconds or 0)
    project = comment.project.name if comment.project else words("mydata.unfiled")
    when, kind = deps.local(comment.created_at), comment.kind.value
    lines = [
        Say("mydata.said_line", {"date": when, "project": project, "text": text}),
        Say(f"{FILE}.said_kind", {"kind": _words(deps, f"kind.{kind}", kind)}),
    ]
    if comment.question_key:
        lines.append(Say(f"{FILE}.said_question", {"question": _question(deps, held, comment)}))
    if comment.mood:
        lines.append(Say(f"{FILE}.said_mood", {"mood": comment.mood}))
    if comment.edited_at:
        lines.append(_dated(deps, "said_edited", comment.edited_at))
    if comment.flagged:
        lines.append(Say(f"{FILE}.said_flagged"))
    lines += _followed(deps, held, comment.id)
    if comment.reviewed_at:
        lines.append(_dated(deps, "said_reviewed", comment.reviewed_at))
    if comment.review_note:
        lines.append(Say(f"{FILE}.said_note", {"note": comment.review_note}))
    reply = held.replies.get(comment.response_id) if comment.response_id else None
    if reply is not None:
        outcome = _words(deps, f"outcome.{reply.outcome.value}", reply.outcome.value)
        lines.append(Say(f"{FILE}.said_reply", {"outcome": outcome, "text": reply.text}))
        if reply.reason:
            lines.append(Say(f"{FILE}.said_reason", {"reason": reply.reason}))
    return lines


def _followed(deps: Deps, held: Held, comment_id: int) -> list[Say]:
    """Their answer to the help, the number they shared, and what they and the team said."""
    follow_up = held.follow_ups.get(comment_id)
    lines = []
    if follow_up is not None and follow_up.answer:
        lines.append(Say(f"{FILE}.said_answer_{follow_up.answer}"))
    if follow_up is not None and follow_up.phone:
        lines.append(Say(f"{FILE}.said_phone", {"phone": follow_up.phone}))
    for message in held.talks.get(comment_id, []):
        key = "said_from_team" if message.from_staff else "said_to_team"
        lines.append(
            Say(f"{FILE}.{key}", {"date": deps.local(message.sent_at), "text": message.text})
        )
    return lines


def _question(deps: Deps, held: Held, comment: Comment) -> str:
    key = comment.question_key or ""
    asked = {questions.question_key(q.id): q.text for _, q in held.asked}
    if key in asked:
        return asked[key]
    if comment.project is not None:
        qset = deps.question_set(comment.project.question_set)
        found = [q.text for q in qset.questions if q.key == key]
        if found:
            return found[0]
    return key


def _asked(deps: Deps, held: Held) -> list[Say]:
    if not held.asked:
        return []
    return [Say(f"{FILE}.asked")] + [
        Say(f"{FILE}.asked_line", {"date": deps.local(a.asked_at), "question": q.text})
        for a, q in held.asked
    ]


def _outbox(deps: Deps, held: Held) -> list[Say]:
    lines = [Say(f"{FILE}.outbox")] if held.outbox else []
    for row in held.outbox:
        text = _words(deps, f"outbox_{row.kind}") if row.kind in ABOUT_OTHERS else _told(deps, row)
        status = _words(deps, f"status.{row.status.value}", row.status.value)
        when = deps.local(row.sent_at or row.created_at)
        lines.append(Say(f"{FILE}.outbox_line", {"date": when, "status": status, "text": text}))
    return lines


def _told(deps: Deps, row: Outbox) -> str:
    """A message's words without markup, or the name of the file it is."""
    try:
        said = reply_from_json(row.message)
        text = render_text(deps.prompts, said, row.language)
        if words := "\n\n".join(w for w in (text, *said.html) if w):
            return html.unescape(_TAG.sub("", words))
        file = said.documents[0].filename
        name = deps.prompts.plain(file.key, row.language, **file.params)
    except (KeyError, ValueError, IndexError):  # unreadable (a ValueError), so never sent
        return _words(deps, "outbox_broken")
    return deps.prompts.plain(f"{FILE}.outbox_file", name=name)


def _where(deps: Deps, held: Held) -> list[Say]:
    # Whatever step the row names, readable or not: /mydata shows everything held.
    step = dialogue.step_of(held.dialogue.state) if held.dialogue else None
    if step is None or held.dialogue is None:
        return []
    when = deps.local(held.dialogue.updated_at)
    words = _words(deps, f"step.{step.value}", step.value)
    return [Say(f"{FILE}.where", {"date": when, "step": words})]


def _team(deps: Deps, held: Held) -> list[Say]:
    """What they did as a volunteer, programme team or staff member."""
    lines = [Say(f"{FILE}.sessions")] if held.sessions else []
    for group, count in held.sessions:
        details = {"place": group.place, "headcount": group.headcount, "count": count}
        date = group.held_on.strftime("%-d %b %Y")
        lines.append(Say(f"{FILE}.session_line", {**details, "date": date}))
    if held.questions_written:
        lines.append(Say(f"{FILE}.questions_written"))
    for question in held.questions_written:
        when = deps.local(question.created_at)
        lines.append(Say(f"{FILE}.question_line", {"date": when, "question": question.text}))
    if held.replies_written:
        lines.append(Say(f"{FILE}.replies_written"))
    for reply in held.replies_written:
        outcome = _words(deps, f"outcome.{reply.outcome.value}", reply.outcome.value)
        when = deps.local(reply.updated_at)
        lines.append(
            Say(f"{FILE}.reply_line", {"date": when, "outcome": outcome, "text": reply.text})
        )
    if held.wrote_as_team:
        lines.append(Say(f"{FILE}.wrote_as_team", {"count": len(held.wrote_as_team)}))
    return lines


def _failed(deps: Deps, held: Held) -> list[Say]:
    """Messages that could not be dealt with: the record holds when, never what was said."""
    lines = [Say(f"{FILE}.failed")] if held.failed else []
    return lines + [_dated(deps, "failed_line", row.first_failed_at) for row in held.failed]


def _web(deps: Deps, signed_in: list[WebSignIn]) -> list[Say]:
    """Sign-ins to the staff web page still held (each goes once its hours are over)."""
    lines = [Say(f"{FILE}.web")] if signed_in else []
    for row in sorted(signed_in, key=lambda r: r.signed_in_at):
        dates = {"date": deps.local(row.signed_in_at), "until": deps.local(row.expires_at)}
        lines.append(Say(f"{FILE}.web_line", dates))
        if row.signed_out_at:
            lines.append(_dated(deps, "web_signed_out", row.signed_out_at))
        if row.ticked:
            lines.append(Say(f"{FILE}.web_ticked", {"count": len(row.ticked)}))
    return lines
