"""Reading people's words: folding text, the safeguarding cues (bot.language.detection), and
the word lists (safeguarding, opt-out, stop words, jargon) read once at start-up.

It sits below every capability (and below `bot.core`): it imports only `prompts`.
"""

from bot.language.detection import Concern, Detector, HelpLine, load_detector
from bot.language.folding import normalise
from bot.language.headcount import headcount
from bot.language.intents import Intent, Intents, load_intents
from bot.language.kinds import CommentKinds
from bot.language.names import redact
from bot.language.optout import OptOutPhrases, load_opt_out
from bot.language.wordlists import WordLists, load_stopwords, load_word_lists

__all__ = [
    "CommentKinds",
    "Concern",
    "Detector",
    "HelpLine",
    "Intent",
    "Intents",
    "OptOutPhrases",
    "WordLists",
    "headcount",
    "load_detector",
    "load_intents",
    "load_opt_out",
    "load_stopwords",
    "load_word_lists",
    "normalise",
    "redact",
]
