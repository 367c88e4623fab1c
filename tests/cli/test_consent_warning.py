"""`natter project add/set` warn, in one plain line and still succeeding, when the project's own
texts would push its consent screen past 60 words (issue 16 point 3)."""

from __future__ import annotations

from tests.support.cli import natter
from tests.support.harness import Harness

LONG_ABOUT = (
    "We meet in the big room at the back of the church hall on Firth Park Road, "
    "every Tuesday and Thursday morning from ten until twelve, with tea and cake."
)


def _warnings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("Warning:")]


async def test_project_add_and_set_warn_when_the_consent_grows_too_long(
    database_url: str, harness: Harness
) -> None:
    partner = await natter(
        database_url, "partner", "add", "--slug", "age-uk", "--name", "Age UK Sheffield"
    )
    assert partner.code == 0, partner.err
    # The README's example fits: no warning.
    fits = await natter(
        database_url, "project", "add", "--partner", "age-uk", "--slug", "firth-park",
        "--name", "Firth Park Coffee Morning", "--about", "A cuppa and a chat every Tuesday.",
        "--open-to-change", "What we do each week, and the snacks.",
        "--fixed", "The day and the hall.",
    )  # fmt: skip
    assert fits.code == 0, fits.err
    assert _warnings(fits.out) == [] and "Added project firth-park" in fits.out

    long = await natter(
        database_url, "project", "add", "--partner", "age-uk", "--slug", "hall",
        "--name", "Hall Lunch", "--about", LONG_ABOUT,
    )  # fmt: skip
    assert long.code == 0, long.err
    assert "Added project hall" in long.out and "Join word:" in long.out
    (warning,) = _warnings(long.out)
    assert "consent screen for hall" in warning and "at most 60" in warning
    assert "words for participants" in warning

    # Set: shortening clears it; lengthening another project's text brings it.
    short = await natter(database_url, "project", "set", "--slug", "hall", "--about", "Lunch.")
    assert short.code == 0, short.err
    assert "Updated project hall" in short.out and _warnings(short.out) == []
    grown = await natter(
        database_url, "project", "set", "--slug", "firth-park", "--fixed", LONG_ABOUT
    )
    assert grown.code == 0, grown.err
    (warning,) = _warnings(grown.out)
    assert "consent screen for firth-park" in warning and "participants" in warning
    # Volunteers are not shown what is fixed, so theirs still fits.
    assert "volunteers" not in warning
