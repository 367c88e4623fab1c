"""Keyboard rules the spec states only in prose (checked after the type check passed)."""

from __future__ import annotations

from typing import Any

from .state import ApiError

MAX_BUTTONS = 100
BUTTON_STYLES = frozenset({"danger", "success", "primary"})
# InlineKeyboardButton: "Exactly one of the fields other than text, icon_custom_emoji_id, and
# style must be used to specify the type of the button."
INLINE_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip
URL_SCHEMES = ("http://", "https://", "tg://")


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _check_button_common(button: dict[str, Any]) -> None:
    if not str(button.get("text", "")).strip():
        raise _bad("can't parse keyboard button: button text must be non-empty")
    if "style" in button and button["style"] not in BUTTON_STYLES:
        raise _bad(f"can't parse keyboard button: unsupported button style {button['style']!r}")


def _check_inline_button(button: dict[str, Any]) -> None:
    _check_button_common(button)
    actions = [name for name in INLINE_ACTIONS if name in button]
    if not actions:
        raise _bad(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise _bad(
            "can't parse inline keyboard button: exactly one of "
            f"{', '.join(actions)} may be used in one button"
        )
    data = button.get("callback_data")
    if isinstance(data, str) and not 1 <= len(data.encode("utf-8")) <= 64:
        raise _bad("BUTTON_DATA_INVALID")
    url = button.get("url")
    if isinstance(url, str) and not url.lower().startswith(URL_SCHEMES):
        raise _bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def check_reply_markup(markup: Any) -> None:
    """Raise ApiError for keyboards Telegram refuses; other markup kinds pass through."""
    if not isinstance(markup, dict):
        return
    if "inline_keyboard" in markup:
        rows, check = markup["inline_keyboard"], _check_inline_button
    elif "keyboard" in markup:
        rows, check = markup["keyboard"], _check_button_common
    else:
        return
    if not isinstance(rows, list):
        return
    buttons = [button for row in rows if isinstance(row, list) for button in row]
    if len(buttons) > MAX_BUTTONS:
        raise _bad("BUTTONS_TOO_MUCH")
    for button in buttons:
        if isinstance(button, dict):
            check(button)
