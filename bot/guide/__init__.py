"""Help that fits the person: /help by role and by step, and the command menu for each role."""

from bot.guide.helping import STEP_HELP, help_for, step_help
from bot.guide.menus import (
    DEFAULT,
    PARTICIPANT_COMMANDS,
    after_joining,
    commands_of,
    menu_for,
    menu_of,
    team_menus,
    with_menu,
)

__all__ = [
    "DEFAULT",
    "PARTICIPANT_COMMANDS",
    "STEP_HELP",
    "after_joining",
    "commands_of",
    "help_for",
    "menu_for",
    "menu_of",
    "step_help",
    "team_menus",
    "with_menu",
]
