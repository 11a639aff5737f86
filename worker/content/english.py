"""English morphology the copy writers share: articles, plurals, lists, and the shapes of
values (a measure, a yes/no flag) that decide how a fact is said.

Hand-written: a few rules over short word lists; inflect-style libraries are not among our
dependencies and would still need our catalog's exceptions (USB, an LED, a 18V → an 18V).
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Sequence
from importlib import resources

from worker.content.guards.terms import colour_claims

_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # an LED, an SPF, an HD, an M

# A measure value: a number and a short unit ("2.0 Ah", "13 mm", "18V"), or a bare count.
MEASURE = re.compile(r"^\d+(?:\.\d+)?(?:\s?[xX×]\s?\d+(?:\.\d+)?)*(?:\s?[A-Za-z]{1,4})?$")
COLOUR_NAME = re.compile(r"^colou?r$", re.IGNORECASE)
# A yes/no value: what the attribute's name says, not a value to say.
YES = frozenset({"yes", "true"})
YES_NO = YES | {"no", "false"}
# A yes/no attribute that names a property, said before the product ("dishwasher-safe").
FLAG_END = re.compile(
    r"(?:safe|free|proof|resistant|friendly|compatible|able|ible|tested|approved|certified|listed)$"
)
# Spec names that take no article ("with 100 gsm paper", not "a 100 gsm paper").
MASS_NOUNS = {"paper", "fabric", "storage", "memory", "fill", "filling", "lining", "insulation"}

# Title-case words that stay capitalised: proper names a lower-case word list also holds.
PROPER_WORDS = {"bluetooth", "dutch", "french", "english", "italian", "greek", "turkish",
           "japanese", "chinese", "christmas", "wi-fi", "scotch"}  # fmt: skip


# Country names said with "the" ("made in the United Kingdom", "the Netherlands").
THE_COUNTRY = re.compile(
    r"^(?:United\b|UK$|US$|USA$|UAE$|Netherlands|Philippines|Czech Republic|Dominican Republic|"
    r"Republic of\b|People's Republic\b|Kingdom of\b|"
    r"Bahamas|Maldives|Gambia)"
)
# A spelled count before another number ("a pack of three 260ml bottles", not "3 260ml").
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten")  # fmt: skip


def spelled(count: str) -> str:
    """A count of ten or fewer as a word; larger ones as written."""
    return NUMBER_WORDS[int(count)] if count.isdigit() and int(count) <= 10 else count


@functools.cache
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """Common words (lower case) and names (capitalized), from SCOWL's word lists
    (bench/english_words_mine.py)."""
    data = resources.files("worker.content.guards").joinpath("data/english-words.txt.gz")
    words = gzip.decompress(data.read_bytes()).decode().split()
    return (
        frozenset(w for w in words if w.islower()),
        frozenset(w for w in words if not w.islower()),
    )


def common_words() -> frozenset[str]:
    """The words the dictionary holds in lower case."""
    return _dictionary()[0]


def compound(word: str) -> tuple[str, str] | None:
    """A word made of two the dictionary holds ("barstools" → bar, stools), or None."""
    common = common_words()
    low = word.lower()
    for i in range(3, len(low) - 2):
        if low[:i] in common and low[i:] in common and len(low[i:]) >= 4:
            return low[:i], low[i:]
    return None


def lower_word(word: str) -> str:
    """A title-cased word as it reads mid-sentence: common words lower-cased; acronyms,
    model names (iPhone, A5, USB-C) and names kept. A name is a word the dictionary holds
    only capitalized ("Hawaiian", "Tasmanian"); a word it holds both ways is a name only
    where a shop means the name (`PROPER_WORDS`: "French", "Christmas")."""
    if not word[:1].isupper() or not word[1:].replace("'s", "").replace("'", "").islower():
        return word
    if re.search(r"\d", word):
        return word  # "Cr3+", "Mk2": a symbol or a model with its number
    core = re.sub(r"'s?$", "", word)
    low = core.lower()
    if low in PROPER_WORDS:
        return word
    common, names = _dictionary()
    if low in common:
        return word.lower()
    if core in names or re.fullmatch(r"[A-G]b", core):  # a name; a key ("Bb trumpet")
        return word
    # A word the lists lack is more often a shop's loanword or coinage ("matcha",
    # "moissanite", "descaler") than a name; a name the product's attributes write
    # capitalized is restored by the lead (`title_copy._proper_case`).
    return word.lower()


def _ends_sentence(token: str) -> bool:
    """Does a token end a sentence ("25°C.", "refrigerate."), not an abbreviation ("fl.")?"""
    core = token.rstrip(".!?")
    return token != core and (len(core) >= 3 or bool(re.search(r"\d", core)))


def unshout(text: str) -> str:
    """Words a seller shouts in a mixed-case text said in lower case: a run of two or more
    dictionary words ("with SIDE VIEW" → "with side view", review 36's "an SIDE VIEW") or a
    colour ("grey with NAVY trim", review 41). An acronym or a code ("TIG MIG", "USB",
    "20V MAX") is no dictionary word, or a single one; an all-caps text has no case to
    read."""
    if text.upper() == text:
        return text
    common = common_words()

    def low(match: re.Match[str]) -> str:
        words = match[0].split()
        said = [w.lower() for w in words]
        if len(words) >= 2 and all(w in common for w in said):
            return match[0].lower()
        if len(words) == 1 and colour_claims(said[0]) and said[0] in common:
            return said[0]
        return match[0]

    return re.sub(r"(?<![\w-])[A-Z]{3,}(?:[ ]+[A-Z]{3,})*(?![\w-])", low, text)


def lower_common(text: str) -> str:
    """A catalog's title-cased value as it reads mid-sentence, less boldly than
    `lower_words`: only the words the dictionary holds in lower case ("Black, White and Sky
    Blue" → "black, white and sky blue"; "Brita Classic" keeps "Brita"). A reader strikes a
    stray capital ("made of Anodized aluminium", review 38)."""

    def low(match: re.Match[str]) -> str:
        word = match[0]
        if not word[:1].isupper() or not word[1:].islower() or word.lower() in PROPER_WORDS:
            return word
        # "Cr3+", "Mk2": a symbol or a code with its number is no word.
        if re.match(r"\d", text[match.end() :]):
            return word
        # "Intel XMP 3.0", "Canon EOS": a brand before its model's code is a name.
        if re.match(r"\s+(?:[A-Z]{2,}|[A-Z]+\d)", text[match.end() :]):
            return word
        # "Store below 25°C. Do not refrigerate.": a sentence's first word keeps its capital.
        before = text[: match.start()].split()
        if before and _ends_sentence(before[-1]):
            return word
        return word.lower() if word.lower() in common_words() else word

    text = unshout(text)
    return re.sub(r"[A-Za-z]+", low, text)


# A place's kind after its name is a part of the name ("Barossa Valley", "Hudson Bay").
_PLACE_NOUNS = frozenset({"valley", "river", "bay", "island", "islands", "coast", "hills", "lake",
                          "mountains", "county", "city", "peninsula", "highlands"})  # fmt: skip


def lower_words(text: str) -> str:
    """Each word of a title-cased text as `lower_word` reads it."""
    out: list[str] = []
    words = unshout(text).split()
    common = common_words()
    for word in words:
        said = "-".join(lower_word(part) for part in word.split("-"))
        parts = word.split("-")
        title_cased = len(parts) > 1 and all(re.fullmatch(r"[A-Z][a-z]*", p) for p in parts)
        coined = any(len(p) <= 2 and p.lower() not in common for p in parts) or (
            any(len(p) == 1 for p in parts) and any(p.lower() not in common for p in parts)
        )
        if title_cased and coined:
            said = word  # "Tune-O-Matic", "Wi-Fi": a name ("tune-O-matic", review 42)
        if out and _ends_sentence(out[-1]):
            said = word  # "… 25°C. Do not refrigerate.": a sentence's first word
        named = bool(out) and out[-1][:1].isupper() and out[-1][1:].islower()
        out.append(word if named and word.lower() in _PLACE_NOUNS else said)
    for i in range(len(out)):
        if out[i] == words[i] or not words[i][:1].isupper():
            continue
        before = out[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        # "PhotoLab Studio 2025", "McLaren Formula 1": a word between a name and its number
        # is the name's (review 41's "a PhotoLab studio 2025"); "King Charles III": a title
        # before a name. A name here is a word kept capitalized that is no acronym.
        name_before = bool(re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*|[A-Z][a-z]{2,}", before))
        numbered = bool(re.fullmatch(r"\d{1,4}|[IVX]{1,4}", after))
        titled = words[i] in _TITLES and bool(
            re.fullmatch(r"[A-Z][a-z]{2,}", out[i + 1] if after else "")
        )
        if (name_before and numbered) or titled:
            out[i] = words[i]
    return " ".join(out)


# Words that title a name after them ("King Charles III", "Saint Lucia").
_TITLES = frozenset({"King", "Queen", "Prince", "Princess", "Saint", "Lord", "Lady", "Sir"})


def and_list(items: Sequence[str], conjunction: str = "and") -> str:
    """English items as a list: "a", "a and b", "a, b and c" (or "a, b or c")."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def capital(text: str) -> str:
    """The text with its first letter capitalized, the rest as written."""
    return text[:1].upper() + text[1:]


def pluralize(phrase: str) -> str:
    """The phrase's last noun in the plural ("cutting board" → "cutting boards")."""
    if re.search(r"(?:s|x|z|ch|sh)$", phrase):
        return phrase + "es"
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + "s"


def is_plural(head: str) -> bool:
    last = re.sub(r"[^A-Za-z]", "", head.split()[-1]) if head.split() else ""
    low = last.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    if low in {"species", "series"}:
        return False
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "ys")) and len(low) > 3


# Plurals without an s ("adjustable feet", "rubber teeth").
_IRREGULAR_PLURALS = frozenset({"feet", "teeth", "men", "women", "children", "mice", "geese"})


def article(words: str) -> str:
    first = words.split()[0] if words.split() else ""
    if first[:1].isdigit():
        # eight, eighty, eight hundred; eleven, eighteen
        # … eleven thousand, eighteen million ("an 11000-20000 OPM speed", review 35)
        return "an" if re.match(r"8|(?:11|18)(?:(?:,?\d{3})*)(?![\d.,])", first) else "a"
    acronym = first.split("-")[0]  # "a UV-resistant mat", "an LED-lit mirror"
    if len(acronym) > 1 and acronym.isupper():
        return "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"
    low = first.lower()
    if low.startswith(("uni", "use", "usb", "euro", "one")):
        return "a"
    return "an" if low[:1] in "aeiou" else "a"
