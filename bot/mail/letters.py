"""What a queued message says as an email: its subject, its words as plain text and as HTML,
and its files. A row is rendered when sent, from the same data as a Telegram message."""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser

from bot.core import Document, Photo, Reply, Say
from bot.mail.building import Attachment, InlineImage
from prompts import Prompts

DEFAULT_SUBJECT = "mail.subject.default"


@dataclass(frozen=True, slots=True)
class Letter:
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()
    chart: InlineImage | None = None  # the reply's picture, shown inline with its words


def letter_of(prompts: Prompts, reply: Reply, language: str, web_url: str | None) -> Letter:
    """The email for `reply`: prompt parts filled in (escaped in the HTML), fixed HTML (a
    digest's, whose words were escaped when it was made) as it is and as plain text, then the
    footer, with a link to the web page when there is one."""
    subject = reply.subject or Say(DEFAULT_SUBJECT)
    footer = [Say("mail.footer")]
    if web_url:
        footer.append(Say("mail.open_web", {"link": web_url}))
    texts = [prompts.plain(s.key, language, **s.params) for s in reply.parts]
    texts += [plain_text(part) for part in reply.html]
    texts += [prompts.plain(s.key, language, **s.params) for s in footer]
    htmls = [prompts.text(s.key, language, **s.params) for s in reply.parts]
    htmls += list(reply.html)
    htmls += [_linked(prompts.text(s.key, language, **s.params), web_url) for s in footer]
    return Letter(
        subject=prompts.plain(subject.key, language, **subject.params),
        text="\n\n".join(texts) + "\n",
        html="\n".join(f"<p>{_lines(part)}</p>" for part in htmls),
        attachments=tuple(_attachment(prompts, d, language) for d in reply.documents),
        chart=_chart(prompts, reply.photo, language),
    )


def _chart(prompts: Prompts, photo: Photo | None, language: str) -> InlineImage | None:
    """A picture (a digest's chart, bot.charts) goes inline, its caption as its text alternative."""
    if photo is None:
        return None
    caption = photo.caption
    return InlineImage(photo.png, prompts.plain(caption.key, language, **caption.params))


def _lines(telegram_html: str) -> str:
    """Telegram HTML keeps line breaks as they are; an email's HTML needs them marked."""
    return telegram_html.strip().replace("\n", "<br>\n")


def _linked(text: str, web_url: str | None) -> str:
    """The web address in the footer made a link (it is the operator's setting, not a person's)."""
    if not web_url:
        return text
    escaped = html.escape(web_url, quote=False)
    return text.replace(escaped, f'<a href="{html.escape(web_url)}">{escaped}</a>')


def _attachment(prompts: Prompts, document: Document, language: str) -> Attachment:
    name = prompts.plain(document.filename.key, language, **document.filename.params)
    body = document.content
    if body is None:
        body = "\n".join(prompts.plain(s.key, language, **s.params) for s in document.lines)
    return Attachment(name, body, "csv" if name.lower().endswith(".csv") else "plain")


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href")
        elif tag == "br":
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href:
            self.out.append(f" ({self._href})")
            self._href = None

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def plain_text(telegram_html: str) -> str:
    """Telegram HTML as the words it shows (tags dropped, entities read back)."""
    reader = _Words()
    reader.feed(telegram_html)
    reader.close()
    return "".join(reader.out).strip()
