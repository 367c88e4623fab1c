"""Which handler answers which update. Private chats only; groups are pointed to one."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import NatterApp
from handlers import buttons, fallbacks, participant, privacy, team

PRIVATE = filters.ChatType.PRIVATE
# New messages only: an edited "/forget" must not ask again.
NEW = filters.UpdateType.MESSAGE & PRIVATE


def register(app: NatterApp) -> None:
    commands = {
        "start": participant.start,
        "help": privacy.help_command,
        "stop": privacy.stop,
        "mydata": privacy.my_data,
        "forget": privacy.forget,
        "digest": team.digest,
        "export": team.export,
        "replies": team.replies,
        "invite": team.invite,
        "ask": team.ask,
        "flagged": team.flagged,
        "report": team.report,
        "note": participant.note,
        "sessions": participant.sessions,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=NEW))
    app.add_handler(MessageHandler(NEW & filters.COMMAND, fallbacks.unknown_command))
    app.add_handler(MessageHandler(NEW & filters.TEXT, participant.text))
    app.add_handler(MessageHandler(NEW & filters.VOICE, participant.voice))
    app.add_handler(
        MessageHandler(
            filters.UpdateType.EDITED_MESSAGE & PRIVATE & filters.TEXT, participant.edited
        )
    )
    app.add_handler(MessageHandler(NEW, fallbacks.unsupported))
    app.add_handler(CallbackQueryHandler(buttons.pressed))
    in_groups = filters.UpdateType.MESSAGE & filters.ChatType.GROUPS
    app.add_handler(CommandHandler(list(commands), fallbacks.group_command, filters=in_groups))
    app.add_error_handler(fallbacks.error)
