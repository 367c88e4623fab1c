"""What the domain answers: prompt keys and choices, not Telegram objects.

Handlers render these; nothing here knows about HTTP or python-telegram-bot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Say:
    """One prompt from `prompts/` with the values to fill in (escaped when rendered)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Button:
    label: Say
    data: str
    # True: sits on the same row as the button before it (small choices side by side).
    beside: bool = False


@dataclass(frozen=True, slots=True)
class Reply:
    """A message whose parts are joined with a blank line, with buttons (one per row).

    `html` carries messages already rendered from prompts (digests); `documents` are files.
    """

    parts: tuple[Say, ...]
    buttons: tuple[Button, ...] = ()
    html: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    photo: Photo | None = None
    # A voice note sent again by Telegram's file id, before the words (staff listening to one).
    voice: str | None = None
    # A button kept under the message box (a persistent reply keyboard), e.g. for volunteers.
    menu: tuple[Say, ...] = ()
    # For a button press: a short pop-up, and whether the pressed message keeps its buttons.
    toast: Say | None = None
    keep_buttons: bool = False
    # For a button press: the pressed message is rewritten as this one (a card whose buttons
    # change as they are tapped), not followed by a new message.
    in_place: bool = False
    # Help for someone who may be in danger: sent before any other reply, to anyone.
    urgent: bool = False
    # Telegram's own "share my phone number" button under the message box, with this label.
    share_contact: Say | None = None
    remove_keyboard: bool = False  # take such a button (or a menu) away
    # Sent after this one, as messages of its own (help is never glued to a thank-you).
    then: Reply | None = None
    # The commands beside this chat's message box, set after the reply (None: left as they are).
    commands: CommandMenu | None = None
    # An email's subject line (a row the outbox sends by email; Telegram has none).
    subject: Say | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.parts or self.html or self.documents or self.photo or self.voice)

    @classmethod
    def of(cls, key: str, /, buttons: tuple[Button, ...] = (), **params: Any) -> Reply:
        return cls((Say(key, params),), buttons)


@dataclass(frozen=True, slots=True)
class CommandMenu:
    """The commands Telegram lists beside one chat's message box, by name; none: the chat's own
    list is taken away, so it shows the bot's default (the participant's, bot.guide)."""

    names: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return not self.names


@dataclass(frozen=True, slots=True)
class Photo:
    """An image (a QR code for a flyer) with its caption."""

    png: bytes
    caption: Say


@dataclass(frozen=True, slots=True)
class Document:
    """A text file: its lines come from prompts, or its content is given whole (a CSV)."""

    filename: Say
    lines: tuple[Say, ...] = ()
    content: str | None = None
