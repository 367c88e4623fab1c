"""Names, addresses, phone numbers and emails kept out (bot/language/names/), with floors on
the labelled sentences (benchmarks/names.py prints the figures). The held-out half was scored
once, on 2026-12-03 (88.2% of names caught, 2.26% of other words removed); on 2026-12-04 both
halves were used to retune, so these are tuning figures now (about 99% and 0.1%), held at what
was reached less a small margin, so a change that loses ground fails. Each rule below has its
own cases, each of which fails without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.names import CORPUS, Score, load, load_half, main, score
from bot.language.names import redact

# half: (names caught at least, other words removed at most)
FLOORS = {"tuning": (0.98, 0.005), "held_out": (0.98, 0.005), "all": (0.98, 0.005)}


@pytest.mark.parametrize("half", list(FLOORS))
def test_names_are_kept_out_within_the_floors(half: str) -> None:
    sentences = load_half(half)
    assert len(sentences) > 150
    result = score(sentences)
    lowest, most = FLOORS[half]
    assert result.rate("name") >= lowest, result.rate("name")
    assert result.over_removal() <= most, result.over_removal()
    for kind in ("address", "phone", "email"):
        assert result.rate(kind) >= 0.9, (kind, result.rate(kind))


# names2.jsonl (NAMES2.md) was the blind set, scored once on 2026-12-04 as totals (BENCHMARKS.md
# section 19b: 93.9% of names caught, 0.46% of other words removed). It was spent on 2026-12-06
# (section 23): its misses were read and tuned on, reaching 99.4% and 0.03%. So this is a tuning
# floor now, held a little below what was reached, so a change that loses ground fails; the
# held-out measure is names3.jsonl, which the lead adds and scores.
TUNING_FLOOR = (0.98, 0.003)


def holds(name: str, at_least: int, floor: tuple[float, float]) -> Score:
    """The whole file scored, its names and other words within `floor`."""
    sentences = load(CORPUS / name)
    assert len(sentences) > at_least
    result = score(sentences)
    lowest, most = floor
    assert result.rate("name") >= lowest, result.rate("name")
    assert result.over_removal() <= most, result.over_removal()
    return result


def test_the_names2_set_holds_its_tuning_floor() -> None:
    result = holds("names2.jsonl", 450, TUNING_FLOOR)
    for kind in ("address", "phone", "email"):
        assert result.rate(kind) >= 0.95, (kind, result.rate(kind))


def test_a_blind_set_can_be_scored_without_a_word_of_it_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"id": "b1", "text": "Zebedee said the urn leaks", "spans": [
            {"start": 0, "end": 7, "kind": "name"}]},
        {"id": "b2", "text": "the urn leaks again, Quentinella", "spans": [
            {"start": 21, "end": 32, "kind": "name"}]},  # missed: nothing says it is a name
    ]  # fmt: skip
    blind = tmp_path / "blind.jsonl"
    blind.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["--corpus", str(blind), "--totals-only", "--show-misses"]) == 0
    shown = capsys.readouterr().out
    assert "names blind.jsonl: names caught 50.0%" in shown
    for word in ("Zebedee", "urn", "leaks", "Quentinella", "REMOVED", "MISSED"):
        assert word not in shown
    assert main(["--corpus", str(blind), "--show-misses"]) == 0  # without it, misses show
    assert "Quentinella" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("Jean Smith at 14 Elm Road says the bus is late",
         "[name] at [address] says the bus is late"),
        ("ring me on 07700 900123 or jean@example.com", "ring me on [phone] or [email]"),
        ("Mrs O'Brien said it was too cold", "[name] said it was too cold"),
        ("May said the bus was late", "[name] said the bus was late"),
        ("we may go in may if the weather holds", "we may go in may if the weather holds"),
        ("grace before meals and a frank talk", "grace before meals and a frank talk"),
        ("my postcode is S5 7AB", "my postcode is [address]"),
        ("lovely morning at Firth Park", "lovely morning at Firth Park"),
    ],
)  # fmt: skip
def test_what_is_replaced_and_what_stays(said: str, shown: str) -> None:
    assert redact(said) == shown


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        # Letters of any alphabet.
        ("Mrs Wiśniewska enjoys the music", "[name] enjoys the music"),
        # A title takes in two people, and a capitalised kin word or nickname is a title...
        ("Mr and Mrs Thompson were back", "[name] were back"),
        ("Nana Bet sends her love", "[name] sends her love"),
        ("Big Dave gave us rhubarb", "[name] gave us rhubarb"),
        ("Reverend Clarke opened the room", "[name] opened the room"),
        # ...but a lower-case one is an ordinary word, and a title's possessive no title.
        ("visiting her nan Peggy", "visiting her nan [name]"),
        ("the doctor's surgery rang", "the doctor's surgery rang"),
        # A place's word is a surname after a title.
        ("Mrs Dorothy Hall asked about it", "[name] asked about it"),
        # A surname from the list after a first name that is also a word.
        ("Hyacinth Grant came and sang", "[name] came and sang"),
        # "Mark the caretaker": a role after "the".
        ("Mark the caretaker opened up", "[name] the caretaker opened up"),
        ("Ifeoma the student nurse chatted", "[name] the student nurse chatted"),
        # A word of doing after a name that is also a word, apostrophes or none.
        ("Hope isn't well", "[name] isn't well"),
        ("Faith did the reading", "[name] did the reading"),
        # "and" says so only before a person.
        ("Hope and her sister came", "[name] and her sister came"),
        ("Hope and faith keep me going", "Hope and faith keep me going"),
        # A list of names shares what one shows; first names alone, with a word of speaking.
        ("Mags and Bev run the tuck shop", "[name] and [name] run the tuck shop"),
        ("jean, doris and pat came early", "[name], [name] and [name] came early"),
        ("pat n jean r coming 2", "[name] n [name] r coming 2"),
        ("grace and joy are sisters", "[name] and [name] are sisters"),
        ("bill and ben the twins came", "[name] and [name] the twins came"),
        # A lower-case name that is a very common word, after a word of calling or with "i".
        ("so i rang carol and she said", "so i rang [name] and she said"),
        ("may and i went together", "[name] and i went together"),
        # A name no list has, beside "me and", a verb of doing, or "see".
        ("me and Kwame went to the market", "me and [name] went to the market"),
        ("Kwame fixed the heating", "[name] fixed the heating"),
        ("lovely to see Kwame again", "lovely to see [name] again"),
        # A greeting or a relation before a lower-case name.
        ("hi rose, see you thursday", "hi [name], see you thursday"),
        ("my sister rose came", "my sister [name] came"),
        ("the rose by my sister's door", "the rose by my sister's door"),
        # Someone's place is theirs: "Pauline's house".
        ("the quiz is moving to Pauline's house", "the quiz is moving to [name]'s house"),
        # After "with", a lower-case name, but not a common word.
        ("she went with pat to the shops", "she went with [name] to the shops"),
        ("she did it with grace", "she did it with grace"),
        # After "said", "grace" is grace.
        ("the vicar said grace before lunch", "the vicar said grace before lunch"),
        # A capital that starts a sentence says little: a name that is a common word there
        # needs what it needs in lower case; mid-sentence the capital is enough.
        ("Rose petals everywhere after the wedding", "Rose petals everywhere after the wedding"),
        ("we gave Rose petals", "we gave [name] petals"),
        ("Rose said it was lovely", "[name] said it was lovely"),
        # "miss" is a title only with its capital; a nickname only before a first name.
        ("we miss Pearl since she moved", "we miss [name] since she moved"),
        ("Miss Pearl taught us", "[name] taught us"),
        ("Old Bert tells the best stories", "[name] tells the best stories"),
        ("the match at Old Trafford", "the match at Old Trafford"),
        ("Gran came with little Alfie", "Gran came with little [name]"),
        ("it's our ruby anniversary", "it's our ruby anniversary"),
        # There "is" or "was" is not enough either, but a role is.
        ("Dawn was breaking when we left", "Dawn was breaking when we left"),
        ("Dawn said we should leave", "[name] said we should leave"),
        ("Precious is the new lady", "[name] is the new lady"),
        # A title, a place's word or a letter alone is no name.
        ("Nan said she would come", "Nan said she would come"),
        ("Memory Lane group on Friday", "Memory Lane group on Friday"),
        ("B&M had the garden chairs", "B&M had the garden chairs"),
        # An initial before a surname from the list.
        ("J. Smith from the council rang", "[name] from the council rang"),
        ("a letter from J Patel", "a letter from [name]"),
        ("Plan B Green", "Plan B Green"),
    ],
)  # fmt: skip
def test_each_rule_for_people(said: str, shown: str) -> None:
    assert redact(said) == shown


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        # Phrases of names.yaml's `things`: shops, charities, famous people, cakes, breeds.
        ("Ben from Age UK came", "[name] from Age UK came"),
        ("Asda has started a cafe", "Asda has started a cafe"),
        ("Marks and Spencer's cakes", "Marks and Spencer's cakes"),
        ("a talk about Florence Nightingale", "a talk about Florence Nightingale"),
        ("my Jack Russell pulls me round", "my Jack Russell pulls me round"),
        # A capitalised run after "the" or "a" names a thing.
        ("the Rose and Crown does a lunch", "the Rose and Crown does a lunch"),
        # A name before a place's word is a place ("Holly Lodge"); a song is no one.
        ("Holly Lodge was lovely", "Holly Lodge was lovely"),
        ("Amazing Grace was sung at the end", "Amazing Grace was sung at the end"),
        ("the choir is called the Sunshine Singers", "the choir is called the Sunshine Singers"),
        ("a robin came and sat", "a robin came and sat"),
        # A song after "sang".
        ("we sang Daisy Daisy and Jerusalem", "we sang Daisy Daisy and Jerusalem"),
        # A place after "in", "from" or "going to"; someone's is still theirs.
        ("best dinner in Sheffield", "best dinner in Sheffield"),
        ("Irene from Rotherham has joined", "[name] from Rotherham has joined"),
        ("the trip to York is on", "the trip to York is on"),
        ("a talk from Mr Singh", "a talk from [name]"),
        # A month after a word of when, or beside a date.
        ("going back in June", "going back in June"),
        ("on 14th June we go", "on 14th June we go"),
        ("June said she would come", "[name] said she would come"),
        # Feasts, small words, contractions and acronyms are never names.
        ("Easter Sunday there's a lunch", "Easter Sunday there's a lunch"),
        ("Sid told his war stories", "[name] told his war stories"),
        ("I'm in Parson Cross now", "I'm in Parson Cross now"),
        ("St Mary's Church Hall", "St Mary's Church Hall"),
        ("the sun's ray was warm", "the sun's ray was warm"),
    ],
)  # fmt: skip
def test_what_is_set_aside(said: str, shown: str) -> None:
    assert redact(said) == shown


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("my number is oh seven seven double oh nine double oh one two three i think",
         "my number is [phone] i think"),
        ("one two three, we counted to ten", "one two three, we counted to ten"),
        ("my email is ivy_pearson at example dot com", "my email is [email]"),
        ("bob dot smith at example dot co dot uk", "[email]"),
        ("we met at the hall dot", "we met at the hall dot"),
        ("I've moved to 112 Ecclesall Road South, S11 9PH", "I've moved to [address], [address]"),
        ("she is at The Cottage, 2 Back Lane", "she is at [address]"),
        # A town before its postcode is no one's name, and not part of the street.
        ("at 22 Wood Street, Sheffield S6 2AB", "at [address], Sheffield [address]"),
    ],
)  # fmt: skip
def test_numbers_and_emails_said_or_typed(said: str, shown: str) -> None:
    assert redact(said) == shown


def test_the_projects_own_names_stay() -> None:
    assert redact("Holly Lodge was lovely", keep=["Holly Lodge"]) == "Holly Lodge was lovely"
    assert redact("Holly said it was lovely") == "[name] said it was lovely"


# names3.jsonl (NAMES3.md), the blind held-out set, scored once on 2026-12-06 as totals with the
# rules of BENCHMARKS.md section 23 (which never saw it): 97.3% of names caught, 0.43% of other
# words removed (section 23b). Held a little below that, so a change that loses ground fails; its
# misses are never read while tuning (score it with --totals-only).
HELD_OUT_FLOOR = (0.96, 0.006)


def test_the_blind_held_out_set_holds_its_floor() -> None:
    holds("names3.jsonl", 550, HELD_OUT_FLOOR)
