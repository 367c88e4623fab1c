"""The safeguarding screen: which topics a message may be about, most urgent first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.language.detection.cues import (
    Concern,
    Cue,
    HelpLine,
    Parts,
    Topic,
    Views,
    Where,
    find,
    matches,
    needs,
    negated,
    positions,
)
from bot.language.detection.marks import Marks
from bot.language.detection.reading import Reader
from bot.language.detection.screen import Screen
from bot.language.detection.spelling import frequency


class _Views(dict[str, frozenset[str]]):
    """A word's view: its groups and itself; one made (and kept) for a word in no group."""

    def __missing__(self, base: str) -> frozenset[str]:
        if len(self) < _MAX_VIEWS:
            self[base] = frozenset((base,))
            return self[base]
        return frozenset((base,))


_MAX_VIEWS = 1 << 16  # a flood of new words cannot grow memory past this


class Detector:
    """Topics (most urgent first) with their cues, read the way `reader` reads messages."""

    def __init__(
        self,
        reader: Reader,
        topics: Sequence[Topic],
        groups: Mapping[str, Iterable[str]] | None = None,
        negations: Iterable[str] = (),
        resolved: Sequence[Parts] = (),
    ) -> None:
        self.reader = reader
        self.screen: Screen | None = None
        self._negations = frozenset(negations)
        # Each base form in a group: itself and the "<group>"s it stands in.
        member: dict[str, set[str]] = {}
        member_of = [(name, frozenset(words)) for name, words in (groups or {}).items()]
        for name, words in member_of:
            for word in words:
                member.setdefault(word, {word}).add(f"<{name}>")
        self._views = _Views({word: frozenset(tokens) for word, tokens in member.items()})
        # Each cue and each resolved phrase is filed under the rarest of its words in English
        # (a group as common as its members together), with every word it needs: it is tried
        # only when that word is said, so "my" or "not" in a message does not bring up a
        # hundred cues to rule out. Where it is filed changes how many are tried, not what is
        # found.
        counts = frequency()
        rarity = {f"<{name}>": sum(counts.get(w, 0) for w in words) for name, words in member_of}

        def rarest(needed: frozenset[str]) -> str:
            return min(needed, key=lambda w: (rarity.get(w, counts.get(w, 0)), w))

        self._resolved: dict[str, list[tuple[Parts, frozenset[str]]]] = {}
        for parts in resolved:
            entry = (parts, needs(parts))
            self._resolved.setdefault(rarest(entry[1]), []).append(entry)
        self._topics = tuple(topics)
        # Each cue with its place in the file (the order of urgency).
        self._by_rarest: dict[str, list[tuple[int, Cue, frozenset[str]]]] = {}
        self._cues: list[Cue] = []
        seen: set[tuple[tuple[str, ...], ...]] = set()
        for topic in self._topics:
            for cue in topic.cues:
                if cue.parts in seen:  # written twice: the first (more urgent) one counts
                    continue
                seen.add(cue.parts)
                needed = needs(cue.parts)
                self._by_rarest.setdefault(rarest(needed), []).append(
                    (len(self._cues), cue, needed)
                )
                self._cues.append(cue)

    def with_screen(self, screen: Screen) -> Detector:
        """This detector, its cues weighed by `screen` as well (see screen.py)."""
        self.screen = screen
        screen.marks = Marks.read(self.reader)
        return self

    def concerns(self, text: str) -> list[Concern]:
        """What `text` may be about, most urgent topic first: each cue found and not cancelled,
        unless the screen is all but sure a message of some length is fine; else the screen's
        own concern, when it is sure enough on its own."""
        sentences = self.reader.sentences(text)
        found = self._cued(sentences)
        if self.screen is None:
            return found
        said = sum(len(words) for words in sentences)
        # The model is asked only when its answer could count: most messages are short.
        if found:
            # A short message with a cue in it ("had a tumble") gives the model too little to
            # wave it off: only a longer one is weighed against it.
            if said < self.screen.veto_words:
                return found
            if self.screen.verdict(sentences).crisis > self.screen.with_cue:
                return found
            cued = self.cued_sentences(sentences) if self.screen.apart < 1 else sentences
            if len(cued) < len(sentences) and self.screen.verdict(cued).crisis > self.screen.apart:
                return found
            return []
        if said < self.screen.fewest_words:
            return []
        verdict = self.screen.verdict(sentences)
        if verdict.crisis > self.screen.alone:
            return [Concern(verdict.topic, " / ".join(verdict.because()))]
        return []

    def cued_sentences(self, said: list[list[str]]) -> list[list[str]]:
        """Those of the sentences already read that hold a cue."""
        return [words for words in said if self._cued([words])]

    def cued(self, said: list[list[str]]) -> list[Concern]:
        """The cues found in sentences already read (`reader.sentences`), the screen left out."""
        return self._cued(said)

    def _cued(self, said: list[list[str]]) -> list[Concern]:
        found: dict[int, Concern] = {}
        sentences = [[self._views[b] for b in bases] for bases in said]
        for views, where in self._after_resolved(sentences):
            present = set(where)  # a set: the subset tests below stay in C
            # Each word said looked up in the index (not the index walked: it is far bigger).
            for token in present:
                for rank, cue, needed in self._by_rarest.get(token, ()):
                    if (
                        rank not in found
                        and needed <= present
                        and matches(cue, views, where[cue.parts[0][0]], self._negations, where)
                    ):
                        found[rank] = cue.concern
        return [found[rank] for rank in sorted(found)]

    def _after_resolved(self, sentences: list[list[frozenset[str]]]) -> list[tuple[Views, Where]]:
        """What is said after the last `resolved:` words ("all healed now", "no harm done"):
        a worry told before them has been put right, one told after them has not. Each
        sentence comes with where each of its words stands."""
        kept: list[tuple[Views, Where]] = []
        for s in range(len(sentences) - 1, -1, -1):
            views = sentences[s]
            where = positions(views)
            said = where.keys()
            ends = [
                found[1]
                for w in said & self._resolved.keys()
                for parts, needed in self._resolved[w]
                if needed <= said
                and (found := find(parts, views, reversed(where[parts[0][0]]))) is not None
                and not negated(views, found[0], self._negations, unable_counts=True)
            ]
            if ends:
                after = views[max(ends) :]
                kept.append((after, positions(after)))
                break
            kept.append((views, where))
        return kept[::-1]

    def help(self, topic: str) -> tuple[HelpLine, ...]:
        """Who to call about `topic`, most urgent first (as listed in the file)."""
        return next((t.help for t in self._topics if t.name == topic), ())

    @property
    def phrases(self) -> tuple[Concern, ...]:
        """Every cue in the file with its topic, in the file's order."""
        return tuple(cue.concern for cue in self._cues)

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(topic.name for topic in self._topics)

    def __len__(self) -> int:
        return len(self._cues)
