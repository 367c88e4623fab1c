"""Reading people's words: folding text, and phrase lists matched the same way every time.

It sits below every capability (and below `bot.core`): it imports only `prompts`.
"""

from bot.language.folding import normalise
from bot.language.phrases import Concern, PhraseList, load_phrases

__all__ = ["Concern", "PhraseList", "load_phrases", "normalise"]
