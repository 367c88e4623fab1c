"""Checking an email address someone typed, with email-validator (syntax only: no network)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

MAX_LENGTH = 254  # what the people table keeps, and what SMTP allows in a path


class BadAddress(ValueError):
    """Not an address mail can be sent to (the reason is email-validator's, for the operator)."""


def checked_address(text: str) -> str:
    """The address in its normal form (the domain lower-cased); BadAddress if it is not one."""
    candidate = text.strip()
    if len(candidate) > MAX_LENGTH:
        raise BadAddress("it is longer than an email address can be")
    try:
        found = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as err:
        raise BadAddress(str(err)) from None
    return str(found.normalized)
