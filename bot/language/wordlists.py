"""Every list of words Natter reads people's messages against, read and checked once at start-up.

Each list is a YAML file beside the prompts, so partners can change them without touching
Python; a mistake in one stops start-up with the file and line, rather than failing later on
someone's message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.language.detection import Detector, load_detector
from bot.language.intents import Intents, load_intents
from bot.language.kinds import CommentKinds, load_kinds
from bot.language.optout import OptOutPhrases, load_opt_out
from bot.language.themes import Themes, load_themes
from prompts.catalogue import PROMPTS_DIR
from prompts.lint import Jargon, load_jargon
from prompts.yamlfile import compose, expect_list, expect_word


@dataclass(frozen=True, slots=True)
class WordLists:
    safeguarding: Detector  # prompts/safeguarding.yaml: messages that may mean danger
    early_signs: Detector  # prompts/early_signs.yaml: signs someone may be worth a call
    kinds: CommentKinds  # prompts/comment_kinds.yaml (+ .weights.json): what a comment is
    themes: Themes  # prompts/themes.yaml (+ .weights.json): what a comment is about
    opt_out: OptOutPhrases  # prompts/optout.yaml: messages that mean "stop"
    intents: Intents  # prompts/intents.yaml: short replies that mean a button ("yes ok")
    stopwords: frozenset[str]  # prompts/stopwords.yaml: left out of the digests' frequent words
    jargon: Jargon  # prompts/jargon.yaml: words never put to participants


def load_word_lists(root: Path = PROMPTS_DIR) -> WordLists:
    """Read and check every list in `root`; a problem raises PromptError (file, line, problem)."""
    return WordLists(
        safeguarding=load_detector(root / "safeguarding.yaml"),
        early_signs=load_detector(root / "early_signs.yaml"),
        kinds=load_kinds(root / "comment_kinds.yaml", root / "comment_kinds.weights.json"),
        themes=load_themes(root / "themes.yaml", root / "themes.weights.json"),
        opt_out=load_opt_out(root / "optout.yaml"),
        intents=load_intents(root / "intents.yaml"),
        stopwords=load_stopwords(root / "stopwords.yaml"),
        jargon=load_jargon(root / "jargon.yaml"),
    )


def load_stopwords(path: Path = PROMPTS_DIR / "stopwords.yaml") -> frozenset[str]:
    """The common words to leave out: a plain YAML list, one word a line."""
    items = expect_list(path, compose(path), "the file")
    return frozenset(expect_word(path, item, "each word").casefold() for item in items)
