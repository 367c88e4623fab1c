"""The web page's signed values: one-time sign-in links, session cookies and CSRF tokens.

Links are signed and dated with itsdangerous, so a changed or stale one is refused before the
database is asked; the nonce inside is recorded when used, so each link works once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

LINK_LIFETIME = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)
LINK_SALT = "natter-web-link"


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Where the page is (WEB_URL) and the key its links and cookies are signed with."""

    url: str
    key: bytes

    @property
    def secure(self) -> bool:
        """Cookies only over https when the public address is https."""
        return self.url.startswith("https://")


@dataclass(frozen=True, slots=True)
class LinkClaim:
    nonce: str
    telegram_id: int


def derive_key(secret: str) -> bytes:
    """A key of its own for the web page, made from PSEUDONYM_KEY (never that key itself)."""
    return hmac.new(secret.encode(), b"natter web page", hashlib.sha256).digest()


def _links(config: WebConfig) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(config.key, salt=LINK_SALT)


def make_link_token(config: WebConfig, telegram_id: int) -> str:
    return _links(config).dumps({"n": secrets.token_urlsafe(24), "t": telegram_id})


def read_link_token(config: WebConfig, token: str) -> LinkClaim | None:
    """The claim in a link still within its 15 minutes and unchanged; None otherwise."""
    try:
        found = _links(config).loads(token, max_age=int(LINK_LIFETIME.total_seconds()))
    except BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(found, dict):
        return None
    nonce, telegram_id = found.get("n"), found.get("t")
    if not isinstance(nonce, str) or not isinstance(telegram_id, int):
        return None
    return LinkClaim(nonce, telegram_id)


def _cookies(config: WebConfig) -> URLSafeSerializer:
    return URLSafeSerializer(config.key, salt="natter-web-session")


def make_cookie(config: WebConfig, nonce: str) -> str:
    return _cookies(config).dumps(nonce)


def read_cookie(config: WebConfig, value: str) -> str | None:
    try:
        nonce = _cookies(config).loads(value)
    except BadSignature:
        return None
    return nonce if isinstance(nonce, str) else None


def csrf_token(config: WebConfig, nonce: str) -> str:
    """Bound to the session, so a form from another site cannot know it."""
    return hmac.new(config.key, f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def csrf_ok(config: WebConfig, nonce: str, given: str) -> bool:
    return hmac.compare_digest(csrf_token(config, nonce), given)
