"""Everything someone sends after joining: messages, edits and button presses, each routed to
the flow that owns it (TURNS by dialogue step for typed messages; one router for buttons)."""

from bot.conversation.buttons import pressed
from bot.conversation.messages import edited, receive
from bot.conversation.turns import TURNS

__all__ = ["TURNS", "edited", "pressed", "receive"]
