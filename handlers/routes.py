"""Which handler answers which update. Private chats only; groups are pointed to one."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import care, did, guide, privacy, questions, relay, replies, reports, team, voice
from handlers import buttons, fallbacks, participant, web_link
from handlers.common import Handler, for_user
from handlers.context import NatterApp

PRIVATE = filters.ChatType.PRIVATE
# New messages only: an edited "/forget" must not ask again.
NEW = filters.UpdateType.MESSAGE & PRIVATE


def commands() -> dict[str, Handler]:
    """Every command: what a participant, a volunteer or the team can send."""
    return {
        "start": participant.start,
        "help": for_user(guide.help_for),
        "stop": for_user(privacy.stop),
        "mydata": for_user(privacy.my_data),
        "forget": for_user(privacy.forget_ask),
        "note": for_user(relay.start),
        "sessions": for_user(relay.recent),
        "digest": for_user(team.preview),
        "export": for_user(team.export_ask),
        "replies": for_user(replies.show),
        "did": for_user(did.start),
        "invite": for_user(team.invite_ask),
        "team": for_user(team.team_list),
        "ask": for_user(questions.ask_start),
        "flagged": for_user(care.flagged),
        "report": for_user(reports.report_ask),
        "listen": for_user(voice.to_listen),
        "settings": for_user(team.settings_show),
        "web": web_link.web,
    }


def register(app: NatterApp) -> None:
    named = commands()
    for name, callback in named.items():
        app.add_handler(CommandHandler(name, callback, filters=NEW))
    app.add_handler(MessageHandler(NEW & filters.COMMAND, fallbacks.unknown_command))
    app.add_handler(MessageHandler(NEW & (filters.TEXT | filters.VOICE), participant.message))
    app.add_handler(MessageHandler(NEW & filters.CONTACT, participant.shared_contact))
    edited = filters.UpdateType.EDITED_MESSAGE & PRIVATE & filters.TEXT
    app.add_handler(MessageHandler(edited, participant.edited))
    app.add_handler(MessageHandler(NEW, fallbacks.unsupported))
    app.add_handler(CallbackQueryHandler(buttons.pressed))
    in_groups = filters.UpdateType.MESSAGE & filters.ChatType.GROUPS
    app.add_handler(CommandHandler(list(named), fallbacks.group_command, filters=in_groups))
    app.add_error_handler(fallbacks.error)
