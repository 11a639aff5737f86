"""English word shapes: a title-case word said mid-sentence."""

from __future__ import annotations

import pytest

from worker.content.english import article, lower_words


@pytest.mark.parametrize(
    ("title_words", "said"),
    [
        # Names the dictionary holds only capitalized (readers struck them lower-cased).
        ("Mens Hawaiian Shirt", "mens Hawaiian shirt"),
        ("Fresh Tasmanian Cherries", "fresh Tasmanian cherries"),
        ("Microsoft Office Course", "Microsoft office course"),
        # A word it lacks and cannot make from its words is a name (a place, a brand).
        ("Barossa Valley Shiraz", "Barossa Valley Shiraz"),
        ("Brendale QLD", "Brendale QLD"),
        ("Bb Trumpet", "Bb trumpet"),
        # Words a shop makes from common ones are common.
        ("Coffee Machine Descaler", "coffee machine descaler"),
        ("Swivel Barstools", "swivel barstools"),
        ("Dimmable Brushless Motor", "dimmable brushless motor"),
        ("Probiotics Multipack", "probiotics multipack"),
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
