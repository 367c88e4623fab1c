"""The third tuning of names kept out (BENCHMARKS.md section 23): each pattern of how people
write, both ways, a name caught and an ordinary word (may, will, rose, grace, hope) left alone.
None of these sentences is from a corpus; each case fails without its rule."""

from __future__ import annotations

import pytest

from bot.language.names import redact


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        # A list of first names shares a word of speaking after "all" or "both"...
        ("edna, doris and pat all said so", "[name], [name] and [name] all said so"),
        ("hope and grace both came", "[name] and [name] both came"),
        ("the cups and saucers all went", "the cups and saucers all went"),
        # ...and "me" joined to it, where a word rare in any case may be a name too.
        ("dot and vi and me went to bingo", "[name] and [name] and me went to bingo"),
        ("tea and cake and me", "tea and cake and me"),
        # A rare word joins a list by "and" only, not by a comma.
        ("she can bring her carer, Shabnam", "she can bring her carer, [name]"),
        # "our" and a capital that a word of doing follows, or nothing.
        ("our Lofty took the minutes", "our [name] took the minutes"),
        ("thanks to our Den, he fixed it", "thanks to our [name], he fixed it"),
        ("our Bingo was cancelled", "our Bingo was cancelled"),
        ("our Coffee Morning is great", "our Coffee Morning is great"),
        # A capital no list has, commoner than a rare word: a word of doing, not "is".
        ("Smudge says hello to all", "[name] says hello to all"),
        ("Zumba starts at two", "Zumba starts at two"),
        # A greeting, then who is speaking.
        ("hiya its peggy, sorry i missed it", "hiya its [name], sorry i missed it"),
        ("hello this is gwen, about friday", "hello this is [name], about friday"),
        ("its may already, where did the year go", "its may already, where did the year go"),
        # A modal is never followed by "said": a lower-case name that is a common word.
        ("will said he will bring the urn", "[name] said he will bring the urn"),
        ("the will said the house goes to her son", "the will said the house goes to her son"),
        ("Mr Raza's son rang about the trip", "[name]'s son rang about the trip"),
        # A word said twice: the first is a name.
        ("Will will bring the raffle", "[name] will bring the raffle"),
        ("we may may not go", "we may may not go"),
        # A state only a person is in, or an age.
        ("Dawn is poorly again", "[name] is poorly again"),
        ("Dawn was breaking as we left", "Dawn was breaking as we left"),
        ("Grace is still not well", "[name] is still not well"),
        ("May is 90 on friday", "[name] is 90 on friday"),
        ("Hope is 80 pence a cup", "Hope is 80 pence a cup"),
        # A possessive typed without its apostrophe, before a word of family.
        ("im Franks wife, he says thanks", "im [name] wife, he says thanks"),
        ("the Browns car park", "the Browns car park"),
        # A lower-case "miss" before a surname that a word of doing follows.
        ("miss jones from the school brought them", "[name] from the school brought them"),
        ("we miss jones said nobody", "we [name] said nobody"),
        ("we miss price rises", "we miss price rises"),
        # "who" after a name says a person.
        ("Tiny who is six foot carried it", "[name] who is six foot carried it"),
        ("People who came early got cake", "People who came early got cake"),
        # "heard from" a lower-case name, not from a common word.
        ("i heard from gwen about it", "i heard from [name] about it"),
        ("from hope to despair", "from hope to despair"),
        # A word of giving or fetching before a lower-case name; not before a common word.
        ("we gave peggy a lift home", "we gave [name] a lift home"),
        ("a card for edna on her birthday", "a card for [name] on her birthday"),
        ("picked gwen up at ten", "picked [name] up at ten"),
        ("it gave hope to us all", "it gave hope to us all"),
        ("room for grace at the table", "room for grace at the table"),
    ],
)  # fmt: skip
def test_signs_of_a_name(said: str, shown: str) -> None:
    assert redact(said) == shown


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        # A contraction typed without its apostrophe is no name.
        ("im on the bus, theres no seats", "im on the bus, theres no seats"),
        ("my legs arent what they were", "my legs arent what they were"),
        # April is a name too, but a month after a word of when and beside a date...
        ("April the new volunteer helped", "[name] the new volunteer helped"),
        ("Mr April did the pasta", "[name] did the pasta"),
        ("April showers all week", "April showers all week"),
        ("see you in april", "see you in april"),
        # A pet is no person.
        ("Percy the dog came to the cafe", "Percy the dog came to the cafe"),
        ("our dog Bobby is lovely", "our dog Bobby is lovely"),
        ("Bobby walks the dog", "[name] walks the dog"),
        # A royal, and the subject of a talk.
        ("Queen Victoria opened it", "Queen Victoria opened it"),
        ("the talk on King Arthur was good", "the talk on King Arthur was good"),
        ("a film about Charles Dickens and Leeds", "a film about Charles Dickens and Leeds"),
        ("a talk from Rose", "a talk from [name]"),
        # A place's run ends at "and" before someone doing something.
        ("we went to Whitby and Muriel fell asleep", "we went to Whitby and [name] fell asleep"),
        ("we went to Whitby and Scarborough", "we went to Whitby and Scarborough"),
        # A capital no list has after "at" is a place; a first name there is someone.
        ("the museum at Crich", "the museum at Crich"),
        ("we laughed at Frank", "we laughed at [name]"),
        # A lower-case word after "my" is a thing, and "the" and a word make a thing's name.
        ("my walker wont go over it", "my walker wont go over it"),
        ("the shepherds pie went down well", "the shepherds pie went down well"),
        ("the new lady jean said hello", "the new lady [name] said hello"),
        # Brands and sayings.
        ("Stella Artois at the bar", "Stella Artois at the bar"),
        ("every tom, dick and harry was there", "every tom, dick and harry was there"),
        ("Tom, Dick and Harry as we call them", "[name], [name] and [name] as we call them"),
        # Ranks are titles.
        ("Sergeant Kelly came about scams", "[name] came about scams"),
        ("the sergeant came", "the sergeant came"),
    ],
)  # fmt: skip
def test_what_else_is_set_aside(said: str, shown: str) -> None:
    assert redact(said) == shown


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("number 56 down the road has a ramp", "[address] down the road has a ramp"),
        ("she lives 3 doors up the road", "she lives 3 doors up the road"),
        ("sue from number ten is back", "[name] from [address] is back"),
        ("we are number one", "we are number one"),
        ("her number 020 7946 0193 for the trip", "her number [phone] for the trip"),
        ("a taxi from 16 Fern Bank", "a taxi from [address]"),
        ("Horace at 3 Jubilee Cottages", "[name] at [address]"),
        ("post to Flat 1, The Maltings, S1 2GH", "post to [address], [address]"),
        ("we live at 11 The Crescent", "we live at [address]"),
        ("flat 2, 14 Elm Road", "[address], [address]"),
    ],
)  # fmt: skip
def test_addresses_said_or_typed(said: str, shown: str) -> None:
    assert redact(said) == shown
