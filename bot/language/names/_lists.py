"""The lists the name rules read, each loaded once: first names (gender-guesser's ~40,000, many
countries), surnames (the English-speaking, Irish, South Asian and African locales of Faker's
person lists, some 5,000), how common each word is (pyspellchecker's counts) and the editable
words of prompts/names.yaml. Nothing is downloaded: each list ships inside its package."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache

import gender_guesser.detector as gender_guesser
import yaml

from bot.language.detection.spelling import frequency
from prompts.catalogue import PROMPTS_DIR

NAMES_FILE = PROMPTS_DIR / "names.yaml"
# A word: letters of any alphabet ("Wiśniewska"), not one starting inside a number ("14th").
WORD = re.compile(r"(?<![\w'\u2019])[^\W\d_][\w'\u2019-]*")
APOSTROPHES = "'\u2019"
# Faker's person lists whose surnames are those of people in a UK town: English, Irish, Indian,
# Pakistani, Nigerian, Kenyan, New Zealand and US ones.
SURNAME_LOCALES = ("en", "en_GB", "en_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "en_KE")
WORDISH = 300  # a lower-case first name this common as a word ("rose", "frank") needs context
# A first name used at least this often as an ordinary word (in the shipped word list's
# counts) needs something around it that says it is a name.
COMMON = 40_000
# At the start of a sentence a capital says nothing, so there a first name this common as a
# word needs the same ("Rose petals everywhere", "Dawn was breaking" against "Rose said").
FIRST_COMMON = 10_000


@dataclass(frozen=True, slots=True)
class Context:
    """prompts/names.yaml: the words around a name that say it is one, or is not."""

    honorifics: frozenset[str]
    titles: frozenset[str]
    nicknames: frozenset[str]
    after: frozenset[str]
    before: frozenset[str]
    calls: frozenset[str]
    spoke: frozenset[str]
    states: frozenset[str]
    greetings: frozenset[str]
    introductions: frozenset[str]
    pets: frozenset[str]
    topics: frozenset[str]
    royals: frozenset[str]
    roles: frozenset[str]
    never: frozenset[str]
    places: frozenset[str]
    determiners: frozenset[str]
    works: frozenset[str]
    within: frozenset[str]
    going: frozenset[str]
    months: frozenset[str]
    when: frozenset[str]
    things: frozenset[tuple[str, ...]]  # phrases, word by word


@cache
def context() -> Context:
    data = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))
    words = {
        key: frozenset(norm(str(w)) for w in data[key])
        for key in Context.__slots__
        if key != "things"
    }
    things = frozenset(
        tuple(norm(w) for w in WORD.findall(str(phrase))) for phrase in data["things"]
    )
    return Context(**words, things=things)


def norm(word: str) -> str:
    """Lower case without apostrophes, as the lists hold words ("Isn't" -> "isnt")."""
    return word.casefold().replace("'", "").replace("\u2019", "")


def bare(word: str) -> str:
    """The word without a possessive ("Pat's" -> "Pat")."""
    for mark in APOSTROPHES:
        word = word.removesuffix(f"{mark}s")
    return word.rstrip(APOSTROPHES)


@cache
def _first_names() -> frozenset[str]:
    """Every name gender-guesser knows (it answers "unknown" for no other). Faker's first names
    were tried beside it (2026-12-06): they caught no more names on either labelled set and
    took "Ireland" for one, so they are not read."""
    return frozenset(gender_guesser.Detector(case_sensitive=False).names)


def is_first_name(word: str) -> bool:
    return word.casefold() in _first_names()


@cache
def surnames() -> frozenset[str]:
    found: set[str] = set()
    for locale in SURNAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        found |= {norm(name) for name in provider.last_names}
    return frozenset(found)


def usage(word: str) -> int:
    """How often `word` is used as an ordinary word (0 when never)."""
    return frequency().get(word.casefold(), 0)
