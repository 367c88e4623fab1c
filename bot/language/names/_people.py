"""People's names, word by word, in four steps a reader can follow:

1. Words that cannot be a person's name here are set aside: the project's own names, phrases
   of prompts/names.yaml's `things` (shops, charities, famous people: "Age UK", "Marks and
   Spencer"), a capitalised run after "the" or "a" ("the Rose and Crown"), a song after "sang",
   a place after "in" or "going to", a month after "in" or beside a date ("in June"), a pet
   ("Percy the dog"), a royal ("Queen Victoria") or the subject of a talk ("a talk on King
   Arthur"); a contraction typed without its apostrophe ("im", "theres") is never a name.
2. Each first name (gender-guesser's list) or rare capitalised word is a name when something
   says so. Many older people's names are also ordinary words (May, Rose, Grace, Will, Frank),
   so the commoner the word, the more it needs: a word of speaking, doing or greeting beside it
   ("May said", "told Will", "hi rose"), a surname after it, or a role ("Mark the caretaker");
   a capital that only starts a sentence says little ("Rose petals everywhere"). Some signs
   are of how people write: "our Mags", "hello its edna", "will said" (a modal is never
   followed by "said"), "May may not" (a word said twice), "Dawn is poorly", "Erics wife".
3. A title takes the name after it in ("Mrs Patel", "Mr and Mrs Thompson", "Nurse Ann", "Big
   Dave"); a list of names shares what one of them shows ("Lil and Flo", "pat n jean r coming",
   "grace and joy are sisters", "jean, doris and pat all said", "peggy and vi and me").
4. A capitalised surname after a name joins it ("Hyacinth Grant", "Mei Ling Chen").
"""

from __future__ import annotations

import re

from bot.language.names._lists import (
    COMMON,
    FIRST_COMMON,
    WORDISH,
    context,
    surnames,
)
from bot.language.names._signs import compound, introduced, kin_of, state_of
from bot.language.names._titles import initialled, titled
from bot.language.names._words import WEAK, Word, at, close, set_aside, sets, words_of

_JOINS = ("and", "n", "an", "or")  # "jean and doris", "pat n jean"
_WITH = ("with", "from", "for", "gave", "give")  # "with grace", "fall from grace", "gave hope"
_ME = ("i", "me")  # "may and i went", "me and bill"
_WEAK = WEAK[:7]  # not "and": "Hope and her sister"
_BOTH = ("all", "both")  # "jean, doris and pat all said"
_MINE = ("my", "his", "her", "your", "their")  # not "its": "hello its edna"
_OWNERS = ("the", "a", "an", "my", "his", "her", "their", "our", "your", "this", "that")
_END = re.compile(r"\s*(?:[,.!?;:]|$)")
_PEOPLE = ("i", "me", "her", "his", "him", "my", "our", "their", "she", "he", "they")
SURNAMES_AT_MOST = 2


def people_in(text: str, kept: set[str]) -> list[tuple[int, int]]:
    """(start, end) of each person's name in `text`; words of `kept` never count."""
    words = words_of(text)
    aside = set_aside(text, words, kept)
    named = [
        _candidate(words, i, aside, FIRST_COMMON) and _sure(text, words, i)
        for i in range(len(words))
    ]
    _lists(text, words, aside, named)
    spans: list[tuple[int, int]] = []
    titles = sets().any_title
    i = 0
    while i < len(words):
        last = None
        if words[i].low in titles:
            last = titled(text, words, i, aside)
        elif len(words[i].text) == 1:
            last = initialled(text, words, i, aside)
        if last is None and not named[i]:
            i += 1
            continue
        last = _surnamed(text, words, i if last is None else last, aside, last is not None)
        spans.append((words[i].start, words[last].end))
        i = last + 1
    return spans


def _candidate(words: list[Word], i: int, aside: set[int], rare: int = WORDISH) -> bool:
    """Word i may be a name: a first name, or a capitalised word rarer than `rare`; never a
    small word, a contraction ("I'm") or a lower-case title ("her nan")."""
    w = words[i]
    if w.small or i in aside:
        return False
    return (w.listed and (w.cap or not w.text.isupper())) or (w.cap and w.usage < rare)


def _sure(text: str, words: list[Word], i: int) -> bool:
    """Word i, a first name or a rare capitalised word, is a name by what is around it."""
    w, nxt = words[i], at(words, i + 1)
    if not w.cap and i > 0 and words[i - 1].owned and not words[i - 1].cap:
        return False  # "the sun's ray"
    if not w.cap and at(words, i - 1) in _MINE:
        return False  # "my walker", "her carol singing"; not "our kev"
    if not w.cap and compound(words, i):
        return False  # "the shepherds pie", "the phone line", "a jam roly poly"
    # "and" says so only before a person: "Hope and her sister", not "hope and faith".
    after = nxt in context().after and (
        nxt not in _JOINS
        or at(words, i + 2) in _PEOPLE
        or (i + 2 < len(words) and words[i + 2].cap)
    )
    me = (_joined(text, words, i) and at(words, i + 2) in _ME) or (
        _joined(text, words, i - 2) and at(words, i - 2) in _ME
    )  # "may and i went", "me and Kwame"
    beside = after or at(words, i - 1) in context().before or w.owned or _role(words, i) or me
    # "heard from gwen": in lower case a name, not a place ("from Ireland" is one).
    beside = beside or introduced(words, i) or (not w.cap and at(words, i - 1) == "from")
    state = state_of(text, words, i)  # "Dawn is poorly", "norm is still not well", "May is 90"
    after_surname = close(text, words, i) and _surname(words[i + 1])
    # "our Mags took", "our Den, fixed": a capital after "our" with a word of doing or alone.
    ours = at(words, i - 1) == "our" and (nxt in sets().doing or _END.match(text, w.end))
    if not w.listed and kin_of(words, i):  # "Erics wife": a possessive typed without "'"
        return True
    if not w.listed and w.usage >= WORDISH:  # "Mags says", not "Bingo is" nor "Parking and"
        return nxt in sets().doing or bool(ours) or state
    if not w.listed:  # "Kwame said", "Hyacinth Grant"
        return beside or (after_surname and words[i + 1].low in surnames())
    if not w.owned and at(words, i + 1) in context().places:  # "Weston Park"
        return False
    # A capital or a start said twice: "May may not", "rose rose up"; not "we may may" (a slip).
    first = i == 0 or bool(re.search(r"[.!?:;]\s*$", text[: w.start]))
    if close(text, words, i) and at(words, i + 1) == w.low and (w.cap or first):
        return True
    if w.cap and w.low in context().months:  # "April the volunteer", not "April showers"
        return (beside and nxt not in _WEAK) or after_surname or state
    # A capital that starts a sentence says nothing: there "Rose petals" is "rose petals".
    if w.cap and not (first and w.usage >= FIRST_COMMON):
        return w.usage < COMMON or beside or after_surname
    if w.cap:  # "is" or "was" alone is not enough there: "Tea was cold", "Dawn was breaking"
        return (beside and nxt not in _WEAK) or _role(words, i) or after_surname or state
    if w.usage < WORDISH:
        return True
    if w.usage < COMMON:  # "with pat", not "with grace": after "with" a word this common stays
        return beside and not (at(words, i - 1) in _WITH and w.usage >= FIRST_COMMON)
    # "so i rang carol"; "will said he will" (a modal is never followed by "said").
    owner = i > 0 and words[i - 1].owned
    spoke = nxt in context().spoke and at(words, i - 1) not in _OWNERS and not owner
    return at(words, i - 1) in context().calls or me or spoke or state


def _joined(text: str, words: list[Word], i: int) -> bool:
    """Words i and i + 2 are joined by "and" (or "n", "or") and spaces alone."""
    return (
        i >= 0
        and at(words, i + 1) in _JOINS
        and close(text, words, i)
        and close(text, words, i + 1)
    )


def _role(words: list[Word], i: int) -> bool:
    """ "Mark the caretaker", "Ifeoma the student nurse", "Precious is the new lady"."""
    j = i + 2 if at(words, i + 1) in ("is", "was", "s") else i + 1
    return at(words, j) in ("the", "our") and bool(
        {at(words, j + 1), at(words, j + 2)} & context().roles
    )


def _surname(w: Word, titled: bool = False) -> bool:
    """A capitalised word that may be a surname; after a title it may be a place's word too
    ("Mrs Dorothy Hall")."""
    unlike = sets().not_after_title if titled else sets().not_surname
    return (
        w.cap
        and w.low not in unlike
        and w.said not in unlike
        and (w.usage < COMMON or w.low in surnames())
    )


def _surnamed(text: str, words: list[Word], last: int, aside: set[int], titled: bool) -> int:
    """The last word of a name ending at `last`, taking in up to two surnames after it."""
    for _ in range(SURNAMES_AT_MOST):
        if words[last].owned or not close(text, words, last):
            break
        following = words[last + 1]
        if last + 1 in aside or not _surname(following, titled):
            break
        last += 1
    return last


def _lists(text: str, words: list[Word], aside: set[int], named: list[bool]) -> None:
    """A list of names ("Lil and Flo", "jean, doris and pat") shares what one shows; a list of
    first names alone counts when a word of speaking follows ("grace and joy are sisters",
    "jean, doris and pat all said"), or "me" joins it ("peggy and vi and me"); there a word rare
    in any case ("vi") may be a name too."""
    listed = [_candidate(words, k, aside, COMMON) for k in range(len(words))]
    may = [m or _rare(words[k], k in aside) for k, m in enumerate(listed)]
    several = sum(may) >= 2
    i = 0
    while i < len(words) and several:
        chain = [i]
        while may[chain[-1]] and chain[-1] + 1 < len(words):
            k = chain[-1]
            gap = text[words[k].end : words[k + 1].start]
            if re.fullmatch(r"\s*[,&+/]\s*", gap) and listed[k] and listed[k + 1]:
                chain.append(k + 1)
            elif _joined(text, words, k) and k + 2 < len(words):
                chain.append(k + 2)
            else:
                break
        members = [k for k in chain if may[k]]
        if len(members) >= 2:
            first, end = members[0], members[-1]
            then = end + 2 if at(words, end + 1) in _BOTH else end + 1
            spoken = (
                at(words, then) in context().after
                or at(words, first - 1) in sets().before_or_calls
                or _role(words, end)  # "bill and ben the twins"
                or (at(words, end + 1) in _JOINS and at(words, end + 2) in _ME)
                or (at(words, first - 1) in _JOINS and at(words, first - 2) in _ME)
            )
            sure = any(named[k] for k in members)
            alone = all(words[k].listed or not listed[k] for k in members)
            if sure or (spoken and alone and any(words[k].listed for k in members)):
                for k in members:
                    named[k] = True
        i = chain[-1] + 1


def _rare(w: Word, aside: bool) -> bool:
    """A lower-case word no list has and rare in any case ("vi"), to join a list of names."""
    return not (aside or w.small or w.cap or w.listed) and w.usage < WORDISH and w.text.isalpha()
