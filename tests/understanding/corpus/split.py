"""The one rule that splits both corpora in this folder into a tuning half and a held-out half.

A line belongs to the tuning half when the last hex digit of the SHA-256 of its id (UTF-8) is
even, otherwise to the held-out half. The rule reads only the id, so it never changes when a
label or text is corrected, and it needs no second file that could drift from the data.
"""

from __future__ import annotations

import hashlib

TUNING, HELD_OUT = "tuning", "held_out"


def half(id: str) -> str:
    """'tuning' or 'held_out' for a line's id, e.g. half("c0001")."""
    last = hashlib.sha256(id.encode("utf-8")).hexdigest()[-1]
    return TUNING if int(last, 16) % 2 == 0 else HELD_OUT
