"""Marks: words that tell a message is about the past, someone else's story, a joke, or a
thing put right, pooled into one feature of the screen's model each (screen.py).

Most false alarms on new writers' messages are a cue's words told of a fall last year, a
film, a friend's mum or a joke. The model learns each word it has seen; pooled, a new
writer's "last spring" weighs as "last winter" did. A mark only ever moves
the model's chance; it never cancels a cue itself (`unless:` in prompts/safeguarding.yaml
does that, where partners can read and edit it). Changing a list here needs the model
retrained (`python -m benchmarks.safeguarding_model --write`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.language.detection.reading import Reader, words_of

MARKS: dict[str, tuple[str, ...]] = {
    "past": (
        "last year", "last winter", "last summer", "last spring", "last autumn", "last month",
        "last christmas", "years ago", "year ago", "months ago", "ages ago", "used to",
        "back in", "back then", "when i was", "at the time", "in the summer", "in the autumn",
        "in the spring", "in the winter", "before i found", "before i joined", "winters ago",
        "years back", "once upon", "in my day", "as a girl", "as a boy", "as a lad",
        "when i first", "long ago", "long while ago", "in the past", "donkey's years", "way back",
        "when we were", "as a child", "as a kid", "lockdown", "this time last year", "a while back",
    ),
    "fine": (
        "now", "these days", "fine", "mended", "healed", "sorted", "better", "since then",
        "no bother", "managing well", "toasty", "right as", "all good", "thankfully",
        "back on my feet", "grateful", "lucky", "not since",
        "not had one since", "ironed out", "fixed", "good as new", "not a scratch", "no harm",
        "improved", "cosy", "marvellous", "reassuring", "back to normal", "in the saddle",
        "good riddance", "a different person", "nobody hurt", "no one hurt", "i'm grand",
    ),
    "distance": (
        "talk", "film", "drama", "novel", "book", "radio", "programme", "documentary", "play",
        "telly", "tv", "news", "leaflet", "class", "session", "story", "soap", "episode",
        "series", "article", "newsletter", "poster", "course", "quiz", "heard about",
        "read about", "about a", "about an", "a woman who", "a man who", "in the paper",
        "detective", "heard on", "on the radio", "a lady who", "a chap who", "audiobook",
        "podcast", "sitcom", "magazine", "website", "advert", "awareness",
    ),
    "joke": (
        "ha", "haha", "ha ha", "lol", "joke", "joking", "kidding", "cheeky", "laugh",
        "laughing", "only teasing", "sod", "beggar", "monkey", "daft", "bless", "cartoon",
        "jammy", "giggle", "chuckle", "pulling my leg", "tongue in cheek", "having a laugh",
        "lazy", "moaning", "memorable", "lmao", "grin", "tease",
    ),
    "safe": (
        "hung up", "put the phone down", "blocked", "refunded", "reported", "trading standards",
        "said no", "shut the door", "sent him packing", "my own choice", "i asked her to",
        "i asked him to", "i like it", "content", "happy", "thrilled", "wonderful", "lovely",
        "ignored", "deleted", "recycling", "in the bin", "binned", "101", "the real police",
        "well done", "patient", "showed me how", "keeps an eye", "head screwed on", "quite like",
        "any other way", "sponsored", "on my lap", "sunny", "warm day", "cheerful",
        "enjoy my own company", "like my own company",
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Marks:
    # first base-form word -> (the mark, the phrase's base-form words)
    by_first: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]

    @classmethod
    def read(cls, reader: Reader) -> Marks:
        """The lists above read as messages are (so "used to" meets "use to")."""
        by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for mark, phrases in MARKS.items():
            for phrase in phrases:
                words = tuple(reader.sentence(words_of(phrase)))
                if words:
                    by_first.setdefault(words[0], []).append((mark, words))
        return cls({k: tuple(v) for k, v in by_first.items()})

    def found(self, sentences: Sequence[Sequence[str]]) -> set[str]:
        """The marks any sentence holds."""
        held: set[str] = set()
        for words in sentences:
            for i, word in enumerate(words):
                for mark, phrase in self.by_first.get(word, ()):
                    if mark not in held and tuple(words[i : i + len(phrase)]) == phrase:
                        held.add(mark)
        return held
