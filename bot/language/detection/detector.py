"""The safeguarding screen: which topics a message may be about, most urgent first."""

from __future__ import annotations

from collections.abc import Sequence

from bot.language.detection.cues import Concern, Cue, HelpLine, Topic, matches
from bot.language.detection.reading import Reader


class Detector:
    """Topics (most urgent first) with their cues, read the way `reader` reads messages."""

    def __init__(self, reader: Reader, topics: Sequence[Topic]) -> None:
        self.reader = reader
        self._topics = tuple(topics)
        # Each cue by its first word, with its place in the file (the order of urgency).
        # Each with every word it needs: most cues are ruled out by a subset test, unscanned.
        self._by_first: dict[str, list[tuple[int, Cue, frozenset[str]]]] = {}
        self._cues: list[Cue] = []
        seen: set[tuple[tuple[str, ...], ...]] = set()
        for topic in self._topics:
            for cue in topic.cues:
                if cue.parts in seen:  # written twice: the first (more urgent) one counts
                    continue
                seen.add(cue.parts)
                needs = frozenset(w for part in cue.parts for w in part)
                entry = (len(self._cues), cue, needs)
                self._by_first.setdefault(cue.parts[0][0], []).append(entry)
                self._cues.append(cue)

    def concerns(self, text: str) -> list[Concern]:
        """Each cue found in `text` and not cancelled, most urgent topic first."""
        found: dict[int, Concern] = {}
        for bases in self.reader.sentences(text):
            where: dict[str, list[int]] = {}
            for i, base in enumerate(bases):
                where.setdefault(base, []).append(i)
            for base, starts in where.items():
                for rank, cue, needs in self._by_first.get(base, ()):
                    if rank not in found and needs <= where.keys() and matches(cue, bases, starts):
                        found[rank] = cue.concern
        return [found[rank] for rank in sorted(found)]

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
