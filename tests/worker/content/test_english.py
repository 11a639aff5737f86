"""English word shapes: a title-case word said mid-sentence."""

from __future__ import annotations

import pytest

from tests.worker.content.guards import samples
from worker.content.english import article, lower_words, unshout
from worker.content.title_copy import title_lead


@pytest.mark.parametrize(
    ("title_words", "said"),
    [
        # Names the dictionary holds only capitalized (readers struck them lower-cased).
        ("Mens Hawaiian Shirt", "mens Hawaiian shirt"),
        ("Fresh Tasmanian Cherries", "fresh Tasmanian cherries"),
        ("Microsoft Office Course", "Microsoft office course"),
        # A musical key is no word.
        ("Bb Trumpet", "Bb trumpet"),
        # A word the lists lack is more often a shop's loanword or coinage than a name.
        ("Coffee Machine Descaler", "coffee machine descaler"),
        ("Ceremonial Matcha", "ceremonial matcha"),
        ("Magnesium Glycinate", "magnesium glycinate"),
        # Myntra's copy writes these loanwords in lower case.
        ("Cotton Kurta", "cotton kurta"),
        # A word held both ways is a name where a shop means one.
        ("French Press", "French press"),
        # Acronyms, codes and abbreviations.
        ("USB-C Cable 10 Pcs", "USB-C cable 10 pcs"),
        ("Heat-Resistant Gloves", "heat-resistant gloves"),
    ],
)
def test_title_words_are_lower_cased_unless_they_are_names(title_words: str, said: str) -> None:
    assert lower_words(title_words) == said


def test_an_acronym_before_a_hyphen_takes_its_letters_article() -> None:
    assert article("UV-resistant") == "a"
    assert article("LED-lit") == "an"


def test_a_place_the_attributes_name_keeps_its_capitals_in_the_lead() -> None:
    facts = samples.facts(
        "en-AU", title="Barossa Valley Shiraz 750ml", brand="Red Gum", category="Wine/Red Wine",
        attributes={"Region": "Barossa Valley, South Australia"}, keywords=(),
    )  # fmt: skip
    assert "Barossa Valley" in (title_lead(facts, lean=True) or "")


def test_shouted_words_are_said_in_lower_case_and_acronyms_kept() -> None:
    """Review 41's "grey with NAVY trim"; an unseen catalog's "with an SIDE VIEW"."""
    assert unshout("Grey with NAVY trim") == "Grey with navy trim"
    assert unshout("Welding Helmet with SIDE VIEW for TIG MIG ARC") == (
        "Welding Helmet with side view for TIG MIG ARC"
    )
    assert unshout("DEWALT 20V MAX XR Drill") == "DEWALT 20V MAX XR Drill"
    assert unshout("BEE HIVE SMOKER") == "BEE HIVE SMOKER"  # all caps: no case to read
    assert unshout("TEENAGER-RED-WHT") == "TEENAGER-RED-WHT"  # a code


def test_a_word_between_a_name_and_its_number_keeps_its_capital() -> None:
    """Review 41's "a PhotoLab studio 2025"; an unseen catalog's "king Charles III"."""
    assert lower_words("PhotoLab Studio 2025") == "PhotoLab Studio 2025"
    assert lower_words("McLaren Formula 1 Race Car") == "McLaren Formula 1 race car"
    assert lower_words("King Charles III Coin").startswith("King Charles III")
    assert lower_words("Natural Cotton Towel 2") == "natural cotton towel 2"


def test_a_hyphenated_name_keeps_its_capitals() -> None:
    """Review 42's "tune-O-matic"; a common compound is lower-cased as before."""
    assert lower_words("Tune-O-Matic Bridge") == "Tune-O-Matic bridge"
    assert lower_words("Wi-Fi Plug") == "Wi-Fi plug"
    assert lower_words("T-Shirt Tri-Ply") == "T-shirt tri-ply"
