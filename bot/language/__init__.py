"""Reading people's words: folding text, phrase lists matched the same way every time, and
the word lists (safeguarding, opt-out, stop words, jargon) read once at start-up.

It sits below every capability (and below `bot.core`): it imports only `prompts`.
"""

from bot.language.folding import normalise
from bot.language.optout import OptOutPhrases, load_opt_out
from bot.language.phrases import Concern, PhraseList, load_phrases
from bot.language.wordlists import WordLists, load_stopwords, load_word_lists

__all__ = [
    "Concern",
    "OptOutPhrases",
    "PhraseList",
    "WordLists",
    "load_opt_out",
    "load_phrases",
    "load_stopwords",
    "load_word_lists",
    "normalise",
]
