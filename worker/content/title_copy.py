"""What a product's title says, as a sentence: the lead of a description for a product known
by little more than its title.

A 0.5B model asked to describe "Dog Harness, No-Pull, Medium" wrote "a medium-quality dog
harness designed for use with medium-dwellers"; of "Magnesium Glycinate Capsules, 120
count", "Each capsule contains approximately 120 capsules"; of "Bamboo Cutting Board,
Large", "Bamboo Cutting Board, Large is a cutting board." Titles are terse lists whose
parts' roles (a size, a pack count, a colour) the model misreads. Reading those roles is
a job for the tables the guards already keep (units, counts, colours), not for sampling,
so the sentence that says what the product is gets written here, and the model only
continues it (`ModelGenerator`, `Settings.title_copy`).

Hand-written: surface realisation of a product title is a few rules per language over the
guards' term tables; no library does it, and a template engine would only move these
rules into strings.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from worker.catalog.facts import ProductFacts
from worker.catalog.locales import serving_language
from worker.content.english import (
    COLOUR_NAME,
    FLAG_END,
    MASS_NOUNS,
    MEASURE,
    YES,
    YES_NO,
    and_list,
    article,
    capital,
    common_words,
    compound,
    is_plural,
    lower_word,
    lower_words,
    pluralize,
    spelled,
    unshout,
)
from worker.content.guards.claims import claims_in, find_unsupported_claims, is_regulated
from worker.content.guards.corpus import FactsText, said_in
from worker.content.guards.quantities import COUNT_UNITS, extract_quantities, parse_zh_numeral
from worker.content.guards.results import normalize
from worker.content.guards.sentences import split_sentences
from worker.content.guards.specifics import content_words, names_garment, stem, word_sections
from worker.content.guards.terms import colour_claims, material_claims, supported_materials
from worker.content.guards.types import type_surfaces
from worker.content.inputs import is_record

# An attribute the lead says, as (name, value): scalar values of the top level only.
Attributes = tuple[tuple[str, str], ...]

# --------------------------------------------------------------------------- English

# Not the comma of a number ("40,000 VPM").
_SPLIT_EN = re.compile(r"\s*(?:[|;]|(?<!\d),|,(?!\d{3}(?!\d)))\s*|\s+[-–—]\s+")
# A title's trailing measure ("Chef's Knife 8 inch", "Backpack 30 L", "Drill Driver 18V"),
# or one before a "with" part ("Garden Hose 15 m with Spray Nozzle").
_TRAILING_MEASURE = re.compile(
    r"\s+(\d+(?:[.,]\d+)?(?:\s*[–-]\s*\d+(?:[.,]\d+)?)?"  # a range: "2–24 kg"
    r"(?:\s*[x×]\s*\d+(?:[.,]\d+)?)*\s*(?:%|[a-zA-Z\"″]{1,12}\.?))"
    r"(?=$|\s+with\s)",
    re.IGNORECASE,
)
# "Sunscreen SPF 50": a rating said before the product ("a 100 ml SPF 50 sunscreen").
_RATING = re.compile(r"\s+(SPF\s*\d+\+?)$", re.IGNORECASE)
# "85% Cocoa": a share of something, said after the product ("… with 85% cocoa").
_SHARE = re.compile(r"\s+(\d+(?:\.\d+)?%\s+[A-Za-z]+)$")
# "60 count", "3 pack", "100 pieces", "6 pairs", "Set of 5", "4-pack".
_COUNT = re.compile(
    r"^(?:(?:set|pack|box|bag) of\s+(\d+)|(\d+)[\s-]*"
    r"(count|ct|pack|pk|pcs?|pieces?|pairs?|bags?|sachets?|capsules?|tablets?|sheets?|"
    r"rolls?|keys|colou?rs|shades|pages|pods|servings)|(\d+)\s*(?:x|×))$",
    re.IGNORECASE,
)
# Units that are what a pack holds rather than a property of one item ("100 bags" of tea).
_PACKED = {"pairs", "pair", "bags", "bag", "sachets", "sachet", "pods", "rolls", "sheets"}
_PACK_WORDS = {"count", "ct", "pack", "pk", None}
_SETS = {"pcs", "pc", "pieces", "piece"}
_SIZES = {
    "small", "medium", "large", "extra large", "x-large", "xl", "xxl", "mini", "king",
    "queen", "single", "double", "twin", "full", "oversized", "petite",
}  # fmt: skip
# Scents read as colours by the colour table ("Scented Soy Candle, Lavender").
# Bed sizes said with "-size" before the product ("a king-size duvet cover set").
_BED_SIZES = {"king", "queen", "twin", "full", "double", "single"}
# Words that name a measure's dimension ("30 cm Length"), not a part with a measure.
_DIMENSIONS = {
    "length", "width", "height", "depth", "thickness", "diameter", "capacity", "volume",
    "size", "long", "wide", "tall", "deep", "thick", "high", "dia",
}  # fmt: skip
_SCENTS = {
    "lavender", "vanilla", "rose", "jasmine", "lemon", "citrus", "sandalwood", "mint",
    "rosemary", "eucalyptus", "peppermint", "coconut", "bergamot", "cedarwood", "lime",
}  # fmt: skip
_AUDIENCE = {
    "men": "men's", "women": "women's", "boys": "boys'", "girls": "girls'", "kids": "kids'",
}  # fmt: skip
_NAMES_AUDIENCE = re.compile(r"\b(?:men|women|boys|girls|kids|unisex|baby|babies)\b")
_AUDIENCE_START = re.compile(r"^(Men|Women|Boys|Girls|Kids)s?\s+(?!&)")
# The audience after a sub-brand ("Sonata Reloaded Men Black Analogue Watch").
_AUDIENCE_INSIDE = re.compile(r"(?<! for)\s(Men|Women|Boys|Girls|Kids)\s+(?!&)")
# A collaboration after the brand ("Levis x Stranger Things Men …"): part of the brand.
_COLLAB = re.compile(r"^[xX×]\s+((?:\S+\s+){1,4}?)(?=(?:Men|Women|Boys|Girls|Kids|Unisex)\s)")
# A style code at the title's end ("… Joggers LWR_5001", "… Bra DI-1229"): a catalogue's
# key, not copy (a reader strikes it), and not a fact a sentence adds.
_CODE = re.compile(
    r"\s+([A-Z0-9]*\d[A-Z0-9]*[-_][A-Z0-9]+|[A-Z]+[-_]?\d+[A-Z0-9]*|\d+[A-Z]+\d*[A-Z]*)$"
)
_DETERMINERS = {"a", "an", "the", "two", "three", "four", "its", "their"}


def _without_code(text: str) -> str:
    code = _CODE.search(text)
    if code is None or len(code.group(1)) < 5:
        return text
    if any(q.unit for q in extract_quantities(code.group(1))):
        return text  # a measure ("18V", "1000W"), not a code
    return text[: code.start()]


# A word of a spec sheet inside a name ("NVMe", "M.2", "2280", "PCIe", "Gen4", "x4").
_CODE_WORD = re.compile(r"^(?:\S*\d\S*|[A-Z]{2,}\S*|[a-z]+[A-Z]\S*)$")


def _without_codes(noun: str) -> str:
    """A name less its spec sheet: "1TB NVMe SSD M.2 2280 PCIe gen4 x4 internal solid
    state drive" reads "1TB internal solid state drive" (its leading measure and the
    plain words before its noun); the attributes say the rest. Names with fewer than
    three such words keep them ("WiFi 6 router", "A5 notebook")."""
    words = noun.split()
    codes = [w for w in words[:-1] if _CODE_WORD.match(w)]
    # Five or more, most of the words: "AC room 300 GSM" and "3-port USB-C GaN" are a
    # name's; "Vitamin D3 5000 IU + K2" is a formula.
    if len(codes) < 5 or len(codes) * 2 <= len(words) - 1 or "+" in words:
        return noun
    plain: list[str] = []
    for w in reversed(words[:-1]):
        if _CODE_WORD.match(w):
            break
        plain.insert(0, w)
    lead = [words[0]] if _has_unit(words[0]) else []
    return " ".join([*lead, *plain, words[-1]])


@dataclass(frozen=True)
class _Phrase:
    text: str
    plural: bool
    counted: bool = False  # "a pack of 60 …": takes no article of its own


def _is_colour(part: str) -> bool:
    """A colour's name ("Navy", "藏青色"), or a colour a word qualifies ("Midnight Black",
    "Rustic Brown")."""
    words = part.split()
    if (
        1 < len(words) <= 3
        and part.isascii()
        and not re.search(r"\d", part)
        and _is_colour(words[-1])
        and not re.search(r"&|/|\band\b", part)
    ):
        # "Navy Blue", "Sage Green": one colour; a title's capitals: a name, not "with red
        # light".
        return words[0][:1].isupper()
    found = colour_claims(part)
    if len(found) != 1:
        return False
    # 藏青色: the table's 藏青 and the colour suffix.
    return found[0][0].strip() in (part.lower().strip(), part.strip().removesuffix("色"))


def _measure(text: str) -> str:
    """A measure as a modifier: "8 inch" reads "8-inch", "1000 Pieces" "1000-piece"; "30 L"
    and "15 cm" stay."""
    number, _, unit = text.partition(" ")
    if unit.lower() in _SETS:
        return f"{number}-piece"
    if unit.isalpha() and unit.islower() and len(unit) > 2:
        return f"{number}-{unit}"
    # "20 Inch": a title's capital, not a name ("a 20-inch … suitcase", blind review 17).
    quantities = extract_quantities(text)
    titled = unit.isalpha() and unit.istitle() and len(unit) > 2
    if titled and any(q.unit and unit.lower() in q.surface.lower() for q in quantities):
        return f"{number}-{unit.lower()}"
    return lower_words(text)


def _with(part: str) -> str:
    """A "with" part's noun gets its article ("with a dimmer"); plurals, -ing words and
    parts that have one already do not."""
    words = part.split()
    # "slow flow teats 0m+": the noun is the last word of letters, not a code after it.
    nouns = [w for w in words if re.fullmatch(r"[A-Za-z][A-Za-z'-]*", w)]
    if not words or is_plural(" ".join(nouns) or part):
        return part
    if re.search(r"\d\s*[A-Za-z%]{0,4}$", part):
        return part  # "with vitamin D3 1000 IU": a measure ends it, no article starts it
    if (
        words[-1]
        .lower()
        .endswith(("ing", "ion", "ness", "inage", "orage", "erage", "ttage", "ery", "time"))
        or words[-1].lower() in _UNCOUNTED
    ):
        # "with irregular heartbeat detection", "night vision", "email delivery", "40H
        # playtime", "touch control": a mass noun takes none ("a night vision", review 24).
        return part
    counted = len(words) > 3 and words[1].isalpha() and not is_plural(words[1])
    if words[0].isdigit() and counted and words[1].islower():
        return f"a {words[0]}-{' '.join(words[1:])}"  # "with a 10-function spray nozzle"
    if re.match(r"\d+-[a-z]+\s", part) and " and " not in part:
        return f"{article(part)} {part}"  # "with a 3-digit combination padlock"
    if re.match(r"[\d/.,]+(?:[A-Za-z]{1,3}|[\"″])\s", part) and " and " not in part:
        return f"{article(part)} {part}"  # "with a 1/2\" keyless chuck": a measured part
    if words[0][:1].isdigit() and not _FEATURE_COUNT.match(part):
        return part  # "2 batteries and charger"
    if words[0].lower() in _DETERMINERS | {"low", "high", "extra"}:
        return part  # "with low dust", "with high UVA protection"
    if any(re.match(r"[A-Za-z]+[A-Z][a-z]", w) for w in words):
        return part  # "with FreeSync Premium": a name, no thing of its kind
    return f"{article(part)} {part}"


_UNCOUNTED = frozenset({"control", "charge", "support", "power", "access", "sound", "audio"})
# What a product is "for" with no article: people, places used as a setting, uses.
_FOR_BARE = frozenset({
    "home", "men", "women", "kids", "boys", "girls", "adults", "children", "babies", "use",
    "travel", "work", "school", "everyday", "daily", "outdoor", "indoor", "office", "sale",
})  # fmt: skip


# Endings of nouns that name an activity or a quality ("muscle recovery", "daily wear").
_MASS_ENDS = ("ing", "tion", "sion", "ness", "ment", "ery", "ance", "ence", "ity", "wear", "care")


def _for(thing: str) -> str:
    """What follows "for": a singular count noun of two words or more takes its article
    ("for a home gym", "for a 20-40 gallon fish tank", not "for home gym"); people, mass
    nouns, plurals, ages and lists do not."""
    words = thing.split()
    last = words[-1].lower() if words else ""
    bare = (
        len(words) < 2
        or last in MASS_NOUNS
        or last in _BODY_PARTS
        or last in _FOR_BARE
        or words[0].lower() in _DETERMINERS | {"ages", "age", "all", "most", "any", "every"}
        or " and " in f" {thing} "
        or " with " in f" {thing} "
        # a plural anywhere: "for budgies canaries finches cockatiels", "for 20 gallons"
        or any(is_plural(w) for w in words)
        or "," in thing
        or not last.isalpha()
        or last.endswith(_MASS_ENDS)
    )
    return thing if bare else f"{article(thing)} {thing}"


def _brand_opening(text: str, brand: str) -> str:
    """The brand, or its opening words, that open `text`, with the space after them:
    "Ashby 1.7L … Kettle" of Ashby Home; "Desert Valley Organic … Dates" of Desert Valley
    Farms: all of the opening words the title says (review 34)."""
    if brand and text.lower().startswith(brand.lower() + " "):
        return text[: len(brand) + 1]
    words = brand.split()
    if len(words) < 2 or not words[0][:1].isupper() or len(words[0]) <= 3:
        return ""
    while words and not text.startswith(" ".join(words) + " "):
        words.pop()
    return " ".join(words) + " " if words else ""


def _en_phrase(title: str, brand: str = "", *, say_brand: bool = True) -> _Phrase | None:
    """The title as a noun phrase, `brand` ("from Voltiq") right after the head noun (or
    only taken off the title's start, without `say_brand`)."""
    parts = [p for p in _SPLIT_EN.split(normalize(title).strip()) if p]
    if not parts:
        return None
    head, quals = parts[0], parts[1:]
    if brand:  # "Walking Socks by Fellwick" of Fellwick: the brand is said once ("from …")
        head = re.sub(rf"(?i)\s+by\s+{re.escape(brand)}\b", "", head)
    # Marketplace titles open with the brand ("IVOC Men Black … Shirt"): it is said once,
    # after the head noun.
    first = brand.split()[0] if len(brand.split()) > 1 else ""
    if brand and head.lower().startswith(brand.lower() + " "):
        head = head[len(brand) + 1 :]
        collab = _COLLAB.match(head)
        if collab:
            brand = f"{brand} x {collab.group(1).strip()}"
            head = head[collab.end() :]
    elif first[:1].isupper() and len(first) > 3 and head.startswith(first + " "):
        head = head[len(_brand_opening(head, brand)) :]
    # "Men Black Shirt": a bare audience word is the possessive ("men's"), said first;
    # "Kids Girls" is girls'.
    head = re.sub(r"^Kids\s+(?=(?:Boys|Girls)\s)", "", head)
    # "Goggles Men Women Youth": every audience is none of them; "Kids … Boys Girls" is kids'.
    said_to = {w.lower().rstrip("s") for w in re.findall(r"\b(?:Men|Women|Boys|Girls)s?\b", head)}
    if {"men", "women"} <= said_to or {"boy", "girl"} <= said_to:
        drop = r"Men|Women|Youth|Adults?" if {"men", "women"} <= said_to else r"Boys|Girls"
        head = re.sub(rf"\s*\b(?:{drop})\b", "", head).strip()
    inside = None if _AUDIENCE_START.match(head) else _AUDIENCE_INSIDE.search(head)
    if inside:
        head = f"{inside.group(1)} {head[: inside.start()]} {head[inside.end() :]}"
    head = _AUDIENCE_START.sub(lambda m: _AUDIENCE[m.group(1).lower()] + " ", head, count=1)
    head = _without_code(head)
    # "Blocks Set in Storage Bucket": "in a storage bucket".
    head = _CONTAINED.sub(lambda m: f"{m.group(1)} {article(m.group(2))} {m.group(2)}", head)
    # "(2C+1A)": a code in brackets the attributes spell out; a sentence cannot carry it.
    head = re.sub(r"\s*\([^)]*\)", "", head).strip()
    # "Cutting Board Set of 3": a set of boards ("a set of 3 bamboo cutting boards").
    # "… Set of 3 with Juice Groove": the set's own part stays after it.
    set_of = re.fullmatch(
        r"(.+?)\s+(?:set|pack) of (\d+)((?:\s+(?:with|for)\s.+)?)", head, re.IGNORECASE
    )
    if set_of and not quals and re.search(r"[a-z]$", set_of.group(1)):
        quals = [f"set of {set_of.group(2)}"]
        named = set_of.group(1)
        # "paddles" is plural already
        head = (named if is_plural(named) else pluralize(named)) + set_of.group(3)
    sizes: list[str] = []  # modifiers before the head: sizes, then measures, then the rest
    measures: list[str] = []
    before: list[str] = []
    after: list[str] = []  # phrases after it
    features: list[str] = []  # what it has or does, after those
    measure = _TRAILING_MEASURE.search(head)
    # A unit, not a bare number: "WiFi 6 Router" is no 6 routers ("a 6 router WiFi").
    packed = _COUNT.match(measure.group(1).lower()) if measure else None
    if measure and _has_unit(measure.group(1)) and not (packed and packed.group(3) not in _SETS):
        measures.append(_measure(measure.group(1)))
        head = head[: measure.start()] + head[measure.end() :]
    # "USB C Cable 2 Pack": a pack's count at the name's end is a part of its own ("… in a
    # pack of 2"), not a word of the name ("a 6ft USB C cable 2 pack", an unseen catalog).
    # "A5 Notebook Lined 3 Pack Hardback": inside it too.
    count_end = re.search(r"\s+(\d+[\s-]*(?:pack|pk|count|ct))(?=\s|$)", head, re.IGNORECASE)
    if count_end:
        quals.insert(0, count_end.group(1))
        head = (head[: count_end.start()] + head[count_end.end() :]).strip()
    # "Headphones Over Ear", "Duvet Cover Set King": a placement or a size after the name
    # is a modifier, said before it ("over-ear headphones", "a king-size … duvet cover set").
    place = re.search(r"\s+(Over|On|In|Under|Behind)[\s-]([A-Z][a-z]+)$", head)
    # "Over Ear", "In Wall": where it goes, one place; "Easy On Handles" is a part (review 34).
    if place and not _is_colour(place.group(2)) and not is_plural(place.group(2)):
        before.append(f"{place.group(1).lower()}-{place.group(2).lower()}")
        head = head[: place.start()]
    size_end = re.search(r"\s+([A-Za-z]+)$", head)
    if size_end and size_end.group(1).lower() in _SIZES and len(head.split()) > 2:
        size_word = size_end.group(1).lower()
        sizes.append(f"{size_word}-size" if size_word in _BED_SIZES else size_word)
        head = head[: size_end.start()]
    rating = _RATING.search(head)
    if rating:
        before.append(rating.group(1))
        head = head[: rating.start()]
    share = _SHARE.search(head)
    # Not "Niacinamide 10% + Zinc 1% Serum" nor "Niacinamide 5% Moisturiser": there the
    # share's word is the product (a reader read "with 5% moisturiser", review 19).
    named = share is not None and _singular(share.group(1).split()[-1]) in _type_heads()
    if share and "+" not in head and not named:
        after.append("with " + share.group(1).lower())
        head = head[: share.start()]
    tail = ""  # "with Dimmer", "for Toddlers": after the head noun, which decides the number
    found = re.search(r"\s((?:[Cc]ompatible |[Ss]uitable )?(?:with|for))\s", head)
    if found:
        head, tail = head[: found.start()], head[found.start() + 1 :]
    # "for Women Hypoallergenic 6mm Round", "for Kids 200ml": who it is for, then more
    # parts, not "for hypoallergenic 6mm round".
    audience = re.match(
        r"(?i)(for (?:men|women|kids|boys|girls|adults|her|him))\s+(?!and\b|&|\d)(.+)$", tail
    )
    # "for Boys 4-7": "for boys aged 4-7".
    tail = re.sub(r"(?i)^(for (?:boys|girls|kids|children)) (\d+\s*(?:[-–]\s*\d+|\+))$",
                  r"\1 aged \2", tail)  # fmt: skip
    if audience:
        tail = audience.group(1)
        quals = [audience.group(2), *quals]
    # "Midnight Black (US Version)": a note a sentence cannot carry.
    quals = [q2 for q in quals if (q2 := re.sub(r"\s*\([^)]*\)", "", q).strip())]
    # "Bluetooth Headphones Over Ear": a pair noun inside the name makes it plural.
    # "Compression Stockings 15-20 mmHg", "Wooden Frames 9-1/8\"": the noun before a
    # measure says the number ("a … stockings 15-20 mmHg", review 40).
    named = head.split()
    while len(named) > 1 and (
        re.search(r"\d", named[-1]) or named[-1].lower() in _EN_UNIT_WORDS | _EN_UNITS
    ):
        named.pop()
    plural = is_plural(" ".join(named)) or any(
        w.lower() in _pair_words() for w in head.split()[:-1]
    )
    pack: str | None = None
    # "Women Pack of 3 … Bras", "Set of 2 Long Door Curtains": the count comes first.
    counted = re.search(r"(?i)\b(set|pack) of (\d+)\s+", head)
    if counted:
        pack = f"a {counted.group(1).lower()} of {counted.group(2)}"
        head = head[: counted.start()] + head[counted.end() :]
    piled = 0  # later parts said as modifiers before the name
    # "… for Living Room, Bedroom, Home Office": two or more short nouns right after a
    # "for" part go on with its list; one ("…for Home, Damp, …") is a keyword.
    for_list: list[str] = []
    if tail.lower().startswith("for "):
        # Its items agree in number with its first ("for Dogs, Glucosamine, Chondroitin"
        # reads the next keywords as who it is for: an unseen catalog).
        plural_for = is_plural(tail.split()[-1].lower())
        for q in quals:
            size = 3 if "&" in q else 2  # "Mould & Condensation"
            if len(q.split()) > size or not q[:1].isupper() or _ADJECTIVE_END.search(q.lower()):
                break
            if is_plural(q.split()[-1].lower()) != plural_for:
                break
            for_list.append(q)
        for_list = for_list if len(for_list) >= 2 else []
    # "Glucosamine, Chondroitin, MSM, Turmeric": three or more bare words in a row are a
    # list (ingredients, keywords); no item of it is piled before the name ("a turmeric …
    # chews", an unseen catalog).
    short = [len(q.split()) <= 2 and not re.search(r"\d", q) for q in quals]
    in_run = {
        i
        for i in range(len(quals))
        for a in range(max(0, i - 2), i + 1)
        if a + 3 <= len(quals) and all(short[a : a + 3])
    }
    prev_for = False
    for at, q in enumerate(quals):
        # "…, for Home Office, Bedroom": a short part after a "for" part goes on with it
        # ("for home office and bedroom"), not onto the "with" list ("a bedroom").
        goes_on = (
            prev_for
            and len(q.split()) <= 2
            and q[:1].isupper()
            and not re.search(r"\d", q)
            and bool(features)
            and features[-1].startswith("for ")
        )
        prev_for = q.lower().startswith("for ") or goes_on
        if goes_on:
            said_for = features[-1].replace(" and ", ", ")
            features[-1] = f"{said_for} and {lower_words(q)}"
            continue
        trailing = _TRAILING_MEASURE.search(q)
        # A measure has a unit: "2 x 120 Memory" is two users' 120 readings, not a pack.
        measured = trailing and any(x.unit for x in extract_quantities(trailing.group(1)))
        # "52 x 84 Inch" is one measure, not 52 of an 84-inch thing.
        product_of = trailing is not None and bool(
            re.search(r"\d\s*[x×]\s*$", q[: trailing.start()])
        )
        # "Max Load 300 lbs": a limit, not the product's own measure ("a 300-lbs … chair"
        # read as its weight, review 24); the attributes say it with its name.
        if trailing and _LIMIT_WORDS.search(q[: trailing.start()]):
            continue
        if trailing and measured and trailing.start() > 0 and not product_of:
            measures.append(_measure(trailing.group(1)))  # "Medium Roast 1 kg"
            q = q[: trailing.start()]
        low = q.lower().strip()
        count = _COUNT.match(low)
        quantities = extract_quantities(q)
        early = None if count else _feature(q, spoken=True)
        if early:
            features.append(early)  # "6 Presets", "Ages 3–10", "Fits … Laptops", "100 g Tin"
        elif count:
            n = count.group(1) or count.group(2) or count.group(4)
            unit = (count.group(3) or "").lower() or None
            if n.lower() in {"1", "one"}:
                # "Pack of 1", "1 Pair": one is no pack ("a mallet finger splint in a pack
                # of 1", "a pack of 1 pair of … stirrups", review 48); a pair stays a pair.
                if plural and unit in _PACKED and unit.startswith("pair"):
                    pack = "a pair of"
            elif unit in _PACK_WORDS or count.group(1):
                noun = low.split()[0] if count.group(1) else "pack"
                pack = f"a {noun} of {n}" if plural else None
                if not plural:
                    after.append(f"in a {noun} of {n}")
            elif unit in _SETS:
                if plural:
                    pack = f"a set of {n}"
                else:
                    boxed = re.search(r"(?i)\b(?:set|kit|bundle)\b", head)  # "a kit with 40 pieces"
                    after.append(f"with {n} pieces" if boxed else f"in a set of {n} pieces")
            elif unit in _PACKED and plural:
                pack = f"a pack of {n} {unit} of"  # "a pack of 6 pairs of … socks"
            elif unit in _PACKED:
                after.append(f"in a pack of {n} {unit}")
            else:
                after.append(f"with {n} {unit}")
        elif quantities and all(x.unit not in COUNT_UNITS for x in quantities):
            # "1/2\" Keyless Chuck" is a part with its measure, not a measure of the product.
            left = q
            for x in quantities:
                left = left.replace(x.surface, " ")
            words_left = [w for w in re.findall(r"[A-Za-z][\w-]*", left) if w.lower() != "x"]
            # Not a bare number ("21 Mauve Mix": a shade's name).
            unit = bool(re.search(r"\d\s?(?!x\b)(?:[A-Za-z]{1,3}\b|[\"″'])", q))
            part = _feature(q) if unit and len(words_left) > 1 else None
            # "18\" Chain", "2 x 120 Memory": one noun with its measure is a part the
            # product has ("with an 18\" chain"), not a measure of the product ("an 18\"
            # chain … necklace", an unseen catalog); "30 cm Length" is its measure.
            multiplied = re.fullmatch(r"\d+\s*[x×]\s*\d+\s+[A-Za-z]+", q.strip())
            # A word of three letters or fewer is a unit the table lacks ("2 qt", "150gsm").
            noun_left = words_left[0].lower() if len(words_left) == 1 else ""
            one_part = len(noun_left) > 3 and noun_left not in _DIMENSIONS
            if one_part and q[:1].isdigit() and (unit or multiplied):
                said = lower_words(q.strip())
                bare = words_left[0].lower() in MASS_NOUNS or is_plural(said) or not unit
                part = f"with {said}" if bare else f"with {article(said)} {said}"
            first_left = words_left[0].lower() if words_left else ""
            keywords_around = False
            if first_left in {"up", "to", "over", "under", "approx", "about"}:
                continue  # "up to 7000MB/s": a figure without what it measures
            # Words on both sides of the measure: keywords, not a part ("1/2\" Keyless Chuck").
            around = not q[:1].isdigit() and not re.search(r"\d\S*$", q.strip())
            if (
                len(words_left) > 1
                and around
                and (_ADJECTIVE_END.search(first_left) or FLAG_END.search(first_left))
            ):
                # "Hypoallergenic 6mm Round": keywords around a measure; the measure stays.
                part = None
                keywords_around = True
                q = " ".join(x.surface for x in quantities)
            elif not unit and q[:1].isdigit() and _is_colour(" ".join(words_left[-2:])):
                after.append(f"in {q.strip()}")  # a shade: "in 220 Natural Beige"
                continue
            elif (
                not unit
                and len(words_left) >= 2
                and q[:1].isdigit()
                and not any(_is_colour(w) for w in words_left)
                and not _ADJECTIVE_END.search(words_left[-1].lower())
            ):
                # "3 Stage Filtration": a counted part ("with 3-stage filtration"), not
                # a measure piled before the name; "21 Mauve Mix" is a shade's name.
                number, _, rest_words = q.strip().partition(" ")
                first_word, _, more = lower_words(rest_words).partition(" ")
                # "2-Minute Smart Timer" is hyphenated already ("a 2-minute smart timer");
                # "170° Wide Angle" keeps its symbol's space ("a 170°-wide angle", review 24).
                hyphened = re.sub(r"-([A-Za-z]+)$", lambda m: f"-{m.group(1).lower()}", number)
                spaced = "-" in number or not number[-1:].isalnum()
                joined = f"{hyphened} {first_word}" if spaced else f"{number}-{first_word}"
                part = f"with {_with(f'{joined} {more}'.strip())}"
            if part and part.startswith("with "):
                features.append(part)
            elif len(measures) + bool(re.match(r"\d", head) and _has_unit(head.split()[0])) >= 2:
                continue  # two measures before the name; more pile up ("a 165Hz 1ms 27 …")
            elif re.fullmatch(r"(?!IPX?\d)[A-Za-z]+\d+[A-Za-z\d]*", q.strip()):
                continue  # "HDR10": a code, no measure ("IPX4" is a rating)
            elif len(words_left) >= 2 and not keywords_around:
                continue  # "25g Protein per Serving": a spec with its words, the table's
            else:
                measures.append(_measure(q))
        elif low in _SCENTS and re.search(r"(?i)\bscented\b", head):
            head = re.sub(r"(?i)\bscented\b", f"{low}-scented", head, count=1)  # not twice
        elif low in _SCENTS:
            after.append(f"with {article(low)} {low} scent")
        elif _is_colour(q):
            after.append(f"in {low}")
        elif low in _SIZES:
            sizes.append(low)
        elif _NAMED.fullmatch(q.strip()):
            continue  # "Harbour at Dusk": a puzzle's picture, a print's name; not a part
        elif feature := _feature(q):
            features.append(feature)
        elif q in for_list:
            tail = f"{tail}, {q}"
        elif tail.lower().startswith("with ") and not _ADJECTIVE_END.search(low):
            # "… with Gig Bag, Tuner, Strap, Extra Strings": the list goes on.
            features.append(f"with {_with(lower_words(q))}")
        elif (
            at not in in_run
            and piled < (1 if len(quals) > 3 else 2)
            and len(q.split()) <= 3
            and not re.search(r"\d", q)
            # "Dishwasher Safe", "Water Resistant" as a modifier claims it of the whole
            # product (the air fryer's basket was; an unseen catalog's reader): the
            # attributes say what is.
            and not (len(q.split()) > 1 and FLAG_END.search(q.lower()))
            # An adjective ("Padded", "Rechargeable", "No-Pull"), not a noun or a list
            # read as one ("a flowers & herbs anthracite … garden bed", "a loop recording
            # 4K dash cam", "a turmeric … chews": an unseen catalog's leads).
            and (
                all(_MODIFIER_WORD.search(w) for w in q.lower().split())
                or _KNOWN_MODIFIER.fullmatch(q.lower())
                or all(w in _SCENTS for w in q.lower().split() if w not in ("&", "and"))
            )
        ):
            # Two short modifiers from later parts ("…, Reversible"); more are keywords
            # piled before the name ("an HDR10 VESA mountable tilt adjustable frameless
            # 27-inch gaming monitor", an unseen catalog): the attributes say them.
            piled += 1
            # "Dishwasher Safe" before a noun is "dishwasher-safe".
            two = lower_words(q).split()
            joiner = (
                "-"
                if len(two) == 2 and FLAG_END.search(two[1]) and not two[0].endswith("ly")
                else " "
            )
            before.append(joiner.join(two))
    noun = _without_codes(lower_words(head))
    # "a grout pen in a pack of 2", "a bone guitar nut in a set of 2 pieces": a pack of
    # one countable thing is said as the pack ("a pack of 2 grout pens"), as a plural
    # title's is; a reader reads the count with the name, not after it (unseen catalogs).
    last = noun.split()[-1] if noun.split() else ""
    for a in list(after):
        packed = re.fullmatch(r"in a (pack|set) of (\d+)(?: pieces)?", a)
        if (
            packed
            and pack is None
            and int(packed[2]) > 1
            and re.fullmatch(r"[a-z]{3,}", last)
            and not is_plural(last)
            and last not in MASS_NOUNS | _UNCOUNTED_GOODS | _EN_SET_WORDS
            and not _MODIFIER_WORD.search(last)
        ):
            pack, noun = f"a {packed[1]} of {packed[2]}", pluralize(noun)
            after.remove(a)
            break
    # Who it is for comes first: "men's 150gsm merino wool T-shirt", not "150gsm men's …".
    audience = re.match(r"(?:men's|women's|kids'|boys'|girls')\s", noun)
    lead_words: list[str] = []
    if audience and (sizes or measures or before):
        lead_words, noun = [audience.group(0).strip()], noun[audience.end() :]
    words = " ".join([*lead_words, *sizes, *measures, *before, noun])
    if brand and say_brand:
        words += f" from {brand}"
    if tail and tail.startswith("with ") and any(f.startswith("with ") for f in features):
        # "Lamp with Wireless Charger, USB Port, 5 Colour Modes": one list ("with a
        # wireless charger, a USB port, 5 colour modes and …"), not two joined by "and".
        features.insert(0, f"with {_with(lower_words(tail[5:]))}")
    elif linked := re.match(r"(?i)(compatible with|suitable for) (.+)", tail):
        # "compatible with 2012-2017 Toyota Camry": a name, said as the title writes it.
        words += f" {linked.group(1).lower()} {linked.group(2)}"
    elif tail:
        word, _, written = tail.partition(" ")
        objects = [o for o in map(_object, written.split(", ")) if o]
        rest = and_list(objects) if objects else ""
        said = _with(lower_words(rest)) if word == "with" else _for(lower_words(rest))
        device = _device(written) if word == "for" else None
        if device:
            said = device  # "for iPhone 15 Pro Max": a model's name, as its maker writes it
        if objects and (word != "with" or _names_a_part(said)):
            words += f" {word} {said}"
    if after:
        if " with " in words:  # "a kit with a UV light in a set of 23 pieces": one "with"
            after = [re.sub(r"^with (\d+) pieces$", r"in a set of \1 pieces", a) for a in after]
        words += " " + " ".join(after)
    withs = [f.removeprefix("with ") for f in features if f.startswith("with ")]
    withs = [w for w in withs if _names_a_part(w)]
    others = [f for f in features if not f.startswith("with ") and not _PUFFERY.match(f)]
    if withs:
        own = re.search(r"(?<!compatible) with (?!.* (?:with|for|in|that) )(.+)$", words)
        if own:  # one list: "with 66 servings, a chocolate fudge and …", not "… and … and …"
            listed = re.split(r", | and ", own.group(1))
            words = words[: own.start(1)] + and_list([*listed, *withs])
        else:
            words += " with " + and_list(withs)
    if others:
        words += " " + " ".join(others)
    # "grain free adult dog food": a "-free" compound before a noun is hyphenated.
    words = re.sub(r"\b(?!(?:a|an|the|and|with)\b)([A-Za-z]+) free (?=\S)", r"\1-free ", words)
    if pack:
        if words[:1].isdigit():  # "a pack of three 260ml bottles", not "3 260ml"
            pack = re.sub(r"(\d+)$", lambda m: spelled(m.group(1)), pack)
        return _Phrase(f"{pack} {words}", plural=False, counted=True)
    return _Phrase(words, plural=plural)


# A "with" item's last word that names no thing: "an RGB backlit", "quick dry", "a
# smudge-proof" (title keywords read as parts, an unseen catalog's leads).
_NOT_NOUN = frozenset({
    "backlit", "max", "min", "only", "included", "free", "dry", "safe", "ready", "compatible",
    "friendly", "resistant", "adjustable", "waterproof", "portable", "wireless", "rich",
    "high", "low", "long", "extra", "plus", "pro", "mini",
})  # fmt: skip
# What a product is made of: no part it has ("made of …" is the attributes' to say).
# A precious or plated metal a title gives after the product's name.
_MATERIAL_END = re.compile(
    r"\s+((?:925\s+|Solid\s+|\d{1,2}K\s+)?(?:Sterling\s+Silver|Silver|Gold|Rose\s+Gold|"
    r"Stainless\s+Steel|Titanium|Platinum|Gold\s+Plated|Silver\s+Plated))$",
    re.IGNORECASE,
)
_MATERIALS = frozenset({
    "steel", "aluminium", "aluminum", "iron", "wood", "bamboo", "cotton", "leather", "plastic",
    "silicone", "glass", "rubber", "nylon", "polyester", "wool", "mahogany", "oak", "walnut",
    "ceramic", "fiberglass", "fibreglass", "vanadium", "brass", "copper", "linen", "silk",
})  # fmt: skip
_ADJECTIVE_NOT_NOUN = re.compile(r"(?:\w{2}[^e]ed|able|ible|ive|ous|less|proof|ful)$")
_NOUNS_LIKE_ADJECTIVES = frozenset({
    "bed", "shed", "sled", "red", "drive", "olive", "five", "hive", "archive", "handful",
    "seed", "speed", "feed", "thread", "head", "bread", "lead", "pad", "steed",
})  # fmt: skip
# A title's verb phrase or a use it is "ideal for": no part the product has ("with a keeps
# vehicle cool", "for ideal for pet hair", "a supports 256GB max": an unseen catalog).
_VERB_START = re.compile(
    r"(?:keeps|supports|blocks|protects|prevents|reduces|removes|makes|helps|lets|gives|"
    r"provides|delivers|allows|comes|includes|works|turns|charges|connects|lasts|stays|gets|"
    r"saves|cleans|kills|absorbs|resists|repels|ideal|perfect|great|best)$"
)
_PUFFERY = re.compile(r"(?i)for (?:ideal|perfect|great|best) for\b|(?:ideal|perfect|great) for\b")


# A roast, a book's binding: nouns that qualify, as a catalog writes them.
_KNOWN_MODIFIER = re.compile(
    r"(?:light|medium|dark|medium dark|extra dark|mild|strong) roast|hardcover|hardback|"
    r"paperback|softcover|spiral-bound"
)
# A word that qualifies, as a modifier before a name: an adjective's ending, or a compound.
_MODIFIER_WORD = re.compile(r"(?:able|ible|ed|ful|ive|ous|less|proof|al|ic|free)$|\w-\w")


def _names_a_part(item: str) -> bool:
    """Is a "with" item a thing the product has ("a wireless charger", "5000Pa suction",
    "active noise cancelling"), not a title's keywords read as one: an adjective ("an RGB
    backlit"), a verb phrase ("a keeps vehicle cool"), a bare measure ("0.34 fl oz") or a
    limit without its number ("a max load")? Hand-written: a part-of-speech tagger would
    need a model of its own; the shapes are few (the blind readers' "awkward" parts)."""
    for q in extract_quantities(item):  # "0.34 fl oz": a measure, no part
        if q.unit:
            item = item.replace(q.surface, " ")
    item = re.sub(r"(?i)\b(?:fl|oz|ml|mg|g|kg|lbs?|cm|mm|in|inch|ft|qt|gal|w|v|mah)\b", " ", item)
    words = [w for w in re.findall(r"[a-z][a-z'-]*", item.lower()) if w not in ("a", "an")]
    if not words or _VERB_START.match(words[0]):
        return False
    if not re.search(r"\d", item) and {"max", "min", "maximum", "minimum"} & set(words):
        return False
    last = words[-1]
    if last in _NOT_NOUN or last in _MATERIALS:  # "with a chrome vanadium steel"
        return False
    if len(words) > 1 and last == "bundle":
        return False  # "with a beginner starter bundle": a second name of the product
    return last in _NOUNS_LIKE_ADJECTIVES or not _ADJECTIVE_NOT_NOUN.search(last)


def _object(phrase: str) -> str:
    """A "with"/"for" part's object up to the title's next keywords: "for Cats 8 Month
    Protection Adjustable Waterproof …" is for cats, "with Liner 3" High Waisted …" with a
    liner; an age keeps its number ("for Ages 3-8")."""
    words = phrase.split()
    for i, w in enumerate(words):
        aged = i > 0 and words[i - 1].lower() in ("ages", "age", "aged", "up", "to")
        # "for iPhone 15", "for Galaxy S24 Ultra": a model's number is its name's.
        model = (
            i > 0
            and bool(re.search(r"[a-z][A-Z]|^[A-Z][a-z]+$", words[i - 1]))
            and (i + 1 == len(words) or words[i + 1].lower() in _MODEL_WORDS)
        )
        # A measure first is the object's own ("with 2 Batteries", "for 20-40 Gallon Tanks").
        if i > 0 and re.search(r"\d", w) and not (aged or model):
            words = words[:i]
            break
    # Not a dangling word the cut leaves ("with Airtight Lids Set of 5" → "airtight lids").
    while words and (words[-1].lower() in _DANGLING or " ".join(words[-2:]).lower() in _SET_OF):
        words = words[:-2] if " ".join(words[-2:]).lower() in _SET_OF else words[:-1]
    # "for Budgies Canaries Finches Cockatiels": a run of keywords, no list a sentence
    # can say.
    if (
        len(words) > EN_PART_WORDS - 1
        and not re.search(r"\d", " ".join(words))
        and not {"and", "&", "of", "with"} & {w.lower() for w in words}
    ):
        return ""
    return " ".join(words)


_LIMIT_WORDS = re.compile(r"(?i)\b(?:max|min|maximum|minimum|load|capacity|up to|supports)\b")
_MODEL_WORDS = frozenset({"pro", "max", "plus", "ultra", "mini", "se", "lite"})
_DANGLING = frozenset({"of", "for", "with", "and", "&", "x", "in", "to", "-"})
_SET_OF = frozenset({"set of", "pack of"})


# A long marketplace title lists features after the product ("…, 6 Presets", "…, Crepe
# Sole", "…, Fits 10–16 Inch Laptops"): said after it, as what it has or does, not piled
# before it ("a fits 10–16 inch laptops adjustable height … stand").
_FEATURE_VERB = re.compile(
    r"^(fits|holds|works with|compatible with|[a-z]+s up to)\s", re.IGNORECASE
)  # "Treats up to 115m²": what it does
_FEATURE_FOR = re.compile(r"^(ages?|for)\s", re.IGNORECASE)
_FEATURE_COUNT = re.compile(r"^\d[\d,.]*\s+(?:[A-Za-z-]+\s+)*(?:[A-Za-z-]+s|count)$", re.IGNORECASE)
_FEATURE_CONTAINER = re.compile(
    r"^(\d+(?:[.,]\d+)?\s?[a-z]{1,3})\s+(?:(?:bulk|large|small|resealable|gift)\s+)?"
    r"(tin|jar|box|bag|bottle|pouch|can|tub|crate|carton|sack|bucket)$"
)
# Substances a shop sells by weight or volume, named without "a" ("This is manuka honey");
# not `MASS_NOUNS`, the abstract and material nouns a part or a feature is said of
# ("It has memory foam").
_UNCOUNTED_GOODS = frozenset({
    "honey", "ghee", "butter", "flour", "rice", "sugar", "salt", "tea", "coffee", "oil",
    "vinegar", "syrup", "milk", "yoghurt", "yogurt", "compost", "soil", "sand", "gravel",
    "grit", "fertiliser", "fertilizer", "mulch", "twine", "wax", "grout", "cement", "hay",
    "food", "litter", "feed", "rennet", "oatmeal", "porridge", "granola", "muesli", "melt",
    # "a chinchilla dust", "a 10g henna powder", "a … wattleseed" (review 48).
    "dust", "powder", "clay", "spice", "seasoning", "cocoa", "jam", "paste", "glue", "resin",
    "putty", "plaster", "mortar", "sawdust", "bedding", "moss", "peat", "perlite", "incense",
    "charcoal", "vermiculite", "wattleseed", "birdseed", "linseed", "flaxseed",
})  # fmt: skip
# A plural name, then the measure and the container it comes in ("Fresh Tasmanian
# Cherries 2kg Box", "Dried Mealworms 5kg Bulk Bag"): read in order, the box was the name
# ("a fresh tasmanian cherries 2kg box", review 33).
_IN_CONTAINER = re.compile(
    # A plural or a substance ("Pet Safe Ice Melt 10 kg (22 lb) Jug", review 41).
    r"^(?P<name>.+?(?:[a-z]s|\b(?:honey|melt|food|feed|litter|salt|compost|soil|mulch|rice)))"
    r"\s+(?P<box>\d+(?:[.,]\d+)?\s?[A-Za-z]{1,3}\s+(?:\([^)]*\)\s+)?"
    r"(?:(?:Bulk|Large|Small|Resealable|Gift)\s+)?"
    r"(?:Tin|Jar|Box|Bag|Bottle|Pouch|Can|Tub|Crate|Carton|Sack|Bucket|Jug|Pail|Tube))\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
# What a product is for when a title part names it ("Sensitive Skin" → "for sensitive skin").
_BODY_PARTS = frozenset({
    "skin", "hair", "face", "scalp", "lips", "feet", "hands", "nails", "eyes", "teeth", "gums",
})  # fmt: skip
# The last word of a modifier, not a part: "Pre-seasoned", "Reflective", "Stainless".
# "-y" after a consonant but r or t: "stretchy", "silky", not "display", "battery", "city".
_ADJECTIVE_END = re.compile(
    r"(?:able|ible|ed|ing|ful|ive|ous|less|proof|al|ic|ary|free|(?<![aeiourt])y)$"
)


# A title part that is a name ("Harbour at Dusk", "Lady of the Lake"): capitalized words
# around a preposition, as a work's title is written; "with a harbour at dusk" read it
# as a part of the product (blind review 12).
_NAMED = re.compile(
    r"[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:at|of|on|in|by|under|over)(?: the)?"
    r" [A-Z][a-z]+(?: [A-Z][a-z]+)*"
)
# A container a product comes in, said with its article ("in a storage bucket").
_CONTAINED = re.compile(
    r"(?i)\b(in|with) (?!a |an |the )((?:\w+ )?(?:bucket|box|tin|jar|case|pouch|tube|bag|basket))\b"
)


def _feature(part: str, *, spoken: bool = False) -> str | None:
    """A title qualifier as a phrase after the product, or None for a modifier before it
    ("Padded", "Reflective", "Medium Roast"). A part of two words or more that ends in a
    noun is a feature ("with a foldable plug", "with a blue LED"); one with "&" is a
    modifier ("rosemary & mint")."""
    low = lower_words(part.strip())
    if any(re.match(r"[A-Za-z]+[A-Z][a-z]", w) for w in part.split()):
        low = part.strip()  # "FreeSync Premium": a name, as its maker writes it
    words = low.split()
    if not words or "&" in words or " and " in f" {low} ":
        return None
    if words[0] == "with":
        return f"with {_with(' '.join(words[1:]))}" if len(words) > 1 else None
    if _FEATURE_VERB.match(low):
        verb = words[0] in ("fits", "holds") or " ".join(words[1:3]) == "up to"
        return f"that {low}" if verb else low
    if _FEATURE_FOR.match(low):
        return low if words[0] == "for" else f"for {low}"
    if _FEATURE_COUNT.match(low):
        return f"with {_with(low)}"  # "with 6 presets", "with a 300 thread count"
    container = _FEATURE_CONTAINER.match(low.lower())  # "5 LB Box" (review 34)
    if container and extract_quantities(container.group(1)):
        return f"in {article(low)} {low}"  # "100 g Tin": "in a 100 g tin"
    if spoken:
        return None  # the rest is for the rules that read measures, sizes and colours
    if words[-1] in _BODY_PARTS:
        return f"for {low}"  # "Sensitive Skin", "Curly Hair": who it is for, not a part
    adjective = _ADJECTIVE_END.search(words[-1]) or FLAG_END.search(words[-1])
    if len(words) >= 2 and words[0] not in _SIZES and not adjective:
        return f"with {_with(low)}"
    return None


@functools.cache
def _pair_nouns() -> frozenset[str]:
    """What people sell as "a pair of …" (bench/pair_nouns_mine.py, from Myntra's copy)."""
    return frozenset(word_sections("pair-nouns-mined.txt").get("pairs", set()))


@functools.cache
def _pair_words() -> frozenset[str]:
    """The mined pair nouns and those beyond fashion (`_PAIR_EXTRA`)."""
    return _pair_nouns() | _PAIR_EXTRA


# Spec names said with a verb, not "with a 2200 W power".
_EN_SPEC_VERBS = {"power": "rated at", "weight": "weighing", "size": "measuring",
                  "dimensions": "measuring", "length": "measuring"}  # fmt: skip
# Spec names a value is said "per" ("2 capsules per serving").
_EN_PER = {"serving", "dose", "portion"}
_EN_MATERIAL_NAME = re.compile(r"^(?:material|fabric)$", re.IGNORECASE)
_COUNTED = re.compile(r"a (?:pack|set) of \d+ (?:\w+ of )?")


def _after_count(phrase: str) -> int:
    """Where a word that qualifies the product goes: after a pack's count ("a pack of 3
    women's …"), else first."""
    counted = _COUNTED.match(phrase)
    return counted.end() if counted else 0


# Spec names that are verbs or lists, not parts ("includes: carry strap").
_EN_VERB_NAMES = {"includes", "features", "contents", "details"}


# Spec parts a lead takes before they string into a run-on ("… in white measuring 48 x 48
# x 30 mm weighing 110 g and …", blind review 9); "with a 2.0 Ah battery and a 13 mm
# chuck" reads well.
MAX_LEAD_PARTS = 2
# Attributes past which a lean lead takes none of its specs: a reader found "… for ages
# 3–10 in mustard yellow with a 200 gsm fabric weight, made of …" crammed (review 11).
MAX_LEAD_ATTRIBUTES = 3


def _en_specs(attributes: Attributes, text: str, *, lean: bool = False) -> tuple[str, list[str]]:
    """The title's phrase, and what the attributes add to it, each said the way a spec sheet
    is read ("in sand", "with a 2.0 Ah battery", "with 160 pages", "with brown switches",
    "measuring 70 x 140 cm", ", made of 100% cotton"); a material the phrase names in part
    is said whole in its place ("925 sterling silver hoop earrings"). Only shapes these
    rules read right; other attributes ("origin: Colombia") are left to the model.
    `lean`: where more than MAX_LEAD_PARTS would follow the phrase, only what goes inside
    it (who it is for, a property, the material it names in part) and its colour; the
    rest is said in sentences of its own (`fact_sentences`), not strung onto one."""
    colours: list[str] = []
    withs: list[str] = []
    made: list[str] = []
    flags: list[str] = []
    for name, value in attributes:
        said = text.lower()
        low_name, low_value = name.lower().strip(), value.lower().strip()
        # One word, or two ("cord length", "dishwasher safe"): longer names are sentences.
        if said_in(low_value, said) or not re.fullmatch(r"[a-z]+(?: [a-z]+)?", low_name):
            continue
        amounts = [(q.value, q.unit) for q in extract_quantities(low_value) if q.unit]
        if amounts and set(amounts) <= {(q.value, q.unit) for q in extract_quantities(said)}:
            continue  # "weight: 2.5 kg" of "a 2.5kg timothy hay": said ("… weighing 2.5 kg")
        if "(" in low_value:
            continue  # "pages: 192 (96 sheets)": a note no clause carries; the table does
        if low_value in YES_NO - YES:
            continue
        if low_value in YES:
            if is_plural(low_name):
                withs.append(low_name)  # "pockets: yes": "with pockets"
            elif " " in low_name and not FLAG_END.search(low_name):
                withs.append(_with(low_name))  # "carry strap: true": "with a carry strap"
            elif len(flags) < 2:
                # "BPA-free", but "dermatologically tested": no hyphen after an adverb
                joiner = " " if name.split()[0].lower().endswith("ly") else "-"
                flags.append(joiner.join(lower_words(w) for w in name.split()))
            continue
        if low_name == "gender" and low_value in _AUDIENCE:
            # "gender: Women" of "Soie … Minimizer Bra": who it is for, said first.
            if not _NAMES_AUDIENCE.search(said):
                at = _after_count(text)
                text = f"{text[:at]}{_AUDIENCE[low_value]} {text[at:]}"
            continue
        # "black, blue, pink", "blue/red, black/teal": the colours it comes in, not the
        # one it is (`fact_sentences` says "It comes in …").
        listed = re.search(r",|;|\band\b", low_value)
        if COLOUR_NAME.match(low_name) and len(low_value.split()) <= 3 and not listed:
            # A title that names its colours wins over a colour field that disagrees
            # (Myntra's "Silver-Toned … Flats" filed under Red).
            if not colour_claims(said):
                # "Beige / Black": two a shopper chooses from ("in beige / black", review
                # 40); "white/khaki" unspaced is one two-tone colour.
                colours.append(f"in {low_value.replace(' / ', ' or ')}")
        elif _EN_MATERIAL_NAME.match(low_name) and len(low_value.split()) <= 4:
            words = low_value.split()
            tails = [" ".join(words[i:]) for i in range(1, len(words))]
            # Not an adjective alone ("free" of "food-grade silicone, BPA free" in "hands
            # free", review 29).
            tail = next(
                (
                    t
                    for t in tails
                    if re.search(rf"\b{re.escape(t)}\b", said)
                    and "," not in low_value
                    and not FLAG_END.search(t)
                ),
                None,
            )
            # A word or two more, none said already: "316 marine grade aisi 316 stainless
            # steel …", "breathable 100% polyester softflex mesh baby carrier" read as
            # garbled (review 40); the attribute's sentence says those.
            added = low_value[: -len(tail)].split() if tail else []
            whole = "%" not in low_value or added[:1] == ["100%"]  # "100% cotton bath towel"
            if tail and len(added) <= 2 and whole and not set(added) & set(said.split()):
                # "sterling silver hoop earrings" of 925 sterling silver
                text = re.sub(rf"(?i)\b{re.escape(tail)}\b", low_value, text, count=1)
            elif not any(w in said for w in re.findall(r"[a-z]{3,}", low_value)):
                # "neoprene, nylon and breathable mesh", not a comma list (review 29)
                made.append("made of " + and_list(re.split(r"\s*,\s*", low_value)))
        elif low_name in _EN_PER and len(value.split()) <= 3:
            amount = value.strip().split()
            if len(amount) > 1 and amount[-1].lower() in said:
                amount.pop()  # "capsules, 2 per serving", not "capsules, 2 capsules …"
            made.append(f"{' '.join(amount)} per {low_name}")
        elif MEASURE.match(value.strip()):
            if value.strip().isdigit():
                if low_name.endswith("s"):  # "with 160 pages"
                    withs.append(f"{value.strip()} {low_name}")
            elif low_name in _EN_SPEC_VERBS:
                colours.append(f"{_EN_SPEC_VERBS[low_name]} {value.strip()}")
            elif low_name in MASS_NOUNS:
                withs.append(f"{value.strip()} {low_name}")
            # "item volume", "net weight": the product's own measure, not a part it has
            # ("with a 10 ml item volume"); a fact sentence says it ("It holds 10 ml").
            elif not low_name.endswith("s") and not re.match(
                r"(?:item|net|unit|product|package|total)\b", low_name
            ):  # "with a 13 mm chuck"
                withs.append(f"{article(value.strip())} {value.strip()} {low_name}")
        elif (
            low_name.endswith(("es", "ts", "ds", "ls"))
            and low_name not in _EN_VERB_NAMES
            and len(value.split()) <= 3
            and "," not in value  # a list is no modifier ("with Biotin, Peptides … key
            # ingredients", review 29)
        ):
            # "with BPA-free plastic lids"; "pages: 160 numbered pages" names itself.
            named = value.strip().lower().endswith(low_name)
            withs.append(value.strip() if named else f"{value.strip()} {low_name}")
        elif low_name in MASS_NOUNS and len(value.split()) <= 3:
            withs.append(f"{value.strip()} {low_name}")  # "with polyester fill"
    if withs:
        colours.append("with " + and_list(withs))
    if flags:  # before the product, after a pack's count: "a pack of 3 BPA-free …"
        at = _after_count(text)
        text = f"{text[:at]}{' '.join(flags)} {text[at:]}"
    verbs = sum(c.startswith(tuple(_EN_SPEC_VERBS.values())) for c in colours)
    parts = len(withs) + len(made[:2]) + verbs
    # A participle after a "with" part reads as that part's ("with 400 lumens, a red light
    # mode weighing 68 g"); two in a row as a run-on ("measuring 32 x 27 x 30 cm rated at
    # 1400 W").
    # A title's own "with" part takes no second one ("with a blue LED, an auto shut-off
    # and a 1.7 L capacity and a 75 cm cord length").
    own = text.split(" with ", 1)[1] if " with " in text else ""
    own_parts = (own.count(",") + own.count(" and ") + 1) if own else 0
    run_on = verbs > 1 or bool(verbs and (withs or own)) or own_parts + len(withs) > 2
    rich = len({name for name, _ in attributes}) > MAX_LEAD_ATTRIBUTES
    if lean and (parts > MAX_LEAD_PARTS or run_on or rich):
        return text, [c for c in colours if c.startswith("in ")]
    return text, colours + [f", {m}" for m in made[:2]]


def _proper_words(attributes: Attributes) -> set[str]:
    """Words the facts capitalize inside a value ("100% European flax linen", "Yirgacheffe,
    Gedeo Zone, Ethiopia"): proper names, which the lead says as the facts do, not
    lower-cased with the title's other words. A value's first word counts only beside
    another capitalized one (sentence case capitalizes it anyway: "Machine wash cold"), and
    a catalog whose values are all in title case tells nothing."""
    # A place's name is a name wherever it stands ("region: Speyside", "origin: Huila").
    places: set[str] = {
        word
        for n, v in attributes
        if _PLACE_NAME.search(n)
        for word in re.findall(r"\b[A-Z][a-z'-]+", v)
    }
    out: set[str] = set()
    values = [v for _, v in attributes if v.lower() not in YES_NO]
    longer = [re.findall(r"[A-Za-z][a-z'-]+", v) for v in values]
    longer = [words for words in longer if len(words) > 1]
    capitals = [words for words in longer if all(w[0].isupper() for w in words)]
    if longer and len(capitals) * 2 >= len(longer):
        return places
    # What comes in the box is a list of things, each capitalized as a list's items are
    # ("included components: Drill, 2 Batteries, Charger"), no names.
    # A value of sentences starts each with a capital ("…is best for babies. Infant milk
    # should…"): each sentence is a value of its own; a notice is no copy at all.
    # A list ("Navy Blue, Black, Grey"; a sanitized list is one string) is capitalized as
    # a catalog's items are; a place's list is names (above), a colour's never.
    values = [
        sentence
        for n, v in attributes
        if v.lower() not in YES_NO
        and not _PARTS_NAME.search(n)
        and not COLOUR_NAME.match(n.strip())
        and not is_record(n, v)
        and not re.search(r",\s*[A-Z]", v)
        for sentence in re.split(r"(?<=[.!?])\s+", v)
    ]
    for value in values:
        upper = re.findall(r"\b[A-Z][a-z'-]+", value)
        if (len(upper) == 1 and value.startswith(upper[0])) or " " not in value.strip():
            continue  # "Medium-Dark": one word in title case
        # "Solid American walnut", "Automatic (Seiko NH35A, …)": a value ending in a
        # lower-case word is in sentence case; its first capital is no name.
        words = re.findall(r"[A-Za-z][\w'-]*", value)
        if upper and value.startswith(upper[0]) and words and words[-1].islower():
            upper = upper[1:]
        out |= set(upper)
    # A common word capitalized in a value ("Upstream (Bank 1 Sensor 1)") is the value's
    # style, not a name: the dictionary decides (`lower_word`), as it does for the title.
    return places | {w for w in out if w.lower() not in common_words()}


_PLACE_NAME = re.compile(r"(?i)region|origin|country|made in|appellation")
_PARTS_NAME = re.compile(r"(?i)includ|contents|components|in the box|accessories|features")


def _proper_case(text: str, attributes: Attributes) -> str:
    for word in _proper_words(attributes):
        text = re.sub(rf"\b{re.escape(word.lower())}\b", word, text)
    return text


# What is sold as a pair beyond Myntra's fashion (its copy mined `_pair_nouns`).
_PAIR_EXTRA = frozenset({
    "headphones", "earphones", "earbuds", "sunglasses", "scissors", "pliers", "goggles",
})  # fmt: skip
# Nouns only ever plural: "Short Sleeve" is not a pair of shorts.
_PLURALIA = frozenset({"shorts", "trousers", "pants", "jeans", "leggings", "tights", "glasses"})


def _singular(word: str) -> str:
    low = word.lower().strip("'\".,")
    if low in _PLURALIA:
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes")):
        return low[:-2]  # glasses, boxes; not hoses, cases
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


@functools.cache
def _type_heads() -> frozenset[str]:
    """The head nouns of the product types the guards know ("desk lamp" → "lamp")."""
    return frozenset(_singular(s.split()[-1]) for s in type_surfaces() if s.isascii())


def _kind_heads(path: Sequence[str]) -> set[str]:
    """Head nouns of what the catalog files the product as, below its top level ("Kitchen",
    "Fashion" name no product) and less audiences ("Women"): "Coats & Jackets" → coat,
    jacket. Not the keywords: a shop's keywords are as often a material or a style
    ("tri-ply", "sterling silver", "zero waste")."""
    heads = set()
    for kind in path[1:] if len(path) > 1 else path:
        if _NAMES_AUDIENCE.search(kind.lower()):
            continue
        for piece in re.split(r"\s*[&,]\s*|\s+and\s+", kind):
            words = re.split(r"\s+(?:for|with|in|of)\s+", piece.strip(), maxsplit=1)[0].split()
            if words and words[-1].isascii():
                heads.add(_singular(words[-1]))
    return heads


def _alternatives(path: Sequence[str]) -> list[set[str]]:
    """The head nouns of each category level that names two kinds ("Turntables & Record
    Players" → {turntable, player}): a title that says both names one product twice."""
    return [h for kind in path if len(h := _kind_heads(["", kind])) > 1]


# The part of a title after its product's name that goes with the name: "with Carry
# Strap", "for Women", "in Storage Bucket".
_EN_TAIL = re.compile(r"\s(?:(?:compatible|suitable)\s)?(?:with|for|in)\s", re.IGNORECASE)
# An age range inside a title's first part ("… Toys for Kids Ages 3+", "Helmet Ages 5-8"):
# a part of its own ("for ages 5–8").
_EN_AGES = re.compile(r"\s(Ages?\s+\d+(?:\s*[-–]\s*\d+|\+)?(?:\s*(?:years?|yrs|months?))?)\b")
# A name of more words than this (after its leading measures) has run on into keywords.
EN_NAME_WORDS = 6
# Words after the product's name this many or more are keywords, not a part of it.
EN_STUFFED_WORDS = 3
# A title longer than this many words is a marketplace's keyword list: its later parts of
# more than EN_PART_WORDS words are more keywords ("Deep Bass for Travel Home Office PC").
EN_LONG_TITLE = 12
EN_PART_WORDS = 4


def _en_parts(title: str, path: Sequence[str], brand: str = "") -> str:
    """A marketplace title cut to the product and its parts, as comma-separated parts for
    `_en_phrase`. A keyword-stuffed title names the product again and again ("Women's
    Quilted Puffer Jacket Lightweight Packable Hooded Winter Coat", "Bluetooth Headphones
    Over Ear, 60H Playtime Wireless Headphones with 6 EQ Modes, Foldable Lightweight
    Headset with Mic, …"); read whole, the lead strung every keyword onto one noun ("a 60H
    Playtime Wireless Headphones with 6 EQ Modes foldable lightweight headset …", an
    unseen catalog). The product's name ends at its head noun, the one the category, the
    keywords or the guards' product types name; after it, a measure or a word or two is a
    part of its own ("Yoga Mat 6mm … with Carry Strap" → "a 6mm yoga mat with a carry
    strap"); three words or more are a second name and dropped, as is a later part that
    names the product again."""
    # "(2 Black, 1 Cyan, 1 Magenta, 1 Yellow)": a note whose commas are no parts of the
    # title; "Compatible for …" is "compatible with …", and a run of model codes after it
    # ("XP-2100 XP-2105 XP-3100 …") is the table's.
    text = re.sub(r"\s*\([^)]*,[^)]*\)", "", normalize(title))
    # "Pack of 20, 50 or 100": the pack sizes it comes in, none of them the product's ("a
    # pack of 20 … favours", review 40); the attributes list them.
    text = re.sub(
        r"(?i)\s*[-–,|]?\s*\b(?:pack|set)s? of \d+(?:\s*,\s*\d+)*\s*(?:,?\s*or|/)\s*\d+\b", "", text
    )
    # "234-4209 Upstream Oxygen Sensor …": a part number that opens the title is the
    # table's ("a 234-4209 upstream oxygen sensor", review 33).
    part_number = re.match(r"\s*(?=[\w-]*\d{3})[A-Z0-9]+(?:[-_][A-Z0-9]+)+\s+(?=[A-Z][a-z])", text)
    if part_number and not any(q.unit for q in extract_quantities(text[: part_number.end() + 12])):
        text = text[part_number.end() :]
    # "[3 Pack] Tempered Glass Screen Protector …": the bracketed count is the pack's, a
    # part after the name ("a [3 pack] tempered glass …", review 31).
    bracketed = re.match(
        r"\s*[\[(](\d+\s*(?:pack|pk|pcs|pieces|count|ct|pairs?))[\])]\s*(.+)", text, re.I
    )
    if bracketed:
        first, *others = _SPLIT_EN.split(bracketed[2], maxsplit=1)
        text = ", ".join([first, bracketed[1], *others])
    # "3 in 1": one word ("3-in-1"), not a tail "in 1" after "… tuner 3" (review 28).
    text = re.sub(r"\b(\d+)\s+in\s+(\d+)\b", r"\1-in-\2", text)
    # … said before the name it qualifies ("a 3-in-1 digital metronome tuner"), after the
    # brand that opens the title ("Ferncot 6-in-1 …": not "a 6-in-1 Ferncot …").
    branded = brand and text.lower().startswith(brand.lower() + " ")
    said_brand, text = (text[: len(brand) + 1], text[len(brand) + 1 :]) if branded else ("", text)
    text = said_brand + re.sub(r"(^|[,|;]\s*)([^,|;]+?)\s+(\d+-in-\d+)\b", r"\1\3 \2", text)
    text = re.sub(r"(?i)\bcompatible for\b", "Compatible with", text)
    # "Walk In Polytunnel", "Plug In Heater": one adjective, no "in" part ("a walk",
    # review 29).
    text = re.sub(
        r"\b(Walk|Plug|Built|Slip|Pull|Roll|Drop|Step)[\s-]+(In|On|Out)\b(?=\s+[A-Z])",
        r"\1-\2",
        text,
    )
    text = re.sub(r"(?:\s+(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]+){3,}", "", text)
    parts = [p for p in _SPLIT_EN.split(text.strip()) if p]
    if not parts:
        return title
    # "1 fl oz / 30 mL": one measure in two units, said once (the metric one).
    parts = [_equivalent(p) for p in parts]
    heads = _kind_heads(path) | _type_heads()
    first, later = parts[0], parts[1:]
    # The brand that opens a title is no part of the name ("Pepe Jeans Men … T-shirt").
    opening = _brand_opening(first, brand)
    first = first[len(opening) :]
    first, later = _dose_form(first, later)
    # "8 Pack Solar Fence Lights": the count said as the title's later part would say it
    # ("a pack of 8 solar fence lights"), not as a word of the name ("these 8 pack …").
    # ("100 Pack 12\" Vinyl Record Sleeves": a measure may open the name after it.)
    counted = re.match(
        r"(\d+)[\s-]?(pack|pk|count|ct|pcs|pieces)\s+(?=[A-Za-z]|\d[\d.]*\s?[A-Za-z\"]{1,4}\s)",
        first,
        re.I,
    )
    if counted and len(first[counted.end() :].split()) >= 2:
        unit = "Pieces" if counted[2].lower() in {"pcs", "pieces"} else "Pack"
        first, later = first[counted.end() :], [f"{counted[1]} {unit}", *later]
    # "Birth Flower Necklace Sterling Silver": the material after the name is what it is
    # made in ("a … necklace in sterling silver", not "a … necklace sterling silver").
    made = _MATERIAL_END.search(first)
    if made and _singular(first[: made.start()].split()[-1]) in heads:
        first = f"{first[: made.start()]} in {made[1]}"
    # "Glass Beaker Set 5 Sizes 50ml 100ml …": the options it comes in are no word of its
    # name ("these glass beaker set 5 sizes", review 36); the title's parts say them.
    first = re.sub(r"\s+\d+\s+(?:Sizes|Colou?rs|Styles|Designs)\b.*$", "", first) or first
    # "Bath Towels Set": a noun before another is singular ("a bath towel set", review 37).
    first = re.sub(
        r"\b([A-Za-z]{3,}[^sv\W]s)(?= (?:Set|Kit|Bundle|Combo|set|kit|bundle|combo)\b)",
        lambda m: m[1] if m[1].lower() in _PLURALIA else m[1][: len(_singular(m[1]))],
        first,
    )

    # "Women Gold-Toned, White & Green … Cocktail Ring": a first part of modifiers only;
    # the name goes on in the next.
    def named(part: str) -> bool:
        return any(_singular(w) in heads for w in part.split())

    modifiers = bool(_ADJECTIVE_END.search(first.split()[-1])) if first.split() else False
    if later and len(first.split()) <= 3 and modifiers and not named(first) and named(later[0]):
        first = f"{first} {later.pop(0)}"
    ages = _EN_AGES.search(first)
    if ages:
        first = (first[: ages.start()] + first[ages.end() :]).strip()
        later.insert(0, ages.group(1))
    long_title = len(normalize(title).split()) > EN_LONG_TITLE
    boxed = _IN_CONTAINER.match(first)
    if boxed:
        first = boxed["name"] + boxed["rest"]
        later.insert(0, boxed["box"])
    tail_at = _EN_TAIL.search(first)
    core, tail = (first[: tail_at.start()], first[tail_at.start() :]) if tail_at else (first, "")
    core = _measure_first(core)
    # "Steel Cap Work Boots Mens": who it is for, said first ("men's steel cap …", review 29).
    whose = re.fullmatch(r"(.{3,}?)\s+(Men|Mens|Men's|Women|Womens|Women's|Kids|Boys|Girls)", core)
    if (
        whose
        and len(whose[1].split()) >= 2
        and not _NAMES_AUDIENCE.fullmatch(whose[1].split()[-1].lower())  # "… Men Women"
    ):
        owner = "kid" if whose[2].lower() == "kids" else whose[2].lower().rstrip("'s")
        core = f"{_POSSESSIVE.get(owner, whose[2])} {whose[1]}"
    first = core + tail
    words = core.split()
    # "Cream & Navy Blue … T-shirt", "White & Green Kundan … Ring": a word joined by "&"
    # is a modifier's (a colour's), not the product's name.
    joined = {"&", "and"}
    # "Barstools" of the category names the title's "Bar Stools" (the category's own
    # heads only: the guards' types split "backpack" into a "pack").
    split = {_singular(c[1]) for h in _kind_heads(path) if (c := compound(h))}
    heads = heads | (split - _EN_SET_WORDS)
    is_head = [
        _singular(w) in heads
        and (i == 0 or words[i - 1] not in joined)
        and (i + 1 == len(words) or words[i + 1] not in joined)
        for i, w in enumerate(words)
    ]
    if not any(is_head):
        if not words or not long_title:
            return ", ".join([opening + first, *later])
        # A name the tables do not know ("5-Tier Bookshelf, Industrial Bookcase …"): its
        # last word is its noun, and a long title's later parts are held to the same rules.
        heads = heads | {_singular(words[-1])}
        return ", ".join([opening + first, *_kept_parts(later, heads, long_title)])
    # "Duvet Cover Set", "Drill Driver Kit": a set of the product is still its name.
    is_head = [h or (i > 0 and is_head[i - 1] and _singular(w) in _EN_SET_WORDS | _EN_FORMS)
               for i, (w, h) in enumerate(zip(words, is_head, strict=True))]  # fmt: skip
    alternatives = _alternatives(path)  # once, not per head word
    cut = None
    i = 0
    while i < len(words):
        if not is_head[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and is_head[j + 1]:
            j += 1
        # "Carry-On Spinner Suitcase": a head word soon after is the same name going on;
        # "… Jeans Men Navy …": an audience after it makes it a brand's word; "Block Print",
        # "Shirt Style", "Mugs cum …": a modifier (Myntra's titles).
        after = words[j + 1].lower() if j + 1 < len(words) else ""
        # "Oxygen Sensor O2 Sensor": the head said again restates the name, as does a
        # second name the category gives beside it ("Record Player Vinyl Turntable" of
        # "Turntables & Record Players", review 33).
        again = any(
            is_head[k]
            and (
                _singular(words[k]) == _singular(words[j])
                or any({_singular(words[k]), _singular(words[j])} <= s for s in alternatives)
            )
            for k in range(j + 1, min(j + 3, len(words)))
        )
        if not again and (
            any(is_head[j + 1 : j + 3]) or _NAMES_AUDIENCE.fullmatch(after) or after in _EN_MODIFIES
        ):
            i = j + 1
            continue
        cut = j + 1
        break
    # "Full Body Safety Harness Fall Arrest Kit" of …/Height Safety/Harness Kits: a head of
    # an upper level ("safety", a department) is no name when the leaf's own head follows
    # soon after ("a full body safety", review 36).
    leaf = _kind_heads(["", path[-1]]) if path else set()  # the category's own heads
    upper = cut is not None and _singular(words[cut - 1]) not in leaf | _type_heads()
    if cut is not None and leaf and upper:
        ahead = [
            k
            for k in range(cut, min(cut + 4, len(words)))
            if _singular(words[k]) in leaf and not any(re.search(r"\d", w) for w in words[cut:k])
        ]
        if ahead:
            cut = ahead[0] + 1
        else:
            # "Dog Agility Weave Poles Set of 12" of …/Dogs/Training: a plural a word or
            # two after the upper level's head names the product ("a dog agility",
            # review 45).
            # (A noun before "Set" was made singular above: "Weave Pole Set of 12".)
            plural = next(
                (
                    k
                    for k in range(cut, min(cut + 3, len(words)))
                    if is_plural(words[k].lower())
                    or (
                        k + 1 < len(words)
                        and words[k + 1].lower() in _EN_SET_WORDS
                        and re.search(rf"(?i)\b{re.escape(words[k])}s\b", title) is not None
                    )
                ),
                None,
            )
            if plural is not None and all(
                w.isalpha() and w.lower() not in _FUNCTION_WORDS | _EN_SET_WORDS
                for w in words[cut : plural + 1]
            ):
                cut = plural + 1
                # The set's own words go with it ("… Pole Set of 12": "a set of 12 …").
                set_of = re.match(r"(?i)(?:set|kit|pack)(?: of \d+)?\b", " ".join(words[cut:]))
                if set_of:
                    cut += len(set_of[0].split())
    kept = _kept_parts(later, heads, long_title)
    # "Eyeshadow Palette 35 Colors Matte …": a head of one word whose next word is a noun
    # names the product with it (review 28).
    if (
        cut == 1
        and len(words) > 3
        and re.fullmatch(r"[A-Z][a-z]+", words[1])
        and not _ADJECTIVE_END.search(words[1].lower())
        and words[1].lower() not in _SIZES
        and not _RATING_IN.match(" ".join(words[1:3]))
    ):
        cut = 2
    # "Zinc + Vitamin C Immune Lozenges", "Magnesium Glycinate Gummies": the form a few
    # words after a head is what the product is ("a zinc + vitamin", review 34).
    if cut is not None:
        formed = [
            k for k in range(cut, min(cut + 3, len(words))) if _singular(words[k]) in _EN_FORMS
        ]
        if (formed and not any(re.search(r"\d", w) for w in words[cut : formed[0]])) or (
            formed and re.fullmatch(r"[A-Z]\d?", words[cut])
        ):
            cut = formed[0] + 1
    # "Cap Screws Bolts Nuts Washers Assortment Kit": the kit its nouns name (`_as_kit`).
    kit = _as_kit(words, cut - 1, limit=6) if cut is not None else None
    if kit is not None:
        words, cut = kit, len(kit)
    rest = " ".join(words[cut:]) if cut is not None else ""
    # "Kids Scooter 3 Wheel", "Rotary Washing Line 4 Arm": a count of a part after the name
    # is its modifier ("a 3-wheel kids' scooter"; "a kids' scooter 3 wheel", review 33).
    parted = re.fullmatch(r"(\d{1,2})\s+([A-Z][a-z]{2,})", rest)
    if cut is not None and parted and not _has_unit(rest) and not is_plural(parted[2]):
        name = f"{parted[1]}-{parted[2].lower()} {' '.join(words[:cut])}"
        return ", ".join([opening + name + tail, *kept])
    rating = _RATING_IN.search(rest)
    measures = [m.group(0).strip() for m in re.finditer(_REST_MEASURE, _RATING_IN.sub(" ", rest))]
    # A measure has a unit: "15 Matte" of "SPF 15 Matte Finish" is none.
    counts = [m for m in measures if _COUNT.match(m.lower())]  # "94pc": a part of its own
    measures = [m for m in measures if _has_unit(m) and m not in counts]
    # Words and codes ("QHD 2560x1440 IPS"): a number without a unit is a keyword too.
    left = _RATING_IN.sub(" ", rest)
    for m in measures + counts:
        left = left.replace(m, " ")
    others = [w for w in left.split() if re.search(r"[A-Za-z\d]", w)]
    # The first measure only: more pile before the name ("a 165Hz 1ms 27-inch monitor").
    measured = measures
    measures = measures[:1] + counts
    # Cut three words or more after the name: a second name ("Puffer Jacket Lightweight
    # Packable Hooded Winter Coat") or keywords ("Foundation SPF 15 Matte Finish Full
    # Coverage Oil Free"). A word or two after the name may be its own ("Sunscreen SPF
    # 50", "Duvet Cover Set King"); a name of one word is no name to cut to.
    # A measure and two words after it are keywords too ("Air Fryer 5.8 QT Large Capacity").
    # "Ukulele Kit 23 Inch Mahogany": a measure and a word after the name are a keyword
    # too ("a … ukulele kit 23 inch mahogany", an unseen catalog).
    material = len(others) == 1 and (others[0].lower() in _MATERIALS or _is_colour(others[0]))
    # A measure and a word after the name are keywords ("Linen Tablecloth Rectangle 60 x
    # 104 Inch", "Solar Garden Lights Outdoor 8 Pack", review 28) unless the word is a size
    # ("Duvet Cover Set King") or an adjective `lead_variants` moves before the name; two
    # measures are one in two units or a pile ("Sleeping Bag 20°F / -7°C").
    # A plural, a set or a form goes on with the name ("Luggage Locks 2 Pack", "Angle
    # Grinder 125mm Kit", "Whey Protein Powder 2kg").
    own = all(
        o.lower() in _SIZES
        or _ADJECTIVE_END.search(o.lower())
        or is_plural(o)
        or _singular(o) in _EN_SET_WORDS | _EN_FORMS
        for o in others
    )
    # A plural ends its name: words after it are keywords ("Lightroom Presets Mobile &
    # Desktop", review 29).
    after_plural = (
        bool(others)
        and cut is not None
        and is_plural(words[cut - 1])
        and others[0].lower() not in {"over", "in", "on"}  # "Headphones Over Ear"
    )
    stuffed = (
        len(others) >= (EN_STUFFED_WORDS - 1 if measures else EN_STUFFED_WORDS)
        # "Soy Candle Personalized Gift": what it is sold as, no part ("with a personalized
        # gift", review 34).
        or any(o.lower() in {"gift", "gifts", "present", "idea", "ideas"} for o in others)
        or bool(measures and (material or not own))
        or len([m for m in measures if m not in counts]) > 1
        or (after_plural and not all(o.lower() in _SIZES for o in others))
    )
    piled = len(measured) > 1 or any(re.search(r"\d\W*\s?[x×]", m) for m in measured)
    if cut is not None and cut >= 2 and not stuffed and piled and not others and not counts:
        # "Whiteboard 36\" x 24\"", "Sleeping Bag 20°F / -7°C": the measure goes before the
        # name ("a 36\" x 24\" … whiteboard"), once.
        rated = f" {rating.group(0).strip()}" if rating else ""
        name = f"{measures[0]} {' '.join(words[:cut])}{rated}"
        return ", ".join([opening + name + tail, *kept])
    # A name of one word is a name to cut to only before a keyword string ("Dehumidifier
    # 30 Pint 1500 Sq Ft Basement Bedroom Continuous Drain Hose …", review 38), and only
    # the category's own ("dehumidifier" of …/Dehumidifiers).
    lone = (
        cut == 1
        and len(words) > EN_LONG_TITLE - 4
        and _singular(words[0]) in leaf
        and bool(re.match(r"\d", words[1]))  # a measure right after it, not "Balloon Garland"
    )
    if cut is None or (cut < 2 and not lone) or not stuffed:
        return ", ".join([opening + first, *kept])
    # "Foundation SPF 15 Matte Finish Full Coverage Oil Free", "Dumbbell 52.5 LB Quick
    # Select Dial Weight": keywords after the name, said by no rule; the measures and a
    # rating stay.
    name = " ".join(words[:cut]) + (f" {rating.group(0).strip()}" if rating else "")
    return ", ".join([opening + name + tail, *measures, *kept])


def _en_product(
    title: str,
    path: Sequence[str],
    brand: str = "",
    keywords: Sequence[str] = (),
    options: frozenset[str] = frozenset(),
) -> str:
    """`_en_parts` with its name tidied (`_tidy_name`)."""
    first, *later = _en_parts(title, path, brand).split(", ")
    opening = _brand_opening(first, brand)
    name = first[len(opening) :]
    tail_at = _EN_TAIL.search(name)
    core, tail = (name[: tail_at.start()], name[tail_at.start() :]) if tail_at else (name, "")
    heads = _kind_heads(path) | _type_heads() | _keyword_heads(keywords)
    leaf = _kind_heads(["", path[-1]]) if path else set()  # the category's own heads
    tidied, counts = _tidy_name(core, heads, leaf, options)
    # "Chicken Water Nipples Poultry Drinker Horizontal Side Mount Push-In Automatic
    # Waterer": a name that opens with the shop's own keyword for it and runs on three
    # words or more is that keyword (review 41); a keyword whose noun another keyword
    # shares names the product, not a brand's line ("lego mclaren").
    words = tidied.split()
    for keyword in keywords:
        said = keyword.lower().split()
        shared = sum(k.lower().split()[-1:] == said[-1:] for k in keywords) > 1
        if (
            len(said) >= 2
            and said[-1].isalpha()  # "size 312" names a size, no product
            and shared
            and [w.lower() for w in words[: len(said)]] == said
            and len(words) - len(said) >= 3
        ):
            counts += [f"{m[1]} Pack" for m in _NAME_COUNT.finditer(" ".join(words[len(said) :]))]
            tidied = " ".join(words[: len(said)])
            break
    if tidied == core:
        return ", ".join([first, *later])
    return ", ".join([opening + tidied + tail, *counts, *later])


# A count said inside a pasted name ("8 Pcs Set", "2 Pack"): the pack's, kept as a part.
_NAME_COUNT = re.compile(r"\b(\d+)\s*-?(pack|pk|pcs|pieces|count|ct|pairs?)\b", re.IGNORECASE)
# Words of a measure or a count, not of a name ("15 mm", "8 pcs set").
_MEASURE_WORDS = frozenset({
    "x", "pack", "pk", "pcs", "pc", "pieces", "piece", "count", "ct", "set", "pair", "pairs",
    "inch", "inches", "in", "ft", "feet", "oz", "fl", "lb", "lbs", "qt", "quart", "pint",
    "gal", "gallon", "ml", "cm", "mm", "kg", "g", "l", "m", "sq", "wide", "long", "thick",
    "each", "pints", "mg", "mcg", "iu", "w", "v", "mah", "gb", "tb",
})  # fmt: skip


_FUNCTION_WORDS = frozenset({"over", "and", "with", "for", "in", "of", "to", "the", "on", "by"})


def _keyword_heads(keywords: Sequence[str]) -> set[str]:
    """The last words of a shop's keywords ("wet lube", "ostomy bags"): nouns a shopper
    names the product by."""
    return {
        _singular(k.split()[-1])
        for k in keywords
        if k.split() and k.isascii() and k.split()[-1].isalpha()
    }


def _is_measure_word(words: Sequence[str], k: int) -> bool:
    """Whether words[k] is a measure or a count ("34oz", "15mm", "2-piece", "4 oz"); not a
    name's number ("D3", "K4", "Formula 1 Race Car", "AirPods Pro 2 Wireless": a bare
    number is a measure only before a unit)."""
    word = words[k]
    if re.fullmatch(r"\d[\d.,/-]*-?[a-zA-Z]{1,5}", word):
        return True
    after = words[k + 1].lower() if k + 1 < len(words) else ""
    return bool(re.fullmatch(r"\d[\d.,/-]*", word)) and after in _MEASURE_WORDS


def _name_words(words: Sequence[str]) -> list[str]:
    """The words of a name among `words` (lower-case, singular): no units, counts or forms."""
    return [
        w
        for w in words
        if w.isalpha() and len(w) > 2 and w not in _MEASURE_WORDS and w not in _EN_FORMS
    ]


def _as_kit(words: list[str], head: int, limit: int | None = None) -> list[str] | None:
    """The name up to the kit it is, where a plural head noun is followed (within `limit`
    words) by other things it holds and a set word: "Cap Screws Bolts Nuts Washers
    Assortment Kit" is a cap screw assortment kit ("a set of 420 … cap screws" of a kit of
    screws, nuts and washers, review 40); "Ceramic Set" (a set of the product) and "Set
    of 4" (a count) are not. None where it is no kit."""
    low = [_singular(w) for w in words]
    stop = len(words) if limit is None else min(head + 1 + limit, len(words))
    kit = next(
        (
            k
            for k in range(head + 1, stop)
            if low[k] in {"kit", "set", "assortment"}
            and low[k + 1 : k + 2] != ["of"]
            and all(w.isalpha() for w in words[head + 1 : k])
            and any(is_plural(w) for w in words[head + 1 : k])
        ),
        None,
    )
    if kit is None or not is_plural(words[head]):
        return None
    end = kit + 2 if low[kit + 1 : kit + 2] in (["kit"], ["set"]) else kit + 1
    return [*words[:head], words[head][: len(_singular(words[head]))], *words[kit:end]]


def _spec_word(word: str, options: set[str] | frozenset[str]) -> bool:
    """A word of a spec, a count, a colour or an option the listing offers ("15mm", "mmHg",
    "pcs", "Silver", "/", a shade "Light"), not of a name."""
    low = word.lower().strip(",")
    return (
        bool(re.fullmatch(r"\d[\d.,/x×-]*[\"']?[a-z]{0,5}", low))
        or low in _MEASURE_WORDS
        or low in _EN_UNIT_WORDS
        or low in {"/", "&", "-", "+"}
        or low in options
        or _is_colour(word)
    )


# The names of the axes a listing's variants differ on.
_EN_VARIANT_NAME = re.compile(
    r"shade|colou?r|size|flavou?r|scent|strength|style|pattern|variant|option", re.IGNORECASE
)
# Units of length, volume and weight a title writes apart from their number ("8 in").
_EN_UNITS = frozenset({"mm", "cm", "m", "in", "inch", "inches", "ft", "oz", "ml", "l", "g", "kg"})
# Units a title writes apart from their number ("15-20 mmHg", "30 psi").
_EN_UNIT_WORDS = frozenset({"mmhg", "psi", "dpi", "rpm", "db", "lm", "lumens"})


def _tidy_name(
    core: str,
    heads: set[str] | frozenset[str],
    leaf: set[str],
    options: set[str] | frozenset[str] = frozenset(),
) -> tuple[str, list[str]]:
    """A name pasted from a keyword-stuffed title cut to the name it starts with, and the
    counts it said. A marketplace title restates its product ("Bike Chain Lube Wet Lube")
    or runs specs into it ("Jar Kit 34oz Wide Mouth Glass", "Grout Pen White 15mm Wide Tip
    Tile Grout Marker"); read as one noun phrase it is no English (reviews 36-38 struck
    every such lead). The name a shopper would say ends before the first spec, colour or
    restated word, at its last head noun. Hand-written: no tagger we ship parses title
    English, whose nouns stack without grammar."""
    words = core.split()
    low = [_singular(w) for w in words]
    plain = [w for w in low if w.isalpha() and len(w) > 2]
    repeated = len(set(plain)) < len(plain)
    # Measures before the name are its modifiers ("200W 12V mono solar panel kit", "a 6
    # quart … Dutch oven").
    start = next(
        (
            k
            for k, w in enumerate(low)
            if w.isalpha() and w not in _MEASURE_WORDS and not _is_measure_word(words, k)
        ),
        len(words),
    )
    # A measure inside the name with words of the name after it: specs run into it; a
    # number without words after ("vitamin D3 2000 IU softgels") ends the name.
    specced = any(
        _is_measure_word(words, k) and len(_name_words(low[k + 1 :])) >= 2
        for k in range(start + 1, len(words))
    )
    stop = len(words)
    for k in range(start + 1, len(words)):
        if _is_measure_word(words, k) or _is_colour(words[k]) or low[k] in low[:k]:
            stop = k
            break
    # "Press Fasteners Anorak 15mm Silver 10 pcs", "Daywear SPF 30 Light 50g" (Light: a
    # shade the listing offers): specs with a colour or an option the title ends with,
    # the attributes' to say (a reader struck "a … fasteners anorak 15mm silver", review
    # 40). A measure alone is the name's, said before it ("a 30 L hiking backpack").
    tail = next(
        (
            k
            for k in range(start + 1, len(words))
            if all(_spec_word(w, options) for w in words[k:])
            and any(_is_colour(w) or w.lower() in options for w in words[k:])
            and not re.fullmatch(r"[\d.,/-]+", words[k])  # "SPF 30", "Formula 1": the name's
        ),
        None,
    )
    # "Replacement Heads 8 Pcs Set": the pack's count and its set word end the name.
    k = len(words) - 3
    if (
        tail is None
        and k > start
        and low[-1] in _EN_SET_WORDS
        and _NAME_COUNT.fullmatch(" ".join(words[k:-1]))
    ):
        tail = k
    # "Kilt Hose Socks Wool Blend": what it is made of, after its noun, ends the title's
    # name ("a men's kilt hose socks wool blend", review 40); the attributes say it.
    made_of = next(
        (
            k
            for k in range(start + 2, len(words))
            if low[k] in _MATERIALS
            and low[k - 1] in heads
            and all(w in _MATERIALS or w in {"blend", "mix", "&", "and"} for w in low[k:])
        ),
        None,
    )
    if made_of is not None and (tail is None or made_of < tail):
        tail = made_of
    if tail is not None:
        stop = min(stop, tail)
    # "Solar Panel Kit Folding Blanket Camping Caravan": more words than a name has run on
    # past its noun into keywords; the name ends with its first run of nouns.
    long = len(words) - start > EN_NAME_WORDS
    if not (repeated or specced or long or tail is not None):
        return core, []
    ends = [i for i in range(stop) if low[i] in heads]
    # The category's own noun before another table's ("Dermaplaning Tool Eyebrow Razor"
    # of …/Dermaplaning Tools); not before a set's word or a second name it joins ("balloon
    # garland arch kit", "ice scraper and snow brush").
    own = [i for i in ends if low[i] in leaf]
    if (
        own
        and ends[-1] > own[-1]
        and low[ends[-1]] not in _EN_SET_WORDS
        and not set(low[own[-1] : ends[-1]]) & (_FUNCTION_WORDS | {"&", "+"})
    ):
        ends = own
    if long and not (repeated or specced or tail is not None):
        # The tables' nouns and the category's own only: a shop's keywords name lines and
        # brands ("lego mclaren"), an upper level a department ("a full body safety").
        nouns = _type_heads() | leaf | _EN_SET_WORDS
        first = next((i for i in range(start + 1, stop) if low[i] in nouns), None)
        if first is None:
            return core, []
        end = first
        while end + 1 < stop and low[end + 1] in nouns:
            end += 1
        if len(_name_words(low[end + 1 :])) < EN_STUFFED_WORDS:
            return core, []  # "… Paddle Board SUP Package": a word or two of its own
        ends = [end]
    # A noun no table knows ("Grout Pen White 2 Pack …"): the words before the first spec
    # are its name, unless they end in a modifier.
    named_run = all(w.isalpha() for w in words[:stop]) and low[stop - 1] not in _FUNCTION_WORDS
    if not ends and 2 <= stop < len(words) and not _is_measure_word(words, stop) and named_run:
        ends = [stop - 1] if not _ADJECTIVE_END.search(low[stop - 1]) else []
    if not ends and tail is not None and stop == tail and stop >= 2:
        ends = [stop - 1]  # "Sheer Defence Tinted Daywear SPF 30": the name before its specs
    if not ends:
        return core, []
    name = " ".join(words[: ends[-1] + 1])
    kit = _as_kit(words, ends[-1])  # "… Cap Screw Assortment Kit"
    if kit is not None:
        name = " ".join(kit)
    counts = [f"{m[1]} {'Pieces' if m[2].lower() in {'pcs', 'pieces'} else 'Pack'}"
              for m in _NAME_COUNT.finditer(" ".join(words[stop:]))]  # fmt: skip
    return name, counts


_POSSESSIVE = {"men": "Men's", "women": "Women's", "kid": "Kids'", "boy": "Boys'", "girl": "Girls'"}


# A name that ends in its strength, with or without its count and form after it
# ("Vitamin D3 2000 IU (50 mcg)", "Magnesium Glycinate 500mg 240 Capsules").
_STRENGTH_END = re.compile(
    r"^(?P<name>.*?[A-Za-z].*?)\s+(?P<strength>\d[\d,.]*\s?(?:IU|mg|mcg|µg|g|ml|CFU|billion CFU))"
    r"(?:\s*\([^)]*\))?(?P<per>\s+per\s+(?:serving|dose|scoop|day))?"
    r"(?:\s+(?P<count>\d+)\s+(?P<form>[A-Za-z]+))?"
    r"(?P<tail>(?:\s+[A-Z][A-Za-z-]*){0,3})$",  # "… 240 Capsules High Strength": keywords
    re.IGNORECASE,
)
# The count and form of a pack of doses, a part of its own ("220 Softgels", "180 Vegan Capsules").
_DOSE_COUNT = re.compile(r"^(?P<count>\d+)\s+(?P<form>(?:[A-Za-z]+\s)?[A-Za-z]+)$")


def _dose_form(first: str, later: list[str]) -> tuple[str, list[str]]:
    """A name that ends in its strength said with its form and count: "Vitamin D3 2000 IU
    …, 220 Softgels" → "Vitamin D3 2000 IU Softgels, 220 Count" ("a pack of 220 vitamin
    D3 2000 IU softgels"), not "a vitamin D3 2000 IU" with no noun (review 37) nor "these
    magnesium glycinate 500mg 240 capsules"."""
    strength = _STRENGTH_END.match(first)
    # A name with a noun of its own ("Berberine Supplement 1200mg") or a second strength
    # ("Calcium 600mg with Vitamin D3 1000 IU") is said as it is.
    if (
        not strength
        or re.search(r"(?<![A-Za-z])\d|\bwith\b", strength["name"])
        or _singular(strength["name"].split()[-1]) in _type_heads() | _EN_FORMS
    ):
        return first, later
    count, form = strength["count"], strength["form"]
    if form:  # "180 Vegan Capsules High Strength": the form is the first form word
        words = f"{form}{strength['tail']}".split()
        at = next((i for i, w in enumerate(words[:2]) if _singular(w) in _EN_FORMS), None)
        form = " ".join(words[: at + 1]) if at is not None else form
    rest = list(later)
    if not form:
        dose = next((p for p in rest if _DOSE_COUNT.match(p.strip())), None)
        found = _DOSE_COUNT.match(dose.strip()) if dose else None
        if not dose or not found:
            return first, later
        rest.remove(dose)
        count, form = found["count"], found["form"]
    if _singular(form.split()[-1]) not in _EN_FORMS:
        return first, later
    # "Vegetable Capsules": the form alone; "vegetable", a product's name of its own, cut
    # the name there ("a magnesium glycinate in a pack of 180", review 39).
    form = form.split()[-1] if form.split()[0].lower() == "vegetable" else form
    if strength["per"]:
        # "400mg per Serving, 180 Vegetable Capsules": a serving is two; "magnesium glycinate
        # 400mg capsules" would misstate each ("a magnesium glycinate in a pack of 180",
        # review 40).
        return f"{strength['name']} {form}", [f"{count} Count", *rest]
    return f"{strength['name']} {strength['strength']} {form}", [f"{count} Count", *rest]


def _measure_first(core: str) -> str:
    """A name that ends in a measure of two dimensions or two units ("Whiteboard 36\" x
    24\"", "Sleeping Bag 20°F / -7°C") with that measure before it, once: read in the
    title's order the lead split it ("a 24\" … whiteboard 36\" x", review 28)."""
    found = [
        m
        for m in _REST_MEASURE.finditer(core)
        if _has_unit(m.group(0)) and not _COUNT.match(m.group(0).lower())
    ]
    start = len(core.rstrip())
    run: list[re.Match[str]] = []
    for m in reversed(found):
        if not re.fullmatch(r"[\s/-]*", core[m.end() : start]):
            break
        run.insert(0, m)
        start = m.start()
    if not run or not (len(run) > 1 or re.search(r"[x×]", run[0].group(0))):
        return core
    name = core[:start].rstrip(" -/")
    if len(name.split()) < 2 or re.search(r"\d", name):
        return core
    return f"{run[0].group(0).strip()} {name}"


def _kept_parts(later: list[str], heads: set[str] | frozenset[str], long_title: bool) -> list[str]:
    """A title's later parts less those that name the product again and, in a long
    title, those of more than EN_PART_WORDS words (more keywords), and the short parts
    that go on with a dropped one's list ("…Organizer for Living Room, Bedroom, Home
    Office")."""
    kept: list[str] = []
    dropped = False
    for p in later:
        # "120 Coated Tablets" is a count, "Fits 10–16 Inch Laptops" a feature: neither
        # names the product again.
        # A count or a measure with a few words ("21 Mauve Mix 6 ml"), not a second name
        # after a number ("60H Playtime Wireless Headphones with 6 EQ Modes").
        counted = p[:1].isdigit() and len(re.findall(r"\b[A-Za-z][A-Za-z'-]*\b", p)) <= 3
        feature = counted or _FEATURE_VERB.match(p) or _FEATURE_FOR.match(p)
        # "3 Digit Combination Padlock" names it again; "120 Coated Tablets" counts it.
        named = any(_singular(w) in heads for w in p.split())
        # "50MP Triple Camera", "4kg Bag" are parts with their measure.
        bare = counted and not is_plural(p) and not _has_unit(p)
        again = named and (not feature or bare)
        long = long_title and len(p.split()) > EN_PART_WORDS and not counted
        going_on = (
            dropped
            and len(p.split()) <= 2
            and not _has_unit(p)
            and not _COUNT.match(p.lower())
            and not _ADJECTIVE_END.search(p.lower())
        )
        if not (again or long or going_on):
            kept.append(p)
        # Only a "for" list goes on in the parts after it ("… for Living Room, Bedroom").
        dropped = going_on or ((again or long) and bool(re.search(r"\sfor\s[^,]+$", p)))
    return kept


_EN_MODIFIES = frozenset({
    "style", "print", "printed", "design", "cum", "shaped", "shape", "type", "look",
    "pattern", "inspired", "detail", "effect",
})  # fmt: skip
_EQUIVALENT = re.compile(r"^(\d[\d.,]*\s?[A-Za-z][A-Za-z ]{0,5}?)\s*/\s*\d[\d.,]*\s?[A-Za-z]{1,4}$")


def _equivalent(part: str) -> str:
    """One of a measure's two units ("1 fl oz / 30 mL"): the metric one."""
    if not _EQUIVALENT.match(part):
        return part
    first, second = (x.strip() for x in part.split("/", 1))
    return second if re.search(r"(?i)\d\s?(?:ml|l|g|kg|cm|mm)$", second) else first


# A rating inside a title's rest ("… SPF 15 Matte Finish"): said with the name.
_RATING_IN = re.compile(r"\bSPF\s*\d+\+?", re.IGNORECASE)
_EN_SET_WORDS = frozenset({"set", "kit", "pack", "bundle", "combo"})
# What a product comes as, the last word of its name ("Whey Protein Powder").
_EN_FORMS = frozenset({
    "powder", "bar", "spray", "gel", "cream", "serum", "oil", "liquid", "tablet", "capsule",
    "gummy", "drop", "stick", "balm", "lotion", "mist", "paste", "pouch", "box", "machine",
    "mousse", "foam", "wipe", "pad", "chew", "softgel", "lozenge", "granule", "mix", "blend",
})  # fmt: skip
# A number, its unit ("36\"", "20°F", "6mm") and the dimensions after it ("36\" x 24\"").
_MEASURE_UNIT = r"(?:°[CF]\b|[A-Za-z]{1,6}\b|[\"'](?!\w))"
_REST_MEASURE = re.compile(
    rf"(?<![A-Za-z\d])\d[\d.,/-]*\s?{_MEASURE_UNIT}?(?:\s?[x×]\s?\d[\d.,/-]*\s?{_MEASURE_UNIT}?)*"
)
# Units the quantities table lacks ("5.8 QT", "80gsm", "1ms").
_MORE_UNITS = re.compile(r"\d\s?(?:qt|quarts?|gsm|ms|oz|fl oz|gal)$", re.IGNORECASE)


def _has_unit(text: str) -> bool:
    """Is `text` a measure with its unit ("52.5 LB", "5.8 QT"), not a bare number ("WiFi 6",
    "2560x1440 IPS")?"""
    return bool(_MORE_UNITS.search(text.strip())) or any(q.unit for q in extract_quantities(text))


# A book's format in its listing's title ("… (Paperback)").
_BOOK_FORMAT = re.compile(
    r"\s*[(\[]\s*(Paperback|Hardcover|Hardback|Board book|Spiral-bound)\s*[)\]]", re.IGNORECASE
)


# A bracket with the format and more ("(Paperback, 2nd Edition)").
_BOOK_NOTE = re.compile(
    r"\s*[(\[]\s*(Paperback|Hardcover|Hardback|Board book|Spiral-bound)\b[^)\]]*[)\]]",
    re.IGNORECASE,
)


def _en_album(title: str, kinds: Sequence[str]) -> str | None:
    """A record's lead: "Artist - Album [VINYL LP] …" as the album by its artist ("This is
    "Rumours" by Fleetwood Mac"), not the artist read as the product ("a Fleetwood mac",
    review 36)."""
    if not kinds or kinds[0].lower() not in {"music", "cds & vinyl", "vinyl", "music & vinyl"}:
        return None
    parts = re.split(r"\s+[-–—]\s+", normalize(title))
    if len(parts) < 2 or len(parts[0].split()) > 5:
        return None
    work = re.sub(r"\s*[\[(][^\])]*[\])].*$", "", parts[1]).strip()
    if not work or len(work.split()) > 8:
        return None
    return f'This is "{work}" by {parts[0].strip()}'


def _en_named(title: str, kinds: Sequence[str], brand: str, say_brand: bool) -> str | None:
    """A product known by its own name, then what it is: "Raccoon Heist - The Dumpster
    Diving Party Card Game …" → "This is Raccoon Heist, a dumpster diving party card game"
    (not "a raccoon heist", the name read as its kind, review 35)."""
    parts = re.split(r"\s+[-–—:]\s+", normalize(title), maxsplit=1)
    if len(parts) < 2:
        return None
    name, rest = parts[0].strip(), parts[1].split()
    heads = _kind_heads(kinds) | _type_heads()
    words = name.split()
    if not (
        1 <= len(words) <= 4
        and all(re.fullmatch(r"[A-Z][A-Za-z'&]*", w) for w in words)
        and not any(_singular(w) in heads for w in words)
        and not (brand and name.lower().startswith(brand.lower()))
        and rest
        and rest[0] in {"The", "A", "An"}
    ):
        return None
    at = next((i for i, w in enumerate(rest[1:9], 1) if _singular(w.strip(",")) in heads), None)
    if at is None:
        return None
    what = lower_words(" ".join(rest[1 : at + 1]).strip(","))
    said = f"This is {name}, {article(what)} {what}"
    return f"{said} from {brand}" if brand and say_brand else said


def _en_book(
    title: str, attributes: Attributes, kinds: Sequence[str], brand: str = ""
) -> str | None:
    """A book's lead: its name as a name, its format and its author ("This is "The
    Allotment Year: …", a paperback by Margaret Hollis"), not its title read as a noun
    phrase ("This is a the allotment year: …", an unseen catalog)."""
    names = {name.strip().lower(): value for name, value in attributes}
    authored = "author" in names or any(n.startswith("isbn") for n in names)
    album = _en_album(title, kinds)
    if album:
        return album
    # "The Phantom of the Opera - Vocal Selections": a work's name, not "a the phantom …"
    # (review 36).
    opening = re.split(r"\s+[-–—|]\s+|\s*[(\[:]", normalize(title))[0]
    named = (
        re.match(r"The [A-Z]", opening) is not None
        and len(opening.split()) <= 6
        and not re.search(r"\d", opening)
        and not (brand and opening.lower().startswith(brand.lower()))  # "The Ordinary …"
    )
    if not (list(kinds[:1]) == ["Books"] or authored or named):
        return None
    # "… (Paperback, 2nd Edition) - Gift for Birders": the listing's notes, not the work's
    # name (review 28).
    first_part = re.split(r"\s+[-–—|]\s+", normalize(title))[0]
    # A long title with no author is a listing's keywords, filed under books ("Tarot Cards
    # Deck with Guide Book for Beginners 78 Cards …", quoted whole, review 33).
    if not authored and len(first_part.split()) > EN_LONG_TITLE:
        return None
    fmt = _BOOK_FORMAT.search(title) or _BOOK_NOTE.search(title)
    work = _BOOK_NOTE.sub("", _BOOK_FORMAT.sub("", first_part)).strip().strip(",;-– ")
    if not work:
        return None
    # "Gilded Moon Tarot Deck" filed under books: a thing its last word names, not a work
    # ('This is "Gilded Moon Tarot Deck"', review 45).
    last = _singular(work.split()[-1])
    if not authored and not named and last in _type_heads() | _EN_SET_WORDS | _SHELVED_GOODS:
        return None
    kind = f", {article(fmt.group(1))} {fmt.group(1).lower()}" if fmt else ""
    author = names.get("author", "").strip()
    return f'This is "{work}"{kind}' + (f" by {author}" if author else "")


# Woods a material attribute names ("MDF and pine" of a "wooden" dolls house).
_WOODS = re.compile(
    r"\b(?:wood|pine|oak|beech|birch|walnut|acacia|bamboo|mdf|teak|maple|ash|cherry|plywood)\b"
)
# Things a shop files under books that are no work: "… Tarot Deck", "… Weekly Planner".
_SHELVED_GOODS = frozenset({
    "deck", "card", "journal", "planner", "notebook", "calendar", "poster", "puzzle", "game",
    "diary", "sticker", "bookmark", "organizer", "organiser",
})  # fmt: skip


_VARIANT_NAME = re.compile(r"(?:flavou?r|scent|fragrance|style|pattern|design|variant)s?")


def _without_restated(product: str, attributes: Attributes) -> str:
    """The title's parts less a later one that restates an attribute's value in the
    title's words ("Oral Rectal Underarm" of "measurement method: Oral / Rectal /
    Axillary"): a keyword list read as a part ("with an oral rectal underarm", an unseen
    catalog); the attribute's own sentence says it."""
    # Each list value as its items' words: a part restating one item ("Auto Shut-Off" of
    # "auto shut-off, boil-dry protection") is a feature; one naming two is the list.
    lists = [
        [set(re.findall(r"[a-z]+", item)) for item in re.split(r"[,/;]", value.lower())]
        for name, value in attributes
        if not COLOUR_NAME.match(name.strip()) and name.strip().lower() != "gender"
    ]
    parts = product.split(", ")
    kept = parts[:1]
    for part in parts[1:]:
        words = re.findall(r"[a-z]+", part.lower())
        restated = (
            len(words) >= 2
            and not re.search(r"\d", part)
            and not _is_colour(part)
            and any(
                sum(any(w in item for item in items) for w in words) * 3 >= len(words) * 2
                and sum(any(w in item for w in words) for item in items) >= 2
                for items in lists
            )
        )
        # "Chocolate Fudge" of "flavour: Chocolate Fudge, Vanilla, …": one of the
        # listing's variants, said by the attribute's own sentence ("with a chocolate
        # fudge", an unseen catalog).
        variant = any(
            _VARIANT_NAME.fullmatch(name.strip().lower())
            and part.strip().lower() in {i.strip() for i in re.split(r"[,/;]", value.lower())}
            and len(re.split(r"[,/;]", value)) > 1
            for name, value in attributes
        )
        if not (restated or variant):
            kept.append(part)
    return ", ".join(kept)


_PACK_COUNT = re.compile(
    r"(?i)\d+[\s-]*(?:pack|pk|count|ct|pcs|pieces|pairs?)|(?:pack|set) of \d+(?: pairs)?"
)


# Words of a device's model name besides its codes ("iPhone 15 Pro Max", "Galaxy S24 Ultra").
_MODEL_WORDS = frozenset({"Pro", "Max", "Plus", "Mini", "Ultra", "Air", "Lite", "SE", "Series",
                          "Edition", "Fold", "Flip"})  # fmt: skip


_CAMEL = re.compile(r"[a-z]+[A-Z]|[A-Z][a-z]+[A-Z]")  # "iPhone", "MacBook"; not "TVs"


def _device(rest: str) -> str | None:
    """The model a title says an accessory is for, up to its keywords ("iPhone 15 Pro Max
    Clear Magnetic" → "iPhone 15 Pro Max"; "Toyota Camry 2018 2019 2020" → "Toyota Camry
    2018–2020"), or None when it names no model (a name with a number or a maker's
    capitals)."""
    words: list[str] = []
    for w in rest.split():
        named = w[:1].isupper() and w.isalpha() and lower_word(w) == w and len(w) > 2
        if re.search(r"\d", w) or _CAMEL.match(w) or w in _MODEL_WORDS or named:
            words.append(w)
        else:
            break
    if not words or not any(re.search(r"\d", w) or _CAMEL.match(w) for w in words):
        return None
    if not (words[0][:1].isupper() or _CAMEL.match(words[0])) or len(words) > 8:
        return None
    text = " ".join(words)
    # A run of model years is a range ("2018 2019 … 2023" → "2018–2023").
    return re.sub(r"\b((?:19|20)\d\d)(?:\s+(?:19|20)\d\d)*\s+((?:19|20)\d\d)\b", r"\1–\2", text)


def _plain(product: str, brand: str = "") -> str:
    """The product's name and what a reader cannot misread: a pack count, a colour, a size
    and who it is for; the title's other parts are left to the attributes' sentences. Each rule
    that read a later part by its role held on the catalogs it was written for and broke
    on the next ("with a keeps vehicle cool", "for beginners adults"): read blind on two
    catalogs written after the rules, the name alone put 43 of 58 English texts live, the
    parts read by role 26 (review 26)."""
    first, *later = product.split(", ")
    # A pack's count ("2 Pack", "Set of 4"), not a count of parts ("160 Numbered Pages").
    kept = [
        p
        for p in later
        if _PACK_COUNT.fullmatch(p.strip())
        or _is_colour(p)
        or p.strip().lower() in _SIZES
        or _FEATURE_CONTAINER.match(p.strip().lower())  # "3 lb Bag": what it comes in
    ]
    # "… Sandals, Black, Tan": a title's colours are its options, which the colour
    # attribute's sentence lists; one each read "in black in tan" (review 33).
    if sum(_is_colour(p) for p in kept) > 1:
        kept = [p for p in kept if not _is_colour(p)]
    # Not a word of the brand that opens the title ("Krafted With Happiness …").
    skip = len(brand) if brand and first.lower().startswith(brand.lower()) else 0
    tail = _EN_TAIL.search(first, skip)
    if tail:
        word = tail.group(0).strip().lower()
        rest = first[tail.end() :].strip()
        audience = word == "for" and re.fullmatch(
            r"(?i)(?:men|women|kids|boys|girls|adults|babies|toddlers|dogs|cats)", rest
        )
        linked = word.startswith("compatible")
        # "… Dress with Belt", "… Bedsheet with 2 Pillow Covers": a short "with" part of the
        # name is what comes with it; a longer one runs into keywords ("with Liner 3" High
        # Waisted Athletic Gym …").
        comes_with = word == "with" and len(rest.split()) <= 3
        # "Case for iPhone 15 Pro Max Clear …": the device an accessory is for is what it
        # is ("This is a case from Cyrillo." was struck as empty, review 34).
        device = _device(rest) if word == "for" else None
        if device:
            first = f"{first[: tail.end()]}{device}"
        elif not (audience or linked or comes_with):
            first = first[: tail.start()]
    return ", ".join([first, *kept])


def _en_lead(
    title: str,
    brand_name: str,
    say_brand: bool,
    attributes: Attributes,
    lean: bool,
    kinds: Sequence[str] = (),
    parts: bool = False,
    keywords: Sequence[str] = (),
) -> str | None:
    book = _en_book(title, attributes, kinds, brand_name)
    if book:
        return book
    named = _en_named(title, kinds, brand_name, say_brand)
    if named:
        return named
    # One-word options the listing offers ("Shade: Light, Medium"): one of them ending the
    # title's name is the one pictured, not the product's name ("Daywear SPF 30 Light").
    offered: dict[str, list[str]] = {}
    for name, value in attributes:
        if _EN_VARIANT_NAME.search(name):
            offered.setdefault(name, []).extend(re.split(r"\s*[,/]\s*", value))
    options = {
        item.lower() for items in offered.values() if len(items) > 1 for item in items
        if item.isalpha()
    }  # fmt: skip
    product = _without_restated(
        _en_product(title, kinds, brand_name, keywords, frozenset(options)), attributes
    )
    # "Magnesium Glycinate 400 mg Capsules" of "… per serving: 400 mg" (2 capsules): a
    # serving's strength is no capsule's ("400 mg capsules" misstates each, review 39).
    for name, value in attributes:
        strength = re.match(r"\s*(\d[\d,.]*\s?(?:mg|mcg|µg|g|IU))\b", value)
        if "per serving" in name.lower() and strength:
            amount = re.escape(strength[1]).replace("\\ ", "\\s?")
            product = re.sub(rf"\s+{amount}(?=\s+[A-Za-z])", "", product, count=1)
    if not parts:
        product = _plain(product, brand_name)
    phrase = _en_phrase(product, brand_name, say_brand=say_brand)
    if phrase is None:
        return None
    phrase_text, specs = _en_specs(attributes, phrase.text, lean=lean)
    # The colour goes with the product, before its parts: "… harness from Trailpaw in
    # forest green with front and back leash clips", not "… leash clips in forest green"
    # (a reader took the clips for the green ones).
    colours = [x for x in specs if x.startswith("in ")]
    part = re.search(r" (?:with|that|for) ", phrase_text)
    if colours and part:
        specs = [x for x in specs if x not in colours]
        phrase_text = (
            f"{phrase_text[: part.start()]} {' '.join(colours)}{phrase_text[part.start() :]}"
        )
    if " with " in phrase_text:  # "with 87 keys and brown switches", not "with … with …"
        # The specs' own list goes on with the title's: one "and", last ("with a blue
        # LED, an auto shut-off, a 1.7 L capacity and a 75 cm cord length", not "… and a
        # 16MP front camera and a 6 GB ram").
        specs = [re.sub(r"^with ", "and ", x) for x in specs]
        at = phrase_text.index(" with ")
        listed = [x for x in specs if x.startswith("and ")]
        if listed and " and " in phrase_text[at:]:
            cut = phrase_text.rindex(" and ")
            phrase_text = phrase_text[:cut] + "," + phrase_text[cut + 4 :]
        for i, x in enumerate(specs):
            items = re.split(r", | and ", x[4:]) if x.startswith("and ") else []
            if len(items) > 1:
                specs[i] = ", " + ", ".join(items[:-1]) + " and " + items[-1]
    text = _proper_case(" ".join([phrase_text, *specs]).replace(" , ", ", "), attributes)
    # The brand last: "a shower chair with back and arms from SafeSoak", not "… from SafeSoak
    # with back and arms" (read as the brand's, reviews 33-35: "from Tailwell for dogs").
    said_brand = re.escape(brand_name) if brand_name and say_brand else ""
    moved = said_brand and re.fullmatch(
        rf"(.+?) from ({said_brand})((?: (?:with|for|in) [^,]+)+)", text
    )
    if moved:
        text = f"{moved[1]}{moved[3]} from {moved[2]}"
    if phrase.plural and not phrase.counted:
        head = lower_words(re.split(r"\s(?:from|with|for|in)\s", phrase.text)[0]).split()
        # "Bluetooth headphones over ear": a pair noun before the title's last words.
        if head and (head[-1] in _pair_words() or any(w in _PAIR_EXTRA for w in head[:-1])):
            return f"This is a pair of {text}"
        # "These are …" leans on what came before (guards.style); the subject alone lets
        # the model say what they are for.
        return f"These {text}"
    if phrase.counted:
        return f"This is {text}"
    # "The Original Sourdough Starter Kit": no "a the original …" (review 36).
    text = re.sub(r"^the\s+", "", text)
    # A substance is said without "a" ("This is manuka honey from Comvita", not "a manuka
    # honey", review 40).
    stuff = re.split(r"\s(?:from|with|for|in)\s", text)[0].split()
    if stuff and stuff[-1].lower() in _UNCOUNTED_GOODS:
        # "1L extra virgin olive oil": "1L of extra virgin olive oil".
        return "This is " + re.sub(r"^(\d[\d.,]*\s?[A-Za-z]{1,3})\s(?=[a-zA-Z])", r"\1 of ", text)
    return f"This is {article(text)} {text}"


# --------------------------------------------------------------------------- Chinese

_HAN = re.compile(r"[\u4e00-\u9fff]")
# A title segment that starts with a number or a code: a measure, a ratio, a model.
_HAN_FREE = re.compile(r"^[#\d.:：xX×]+")
_ZH_COUNT = re.compile(
    r"^(\d+|[一二两三四五六七八九十百]+)(片|粒|册|本|颗|支|条|张|双|只|袋|包|套)$"
)
_ZH_AUDIENCE = ("成人", "成猫", "幼猫", "成犬", "幼犬", "幼儿", "婴儿", "儿童", "老人", "学生")
# A quantity's dimension (guards.quantities) as the word a listing says it with.
_ZH_DIMENSION = {"volume": "容量", "mass": "净含量", "length": "尺寸", "power": "功率"}
_ZH_UNITS = {"mah": "容量", "v": "电压"}
_ZH_LONG = {"m", "km"}  # a hose's 15米 is its length, a pan's 28cm its size


# A title's age ("1岁", "6个月以上", "3-6岁", "0-12月龄").
_ZH_AGE = re.compile(r"\d+(?:[-~]\d+)?(?:岁|个月|月龄)(?:以上|以下|\+)?")


def _zh_numbered(segment: str) -> bool:
    """A title segment with a number that says something ("87键", "7-8mm", "三层",
    "可调节3档"); not a model's code alone ("Mate60", "HT-618": no Chinese and no unit) nor
    a seller's run of ages ("1-3-6岁"), read as dangling fragments (review 34)."""
    if not re.search(r"\d|[一二两三四五六七八九十]", segment):
        return False
    if re.fullmatch(r"[\d.]+(?:/[\d.]+)+\s?[a-zA-Z]+", segment):
        return False  # "5.0/6.0/7.0cm": sizes of what, unsaid (review 36)
    if not _HAN.search(segment) and not any(q.unit for q in extract_quantities(segment)):
        return bool(re.fullmatch(r"[A-Z]{2,4}\d+(?:\.\d+)?\+?", segment))  # SPF50+, PM2.5
    if len(re.findall(r"\d+(?:\.\d+)?", segment)) >= 3 and not re.search(
        r"[\s,，、/×xX*-]", segment
    ):
        return False  # "1匹1.5匹2匹3匹": the sizes a listing sells, glued (review 43)
    if re.fullmatch(r"\d+\s?度", segment):
        return False  # "360度": an angle of what, unsaid ("360度" read as dangling, review 44)
    return not re.fullmatch(r"\d+(?:-\d+){2,}岁", segment)


def _zh_clause(segment: str) -> str:
    count = _ZH_COUNT.match(segment)
    if count:
        return f"共{segment}"
    if _is_colour(segment) and segment.endswith("色"):
        return f"颜色为{segment}"
    if segment in _ZH_AUDIENCE:
        return f"适合{segment}"
    quantities = extract_quantities(segment)
    if len(quantities) == 1 and quantities[0].surface.strip() == segment:
        base = quantities[0].base
        if quantities[0].unit in _ZH_LONG:
            return f"长度{segment}"
        if base and base[0] == "length" and base[1] < 10:
            return segment  # under a centimetre: a tip's or a wire's, not the product's 尺寸
        if base and base[0] in _ZH_DIMENSION:
            return f"{_ZH_DIMENSION[base[0]]}{segment}"
        if quantities[0].unit in _ZH_UNITS:
            return f"{_ZH_UNITS[quantities[0].unit or '']}{segment}"
    base = quantities[0].base if len(quantities) == 1 else None
    if base and base[0] == "length" and _ZH_FITS.match(segment):
        if re.search(r"\d[a-zA-Z]*[带含配送可]", segment):
            return segment  # "32cm带盖": the size it comes in, with a lid; not what it fits
        return f"适用{segment}"  # "1.8m床": what it fits
    return segment


# A title word that only qualifies the product (去屑, 便携式, 罐装): said before it, as a
# listing would ("去屑洗发水"), not as a clause of its own ("洗发水，去屑").
# Not a "with" part (带喷头, 含糖, 配收纳袋): that is a clause of its own.
_ZH_COLOUR_NAME = re.compile(r"颜色|色系")
# A character a colour's name has ("奶白", "雾蓝", "玳瑁色", "12色", "黑+灰+蓝").
_ZH_HUE = re.compile(r"[色红橙黄绿青蓝紫黑白灰粉棕褐金银咖啡米杏卡透彩]|[A-Za-z]")
# A measure of something else ("1.8m床", "15.6英寸笔记本"): what the product fits.
_ZH_FITS = re.compile(r"^\d+(?:\.\d+)?[a-zA-Z\u4e00-\u9fff]{1,3}?[\u4e00-\u9fff]{1,4}$")
# "GT5 Pro Smart", '1.43"', "手工 DIY 20W", "3D", "0390": English words beside or between
# Chinese ones, a bare measure or a bare title token, no clause (reviews 24 and 28).
_ZH_FRAGMENT = re.compile(
    r"[A-Za-z]+ [A-Za-z]+|[\"″']$|[\u4e00-\u9fff] [A-Za-z]|[A-Za-z]+ [\u4e00-\u9fff]"
    r"|^[0-9A-Za-z]{1,4}$|^[\d.]+%$"  # "99.9%": a number of nothing (review 29)
)
# Modifiers that claim nothing: a pack, a flavour, a form.
_ZH_PLAIN_MODIFIER = re.compile(r"(?:装|味|^即食|^速溶|^无糖|^冻干)$")
# Title words that say only who the product is for ("男童女童", "成人儿童"): no modifier.
_ZH_AUDIENCE_WORDS = re.compile(
    r"(?:男童|女童|儿童|成人|大人|学生|孕妇|新生儿|婴幼儿|婴儿|幼儿|少儿|青少年|宝宝|老人|中老年|男女"
    r"|初学者|新手|男士|女士|男性|女性|男|女)+"
)
# Who a Chinese title says the product is for, at its start: modifiers go after it
# ("女士直筒高腰牛仔裤", not "直筒女士高腰牛仔裤").
_ZH_AUDIENCE_PREFIX = re.compile(r"^(?:女士|男士|女童|男童|儿童|婴儿|中老年|女款|男款)")
# Nor a count ("三件装"), which is a clause of its own.
# Not a predicate ("结团快", "可冲厕所", "防水"): a clause, not a word of the name.
_ZH_MODIFIER = re.compile(
    r"^(?![带含配送附一二两三四五六七八九十])(?!可[\u4e00-\u9fff]{3})(?!.*[快于为给对]$)"
    r"[\u4e00-\u9fff]{1,4}$"
)


@functools.cache
def _frames() -> dict[str, str]:
    """A garment attribute → the noun its values are said with ("面料" of 材质, "设计" of
    衣领型), mined from AdvertiseGen's human copy by bench/frames_mine.py."""
    sections = word_sections("frames-mined.txt")
    return {name: noun for noun, names in sections.items() for name in names}


# A value that is itself a garment (衣样式#西装, 裙长#连衣裙): said as a cut, not a detail.
_ZH_GARMENT_VALUE = re.compile(r"[裙裤衫衣装服]$")


def _frame(name: str, value: str) -> str | None:
    """The noun a garment attribute's value is said with, if the data gives one: by the
    attribute's name, or by its last two characters (领型 of an unseen 领型 name), where
    every mined name ending so agrees."""
    frames = _frames()
    noun = frames.get(name)
    # "内胆材质", "胶条材质": a part's material, not the garment's 面料 ("采用摇粒绒面料" of
    # a jacket's liner read as its outer fabric, review 34).
    if noun is None and len(name) > 2 and name.endswith(("材质", "面料")):
        return None
    if noun is None and len(name) >= 2:
        nouns = {n for key, n in frames.items() if key.endswith(name[-2:])}
        noun = nouns.pop() if len(nouns) == 1 else None
    if noun is None:
        return None
    if _ZH_GARMENT_VALUE.search(value):
        return "款式"  # "西装款式", not "西装设计"
    # "宽松版型" is said whole.
    return None if value.endswith(noun) else noun


def _zh_specs(
    attributes: Attributes,
    said: str,
    *,
    garment: bool = False,
    title: str = "",
    cells: frozenset[str] = frozenset(),
) -> list[str]:
    """Attributes the title does not say, as a listing says them: "续航12小时",
    "产地为哥伦比亚"; a garment's with the noun its copy says them with, values that share
    it together ("采用雪纺面料", "v领、系带和荷叶边设计"). Chinese names only: "gender为女"
    is no sentence. `cells`: names whose one value a seller wrote as clauses with commas
    (`_one_cell_clauses`): its parts are one thing's, not options."""
    out: list[str | tuple[str, str]] = []  # a frame's noun, or a (name, form) group
    framed: dict[str, list[str]] = {}
    named: dict[tuple[str, str], list[str]] = {}
    title_colour = bool(colour_claims(said))  # the title's, not a colour field said here
    counts = {q.value for q in extract_quantities(said) if q.unit == "count"}
    # A slashed or enumerated list is said whole or not at all: "测量方式为额温和耳温" of an
    # 额温枪 (its 耳温 alone read as the only way it measures, blind review 16), "保健功能为
    # 补充钙和维生素D" (a health food's approved function cut short, review 20).
    expanded: list[tuple[str, str]] = []
    whole: set[str] = set()
    spaced: set[str] = set()  # names whose value was a list written with spaces
    # A name's values together (a list arrives as one pair per item): a long list, a
    # pointer or advice in any item ("开罐后请盖紧罐盖"), the shop's terms are the table's,
    # all of them (a list is said whole or not at all).
    grouped: dict[str, list[str]] = {}
    for name, value in attributes:
        grouped.setdefault(name, []).append(value.strip())
    # A list whose every item carries a note ("M(孕前90-110斤)", "+1.00(100度)"): the
    # labels are the options, the notes the table's ("尺码可选M、L、XL和XXL").
    labels: dict[tuple[str, str], str] = {}
    for name, values in grouped.items():
        bare = _zh_labels(values)
        if len(values) > 1 and all("(" in v for v in values) and all(bare):
            labels.update({(name, v): b for v, b in zip(values, bare, strict=True)})
            grouped[name] = bare
    attributes = tuple((n, labels.get((n, v.strip()), v)) for n, v in attributes)
    # A variant's axis the title names one value of ("1TB" of 容量 512GB、1TB、2TB; "#888"
    # of four 色号): the options the listing sells, not all of one product's ("先称1TB又列
    # 三种容量", a reader).
    options = {
        name
        for name, values in grouped.items()
        if len(values) > 1
        and name not in cells
        and _option_axis(name, values, title)
        # A garment's colours and styles are its own (AdvertiseGen's 黑白, 淡蓝色); its
        # sizes and lengths are options.
        and not (garment and _ZH_GARMENT_OWN.search(name))
        # A listing's variants: what the title names one of, or sizes, colours, flavours;
        # or measures in one unit, of which one product has one ("重量5斤、10斤和25斤" read
        # as all three, review 43).
        and (
            (
                _ZH_VARIANT_NAME.search(name)
                and (
                    any(_names_variant(v, f"{said} {title}") for v in values)
                    or _ZH_OPTION_NAME.search(name) is not None
                )
            )
            or _one_units_measures(values)
            or _one_axis_words(name, values)
        )
    }
    # A title that names one variant sells that one: its axis's other options beside it read
    # as a contradiction ("L码…尺码可选NB码、S码…", "净含量750g…规格可选525g/21包…",
    # review 37); the table lists them.
    # Only where the copy says that one: the lead, or another attribute ("净含量750g").
    # Not a note's ("重量约150g(M码)": the size it was weighed in).
    stated = " ".join(
        [said, *(re.sub(r"\([^)]*\)", "", v[0]) for n, v in grouped.items() if len(v) == 1)]
    )

    # One of them: a title that names several ("小猪/葫芦/四叶草", "…蝶形" of two 蝶形 sizes)
    # lists the options.
    def naming(values: list[str], text: str) -> int:
        # A size code or a number is named on its own, not inside a word or a percentage
        # ("L" of "polo", "40" of "40%聚酯纤维").
        return sum(
            bool(re.search(rf"(?<![A-Za-z0-9.]){re.escape(v)}(?![A-Za-z0-9%.])", text, re.I))
            or (bool(re.search(r"\d\D", v)) and _names_variant(v, text))  # "60L" of 60升
            if v.isascii() and len(v) <= 4
            else _names_variant(v, text)
            for v in values
        )

    chosen = {
        name
        for name in options
        if naming(grouped[name], said) == 1
        or (
            naming(grouped[name], said) == 0
            and naming(grouped[name], stated) == 1
            and naming(grouped[name], title) < 2
        )
    }
    left_out = chosen | {
        name
        for name, values in grouped.items()
        if len(values) > MAX_ZH_LIST_ITEMS
        or (len(values) > 1 and sum(map(len, values)) > MAX_ZH_LIST_CHARS)
        or _ZH_TERMS_NAME.search(name)
        or any(_ZH_POINTER.search(v) for v in values)
        or (len(values) > 1 and any(_ZH_NOTE.search(v) for v in values))  # "铝合金(+200元)"
        # "使用方法: 湿发后取适量…、按摩头皮…": steps, which "和" does not join
        or (name.endswith(("方法", "用法")) and any(len(v) > 10 for v in values))
    }
    for name, value in attributes:
        value = value.strip()
        if name in left_out or not re.search(r"\w", value):
            continue  # "度数: / / / /": a form's empty cells (review 38)
        # "IPX7(日常防泼水，不可洗澡、游泳)": a note's "、" is no list (said "防水等级为游泳)").
        if _ZH_NOTE.search(value):
            continue
        # "老年人，术后康复人群", "需要补充钙，维生素D的成人": a comma between nouns lists them,
        # said with 、 ("…老年人，术后康复人群" read as two clauses, review 39).
        parts = [p.strip() for p in value.split(",")]
        if (
            len(parts) > 1
            and all(_zh_noun_item(p) for p in parts[1:])
            and (name.endswith("人群") or _zh_noun_item(parts[0]))
        ):
            value = "、".join(parts)
        # "棉65% 聚酯纤维35%": a composition's parts, listed; "实木(桌面)+ 橡胶木": one "+".
        value = re.sub(r"(?<=%)\s+(?=[\u4e00-\u9fffA-Za-z])", "、", value)
        value = re.sub(r"(?<=[\u4e00-\u9fff)）])\s*\+\s*(?=[\u4e00-\u9fff])", "+", value)
        # "已焊接 / 未焊接 可选", "电窑 / 柴窑 可选": choices the value says are choices
        # ("排针为已焊接 / 未焊接 可选" read as pasted, an unseen catalog).
        optional = re.fullmatch(r"([^/]+?(?:\s*/\s*[^/]+?)+)\s*(?:可选|任选)", value)
        if optional:
            value = re.sub(r"\s*/\s*", "/", optional[1])
        chosen_from = None if optional else _ZH_CHOICE.fullmatch(value)
        if chosen_from:
            # "貔貅/金蟾/小和尚 三选一", "鸡胸肉/鸭肉/三文鱼 混合": a list and what of it is
            # sold, one phrase ("款式为貔貅、金蟾、小和尚三选一"; "…小和尚，三选一" and
            # "…三文鱼和混合" read broken, review 38).
            value = "、".join(chosen_from[1].split("/")) + chosen_from[2]
        elif len(grouped.get(name, [])) == 1 and _zh_spaced_list(value):
            # "含巢框10个 巢门板 纱盖 箱盖": things listed with spaces ("配件含巢框10个 巢门板…"
            # read as pasted, review 40); one thing's features, not choices ("款式: 蒙古包
            # 三开门 拉链" is one net, review 41).
            value = _ZH_SPACED.sub("、", value)
            spaced.add(name)
        elif len(grouped.get(name, [])) == 1 and _zh_pasted(name, value):
            # "针织面料 可拆洗", "LCD大屏 语音播报", "单只(左耳), 单只(右耳)": a listing's items
            # pasted with a space or a comma, not one value (review 36: "pasted raw").
            # A comma joins a list's items; a space a value and its note, said with a
            # comma ("款式为貔貅/金蟾/小和尚，三选一", not "…小和尚和三选一", review 38).
            # Two short words, neither a clause ("纯棉 贡缎", "四口机 过山车"), are two
            # things the value names ("面料材质为纯棉，贡缎" read as a dangling clause).
            words = value.split()
            things = len(words) == 2 and all(
                re.fullmatch(r"[\u4e00-\u9fff]{2,3}", w)
                and not _ZH_SAYS_WHAT.search(w)
                and not _ZH_CLAUSE_ITEM.search(w)
                for w in words
            )
            value = _ZH_SPACED.sub("、" if things else "，", _ZH_COMMAED.sub("、", value))
            if things:
                spaced.add(name)  # one thing's two words, no choice ("类型可选四口机和过山车")
        slashed = optional or _ZH_SLASHED.fullmatch(value)
        items = value.split("/") if slashed else value.split("、")
        if _ZH_COMPOSED.fullmatch(value):
            # "由A、B、C组成": one sentence of its own, said as written ("主要结构组成为由
            # A和B和C组成", review 29).
            expanded.append((name, value))
            continue
        if len(items) > 1 and all(said_in(i, said.lower()) for i in items):
            continue
        if len(items) > MAX_ZH_LIST_ITEMS or (len(items) > 1 and len(value) > MAX_ZH_LIST_CHARS):
            continue
        if len(items) > 1:
            whole.add(name)
            # A one-cell list of an option axis ("红色/香槟金/米白", "生宣/半生熟"): its
            # choices, as a form's list of them is.
            if (
                not (garment and _ZH_GARMENT_OWN.search(name))
                and not chosen_from
                and name not in spaced
                and name not in cells
                and _ZH_OPTION_NAME.search(name)
                and _option_axis(name, items, title)
            ) or optional:
                options.add(name)
        expanded += [(name, _zh_item(i)) for i in items]
    attributes = tuple(expanded)
    # A list is said whole: "主要原料为鸡肉、鸡肉粉和糙米" even where the title says 鸡肉味;
    # not a value and its note ("绳长: 3米，可调节" of a 可调节 rope: "绳长3米").
    listed = whole | {n for n, _ in attributes if sum(m == n for m, _ in attributes) > 2}
    hueless = {
        name
        for name, _ in attributes
        if _ZH_COLOUR_NAME.search(name)
        and not any(_ZH_HUE.search(v) for n, v in attributes if n == name)
    }
    for name, value in attributes:
        # "★★（新手友好）" less its stars: the note is the value ("难度为(新手友好)", an
        # unseen catalog).
        value = re.sub(r"^[★☆\s]*\(([^()]+)\)$", r"\1", value.strip())
        if not re.fullmatch(r"[\u4e00-\u9fff]{1,6}", name):
            continue
        if name.startswith("是否") or value in _ZH_NO:
            continue  # a form's yes/no question ("是否含皂基: 否"), or what it lacks
        if _ZH_NOTE.search(value):
            continue  # "约0.8g(以实物为准)": a caveat, not a clause (a table: `_scalars`)
        # By dimension and amount: "净含量5kg" of a title's "10斤" is said too.
        measures = {q.base or (q.value, q.unit) for q in extract_quantities(value) if q.unit}
        said_measures = {q.base or (q.value, q.unit) for q in extract_quantities(said)}
        if name not in listed and measures and measures <= said_measures:
            continue  # "电池容量5500mAh(典型值)" of a title's "5500mAh大电池": said
        if value in _ZH_YES:
            out.append((name, "yes"))  # "语音播报: 有" → "有语音播报"
            named[(name, "yes")] = [value]
            continue
        if value.isdigit() and (int(value) in counts or _counted_in(name, int(value), said)):
            continue  # "件数: 5" of a 五件套, "格数: 3" of a 三格 box: the title has said it
        if _ZH_COLOUR_NAME.search(name) and title_colour:
            continue  # the title's colour wins over a field that disagrees
        if name in hueless:
            continue  # "颜色: 3支装(粗尾)": a form's field filled with something else (review 39)
        if value == "通用":
            # "适用性别: 通用" is "男女通用"; a bare "通用" says nothing (review 39).
            if "性别" not in name:
                continue
            value = "男女通用"
        # A colour is named, not framed ("颜色为燕麦色和藏青", not "藏青色调").
        noun = _frame(name, value) if garment and not _ZH_COLOUR_NAME.search(name) else None
        # A garment's style word the title says is not said again ("知性连衣裙，青春风格").
        if (noun is not None or name not in listed) and said_in(value, said.lower()):
            continue
        if noun is not None:
            # "民族风" with 风格: "民族风格", not "民族风风格".
            value = value[:-1] if value[-1] == noun[0] and len(value) > 1 else value
            if noun not in framed:
                framed[noun] = []
                out.append(noun)  # a placeholder: the group is said where it first appears
            framed[noun].append(value)
            said += value
            continue
        if len(value) <= 20:
            said += value
            # "主要成分为A、B和C", "USB-C和USB-A×2接口": a name's values go together, said
            # the way its first one is.
            group = next((key for key in named if key[0] == name), None)
            if group is not None:
                named[group].append(value)
            else:
                group = (name, "options" if name in options else _zh_form(name, value))
                named[group] = [value]
                out.append(group)
    said_all = [
        _zh_group(c, framed[c])
        if isinstance(c, str)
        else _zh_named(*c, named[c], cell=c[0] in cells)
        for c in out
    ]
    kept: list[str] = []
    length = len(said)
    for clause in said_all[:MAX_ZH_SPECS]:
        if length + len(clause) > ZH_LEAD_CHARS and kept:
            break  # a sentence no reader finishes; the table says the rest
        kept.append(clause)
        length += len(clause) + 1
    return kept


# A slashed list and what of it is sold ("貔貅/金蟾/小和尚 三选一", "鸡胸肉/鸭肉/三文鱼 混合").
_ZH_CHOICE = re.compile(
    r"([\u4e00-\u9fff]{1,6}(?:/[\u4e00-\u9fff]{1,6})+)\s*"
    r"((?:[一二三四五六七八九十两]选[一二三]|混合|随机|可选|任选|均可)(?:发货)?)"
)
# A yes/no value: "有" says the name ("有语音播报"); "无" is what the product lacks.
_ZH_YES = frozenset({"有", "是", "带", "支持"})
_ZH_NO = frozenset({"无", "否", "没有", "不支持", "不带"})
# A note in brackets that is a caveat or a list ("约0.8g(以实物为准)", "2节7号电池(AAA，不含)"):
# a clause cannot carry it; the table does. A measure's note stays ("12小时(≥50°C)").
_ZH_NOTE = re.compile(r"[（(][^）)]*(?:[，,、；;]|为准|见|参考|仅供|元|¥|￥)")
# A value that is a small table ("每100g含：钙 27.5g、…"), not a ratio ("1:16").
_ZH_TABLE = re.compile(r"：|[\u4e00-\u9fff]\s*:|:\s*[\u4e00-\u9fff]")
# Attribute clauses a lead says at most: a health supplement's twelve ("不适宜人群为…，主要原料
# 为…，功效成分为…") made one 245-character sentence no reader finishes (an unseen catalog).
MAX_ZH_SPECS = 8
# Title segments a lead says after the product's name: the rest are a listing's keywords.
MAX_ZH_TITLE_CLAUSES = 3
# A lead's characters, past which specs are left to the table (a phone's 16 clauses).
ZH_LEAD_CHARS = 190
# A product's name with the modifiers a title gives it, in characters at most.
ZH_NAME_MAX = 12
ZH_MODIFIERS = 2
# A title segment that is the shop's terms or a promotion, not the product.
_ZH_SHOP = re.compile(
    r"官方旗舰店|旗舰店|官方旗舰|官方正品|官方|正品|正版|包邮|现货|热卖|爆款|特价|促销|包安装|顺丰|秒发|清仓|限时"
)
# Attributes that are the shop's terms or a label's pointer, not the product's facts.
_ZH_TERMS_NAME = re.compile(
    r"(?:重要|使用|安装|特别|配送)说明|须知|注意|提示|提醒|禁忌|发货|配送|物流|售后|生产日期|安装|产品名称"
    r"|品名"
    # A seller's note, terms or buying advice ("定制说明: 定制款需3-5天制作，不退不换", "重要:
    # …介意慎拍", "怎么选型号: 夹一小团橡皮泥…", "交易方式": said as "重要为…" and struck,
    # review 45).
    r"|(?<!洗涤)(?<!保养)说明$|^备注|^重要$|^定制|交易|怎么|如何|选购"
    # The seller's efficacy field is a claim, however the facts word it ("功效: 7天排出宿便，
    # 1个月瘦10斤，改善便秘" of a 普通食品 went live in review 49's final): the table's.
    r"|功效|功能主治|^主治|疗效|^效果$|^作用$"
)
_ZH_POINTER = re.compile(
    r"(?<!常)见|请|为准|另计"
    # The seller's voice: terms and disclaimers ("售出不退不换，拍前问清楚", "受潮返砂属正常
    # 现象", "50个起订，印logo另收版费，详询客服": review 45 struck each said in a lead).
    r"|不退|不换|慎拍|详询|客服|问清|拍前|拍下|拍几|按\w?拍|属正常|正常现象|起订|另收|到付"
)
# A list said in a clause at most this long, in items and characters (an ingredient list
# is the table's).
MAX_ZH_LIST_ITEMS = 8
MAX_ZH_LIST_CHARS = 40


# Measure words a count says one thing with ("5只", "5件"): compared as "个".
_ZH_PIECES = re.compile(r"(?<=\d)[只件支枚]")


def _names_variant(value: str, said: str) -> bool:
    """Does the title name this variant ("1TB"; "#888" of "#888 正红"; "60升" of "60L")?"""
    if said_in(value, said.lower()) or said_in(value.split()[0], said.lower()):
        return True
    # "5只套装" of a title's "5个套装": one count, whichever measure word.
    if said_in(_ZH_PIECES.sub("个", value), _ZH_PIECES.sub("个", said.lower())):
        return True
    bases = {q.base for q in extract_quantities(said) if q.base}
    return any(q.base in bases for q in extract_quantities(value) if q.base)


def _counted_in(name: str, count: int, said: str) -> bool:
    """Does `said` give a count attribute's number with its measure word, in digits or in
    words ("格数: 3" of "三格", "片数: 64" of "64片装")?"""
    if not (len(name) == 2 and name.endswith("数")):
        return False
    for match in re.finditer(rf"([\d零一二两三四五六七八九十百]+){re.escape(name[0])}", said):
        number = match[1]
        if (int(number) if number.isdigit() else parse_zh_numeral(number)) == count:
            return True
    return False


# A value that is an amount with its comparison ("约320g", "低于35分贝", "最高35分贝"):
# said after the name ("噪音低于35分贝"), not with 为.
_ZH_AMOUNT = re.compile(r"^(?:[约≥≤<>]|最高|最低|低于|高于|不低于|不超过|超过|可达|高达|长达)\d")
# Names that are verbs: "包含锅铲、漏铲和汤勺", not "包含为…".
_ZH_VERB_NAMES = frozenset({"包含", "包括", "含", "内含", "附", "附带", "配", "配件"})


def _zh_form(name: str, value: str) -> str:
    """How a listing says a name's value: "value" ("3C认证" of 认证: the value says the
    name), "name+value" ("续航12小时", "重量约320g", "防水指数PU2000mm"), "value+name"
    ("Wi-Fi连接", "S尺码") or "name为value"."""
    if _ZH_COMPOSED.fullmatch(value):
        return "value"
    # "主要成分: 每片含吡喹酮50mg、…" says itself; "每片含: 钙300mg、…" is "每片含钙300mg…"
    # ("主要成分为每片含…", "每片含为…", review 40).
    if re.match(r"每.{1,3}含", value):
        return "value"
    if name.endswith("含"):
        return "name+value"
    if re.fullmatch(r"(?:支持|有|是|带)(?:\s*\(.*\))?", value):
        return "yes"  # "自吸功能: 支持(…)": "带自吸功能", not "自吸功能支持(…)" (review 29)
    # "后雨刮: 不含": what does not come with it ("后雨刮不含" read as pasted, review 41).
    if re.fullmatch(r"(?:不含|不包含|不附带|不带)(?:\s*\(.*\))?", value) and not re.match(
        r"是否|有无", name
    ):
        return "without"
    # "更换周期: 建议6-12个月": advice on the name's measure, said with it ("建议6-12个月"
    # alone lost what is advised, review 41).
    if value.startswith("建议") and name.endswith(("周期", "间隔", "频率", "时间", "里程")):
        return "name+value"
    if name in value:
        return "value"
    # "片数: 54片", "尺码: L码": the value says its name's measure word ("片数54片" reads
    # twice); "男女通用" is said alone, not "适用人群为男女通用".
    if (name.endswith("数") and value.endswith(name[0])) or (name[-1] == "码" == value[-1]):
        return "value"
    if value.endswith(("通用", "适用")):
        return "value"
    # "适用肤质: 各种肤质" → "适用各种肤质", not "适用肤质为各种肤质".
    if len(name) >= 4 and value.endswith(name[-2:]) and re.match(r"适用|适合|支持", name):
        return "head+value"  # not "安全保护: 过热保护、…" → "安全过热保护…" (no verb)
    if name.endswith("人群"):
        return "name为value"  # "适宜人群为需要补充…的成人", not "适宜人群需要…"
    # A value that is a predicate: "笔芯可替换", "过敏原信息含坚果"; or says its name:
    # "批头带磁" (磁性), "无添加香精" (香味), "建议干洗或手洗" (洗涤说明).
    if _ZH_PREDICATE.match(value):
        # "扩展: 可扩容约5cm": the verb says the name already ("可扩容约5cm", not
        # "扩展可扩容", a reader's "照搬字段").
        verb = re.match(r"[可不]?([\u4e00-\u9fff]{1,2})", value)
        return "value" if verb and set(verb.group(1)) & set(name) else "name+value"
    if _ZH_STORE_NAME.fullmatch(name) and _ZH_PLACE_VALUE.match(value):
        return "at"
    if _ZH_SAYS_ITSELF.search(value) or _is_zh_clause(value):
        return "value"
    if name in _ZH_VERB_NAMES or _ZH_AMOUNT.match(value) or value[:1].isdigit():
        return "name+value"
    if value[:1].isascii() and value[:1].isalnum():
        plain = value.isascii() and not re.search(r"\d", value)
        if plain and re.match(r"适用|适合|兼容", name):
            return "name为value"  # "适用系统为Windows和macOS", not "Windows…适用系统" (review 37)
        return "value+name" if plain else "name+value"
    return "name为value"


# "可替换", "不含", "含坚果", "支持快充": a predicate, not a noun ("可拆卸帽", "可视玻璃").
_ZH_PREDICATE = re.compile(r"^(?:(?:可|不)[\u4e00-\u9fff]{1,2}(?:$|\s|约|，)|含|需|支持)")
# Not a noun that starts with 无 ("无纺布", "无骨雨刮", "无线"): "材质为无纺布", not a bare
# "无纺布" of a diaper (review 34).
_ZH_SAYS_ITSELF = re.compile(
    r"^(?:无(?!纺|骨|线|缝|框|叶|刷|人机|花果|患)|建议|适宜(?!人群)|宜"
    # A step or a promise said as a sentence ("包活: 收货24小时内拍照可补发", "定制: 拍下后
    # 联系客服…", "包装: 附手工制作证书…": "包活为收货…" read as pasted, an unseen catalog).
    r"|附(?!件|近)|拍下|收货|下单|购买后|联系|首次"
    r"|送(?!货)"  # "喷头: 送单头…": a gift ("喷头为送单头…", review 43)
    # What it has: "清零: 带一键清盘按钮" ("清零为带一键清盘按钮" read as broken, review 44).
    r"|带(?![子鱼])|配有|配备|自带|内置|采用"
    r")"
)


# A value that is a clause of its own, by a modal, an aspect or a negation inside it
# ("开袋即用", "前轮万向可锁定", "印面已磨平", "一年只换不修", "密封冷藏更佳"): said as the
# clause it is ("含水率为开袋即用", "保修为一年只换不修" read as pasted, review 43). Not a
# noun that holds one of those characters ("不锈钢", "更换周期", "即食", "2只装", "可可").
_ZH_CLAUSE_VALUE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:可(?!可|乐|爱|口)|已|(?<![一二两三四五六七八九十每单])只|不(?!锈|粘|规则|同|倒翁)"
    r"|即(?!食|溶)|更(?!换|新|多)|勿|均|需|(?<![售前以先])后)[\u4e00-\u9fff]"  # "用后擦干"
)
# Where a thing is kept: "储存: 阴凉干燥处" is "储存于阴凉干燥处" ("储存为阴凉干燥处", review 44).
_ZH_STORE_NAME = re.compile(r"(储存|贮存|存放|保存|储藏)(?:方式|条件|方法|环境)?")
_ZH_PLACE_VALUE = re.compile(r"(?!置|放|存|储)[\u4e00-\u9fff]{2,}(?:处|环境)(?:$|[，,;；\s])")


def _is_zh_clause(value: str) -> bool:
    """Is `value` a clause (`_ZH_CLAUSE_VALUE`) by its first words? Not a measure with a
    clause as its note ("42-54cm(八档可调)", "A类，婴幼儿可用", "否(烤盘可拆版另售)"): its
    name says what the measure is."""
    head = re.split(r"[\s,，;；]", re.sub(r"\([^)]*\)", "", value).strip())[0]
    return not head[:1].isdigit() and bool(_ZH_CLAUSE_VALUE.search(head))


def _without_name_end(value: str, name: str) -> str:
    ending = re.search(r"\s+([\u4e00-\u9fff])$", value)
    return value[: ending.start()] if ending and ending.group(1) in name else value


_ZH_FIELD_SAID = {"颜色分类": "颜色", "尺码分类": "尺码", "口味分类": "口味"}


def _zh_named(name: str, form: str, values: list[str], *, cell: bool = False) -> str:
    # "颜色分类": a listing form's field, said as its name ("颜色分类为…" read as pasted
    # from the back end, reviews 36-38).
    name = _ZH_FIELD_SAID.get(name, name)
    # "编者: (清)蘅塘退士 编": the value's last word says the name again ("编者为…编").
    values = [_without_name_end(v, name) for v in values]
    # The facts are NFKC (，→ ,): a clause's comma is said as Chinese writes it; so is a
    # space between a predicate and its measure ("可调节 约15-20cm").
    # Whom it is for is a list of people, however each is qualified ("老年人和术后康复人群",
    # not "老年人，术后康复人群" read as two clauses, review 39).
    people = name.endswith(("人群", "对象"))
    # "用法用量: 内服，每10kg体重1片": steps, not things ("内服和每10kg体重1片", review 40).
    steps = (
        name.endswith(("用法", "用量", "方法"))
        and not re.search(r"储|存|藏|洗", name)  # "储存方法为密封、避光和冷藏": things
        and len(values) > 1
    )
    listed = re.sub(
        r"(?<!\d),|,(?!\d)",
        "，",
        # One cell's parts keep the seller's commas ("单条5米，两条装共10米").
        "，".join(values) if steps or cell else _zh_list(values, clauses=not people),
    )
    listed = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=约)", "，", listed)
    # "重量: 20寸约2.9kg": the measure with its name, the size it is of after it.
    qualified = re.fullmatch(r"(\d+(?:\.\d+)?(?:[\u4e00-\u9fff]{1,2}|[a-z]{1,2}))(约.+)", listed)
    if qualified and form == "name+value" and len(values) == 1:
        return f"{name}{qualified.group(2)}({qualified.group(1)})"
    if form == "value":
        return listed
    if form == "without":
        return f"不含{name}"
    if form == "at" and (store := _ZH_STORE_NAME.fullmatch(name)):
        return f"{store[1]}于{listed}"
    if name in {"适用", "适合", "用于"} and form == "name为value":
        return f"{name}{'于' if name != '用于' else ''}{listed}"  # "适用于赛鸽…", not "适用为"
    if form == "yes":  # "有语音播报", "带冲击功能"; "可冲马桶" says itself
        if re.match(r"[可带含防支无免]", name):
            return name  # "无亮点保障: 有" is "无亮点保障", not "有无亮点保障"
        return f"带{name}" if name.endswith("功能") else f"有{name}"
    if _ZH_PLACE_NAME.search(name) and len(values) > 1:
        return f"{name}为{''.join(values)}"  # "中国大陆/广东省/佛山市": one place, not three
    if form == "options" and len(values) > 1:
        return f"{name}可选{listed}"
    if form == "options":
        return f"{name}为{listed}"
    if form == "head+value":
        return f"{name[:-2]}{listed}"
    if form == "name+value":
        return f"{name}{listed}"
    if form == "value+name":
        return f"{listed}{name}"
    return f"{name}为{listed}"


def _zh_list(values: list[str], *, clauses: bool = False) -> str:
    """Values joined as a list ("燕麦色、藏青和酒红"); `clauses`: a name's values that are
    clauses, not things ("可随身携带登机", "禁止托运"), joined with commas (a reader read
    "可随身携带登机和禁止托运" as broken)."""
    if len(values) == 1:
        return values[0]
    said = [
        (_ZH_CLAUSE_ITEM.search(v) and (len(v) > 3 or v[0] == "可")) or _is_zh_clause(v)
        for v in values
    ]
    # Things, then what it is not for: "化学分析、沉淀过滤和教学实验，不适用于食品接触", not
    # "…教学实验和不适用于食品接触" (a use listed, review 48). Only an exception the seller
    # put last; steps and care keep their commas and their order.
    last = next((i for i, v in enumerate(values) if _ZH_NOT_FOR.match(v)), len(values))
    tail = values[last:]
    if (
        clauses
        and 2 <= last < len(values)
        and not any(said[:last])
        and all(_ZH_NOT_FOR.match(v) for v in tail)
    ):
        return "，".join([_zh_list(values[:last]), *tail])
    if clauses and any(said):
        return "，".join(values)
    return "、".join(values[:-1]) + "和" + values[-1]


# An exception a list ends with: what the product is not for, or must not do.
_ZH_NOT_FOR = re.compile(r"(?:不(?:适|宜|能|得|可)|禁止|严禁|请勿|勿)[\u4e00-\u9fff]")


_ZH_CLAUSE_ITEM = re.compile(
    r"^(?:可[\u4e00-\u9fff]{2,}|禁止|需要|支持|最高|最大|置|避|远离|约\d|不可|勿|请勿"
    # What it does not do or hold: "不保证比例", "不含无线充电线圈" (a list's "和" before one
    # was struck, review 49); not a noun that starts with 不 ("不锈钢", "不粘锅").
    r"|不(?!锈|粘|规则|同|倒翁)[\u4e00-\u9fff]{2,}"
    r"|开封|开启|打开|每[日天月周次]"  # "可随身携带登机", "每月一次"
    r"|单次|配合|搭配|满电|充满"  # "单次8小时，配合充电仓36小时" (review 34)
    r"|建议|已|附(?!件)"  # "低压水线，建议水箱高度…", "出厂已校准，附200g砝码" (an unseen catalog)
    r"|[\u4e00-\u9fff]{2}约\d"  # a name and its about-measure: "续航约24个月" (review 37)
    r"|[\u4e00-\u9fff]+可[\u4e00-\u9fff]{1,2}$)"  # "婴幼儿可用", "外套可拆洗"
    # A verb's time or place anywhere: "开罐后冷藏", "24小时内食用完毕", "不支持七天无理由退货"
    # ("储存为开罐后冷藏和24小时内食用完毕", review 31).
    r"|[\u4e00-\u9fff]后|\d[\u4e00-\u9fff]*内|不支持|食用|饮用|冷藏|冷冻"
)
_ZH_PLACE_NAME = re.compile(r"产地|发货地|所在地|原产地")
# Items a listing pasted side by side: a space between Chinese words, a comma after one.
_ZH_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_ZH_COMMAED = re.compile(r"(?<=[\u4e00-\u9fff)])\s*,\s+")
_ZH_PASTED = re.compile(f"{_ZH_SPACED.pattern}|{_ZH_COMMAED.pattern}")


def _zh_pasted(name: str, value: str) -> bool:
    """Is `value` items pasted side by side (a list with commas, a value and its note with
    a space), said once its separators are Chinese ones? Not a place ("中国 浙江"), a name
    and its role ("李一鸣 编著"), options that hold spaces of their own ("成人 蓝色 50只、…"),
    nor a value too long to be said at all (20 characters)."""
    if _ZH_PLACE_NAME.search(name) or len(value) > 20 or not _ZH_PASTED.search(value):
        return False
    if re.search(r"作者|编者|译者|著者|主编|绘者", name):
        return False  # "李一鸣 编著": a name and its role
    if "," in value:
        return not re.search(r"[、]|\S\s\S", _ZH_PASTED.sub("", value))
    words = value.split()
    return "、" not in value and 2 <= len(words) <= 3 and all(len(w) >= 2 for w in words)


# A value that is a sentence of what the product is made of ("由A、B和C组成").
_ZH_COMPOSED = re.compile(r"由.+(?:组成|构成|制成)")
# A verb or a season said alone, its object left in other words ("适用于 华为 Mate40",
# "上海青 种子 小白菜 四季 …": "…种子，四季", review 40).
_ZH_BARE_VERB = re.compile(r"适用于?|适合|用于|专用于?|通用")
_ZH_BARE_CLAUSE = re.compile(f"{_ZH_BARE_VERB.pattern}|四季|春季|夏季|秋季|冬季")
# A title clause that says what the product does or fits, not a keyword.
_ZH_SAYS_WHAT = re.compile(
    r"^(?:可|带|含|支持|适用|适合|防|免|无|不|配|送.*[件个套])|通用$|适用$|可调"
)
# A listing's option axes: several values of one are the choices it sells ("长度可选20cm、
# 25cm…", "款式可选空盒和含糖成品"; said as a plain list they read as all in one box,
# review 40).
_ZH_OPTION_NAME = re.compile(
    r"尺码|尺寸|长度|厚度|直径|口径|圈口|鞋码|颜色|色号|口味|香型|香味|度数|规格|版本|套餐|款式|类型"
    r"|熟度|层数|净含量|容量"
)
# What a garment's several values describe together (AdvertiseGen's 颜色 黑白 and 淡蓝色,
# 裙款式 系带 and 开叉), not choices.
_ZH_GARMENT_OWN = re.compile(r"(?:色|款式|样式|图案|风格|型)$")  # not "颜色分类": a form's SKUs
# Names of the axes a listing's variants differ on.
_ZH_VARIANT_NAME = re.compile(f"{_ZH_OPTION_NAME.pattern}|味道|型号|时长|面值|包装|数量")
# A pack of several of an axis's values, not a choice of one ("混色", "各1支", "12色装",
# a mooncake box's "8饼8味", "双黄白莲蓉×2"; not "混合坚果", a kind of nuts).
_ZH_ASSORTED = re.compile(
    r"混色|混装|混合[装口味色]|[口味色]混合|随机|各[\d一二两三]|\d+色装|组合装"
    r"|[\d一二三四五六七八九十]+味"
    r"|(?<=[\u4e00-\u9fff])×\s*\d"
)
# Axes a pack can hold several of; a size or a model is one per item.
_ZH_ASSORTABLE = re.compile(r"颜色|色号|口味|味道|香型|香味|款式|图案")


# A bare measure: its number and its unit, nothing more ("5斤", "500ml", "1.5米").
_ZH_BARE_MEASURE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-zA-Z]{1,3}|[\u4e00-\u9fff]{1,2})")


def _one_units_measures(values: Sequence[str]) -> bool:
    """Are `values` two or more bare measures in one unit ("5斤", "10斤", "25斤")?"""
    found = [_ZH_BARE_MEASURE.fullmatch(v.strip()) for v in values]
    units = {m[2].lower() for m in found if m}
    numbers = {m[1] for m in found if m}
    return len(values) > 1 and all(found) and len(units) == 1 and len(numbers) == len(values)


# What a product holds, has or suits: its several values are all of it, not choices.
_ZH_ALL_OF_IT = re.compile(
    r"配料|成分|原料|配件|赠品|功能|包含|清单|内容|适用|适合|特点|卖点|场景|人群|材质|面料|工艺|认证"
    # Its parts and ways of working: a thermometer measures 额温 and 耳温, a massage gun comes
    # with all its heads, a chair heats the waist and the legs.
    r"|部位|方式|手法|模式|档位|接口|按摩头|刀头|配套"
)


def _zh_labels(values: Sequence[str]) -> list[str]:
    """Each value less its bracketed notes ("M(孕前90-110斤)" → "M")."""
    return [re.sub(r"\s*\([^)]*\)\s*", "", v).strip() for v in values]


def _one_axis_words(name: str, values: Sequence[str]) -> bool:
    """Are `values` words of one axis, each a different value of it ("C调、D调和E调", "C卷
    和D卷", "二联和三联", "2线、5线和12线")? They end alike and differ before it: a listing's
    options, of which one product has one (review 47 struck six lists said without 可选:
    "调式C调、D调…" read as one flute in five keys). Not what the product holds, has or
    suits (`_ZH_ALL_OF_IT`)."""
    if len(values) < 2 or _ZH_ALL_OF_IT.search(name):
        return False
    bare = _zh_labels(values)
    if not all(2 <= len(b) <= 6 for b in bare):
        return False
    ends = {b[-1] for b in bare}
    return len(ends) == 1 and len({b[:-1] for b in bare}) == len(bare) and not ends <= set("色味款")


def _option_axis(name: str, values: list[str], title: str) -> bool:
    """Are several values of `name` the choices a listing sells? Not what it can do
    ("可碎类型: 纸张、光盘"), nor an assortment the pack holds."""
    if re.match(r"可|支持|兼容", name) or name.endswith(("内容", "清单", "配置", "包含")):
        return False  # "套餐内容: 主机、电池…": what the box holds
    # One value that mixes ("高清+防窥 各1片" of three 款式) is one of the choices; the
    # title's or a lone value's mix makes the list an assortment ("款式为高清款2片、…" read
    # as all in one box, review 44).
    assorted = _ZH_ASSORTED.search(title) or (len(values) == 1 and _ZH_ASSORTED.search(values[0]))
    return not (assorted and _ZH_ASSORTABLE.search(name))


def _zh_group(noun: str, values: list[str]) -> str:
    listed = _zh_list(values)
    # Copy says what a garment is made of with a verb ("采用雪纺面料"), not as a label.
    return f"采用{listed}{noun}" if noun == "面料" else f"{listed}{noun}"


# Characters that end a product's name after its category's word (洁面乳, 面霜 of 面).
_ZH_NAME_ENDS = set("乳霜液膏露粉片器机套装包盒杯锅线笔鞋裤衣裙")
_ZH_FOOD_ENDS = set("糖茶酒奶饼片粒丸")  # "叶黄素酯软糖", "褪黑素维生素B6片"
# A title's first part longer than this is a marketplace's keyword string ("S925银手链女小众
# 设计四叶草锆石手链生日礼物"), not a product's name.
ZH_NAME_CHARS = 10


def _zh_name_order(segment: str, leaf: str) -> str:
    """A short title whose category's word is followed by more Han words: a second name is
    cut ("LED吸顶灯卧室灯" → "LED吸顶灯"), a word that qualifies it goes first ("汽车脚垫全包
    围" → "全包围汽车脚垫", "车载充电器快充" → "快充车载充电器"), as a listing writes them (blind
    review 17 struck both)."""
    at = segment.find(leaf)
    tail = segment[at + len(leaf) :] if at >= 0 else ""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", tail):
        return segment
    if tail[-1] == leaf[-1]:
        return segment[: at + len(leaf)]
    if tail[0] in _ZH_NAME_ENDS:
        return segment  # the name goes on ("洗面奶" of 洗面)
    if tail[-1] in _ZH_NAME_ENDS or tail[-1] in _ZH_FOOD_ENDS:
        return segment  # "叶黄素酯软糖": the tail is the name's noun, not a qualifier
    return tail + segment[: at + len(leaf)]


def _zh_agreed_name(
    product: str, keywords: Sequence[str], title: str, brand: str = ""
) -> str | None:
    """The title's word for what the shop's keywords agree the product is, where the name
    the title gave is none of theirs: "宠物洗耳液 … 清洁 …" with 洗耳液, 猫洗耳液 is a
    洗耳液 ("一款清洁", review 43), "皮划艇 折叠锚 …" with 折叠锚, 船锚, 皮划艇锚 is a 折叠锚
    ("一款不锈钢皮划艇" of an anchor, review 43). Keywords agree on the noun they end with:
    two on a word, three on a character ("男装", "爸爸装" agree on no product). None where
    the name is theirs: it holds a keyword, or ends with a keyword's noun ("北方手工水饺"
    of 速冻水饺, "杯头螺栓" of 不锈钢螺栓)."""
    words = [k for k in keywords if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", k)]
    if not words or any(k.endswith(product[-2:]) or k in product for k in words):
        return None
    agreed = ""
    for word in words:
        for start in range(len(word)):
            end = word[start:]
            shared = sum(w.endswith(end) for w in words)
            if len(end) > len(agreed) and (shared >= 3 or (shared >= 2 and len(end) >= 2)):
                agreed = end
    if not agreed:
        return None
    for segment in re.split(r"[\s【】\[\]]+", title):
        segment = segment.removeprefix(brand) if brand else segment  # "鱼跃电子血压计"
        # A keyword, or a word longer than the noun ("折叠锚"): not a bare "原料" or "枸杞".
        chinese = re.fullmatch(r"[\u4e00-\u9fff]+", segment)
        if chinese and segment.endswith(agreed) and (segment in words or len(segment) >= 3):
            return segment
    return None


# What names a service as a thing had: "一项上门喂猫服务", "一节体验课", "一项年度套餐".
_ZH_SERVICE_NOUNS = ("服务", "课", "课程", "套餐", "会员", "方案", "保险", "托管", "咨询", "培训")


def _zh_product(segment: str, kinds: tuple[str, ...]) -> str:
    """A keyword-stuffed title's first part cut after the first name of what the product
    is (`kinds`: its category's leaf, then its keywords): "S925银手链" of "S925银手链女小众
    设计…", "IH电饭煲" of "IH电饭煲家用4L多功能…". A blind reader rejected every lead that
    pasted the whole string. The earliest such name wins; of those that start together, the longest
    ("螺丝刀套装", not "螺丝刀")."""
    if not kinds or len(kinds[0]) < 2:
        return segment  # no category: nothing says what the product is
    if len(segment) <= ZH_NAME_CHARS:
        if any(len(k) >= 2 and segment.endswith(k) for k in kinds):
            return segment  # "叶黄素酯软糖": named at its end by a keyword (软糖)
        return _zh_name_order(segment, kinds[0])
    leaf, *keywords = kinds
    names = _zh_names(kinds, ending=False)
    if leaf not in segment:
        # Keywords that agree on their last word name it too (磁吸充电宝, 无线充电宝 of a
        # 移动电源).
        names += [k for k in keywords if sum(o.endswith(k[-2:]) for o in keywords) > 1]
    found = [(segment.find(k), k) for k in names if k in segment]
    end = len(segment)
    if found:
        end = min(at + len(k) for at, k in found)
        start = next(at for at, k in found if at + len(k) == end)
        end = max(at + len(k) for at, k in found if at == start)
        # Still a keyword string: an earlier word that ends as the category's does names it
        # first ("行李箱" of "行李箱女20寸登机箱小型轻便拉杆箱…" filed as 拉杆箱).
        early = segment.find(leaf[-1], 2)
        if end > ZH_NAME_CHARS and 0 < early + 1 < end:
            end = early + 1
    if end == len(segment):
        # Named only at its end ("儿童加绒卫裤男童女童秋冬加厚运动裤" of 运动裤): the first
        # word that ends as the category's does names it ("儿童加绒卫裤").
        head = segment.find(leaf[-1], 2)
        end = head + 1 if 0 < head < len(segment) - len(leaf) else end
    while segment[end : end + 1] in _ZH_NAME_ENDS and end < len(segment):
        end += 1  # "洁面" of 洁面乳, "保暖内衣" of 保暖内衣套装: the word goes on
    return segment[:end] if end < len(segment) else segment


def _health_claim(segments: list[str], i: int, stated: str = "") -> bool:
    """Is segment `i` (alone or read with a neighbour: "肠胃 调理") part of a health claim,
    or of a natural or non-toxic one ("纯植物", "100%除净"), that no attribute (`stated`)
    makes? A title's such words are the seller's: read blind as invented (review 31)."""
    seg = segments[i]
    windows = [(seg, 0)]
    if i > 0:
        windows.append((segments[i - 1] + seg, len(segments[i - 1])))
    if i + 1 < len(segments):
        windows.append((seg + segments[i + 1], 0))
    return any(
        c[2] in {"health", "environment"}
        and c[3] < at + len(seg)
        and c[4] > at
        and c[0] not in stated
        for text, at in windows
        for c in claims_in(text)
    )


def _zh_audiences(clauses: list[str], attributes: Attributes) -> list[str]:
    """The title's "适合…" clauses as one ("适合成人和儿童", not "适合成人，适合儿童"), less who
    an attribute names already ("适合幼猫" beside 适用年龄: 幼猫、成猫和老年猫): an unseen
    catalog's readers struck both repeats. None where an attribute names who: "适合儿童"
    beside 适宜人群 "4岁以上…" (the attribute says who, exactly, review 31)."""
    if any(re.search(r"人群|年龄|对象", n) for n, _ in attributes):
        return [c for c in clauses if not c.startswith("适合")]
    values = [v for _, v in attributes]
    who = [c[2:] for c in clauses if c.startswith("适合")]
    who = [w for w in dict.fromkeys(who) if not any(w in v for v in values)]
    first = next((i for i, c in enumerate(clauses) if c.startswith("适合")), None)
    kept = [c for c in clauses if not c.startswith("适合")]
    if first is not None and who:
        kept.insert(min(first, len(kept)), "适合" + _zh_list(who))
    return kept


_UNIT_WORD = re.compile(r"(?i)mm|cm|m|km|g|kg|mg|ml|l|w|kw|v|mah|hz|ghz|gb|tb|mb|in|oz|lbs?")


def _said_by_attribute(segment: str, attributes: Attributes) -> bool:
    """Does an attribute give this title segment's numbers and words?"""
    numbers = re.findall(r"\d+(?:\.\d+)?", segment)
    if not numbers:
        return False
    han = re.findall(r"[\u4e00-\u9fff]", segment)
    pairs = {"".join(han[i : i + 2]) for i in range(len(han) - 1)}
    # Words, not units: "M-4XL" names sizes; "65-70mm" only measures.
    latin = {w for w in re.findall(r"[A-Za-z]+", segment) if not _UNIT_WORD.fullmatch(w)}
    joined: dict[str, str] = {}  # a list's items, one value per name ("M", "L", … "4XL")
    for name, value in attributes:
        joined[name] = f"{joined[name]}、{value}" if name in joined else value
    # "宽2米-8米", "内径20", "厚14": a dimension's name and its measure, which a size or a
    # list of widths gives ("宽2米-8米，…宽度2米、3米…", "内径20，外径47，厚14，…尺寸20×47×
    # 14mm", review 42).
    dimension = re.fullmatch(
        r"(?:宽|长|高|厚|深|宽度|长度|高度|厚度|内径|外径|直径|口径)[\d.\-~～]+(?:米|厘米|毫米|cm|mm|m)?"
        r"(?:[\-~～][\d.]+(?:米|厘米|毫米|cm|mm|m)?)?",
        segment,
    )
    for name, value in joined.items():
        if dimension and set(numbers) <= set(re.findall(r"\d+(?:\.\d+)?", value)):
            return True
        # A list's words say a size range ("M-4XL"); its Chinese words are variants the
        # lead may leave to the table (规格: 5斤 中果 65-70mm、10斤 …), so the title's stay.
        listed = "、" in value
        if not re.fullmatch(r"[\u4e00-\u9fff]{1,6}", name):
            continue  # "SPF值": a name `_zh_specs` does not say, so the title's must stay
        if not set(numbers) <= set(re.findall(r"\d+(?:\.\d+)?", value)):
            continue
        worded = (not listed and any(p in name for p in pairs)) or (
            bool(latin) and latin <= set(re.findall(r"[A-Za-z]+", value))
        )
        if worded:
            return True
    return False


def _listed_options(attributes: Attributes) -> list[list[str]]:
    """The values of each attribute that lists more than one (one pair per item)."""
    groups: dict[str, list[str]] = {}
    for name, value in attributes:
        # "口味: 双黄白莲蓉、五仁、…": one value of a list's items (a title's "五仁" is one).
        items = [v for v in re.split(r"[、/]", value) if v.strip()]
        groups.setdefault(name, []).extend(items if len(items) > 1 else [value])
    # Options, not a value and its note ("绳长: 3米，可调节").
    return [
        values
        for values in groups.values()
        if len(values) > 1 and not any(_ZH_PREDICATE.match(v) for v in values)
    ]


def _one_option(segment: str, options: list[list[str]]) -> bool:
    """Is this title segment one item of a listed attribute (or that item's label)?"""
    return len(segment) >= 2 and any(
        segment == v or (v.startswith(segment) and len(v) <= len(segment) + 8)
        for values in options
        for v in values
    )


def _unlike_material(word: str, attributes: Attributes) -> bool:
    """Does a title word name a material the product's material attributes do not?"""
    named = {canonical for _, canonical, _, _ in material_claims(word)}
    stated = [v for n, v in attributes if re.search(r"材质|材料|板材|面料|主材", n)]
    return bool(named and stated) and not named <= supported_materials(stated)


def _dimensions(text: str) -> set[str]:
    """What `text` measures: its units' dimensions ("mass" of 1斤), "age" of "8-12岁"."""
    dims = {q.base[0] for q in extract_quantities(text) if q.base and q.unit != "count"}
    if re.search(r"\d\s*岁|\d\s*个?月(?:以上|\+|-)", text):
        dims.add("age")
    return dims


def _measured_by_attribute(segment: str, values: list[str]) -> bool:
    """Does an attribute measure what this title segment does (the same dimension), or give
    its numbers (two digits or more) under a name of its own?"""
    if not re.search(r"\d", segment):
        return False
    dims = _dimensions(segment)
    if dims and any(dims <= _dimensions(v) for v in values):
        return True
    numbers = set(re.findall(r"\d+(?:\.\d+)?", segment))
    # A number first ("91V"), not a named rating ("SPF50+" beside "50ml").
    # "100粒*2瓶" of 净含量 "100g(1.0g/粒×100粒)×2瓶": all its numbers, one of two digits
    # or more (review 34).
    return (
        segment[:1].isdigit()
        and any(len(n) >= 2 for n in numbers)
        and any(numbers <= set(re.findall(r"\d+(?:\.\d+)?", v)) for v in values)
    )


def _zh_names(kinds: tuple[str, ...], *, ending: bool = True) -> list[str]:
    """The words that name what the product is: the category's leaf, with `ending` its
    last two characters (空调 of 壁挂式空调, 清洗 of 家电清洗), and the keywords that end as
    it does (不粘锅 of 炒锅) or share a word with it (每日坚果 of 坚果炒货, 螺丝刀套装 of
    螺丝刀); "316不锈钢" and "长绒棉" are what it is made of."""
    if not kinds or len(kinds[0]) < 2:
        return []
    leaf, *keywords = kinds
    pairs = {leaf[i : i + 2] for i in range(len(leaf) - 1)}
    return [
        leaf,
        *([leaf[-2:]] if ending and len(leaf) >= 4 and _HAN.match(leaf[-2]) else []),
        *(k for k in keywords if k[-1] == leaf[-1] or any(p in k for p in pairs)),
    ]


def _zh_name_first(segments: list[str], names: list[str], *, after_brand: bool) -> list[str]:
    """The title's segments from the first that names the product: "护眼 叶黄素酯软糖 …",
    "雪颜 小白瓶防晒霜 …", "格凌 1.5匹 新一级变频 冷暖 壁挂式 空调挂机": what comes before the
    name is a keyword ("护眼", "军训"), a measure or a word that qualifies it. Read as the
    name, the first segment made leads like "这是一款儿童学生护眼" (an unseen catalog). Measures
    and short words before it go after it, as the title's other segments (said as clauses
    or put before the name by `_zh_lead`'s modifier rule); the rest are dropped.
    `names`: `_zh_names` of the product's kinds."""
    at = next((i for i, s in enumerate(segments) if any(n in s for n in names)), None)
    # Named first, not named at all, or after a code or a measure that opens the title
    # ("P60 5G手机", "27英寸2K 170Hz 电竞显示器": `_zh_lead` names it after those): the
    # title's order. After the brand, a code or a measure is no name ("格凌 1.5匹 … 空调挂机").
    keyword = re.fullmatch(r"[\u4e00-\u9fff]{2,6}", segments[0]) if segments else None
    # "适用于大众朗逸 雨刮器 …": what it fits opens the title, no name ("一款专用无骨适用于大众
    # 朗逸", review 34); it is said after the name.
    fits = bool(segments) and bool(re.match(r"适用|适合|用于|专用于", segments[0]))
    if not at or not (keyword or after_brand or fits):
        return segments
    before = [
        s
        for s in segments[:at]
        if re.search(r"\d", s)
        or re.fullmatch(r"[\u4e00-\u9fff]{2,3}", s)
        or (s == segments[0] and fits)
    ]
    return [segments[at], *before, *segments[at + 1 :]]


# A listing form's place split over fields ("产地: 中国大陆", "省份: 山东省", "城市: 柳州市").
_ZH_REGION_NAMES = ("省份", "城市")
_ZH_COUNTRY = frozenset({"中国大陆", "中国", "大陆", "国产", "中国内地"})
# Options a listing form writes with slashes ("两层+盖 / 三层+盖", "3.6m/4.5m/5.4m").
_ZH_SLASH_OPTIONS = re.compile(r"[^\s/、，,]{1,12}(?:\s*/\s*[^\s/、，,]{1,12})+")
# Names whose slashes join what one product is made of ("棉/涤纶"), no options.
_ZH_MADE_OF = re.compile(r"材质|材料|成分|面料|配料|原料|里料|填充")


def _alike(items: Sequence[str]) -> bool:
    """Are slashed items options of one kind ("3.6m/4.5m", "两层+盖 / 三层+盖", "S号(0-3个月)
    /M号(3-6个月)"), not a rate or two specs ("12支/盒", "220V/50Hz", "刺绣/印字logo")?"""
    if not all(items) or any(re.search(r"[()（）≥≤<>约]", i) for i in items):
        return False  # "170Hz(DP超频)/144Hz(HDMI)": conditions, not options
    # Size codes ("L/XL/XXL/3XL") and a thread's sizes ("M3/M4/M5"), review 39.
    if all(re.fullmatch(r"(?:\d?X{0,3}[SML]|[A-Z]\d+(?:\.\d+)?)", i) for i in items):
        return True
    if re.fullmatch(r"(?:100|1)\s?(?:g|ml|kg|l|mL|L)", items[-1]):
        return False  # "80g/100g": a rate
    if all(re.search(r"\d", i) for i in items):
        units = {re.sub(r"^.*\d", "", i) for i in items}
        return len(units) == 1 and "" not in units  # "205/55R16": one size, no options
    return not any(re.search(r"\d", i) for i in items) and len({i[-1] for i in items}) == 1


def _zh_spaced_list(value: str) -> bool:
    """Is `value` three or more things listed with spaces, the first perhaps after 含
    ("含巢框10个 巢门板 纱盖 箱盖")?"""
    words = value.split()
    if len(words) < 3 or not all(_HAN.search(w) for w in words):
        return False
    first = re.sub(r"^含|\d+[\u4e00-\u9fff]?$", "", words[0])
    return all(_zh_noun_item(w) for w in [first, *words[1:]])


def _zh_noun_item(part: str) -> bool:
    """Is a comma-separated part a short noun (an item of a list), not a predicate or a
    note ("可调节", "约15天", "建议手洗")?"""
    return (
        1 <= len(part) <= 10
        and bool(_HAN.search(part))
        and not re.search(r"\d", part)
        and not _ZH_PREDICATE.match(part)
        and not re.match(r"约|建议|请|以|每|无|有|不|可|需|仅|适", part)
    )


def _zh_item(item: str) -> str:
    """A list item as one phrase: a measure and its note ("2.5kg×1袋 试用" → "2.5kg×1袋(试用)",
    "30ml×2 囤货装"), a name and its count ("卡通混合装 50片" → "卡通混合装50片"); the space a
    form left between them read as pasted (reviews 36-37)."""
    item = item.strip()
    noted = re.fullmatch(r"(\S*\d\S*?[^\s\u4e00-\u9fff])\s+([\u4e00-\u9fff]{1,4})", item)
    if noted:
        return f"{noted[1]}({noted[2]})"
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=\d)", "", item)


def _zh_fields(attributes: Attributes) -> Attributes:
    """A Chinese listing form's fields as a shopper reads them: its place said once, where
    the form split it over three fields ("产地为中国大陆，…省份为山东省", read as pasted from
    the back end, review 38), and options written with slashes as a list ("层数为两层+盖 /
    三层+盖", "长度3.6m/4.5m/…", review 38: "照搬")."""
    names = {name for name, _ in attributes}
    # The province before the city, whatever order the form lists them in ("产地为柳州市广西",
    # review 39).
    fields = dict(attributes)
    region = "".join(fields.get(n, "").strip() for n in _ZH_REGION_NAMES)
    out: list[tuple[str, str]] = []
    for name, value in attributes:
        if name in _ZH_REGION_NAMES and region:
            if "产地" not in names and not any(n == "产地" for n, _ in out):
                out.append(("产地", region))
            continue
        if name == "产地" and region:
            country = value.strip() in _ZH_COUNTRY
            out.append((name, region if country or region.startswith(value) else value + region))
            continue
        items = [v.strip() for v in value.split("/")]
        # Colours slashed are the ones it comes in, however unlike ("黑+灰+蓝/黑+黑+黑").
        hues = _ZH_COLOUR_NAME.search(name) and all(_ZH_HUE.search(i) for i in items)
        if (
            _ZH_SLASH_OPTIONS.fullmatch(value.strip())
            and not _ZH_MADE_OF.search(name)
            and not _ZH_SLASHED.fullmatch(value.strip())  # "鸡肉/鸭肉": `_zh_specs` splits it
            and (_alike(items) or hues)
        ):
            out.append((name, "、".join(items)))
            continue
        out.append((name, value))
    return tuple(out)


# A spec after a Chinese name ("充电宝20000毫安", "固态硬盘1TB", "路由器wifi6"): said before it,
# as a name's modifier is. Not a name's own code ("维生素D3", "辅酶Q10").
_ZH_SPEC_END = re.compile(
    r"(?P<name>.*[\u4e00-\u9fff])"
    r"(?P<spec>\d[\d.]*(?:[A-Za-z+]+|[\u4e00-\u9fff]{1,2})|[A-Za-z]{3,}\d*[A-Za-z+\d]*)"
)


def _zh_name_tidied(product: str) -> str:
    """A Chinese name as a shopper says it, not as a title stacks it: who it is for first
    ("明制马面裙原创汉服女" → "女款明制马面裙原创汉服", "工作服套装男", review 38 "语序照搬标题"),
    a spec before the noun ("20000毫安充电宝"), no space inside ("86型 插座")."""
    product = re.sub(r"(?<=[\u4e00-\u9fff\d型])\s+(?=[\u4e00-\u9fff])", "", product)
    spec = _ZH_SPEC_END.fullmatch(product)
    # "耳钉女925银针": a word of whom after the name is no spec's name (the guards read no
    # audience in it).
    if spec and len(spec["name"]) >= 2 and spec["name"][-1] not in "男女":
        space = " " if spec["name"][:1].isascii() and spec["name"][:1].isalnum() else ""
        product = spec["spec"] + space + spec["name"]
    whose = re.fullmatch(r"(.{3,}?[^男女少仙美子孩童士性])([男女])", product)
    if whose:
        product = f"{whose[2]}款{whose[1]}"
    return product


def _zh_synonym(word: str, product: str, kinds: tuple[str, ...]) -> bool:
    """Is a title's word another name for what the product's name names: the head of a
    shop keyword ("尿不湿" of 老人尿不湿, beside 成人纸尿裤), or the name's own word with
    another middle ("电瓶车" of 电动车轮胎)? Said before the name it stacks two names
    ("尿不湿成人纸尿裤", "电瓶车加厚电动车轮胎": read as keyword stuffing, review 41)."""
    if len(word) < 3 or not _HAN.fullmatch(word[-1]):
        return False  # "家用", "大号", "网课": a word of two qualifies
    if any(k != word and k.endswith(word) for k in kinds[1:]):
        return True
    middled = f"{re.escape(word[0])}.{re.escape(word[-1])}"
    return len(word) == 3 and bool(re.search(middled, product))


def _zh_lead(
    title: str,
    brand: str,
    say_brand: bool,
    attributes: Attributes,
    kinds: tuple[str, ...] = (),
    levels: tuple[str, ...] = (),
    *,
    regulated: bool = False,
    cells: frozenset[str] = frozenset(),
) -> str | None:
    """`kinds`: the category's leaf and the keywords (what names the product); `levels`:
    the category's path (a more general name than the product's: 饮料 of 苏打水).
    `regulated` (food, supplements, cosmetics, medical devices): the title's other
    segments are no modifiers of the name: on such titles they are the seller's efficacy
    words ("刮油", "养发", "雀斑晒斑", "密发", review 29), each dropped claim letting the
    next one in."""
    attributes = _zh_fields(attributes)
    segments: list[str] = []
    joined = False
    # "【官方正品】", "【24期免息】": a shop's banner, not the product's words.
    title = re.sub(r"【[^】]*】|\[[^\]]*\]", " ", normalize(title))
    # "官方旗舰店", "包安装", "正品": the shop's terms and claims, not the product's words.
    for s in _ZH_SHOP.sub("", title).split():
        # "双头C to C 100W快充": a short Latin word between two is no segment boundary.
        link = bool(re.fullmatch(r"[A-Za-z]{1,3}", s))
        if segments and (link or joined):
            segments[-1] += " " + s
        else:
            segments.append(s)
        joined = link
    if segments and brand and segments[0].startswith(brand) and len(segments[0]) > len(brand):
        segments[0] = segments[0][len(brand) :]  # "禾味IH电饭煲" of 禾味: said once
        # "罗技(Logitech)K380": the brand's other name goes with it ("一款(Logitech)K380",
        # review 37).
        segments[0] = re.sub(r"^\s*\([^()]{1,24}\)\s*", "", segments[0]) or segments[0]
    # "絲语100%桑蚕丝被" of 絲语家纺: the brand's own name before a measure or a code, said
    # once ("这是絲语家纺的一款絲语100%…", review 28).
    for i, seg in enumerate(segments):
        for k in range(len(brand) - 1, 1, -1):
            if (
                _HAN.search(brand[:k])
                and seg.startswith(brand[:k])
                and re.match(r"[\dA-Za-z]", seg[k:])
            ):
                segments[i] = seg[k:]
                break
    # "康益源 益生菌粉 …" of 康益源: the brand is said once, as the brand, never as the name
    # ("这是康益源的一款…康益源", an unseen catalog's leads, 12 of 30).
    branded = bool(segments and brand and segments[0].lower() == brand.lower())
    segments = [s for s in segments if not brand or s.lower() != brand.lower()]
    # "护眼", "助睡眠", "护颈椎": a title's health claim is a seller's, not a fact a
    # description may repeat (a regulated product may not make it at all); the facts'
    # own 功效 is said with its name.
    # A claim across two segments ("肠胃 调理") drops both.
    # The name itself stays ("护眼台灯" is a kind of lamp).
    names = _zh_names(kinds)
    stated = " ".join(v for _, v in attributes)
    segments = [
        s
        for i, s in enumerate(segments)
        if any(n in s for n in names)
        or (i == 0 and not names)
        or not _health_claim(segments, i, stated)
    ]
    segments = _zh_name_first(segments, names, after_brand=branded)
    if not segments:
        return None
    product, rest = _zh_product(segments[0], kinds), segments[1:]
    # "豆腐猫砂除臭无尘": what it does after its name is a clause of its own ("豆腐猫砂，
    # 除臭无尘"), not a part of the name.
    leaf = kinds[0] if kinds else ""
    at = product.find(leaf) if len(leaf) >= 2 else -1
    after = product[at + len(leaf) :] if at >= 0 else ""
    said_after = ""
    named_end = any(len(k) >= 2 and product.endswith(k) for k in kinds) or (
        product[-1:] in _ZH_FOOD_ENDS
    )  # "叶黄素酯软糖": named at its end
    if len(after) >= 2 and after[0] not in _ZH_NAME_ENDS and _HAN.search(after) and not named_end:
        product, said_after = product[: at + len(leaf)], after
    # "启星P60 5G手机": a model's code first, the product's name after it.
    # "27英寸2K 170Hz电竞显示器": a measure first, the name the category gives after it.
    leaf_end = leaf[-1:] if _HAN.search(leaf[-1:]) else ""
    named_at = next((i for i, s in enumerate(rest) if _HAN.search(s)), None)
    if leaf_end and not product.endswith(leaf_end):
        named_at = next((i for i, s in enumerate(rest) if s.endswith(leaf_end)), named_at)
    # Only a name that is a code or a measure: "遥控挖掘机" is a 遥控车 already.
    measured = (
        named_at is not None
        and bool(re.match(r"\d", product))
        and bool(leaf_end)
        and not product.endswith(leaf_end)
        and rest[named_at].endswith(leaf_end)
    )
    if named_at is not None and (not _HAN.search(product) or measured):
        product = f"{product} {_zh_product(rest.pop(named_at), kinds)}"
    # "酒店风A类", "活力版小米Redmi": a name that names no kind of product takes the
    # category's ("一款酒店风A类" read as missing its noun, review 37).
    # Only a name that ends in a code, a grade or a version: one that ends in a noun of
    # its own ("2024新茶", "香辣脆油辣椒") is named already.
    headless = (
        re.fullmatch(r"[\u4e00-\u9fff]{2,6}", leaf)
        and re.search(r"(?:[A-Za-z0-9]|[类版款风型级])$", product)
        and not any(n in product for n in names)
        and not any(leaf[i : i + 2] in product for i in range(len(leaf) - 1))
        and not re.search(r"[()《]", product)
    )
    if headless:
        product += leaf
    # "学生比赛训练专用蓝球" of a 篮球, "大号男孩玩具车" of a 遥控车: a second name is a
    # keyword string, not a clause (unseen catalogs); a count ("共100片") is not one.
    ends = {product[-1:], leaf_end} - {""}
    rest = [s for s in rest if not (len(s) >= 3 and s[-1:] in ends and not re.search(r"\d", s))]
    # Measures stay; of the words, MAX_ZH_TITLE_CLAUSES (the rest are keywords).
    worded = [s for s in rest if not re.search(r"\d", s)][:MAX_ZH_TITLE_CLAUSES]
    rest = [s for s in rest if re.search(r"\d", s) or s in worded]
    # "10斤 … 5kg": one amount in two units, said once.
    seen_bases: set[tuple[str, object]] = set()
    once: list[str] = []
    for s in rest:
        found = extract_quantities(s)
        base = found[0].base if len(found) == 1 and found[0].surface.strip() == s else None
        if base is None or base not in seen_bases:
            once.append(s)
        if base is not None:
            seen_bases.add(base)
    rest = once
    # A title's measure or code an attribute gives ("8毫米" of 厚度, "1:16" of 比例) is said
    # there, with its name, not labelled by its unit's dimension ("尺寸8毫米") or bare.
    values = [v for n, v in attributes if re.fullmatch(r"[\u4e00-\u9fff]{1,6}", n)]
    rest = [s for s in rest if not (_HAN_FREE.match(s) and any(s in v for v in values))]
    # "5级保密" of 保密等级 "5级(颗粒 2×10mm)", "M-4XL" of 尺码 "M、L、…、4XL": an attribute
    # says it with its name; said twice, a reader read a repeat (an unseen catalog).
    rest = [s for s in rest if not _said_by_attribute(s, attributes)]
    # "6个月以上 1岁 2岁" beside 适用年龄 "6-36个月": a seller's run of ages, the attribute's to
    # say ("…学饮杯，6个月以上，1岁，2岁", review 41).
    if any(re.search(r"年龄|月龄", n) for n, _ in attributes):
        rest = [s for s in rest if not _ZH_AGE.fullmatch(s)]
    # "净含量1斤" beside 净含量 "480g", "8-12岁" beside 适用年龄 "8-14岁", "91V" of a tyre's
    # 载重指数 "91(615kg)": what an attribute measures, the title's measure says again, or
    # says otherwise (a reader read a contradiction, review 29); the attribute is the fact.
    by_attribute = [s for s in rest if _measured_by_attribute(s, values)]
    rest = [s for s in rest if s not in by_attribute]
    # "灰色" of 颜色 灰色、棕色、…, "大盆" of 规格 小盆、中盆、大盆, "中型犬" of 适用体重
    # 小型犬≤11kg、中型犬11-22kg、…: one of the listing's options, said as the product's own
    # (a reader read a contradiction, review 31); the attribute lists them all.
    options = _listed_options(attributes)
    rest = [s for s in rest if not _one_option(s, options)]
    # "贵州茅台镇" of 产地 "贵州省仁怀市茅台镇": the attribute says the place whole.
    rest = [
        s
        for s in rest
        if not (len(s) >= 4 and _HAN.match(s) and any(s[:2] in v and s[-3:] in v for v in values))
    ]
    pairs = [(s, _zh_clause(s)) for s in rest]  # each title segment and its clause
    # "四件套 … 4件套": a count the name says in words, said again in digits.
    spelled = {
        (parse_zh_numeral(m[1]), m[2])
        for m in re.finditer(r"([一二两三四五六七八九十]+)(件套|件|只|片)", product)
    }
    pairs = [
        (s, c)
        for s, c in pairs
        if not ((n := re.fullmatch(r"(\d+)(件套|件|只|片)", s)) and (int(n[1]), n[2]) in spelled)
    ]
    # "1.8m床 1.5米": beside what it fits, a bare length is another bed's, not the
    # product's length ("适用1.8m床，长度1.5米", review 37).
    if any(c.startswith("适用") and re.search(r"\d", c) for _, c in pairs):
        pairs = [(s, c) for s, c in pairs if not (c.startswith("长度") and c[2:] == s)]
    # Not a second name of the product (手工拉面 劲道挂面: both end in 面).
    # Nor a keyword of its own ("婴儿宝宝辅食原味高铁米粉" of the keyword 宝宝辅食).
    modifiers = [
        s
        for s, c in pairs
        if c == s
        and _ZH_MODIFIER.match(s)
        and s[-1] != product[-1]
        and s not in kinds
        # "男童女童", "成人儿童", "儿童学生": who it is for, stacked on the name (a mangled
        # name to the entities guard, keywords to a reader).
        and not _ZH_AUDIENCE_WORDS.fullmatch(s)
        # "饮料", "特产": a category's more general name ("饮料柠檬味无糖苏打水", review 24).
        and s not in levels
        # "实木质" of a wardrobe whose 材质 is 颗粒板: the attribute is the fact (review 29).
        and not _unlike_material(s, attributes)
        and not _one_option(s, options)
        and not _zh_synonym(s, product, kinds)
    ]
    # A bare keyword after the name ("暖贴", "手竿", "甜橙", "送爸妈", "超轻便携") read to
    # every blind reader as pasted in ("孤立插入", unseen catalog 3): a clause says a
    # measure, a count, what it fits or does ("可调节", "带手柄", "四季通用"), or is one
    # `_zh_clause` framed ("颜色为…", "适合儿童").
    clauses = [
        c
        for s, c in pairs
        if c not in modifiers
        and (c != s or _zh_numbered(c) or _ZH_SAYS_WHAT.search(c))
        # "GT5 Pro Smart", '1.43"', "手工 DIY 20W": an English title's words or a bare
        # measure, no clause a Chinese reader can read (review 24).
        and not _ZH_FRAGMENT.search(c)
        and not _ZH_BARE_CLAUSE.fullmatch(c)  # "适用于 华为 …": "适用于，" (review 40)
    ]
    # Modifiers while the name stays a name ("面部身体学生党军训防晒霜" is keywords); the
    # rest are keywords too, not clauses.
    fitting: list[str] = []
    for m in modifiers:
        stutter = any(m.endswith(product[:k]) for k in (1, 2) if len(product) >= k)
        # Two at most: more read as keywords stacked on the name ("成人儿童肠胃调理益生菌粉",
        # an unseen catalog).
        fits = len(product) + len("".join(fitting)) + len(m) <= ZH_NAME_MAX
        if fits and not stutter and len(fitting) < ZH_MODIFIERS:
            fitting.append(m)  # not "长效保温保温饭盒"
    # Of a regulated product, only how it comes and tastes ("罐装", "蓝莓味", "即食"); a
    # service's name stands alone ("一项挂机柜机拆洗空调清洗服务" read as keywords, review 37).
    # A service is "一项" ("这是一项上门空调清洗", not "一款", review 24).
    # Not "办公设备/耗材/相关服务": a department of goods and their services.
    service = any(level.endswith("服务") and not level.endswith("相关服务") for level in levels)
    modifiers = [
        m for m in fitting if not service and (not regulated or _ZH_PLAIN_MODIFIER.search(m))
    ]
    # A verb whose object is not said opens no name: "女士 专用" without its 女士 ("一款专用
    # 安全型修眉刀", review 40). Inside the name it joins title words the guards know
    # ("孕中晚期专用托腹带"; without it, a compound the title never wrote).
    if modifiers and _ZH_BARE_VERB.fullmatch(modifiers[0]):
        modifiers = modifiers[1:]
    # "上门 空调清洗 服务": the service is "空调清洗服务" ("一项空调清洗" lacks its noun,
    # review 40).
    # Also where the title's banner said it ("【上门服务】空调清洗 …": "一项空调清洗", an
    # unseen catalog).
    # And wherever the name is what is done, not a service's noun: "一项上门喂猫" lacks
    # its noun as "一项空调清洗" did (review 48); a course, a plan or a package has one.
    if service and not product.endswith(_ZH_SERVICE_NOUNS):
        product = f"{product}服务"
    clauses = clauses[: MAX_ZH_TITLE_CLAUSES + 1]
    if said_after:
        clauses.insert(0, _zh_clause(said_after))
    # "适用iPhone15ProMax手机壳" → "适用iPhone15ProMax的手机壳": what it fits, then the name.
    if product.startswith("适用") and len(leaf) >= 2 and product.endswith(leaf):
        product = f"{product[: -len(leaf)]}的{leaf}"
    # "Wireless 无线领夹麦克风": an English word beside the Chinese name says it again
    # (review 28); codes and initials stay ("NFC", "Type-C", "Pro").
    if _HAN.search(product):
        product = re.sub(r"(?<![A-Za-z\d-])[A-Z]?[a-z]{3,}\s*(?=[\u4e00-\u9fff]{2})", "", product)
    # "宠物 猫咪 化毛膏 …", "园艺 铁锹 锰钢 …": a title of single words made its first words
    # the name ("一款宠物", "一款锰钢加厚园艺", review 39); the shop's first keyword the title
    # says is the product's name.
    # Only where the name is a department's word (宠物, 园艺 of 园艺/农用物资/…).
    compact = re.sub(r"\s+", "", title).lower()
    said_keywords = [
        k
        for k in kinds[1:]
        if len(k) >= 2 and _HAN.search(k) and k.lower() in compact and not (brand and brand in k)
    ]
    # A department is a top level ("宠物", "园艺"); a deeper one may name the product ("种子"
    # of …/种子/蔬菜种子).
    # Nor a deeper level the category goes on from ("水草" of …/水草/活体水草: "一款水草" of
    # a 鹿角苔).
    department = any(product.endswith(level) for level in levels[:2] if len(level) >= 2) or (
        product in levels[:-1] and any(product in level for level in levels[-1:])
    )
    if (
        said_keywords
        and department
        and not any(k.lower() in product.lower() for k in said_keywords)
    ):
        product = said_keywords[0]
        modifiers = [m for m in modifiers if m not in product]  # not "上海青小白菜上海青种子"
    # "爬宠 加热垫 …" named "一款爬宠" (of …/爬宠用品/加热设备): a word of a department the
    # category goes on from is no name; a shop keyword the title says that starts with it
    # and goes on is ("爬宠加热垫", review 40).
    longer = [k for k in said_keywords if k.startswith(product) and len(k) >= len(product) + 2]
    grouping = any(product in level for level in levels[:-1]) and product not in "".join(
        levels[-1:]
    )
    if longer and grouping:
        product, modifiers = longer[0], []  # the title's words around a department's word
    agreed = _zh_agreed_name(product, kinds[1:], title, brand)
    if agreed:
        product, modifiers = agreed, []
        clauses = [c for c in clauses if c not in agreed]  # the name is not said twice
    # "套装" is what the name comes as, after it ("二胡弦套装", not "套装专业演奏二胡弦",
    # review 39).
    if "套装" in modifiers:
        modifiers = [m for m in modifiers if m != "套装"]
        product = product if product.endswith("套") or "套装" in product else f"{product}套装"
    audience = _ZH_AUDIENCE_PREFIX.match(product)
    cut = audience.end() if audience else 0
    if re.match(r"(?:19|20)\d\d", product[cut:]):
        modifiers = []  # "2026马年春联": a year opens the name ("大门2026马年春联", review 41)
    product = product[:cut] + "".join(modifiers) + product[cut:]
    # A work named in the title ("正版 《人间草木》汪曾祺 散文集 …") is a book too.
    named_work = re.search(r"《([^》]{1,30})》", title)
    book = dict(attributes).get("书名") or (named_work.group(1) if named_work else None)
    if book:  # "这是一本《唐诗三百首(彩图注音版)》": a work's name, not a title's keywords
        product, clauses = f"《{book}》", []
        attributes = tuple((n, v) for n, v in attributes if n != "书名")
    measure_word = "一本" if book else "一项" if service else "一款"
    product = product.strip()  # "一款 迷你…": an English word taken off its start
    if not book:
        product = _zh_name_tidied(product)
        # The shop's keyword that writes the name's words in its order: "KT板飞机", not the
        # title's "飞机KT板" (an A/B reader: "语序错", as review 48's).
        for keyword in kinds[1:]:
            size = len(keyword)
            written = product[-size:] if 1 < size <= len(product) else ""
            if written != keyword and sorted(written) == sorted(keyword):
                product = product[:-size] + keyword  # "固定翼KT板飞机" too
                break
    # A book filed as one without a 《》 name: its author is the 作者 clause's, not a word of
    # the name; a set of volumes is 一套 ("一款三体全集(全三册)刘慈欣", review 37).
    author = str(dict(attributes).get("作者") or "")
    if not book and any(level.startswith(("图书", "书籍")) for level in levels):
        if author and author in product and product.replace(author, "").strip():
            product = product.replace(author, "").strip()
        volumes = re.search(r"全集|[\d一二三四五六七八九十]+册|套装", title)
        measure_word = "一套" if volumes else "一本"
    opening = (
        f"这是{brand}的{measure_word}{product}" if brand and say_brand
        else f"这是{measure_word}{product}"
    )  # fmt: skip
    clauses = _zh_audiences(clauses, attributes)
    said = "，".join([opening, *clauses])
    # A garment's own attribute names (衣款式, 裙领型) say it is one whatever its title
    # ("字母街头冲锋衣").
    garment = names_garment(title) or any(
        name[:1] in "衣裙裤" and name in _frames() for name, _ in attributes
    )
    specs = _zh_specs(attributes, said, garment=garment, title=normalize(title), cells=cells)

    # A title measure left to an attribute the specs do not say after all (a name they
    # cannot frame, "SPF值"; past their limit) is said as the title gives it.
    def packed(text: str) -> str:
        return re.sub(r"\s+", "", text).replace("*", "×").lower()

    told = packed("，".join(specs))
    unsaid = [
        _zh_clause(m)
        for m in by_attribute
        if not any(packed(v)[:12] in told for v in values if _measured_by_attribute(m, [v]))
    ]
    if unsaid:
        said = "，".join([opening, *clauses, *unsaid])
        specs = _zh_specs(attributes, said, garment=garment, title=normalize(title), cells=cells)
    return "，".join([said, *specs])


# --------------------------------------------------------------------------- the lead


@functools.lru_cache(maxsize=4096)
def _cached(
    lang: str,
    title: str,
    brand: str,
    attributes: Attributes,
    lean: bool,
    kinds: tuple[str, ...] = (),
    levels: tuple[str, ...] = (),
    parts: bool = False,
    regulated: bool = False,
    keywords: tuple[str, ...] = (),
    cells: frozenset[str] = frozenset(),
) -> str | None:
    # "U.S. Polo Assn.": a full stop inside the lead would end its sentence there; the brand
    # is taken off the title but not said.
    say = not re.search(r"\.(?:\s|$)", brand)
    lead = (
        _zh_lead(title, brand, say, attributes, kinds, levels, regulated=regulated, cells=cells)
        if lang == "zh"
        else _en_lead(title, brand, say, attributes, lean, kinds, parts, keywords)
    )
    return lead if lead and len(lead) <= 300 else None


def title_lead(facts: ProductFacts, *, lean: bool = False, parts: bool = False) -> str | None:
    """The opening of a description saying what the title says, without its full stop: a
    whole clause the model may continue ("This is a large bamboo cutting board from
    Grainwell" → "… for everyday cooking."), or for plurals the subject it goes on from
    ("These women's running shoes" → "… are made for …"). None when the title gives
    nothing to say. `lean` (English): attributes that would string onto the sentence
    ("… measuring 48 x 48 x 30 mm weighing 110 g and …") are left to `fact_sentences`.
    `parts` (English, `Settings.title_parts`): the title's parts after the name are read by
    their roles; without it the lead is the name (`_plain`)."""
    brand = normalize(facts.brand or "").strip()
    lang = serving_language(facts.locale)
    attributes = tuple(
        (normalize(str(name)), normalize(str(value)))
        for name, value in _scalars(facts, lists=lang == "zh")
    )
    if lang != "zh":  # "dishwasher safe: true" reads "a dishwasher-safe … bottle"
        attributes += tuple(
            (normalize(str(name)), "true") for name, v in facts.attributes.items() if v is True
        )
    # What the product is, as the catalog files it and the shop's keywords name it: the
    # name a keyword-stuffed Chinese title is cut to (`_zh_product`).
    path = re.split(r"\s*[/>›]\s*", normalize(facts.category or ""))
    keywords = tuple(k for k in map(normalize, facts.keywords) if len(k) >= 2)
    # English: the category's levels ("Suitcases/Carry-Ons": a carry-on is a suitcase).
    # Chinese: the deepest level that names a kind of product ("白酒" of 白酒/酱香型, "牛奶粉"
    # of 婴幼儿牛奶粉/1段: a grade or a stage names none).
    named = [p for p in path if p and not _ZH_NO_KIND.search(p)] or path
    kinds = (named[-1], *keywords) if lang == "zh" else tuple(p for p in path if p)
    levels = tuple(p for p in path if p) if lang == "zh" else ()
    facts_text = FactsText.build(facts, "description")
    regulated = lang == "zh" and is_regulated(facts_text)
    lead = _cached(
        lang,
        unshout(facts.title or "") if lang != "zh" else facts.title or "",
        brand,
        attributes,
        lean,
        kinds,
        levels,
        parts,
        regulated,
        keywords if lang != "zh" else (),
        _one_cell_clauses(facts) if lang == "zh" else frozenset(),
    )
    # A colour attribute's several values (a list, or one string of them once sanitized).
    listed = [
        [str(v).strip().lower() for v in (values if isinstance(values, list) else
                                          _colour_options(str(values)))]
        for name, values in facts.attributes.items()
        if COLOUR_NAME.match(str(name).strip())
    ]  # fmt: skip
    options = [v for values in listed if len(values) > 1 for v in values]
    if lead and lang != "zh" and options:
        # "… Dutch oven with a lid in cherry red" of five colours: the title's colour is
        # one option, which the colour sentence lists (review 34 struck both).
        lead = re.sub(
            r" in ([\w /-]+?)(?= with | for | from |$)",
            lambda m: "" if m[1].lower() in options else m[0],
            lead,
        )
    if lead and lang != "zh" and options:
        # "in black/white/olive/…" of a colour attribute's options said whole: the table's.
        said_options = re.escape("/".join(options))
        lead = re.sub(rf"(?i) in {said_options}(?= with | for | from |$)", "", lead)
    if lead and lang != "zh":
        # "plasters mixed sizes": what a set comes in ("… plasters in mixed sizes").
        lead = re.sub(
            r"(?<=[a-z]) ((?:mixed|assorted) (?:sizes|colou?rs|styles|designs|shapes))\b",
            r" in \1",
            lead,
        )
        lead = _size_first(_material_first(lead, product_heads(facts)))
        # "These 100 x blank sheep ear tags", "a 10 x hi vis vest": a title's count and
        # its "x" said as English counts ("100 blank …", "a pack of 10 hi vis vests",
        # review 42).
        lead = re.sub(r"^(These \d+) x (?=[A-Za-z])", r"\1 ", lead)
        counted = re.match(r"This is an? (\d+) x ([a-z][\w -]*?)(?=( from | in | with |$))", lead)
        if counted and int(counted[1]) > 1:
            lead = f"This is a pack of {counted[1]} {pluralize(counted[2])}{lead[counted.end() :]}"
        # "a … rosary from Bethlehem from BethlehemCraftsCo": where it is made is the fact
        # sentences', not a second "from" (review 42).
        lead = re.sub(r" from [A-Z][\w'-]*(?: [A-Z][\w'-]*)?(?= from )", "", lead)
        # "These bamboo cutting boards … made from acacia wood": a title's material the
        # material attribute does not give is left out (review 47 read both as a
        # contradiction); the attribute's sentence says what it is made of.
        made_of = " ".join(
            str(v).lower()
            for n, v in facts.attributes.items()
            if re.fullmatch(r"(?i)(?:\w+ )?materials?", str(n).strip())
        )
        opening = re.match(r"(?:These |This is (?:an? )?(?:(?:set|pack) of \w+ )?)", lead)
        claimed = material_claims(lead) if made_of and opening else []
        for claim in claimed:
            # Only the name's first word, not a part's ("with a glass lid") nor its head
            # ("garden fleece"); a word of it the attribute gives keeps it ("stainles steel").
            leading = opening is not None and claim[2] == opening.end()
            words = re.findall(r"[a-z]{4,}", claim[1].lower())
            given = any(w in made_of for w in words) or (
                claim[1].lower() in {"wood", "wooden", "timber"} and _WOODS.search(made_of)
            )
            if leading and not given and re.match(r" [a-z]", lead[claim[3] :]):
                lead = (lead[: claim[2]] + lead[claim[3] :].lstrip()).strip()
                # The article of the word that now opens the name ("an acacia …").
                lead = re.sub(
                    r"^This is an? (\S+)", lambda m: f"This is {article(m[1])} {m[1]}", lead
                )
                break
        # "a heat powered wood heater fan 4 blade": a count of parts after the name is
        # said before it, as English does ("a 4-blade …"; review 45 struck the title's).
        parted = re.match(
            r"(This is )an? ([a-z](?:(?! with | for | in | of )[\w' -])*?) (\d+(?:\.\d+)?)"
            r" ([a-z]{3,}[^s\W])(?=( from | with | in |$))",
            lead,
        )
        if parted and not is_plural(parted[4]) and parted[4] not in _MEASURE_WORDS | _SETS:
            said = f"{parted[3]}-{parted[4]} {parted[2]}"
            lead = f"{parted[1]}{article(said)} {said}{lead[parted.end() :]}"
        lead = _plural_subject(_without_trailing_figures(lead))
        # "a liquid rennet vegetarian": a diet after the name is said before it.
        diet = re.match(
            r"(This is )an? (.+?) (vegetarian|vegan|organic|gluten-free|sugar-free|kosher|halal)"
            r"(?= from | in |$)",
            lead,
        )
        if diet:
            # A measure stays first ("a 50ml vegetarian …"); a substance takes no "a"
            # ("50ml of vegetarian liquid rennet", `_UNCOUNTED_GOODS`).
            measure = re.match(r"(\d[\d.,]*\s?[A-Za-z]{1,3}) (.+)", diet[2])
            amount, kind = (measure[1], measure[2]) if measure else ("", diet[2])
            dieted = f"{diet[3]} {kind}"
            if kind.split()[-1] in _UNCOUNTED_GOODS:
                said = f"{amount} of {dieted}" if amount else dieted
            else:
                said = f"{amount} {dieted}" if amount else dieted
                said = f"{article(said)} {said}"
            lead = f"{diet[1]}{said}{lead[diet.end() :]}"
        # "a pack of four 200g x Tim Tam …": the pack's "x" with its count said before.
        lead = re.sub(r"(?<=\d)([a-zA-Z]{1,3}) x (?=[A-Za-z]{2})", r"\1 ", lead)
        # "a reusable medium … respirator reusable from 3M": a title's word given twice,
        # said once (before the name).
        common = common_words()
        lead = re.sub(
            r"\b([a-z]{3,})\b(.+?) \1(?= from |$)",
            lambda m: m[1] + m[2] if m[1] in common else m[0],
            lead,
        )
        # A brand's product line is a name ("a Primacy 4+ … tyre", "a Mini 4 Pro …"; read
        # lower-cased as title words, review 36).
        for word in _line_words(facts):
            lead = re.sub(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", word, lead)
    if lead and lang == "zh":
        # A clause with a health claim a regulated product may not make, though its facts
        # give it ("辅助降血脂" of a fish oil): left to the table, so the rest is published
        # (the claims guard refused the whole description, an unseen catalog).
        # The rest of its field goes with it: "功效7天排出宿便，1个月瘦10斤，改善便秘" is one
        # field, and its later clauses, each checked alone, went live (review 49).
        names = [_ZH_FIELD_SAID.get(n, n) for n, _ in attributes if len(n) >= 2]
        first, *clauses = lead.split("，")
        kept: list[str] = []
        dropping = False
        for clause in clauses:
            if find_unsupported_claims(clause, facts_text):
                dropping = True
            elif not dropping or any(clause.startswith(n) for n in names):
                dropping = False
                kept.append(clause)
        lead = "，".join([first, *kept])
    return lead


# Figures a title writes after its product's name: "pad 8.5 x 11", "kit 4.01 / 7.00 /
# 10.01", "worms 1000+", "pipe cleaners 300pcs assorted" (up to the brand or the end).
_TRAILING_FIGURES = re.compile(
    r"(?<= )(?P<word>[a-z][a-z'-]{2,}) (?P<run>\d[\w.+/%-]*(?: (?:x|/|\+|&|-|\d[\w.+/%-]*))*"
    r"(?: (?:assorted|mixed))?)(?P<end> from [^,]+)?$"
)
# Words a figure after them belongs to: "size 10", "grade 2", "series 3", "pack 12".
_FIGURE_NAMES = frozenset({
    "size", "grade", "series", "gen", "generation", "version", "model", "type", "class",
    "level", "stage", "step", "book", "volume", "vol", "part", "no", "number", "mark", "mk",
    "edition", "season", "chapter", "year", "years", "age", "ages", "aged", "day", "days",
    "plus",
})  # fmt: skip


def _without_trailing_figures(lead: str) -> str:
    """An English lead less the figures pasted after its product's name ("This is an
    engineering computation pad 8.5 x 11 from Ampad" → "… pad from Ampad"): a reader
    struck each as a title pasted mid-sentence (review 48). A measure said with its unit
    is the fact sentences' (they say an attribute's); a count before the name stays ("a
    pack of 10 …"). Not a figure its word names ("size 10", "grade 2", `_FIGURE_NAMES`),
    nor a measure's unit ("12 x 4 in"), nor a figure alone before the brand ("a tape 3")."""
    found = _TRAILING_FIGURES.search(lead)
    if (
        found is None
        or found["word"] in _FIGURE_NAMES | _MEASURE_WORDS | _SETS
        or found["word"] in {"of", "for", "with", "and", "in", "to", "from", "by"}
    ):
        return lead
    start = found.start("run") - 1
    named = lead[:start]
    # A phrase after the name owns its figures ("for boys aged 4-7", "for iPhone 15").
    if re.search(r" (?:for|with|in|of) ", re.sub(r"^This is an? (?:set|pack) of ", "", named)):
        return lead
    # The name must still say a thing: at least an article or "These" and two words.
    if len(re.sub(r"^(?:These|This is (?:an?|the) )", "", named).split()) < 2:
        return lead
    return named + (found["end"] or "")


# A plural name after "a": "This is a baby teething toys from Pipwell". Not a name of a
# set ("a set of …", "a pair of …") nor one with a part after it ("a mug with handles").
_ONE_OF_PLURAL = re.compile(
    r"This is an? ((?:(?! of | with | for | in | and )[\w' -])+?)(?= from |$)"
)


def _plural_subject(lead: str) -> str:
    """A lead whose name is a plural said as "These …" ("These baby teething toys are
    from Pipwell."; "This is a pipe cleaners", struck as ungrammatical in review 48)."""
    single = _ONE_OF_PLURAL.match(lead)
    if single is None or not is_plural(single[1].split()[-1]):
        return lead
    return f"These {single[1]}{lead[single.end() :]}"


def _colour_options(value: str) -> list[str]:
    """A colour attribute's options: its commas' items, or three or more slashed ones
    ("Black/White/Olive/…"; two slashed are one two-tone colour, "white/khaki")."""
    items = re.split(r"\s*,\s*", value)
    slashed = re.split(r"\s*/\s*", value)
    return slashed if len(items) == 1 and len(slashed) >= 3 else items


def _folded(text: str) -> str:
    """Lower case without accents ("Kärcher" → "karcher"), as shoppers type keywords."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )


def _line_words(facts: ProductFacts) -> list[str]:
    """The words of the brand's product line as the title writes them: a keyword that
    opens with the brand goes on with the words the title says right after it ("michelin
    primacy 4" of "Michelin Primacy 4+ 205/55 R16 …" → "Primacy"; "dji mini 4 pro" →
    "Mini", "Pro"). The shop's own keywords say which words are the line's name."""
    brand = normalize(facts.brand or "").strip()
    title = normalize(facts.title or "")
    if not brand:
        return []
    if not _folded(title).startswith(_folded(brand) + " "):
        # "Shinewell Ceramic …" of Shinewell Detailing: the brand's opening word opens it.
        opening = brand.split()[0]
        opens = len(opening) > 3 and title.startswith(opening + " ")
        return _line_run(title[len(opening) + 1 :].split()) if opens else []
    after = title[len(brand) + 1 :].split()
    said = _folded(brand).split()
    out: list[str] = _line_run(after)
    for keyword in facts.keywords:
        words = _folded(normalize(keyword)).split()
        if words[: len(said)] != said:
            continue
        rest = words[len(said) :]
        n = 0
        while n < min(len(rest), len(after)) and _folded(after[n]).strip(",") == rest[n]:
            n += 1
        out += [w.strip(",") for w in after[:n] if re.search(r"[A-Z]", w)]
    return out


# Words that go on a product line's name ("Fibrox Pro", "AirPods Pro 2", "Galaxy S24 Ultra").
_LINE_MODIFIERS = frozenset({"pro", "max", "plus", "mini", "ultra", "lite", "air", "se", "xl"})


def _line_run(after: Sequence[str]) -> list[str]:
    """The product line's words that open a title after its brand, without the shop's
    keywords: a word no dictionary holds in lower case ("Fibrox", "Qualità", "AirPods"),
    then more such words, model words and numbers ("Fibrox Pro", "AirPods Pro 2"). Read
    lower-cased as common words, a reader struck them as miscased (review 37: "fibrox
    pro", "qualità oro", "AirPods pro 2")."""
    common = common_words()
    out: list[str] = []
    for word in after:
        bare = word.strip(",")
        low = bare.lower()
        if not bare[:1].isupper() and not (out and bare.isdigit()):
            break
        named = low.replace("'s", "") not in common or not bare[1:].islower()
        if not out and not (named and bare.isalpha()):
            break
        if out and not (named or low in _LINE_MODIFIERS or bare.isdigit()):
            break
        out.append(bare)
        if bare != word:
            break  # "Fibrox Pro," ends the name
    # One word alone is a shop's coinage as often ("Pickleball Paddles", "Volumizing
    # Mascara"); a name of two is a line's ("Fibrox Pro", "Qualità Oro").
    return [w for w in out if re.search(r"[A-Z]", w)] if len(out) > 1 else []


_ZH_NO_KIND = re.compile(r"\d|[型类段款]$|系列$")
_ZH_LIST = re.compile(r"\s*[,，、]\s*")
# A comma between values; "、" enumerates one value's items ("补充钙、维生素D": said whole).
_ZH_COMMA = re.compile(r"\s*[,，]\s*")
# A list catalogs write with slashes: words only ("燃气灶/电磁炉"), not "220V/50Hz" or
# a rate ("35000转/分", "12支/盒").
_ZH_SLASHED = re.compile(r"[\u4e00-\u9fff]{2,}(?:/[\u4e00-\u9fff]{2,})+")


def _scalars(facts: ProductFacts, *, lists: bool) -> list[tuple[str, str | int | float]]:
    """The top-level attribute values a lead may say, as (name, value); `lists`: each item
    of a list of them too (风格: [复古, 性感]: a Chinese listing's several values). English
    lists ("features: [...]") are left to the model: no rule here reads them."""
    out: list[tuple[str, str | int | float]] = []
    for name, value in facts.attributes.items():
        if is_record(name, value):
            continue
        items = value if lists and isinstance(value, list) else [value]
        if lists and isinstance(value, str) and _ZH_TABLE.search(value):
            continue  # "每100g含：钙 27.5g、维生素D 280μg": a table; one item of it misstates it
        # "每日1次，每次2粒": clauses of an instruction, not a list to join with 和.
        clauses = _ZH_LIST.split(value) if lists and isinstance(value, str) else []
        if sum(c.startswith("每") for c in clauses) > 1:
            out.append((name, "，".join(clauses)))
            continue
        if lists and isinstance(value, str):
            # a list the sanitizer joined ("短袖, 长袖"; "S号(儿童), M号, L号(成人)": some
            # items with a note of their own, said as options, review 40); a comma inside
            # a note is the note's ("IPX7(日常防泼水，不可洗澡)").
            items = _ZH_COMMA_OUTSIDE_NOTES.split(value)
            # "燃气灶/电磁炉", "补充钙、维生素D" stay one value: `_zh_specs` says all or none.
        out += [
            (name, v)
            for v in items
            if isinstance(v, str | int | float) and not isinstance(v, bool) and str(v)
        ]
    return out


def _one_cell_clauses(facts: ProductFacts) -> frozenset[str]:
    """Names whose one value (not a list: the sanitizer joins a list's items with ", ") a
    seller wrote as parts of one thing with Chinese commas, unlike in shape: "手套式 约15×
    20cm，5条装", "坐面约30×25cm，高约29cm", "单条5米，两条装共10米". Split as a list they
    were said as options ("规格可选手套式，约15×20cm和5条装", "尺寸可选坐面…", review 45:
    one size read as a choice). Parts alike (bare measures, short words: "红色，蓝色") may be
    a list."""
    out = set()
    for name, value in facts.attributes.items():
        if not isinstance(value, str) or "，" not in value:
            continue
        parts = [p.strip() for p in _ZH_COMMA_OUTSIDE_NOTES.split(value) if p.strip()]
        # A qualified measure ("坐面约30×25cm", "单条5米", "共10米"), a part with a space, or
        # numbers in some parts only: one thing's description, not options alike in shape.
        qualified = any(re.search(r"\s|[约共]|[\u4e00-\u9fff]\d", p) for p in parts)
        mixed = len({bool(re.search(r"\d", p)) for p in parts}) > 1
        if len(parts) > 1 and (qualified or mixed):
            out.add(normalize(str(name)))
    return frozenset(out)


# A comma between values, not one inside a value's bracketed note.
_ZH_COMMA_OUTSIDE_NOTES = re.compile(_ZH_COMMA.pattern + r"(?![^（(]*[）)])")


# Chinese facts' units: "燃气灶/电磁炉", "补充钙、维生素D" are each item a fact, as the lead
# says them ("燃气灶、电磁炉").
_ZH_UNIT_SPLIT = re.compile(r"\s+|、|(?<=[\u4e00-\u9fff])/(?=[\u4e00-\u9fff])")
_ZH_SPLIT = re.compile(r"[，,；;。！？!?、]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _en_words(text: str) -> set[str]:
    """Content words (stemmed, as the specifics guard compares them) and numbers."""
    return {stem(w) for w in content_words(text, "en")} | set(_NUMBER.findall(text))


def _facts_said(facts: ProductFacts, lang: str) -> set[str]:
    """The product's facts as units a sentence can say: English words (stemmed), Chinese
    title segments, values and numbers."""
    # Not the brand: the lead says it or, where it would break the sentence ("U.S. Polo
    # Assn."), leaves it out; the model's own try at it is a fragment ("… Polo Assn.").
    brand = normalize(facts.brand or "").lower()
    title = _without_code(normalize(facts.title or "").strip())
    # A colour field the title's own colour overrules (the lead does not say it either).
    overruled = bool(colour_claims(title))
    strings = [title]
    strings += [
        str(v)
        for k, v in _scalars(facts, lists=lang == "zh")
        # "juice groove: yes" says its fact in its name: the lead reads it as a part.
        if str(v).strip().lower() not in YES_NO
        and not (overruled and (COLOUR_NAME.match(str(k)) or _ZH_COLOUR_NAME.search(str(k))))
    ]
    if lang != "zh":
        return set().union(*(_en_words(normalize(s)) for s in strings)) - _en_words(brand)
    units = {u for s in strings for u in _ZH_UNIT_SPLIT.split(normalize(s).lower()) if len(u) > 1}
    units |= {n for s in strings for n in _NUMBER.findall(s)}
    return {u for u in units if u not in brand}


def _adds_fact(piece: str, facts: set[str], said: str, lang: str) -> bool:
    if lang != "zh":
        return bool((_en_words(piece) & facts) - _en_words(said))
    low = piece.lower()
    return any(u in low and u not in said for u in facts)


def says_every_fact(lead: str, facts: ProductFacts) -> bool:
    """Does the lead say every fact of the product? Then `informative` would drop whatever
    the model adds to it, and the model need not be asked."""
    return fact_coverage(lead, facts) == 1.0


def fact_coverage(text: str, facts: ProductFacts) -> float:
    """The share of the product's facts (`_facts_said`'s units) that `text` says."""
    lang = serving_language(facts.locale)
    known, said = _facts_said(facts, lang), text.lower()
    if not known:
        return 1.0
    if lang != "zh":
        return len(known & _en_words(said)) / len(known)
    return sum(unit in said for unit in known) / len(known)


def informative(lead: str, continuation: str, facts: ProductFacts) -> str:
    """The model's continuation of `lead`, less each sentence (Chinese: each clause) that says
    no fact the lead and the kept text have not said. A sparse product's facts are what its
    title says, and the lead says it; what a 0.5B model adds without a new fact is a
    restatement ("a cast iron skillet made from cast iron", "采用亚麻材质" of 亚麻阔腿裤),
    stock praise ("comfortable and stylish", "既实用又美观") or a guessed use ("for cutting
    wood"). A subject alone ("These running shoes") is judged alike: without a predicate
    it becomes a caption (`caption`)."""
    lang = serving_language(facts.locale)
    known = _facts_said(facts, lang)
    said = lead.lower()
    if lang == "zh":
        # The first piece goes on the lead's last clause; the others are clauses of their own.
        attached, *rest = _ZH_SPLIT.split(continuation)
        kept = [attached] if attached and _adds_fact(attached, known, said, lang) else [""]
        for piece in rest:
            if piece.strip() and _adds_fact(piece, known, said + "".join(kept), lang):
                kept.append(piece.strip())
        return "，".join(kept) if len(kept) > 1 or kept[0] else ""
    pieces = split_sentences(continuation)
    attached = bool(pieces) and not starts_sentence(continuation)
    out: list[str] = []
    for i, piece in enumerate(pieces):
        first = i == 0 and attached
        # A sentence of its own has a subject and a verb, not a fragment ("Polo Assn.").
        whole = first or len(piece.split()) >= 3
        if whole and _adds_fact(piece, known, said, lang):
            out.append(piece if first else piece.strip())
            said += " " + piece.lower()
    if not out:
        return ""
    if attached and out[0] is pieces[0]:
        return (out[0] + " " + " ".join(o.strip() for o in out[1:])).rstrip()
    return " " + " ".join(out).rstrip()


def starts_sentence(continuation: str) -> bool:
    """Does the model's continuation open a new line or sentence ("\n The pillowcase…",
    " It is…") rather than go on with the lead's?"""
    space = continuation[: len(continuation) - len(continuation.lstrip())]
    return "\n" in space or bool(re.match(r"\s+[A-Z](?![A-Z0-9-])", continuation))


def is_clause(lead: str) -> bool:
    """Is the lead a sentence once its full stop is added (not a subject alone)?"""
    return not lead.startswith("These ")


def caption(lead: str) -> str:
    """A subject alone as the line a listing opens with ("These men's chinos in khaki" →
    "Men's chinos in khaki."), as Myntra's own copy does ("Navy blue woven chinos, …"):
    "These are …" leans on what came before (guards.style), and a predicate no fact gives
    is what a small model pads ("… are designed to be comfortable and stylish"). With a
    brand the sentence says it: "These pimple patches are from Dotty Skin." (a caption
    read to blind readers as a fragment, reviews 30 and 31)."""
    # Already one (an extended lead, or a caption given again): "come come with" (review 37);
    # "These are palm crosses. …" is the fact sentences' own, the guards passed it.
    # So is a lead its fact sentences extended ("These … cysts have a 2025 season harvest.
    # They are suitable for fish fry …": its "for" read as the caption's, "They are
    # suitable are for", review 49).
    if re.match(r"These (?:are |.+? (?:are from|are for|come in|come with) )", lead) or re.search(
        r"[.!?] [A-Z]", lead
    ):
        return lead if lead.endswith(".") else f"{lead}."
    subject, brand, rest = lead.removeprefix("These ").partition(" from ")
    if brand and subject:
        return f"These {subject} are from {rest}."
    # Without a brand, what they come in, with or are for is the sentence's verb
    # ("These dried mealworms come in a 5kg bulk bag.": the caption "Dried mealworms
    # weighing 5 kg." was struck as a fragment, review 33).
    part = re.match(r"These (.+?) (in an? |with |for )(.+)$", lead) if subject else None
    if part:
        verb = "are for" if part[2] == "for " else f"come {part[2].strip()}"
        return f"These {part[1]} {verb} {part[3]}."
    return capital(lead.removeprefix("These ")) + "."


_SIZE_WORD = re.compile(
    r"(?<![^ ])(?P<size>large|small|big|mini|medium|jumbo|tiny|giant|extra[- ](?:large|small))"
    r"(?= [a-z])"
)


def _material_first(lead: str, heads: frozenset[str]) -> str:
    """A material a title put after its noun, said before the name: "a large stainless
    steel bee hive smoker with a heat shield", not "a large bee hive smoker stainless steel
    with …" (the title's order; review 41). Only a material that ends the name, after a
    noun that names the product."""
    found = _LEAD_NOUN.match(lead)
    if found is None:
        return lead
    np = found["np"]
    claims = material_claims(np)
    if not claims or claims[-1][3] != len(np):
        return lead
    start = claims[-1][2]
    before = np[:start].split()
    if len(before) < 2 or _singular(before[-1].lower()) not in heads:
        return lead
    # Size, audience and measure words stay first ("a large …", "a men's …", "a 30 L …").
    k = 0
    while k < len(before) - 1 and (
        before[k].lower() in _SIZES or re.fullmatch(r"\S*'s?|\d\S*", before[k])
    ):
        k += 1
    said = " ".join([*before[:k], np[start:], *before[k:]])
    return f"This is {article(said)} {said}{found['rest'] or ''}"


def _size_first(lead: str) -> str:
    """A size said after the material a title put first, moved before it: "a large
    stainless steel bee hive smoker", not "a stainless steel large …" (English orders
    size before material; review 41 struck the title's order)."""
    found = _SIZE_WORD.search(lead)
    if found is None:
        return lead
    before = lead[: found.start()].rstrip()
    claims = material_claims(before)
    if not claims or claims[-1][3] != len(before):
        return lead
    start = claims[-1][2]
    if not re.search(r"\b(?:an?|of)$", before[:start].rstrip()):
        return lead  # the material is not the name's first word ("… with a steel …" is kept)
    return f"{before[:start]}{found['size']} {before[start:]}{lead[found.end() :]}"


# The noun phrase of an English lead: after its article, up to its brand, its parts or
# what it is for.
_LEAD_NOUN = re.compile(
    r"^This is (?:a|an) (?!pair of |pack of |set of )(?P<np>.+?)(?P<rest>(?: from | with | in "
    r"| for | that |, made ).*)?$"
)
# What a plural product comes in ("almonds … in a 16oz resealable bag").
_EN_CONTAINERS = re.compile(r"(?:bag|box|tin|jar|pouch|bottle|can|tube|bucket|case)$")


def product_heads(facts: ProductFacts) -> frozenset[str]:
    """Nouns (singular, lower-case) that name what an English product is: its category's
    levels' heads, the guards' product types, and "set", "kit", "pack"."""
    path = [p for p in re.split(r"\s*[/>›]\s*", normalize(facts.category or "")) if p]
    return frozenset(_kind_heads(path) | _type_heads() | _EN_SET_WORDS)


def zh_field_joints(lead: str, names: Iterable[str]) -> list[tuple[int, str, str]]:
    """Where a Chinese lead's field clause joins its name to its value ("，材质为碳钢",
    "，精度0.02mm"): the position after the name, the clause from there to its end as said,
    and the same with the other joint ("为" taken off or put on), for the model to choose
    between by likelihood (`ModelGenerator`). The rules pick "为" or none by the value's
    shape, and a reader struck both misses: "发票为可开增值税专票", "不添加为香精…" (a
    clause after 为) and "认证CCS船检证书", "配件1 × 救生哨" (no verb, review 48).

    Hand-written: the choice is one character at known places; which reads is the
    model's to tell, as with `lead_variants`. Not a choice ("尺码可选…"), a place
    ("适用于…") or a measure's "约": those joints are the rules' own."""
    said = sorted({_ZH_FIELD_SAID.get(n, n) for n in names if len(n) >= 2}, key=len, reverse=True)
    joints = []
    for comma in re.finditer("，", lead):
        at = comma.end()
        name = next((n for n in said if lead.startswith(n, at)), None)
        if name is None:
            continue
        at += len(name)
        clause = re.match(r"[^，。]*[，。]?", lead[at:])
        said_clause = clause.group(0) if clause else ""
        value = said_clause.removeprefix("为")
        if len(value.rstrip("，。")) < 2 or value.startswith(("可选", "于", "约", "：", ":")):
            continue
        other = value if said_clause.startswith("为") else f"为{said_clause}"
        joints.append((at, said_clause, other))
    return joints


def lead_variants(lead: str, heads: frozenset[str] = frozenset()) -> list[str]:
    """Other orders of an English lead's words, each with no word added but an article or
    "with"/"in", for the model to choose among by likelihood (`ModelGenerator`): the rules
    read a title's words in the order its seller wrote them, and a blind reader struck
    "a fountain pen fine nib", "a kids' bike helmet dinosaur" and "a dark chocolate sea
    salt almonds 16oz resealable bag" (an unseen catalog). The lead itself comes first.

    Hand-written: the moves are few and fixed (the last words before the head, or after
    it as a part; a plural's container as where it comes); which reads is the model's to
    tell, as with `fact_sentences`' frames. A move keeps the product's name at the end of
    its phrase: the words moved name no product (`heads`), and the word left last does
    ("a dinosaur bike helmet", never "a coffee 1 kg medium roast whole bean": the 0.5B
    model finds a sentence that names its product early likelier, read or not)."""
    found = _LEAD_NOUN.match(lead)
    if found is None:
        return [lead]
    words, rest = found["np"].split(), found["rest"] or ""
    # Who it is for stays first ("a kids' dinosaur bike helmet").
    audience = words[0] if re.fullmatch(r"(?:men|women|kids|boys|girls)'s?", words[0]) else ""
    if audience:
        words = words[1:]
    out = [lead]
    brand = re.match(r" from [^,]+?(?= with | in | for | that |, made |$)", rest)
    before, after = (rest[: brand.end()], rest[brand.end() :]) if brand else ("", rest)
    for k in (1, 2):
        if len(words) - k < 2:
            continue
        head, tail = " ".join(words[:-k]), " ".join(words[-k:])
        if re.search(r"\d", tail) and not re.search(r"[A-Za-z]", tail):
            continue
        if any(_singular(w) in heads for w in words[-k:]) or _singular(words[-k - 1]) not in heads:
            continue
        front = " ".join(filter(None, [audience, tail, head]))
        out.append(f"This is {article(front)} {front}{rest}")
        if " with " not in after:
            named = " ".join(filter(None, [audience, head]))
            part = f" with {article(tail)} {tail}"
            out.append(f"This is {article(named)} {named}{before}{part}{after}")
    # A plural before a container: "… almonds in a 16oz resealable bag".
    for i, word in enumerate(words[:-1]):
        if is_plural(word) and _EN_CONTAINERS.search(words[-1]):
            left = " ".join(filter(None, [audience, *words[: i + 1]]))
            right = " ".join(words[i + 1 :])
            # A subject, not a sentence: "These … in a grab bag" (its caption says "come
            # in"); "Mixed lot … supplies in a grab bag." read as a fragment (review 47).
            out.append(f"These {left}{before} in {article(right)} {right}{after}")
            break
    return list(dict.fromkeys(out))


def end_sentence(lead: str, locale: str) -> str:
    return lead + ("。" if serving_language(locale) == "zh" else ".")


# What a title says the product is for, or works with ("Descaler for Coffee Machines &
# Kettles 500ml", "… Compatible with Bean to Cup, Pod & Espresso Machines"), up to the
# next part's mark; a comma goes on with the list.
_EN_USE = re.compile(
    r"\b(?P<verb>for|compatible with|fits)\s+(?P<what>[A-Za-z][A-Za-z'&, -]*?)"
    r"(?=\s+\d|\s*[|;()\[\]]|\s+[-–—]\s|\s+(?:with|in|by|to)\s|\s+(?:holds|fits|keeps)\b|$)",
    re.IGNORECASE,
)
# Items a use may list: a few plain words each, no claim or audience ("for Beginners" is
# who, said by the lead; "for Pain Relief" a claim the guards weigh).
EN_USE_ITEMS = 5


# A title's part that counts what the product has ("2 Lighting Modes", "3 Absorbing
# Channels"); an IP rating; what it needs none of ("No Wiring Needed").
_COUNTED_PART = re.compile(r"(?P<n>\d{1,2}) (?P<what>[A-Za-z][a-z-]+(?: [A-Za-z][a-z-]+)?)")
_NOT_HAD = frozenset({"points", "uses", "ways", "days", "years", "months", "hours", "minutes",
                      "weeks", "stars", "reviews"})  # fmt: skip
_IP_RATING = re.compile(r"\bIP[X\d]\d\b")
_NEEDS_NO = re.compile(r"No (?P<what>[A-Za-z]+(?: [A-Za-z]+)?) (?:Needed|Required)", re.I)


def _title_features(title: str, said: str) -> list[str]:
    """What a title's own parts say the product has, rates or needs, as predicates ("has 2
    lighting modes", "is rated IP65", "needs no wiring") the lead leaves out: a product
    known by its title alone read as empty with its name alone (reviews 34-37)."""
    out: list[str] = []
    low = said.lower()
    parts = _SPLIT_EN.split(title)
    common = common_words()
    for part in parts:
        counted = _COUNTED_PART.fullmatch(part.strip())
        if counted and is_plural(counted["what"]) and counted["n"] not in low:
            what = lower_words(counted["what"])
            noun = what.split()[-1]
            # Not a pack's count ("220 Softgels", "6 Pieces", "2 Pairs"): the lead's; nor
            # a score, a time or a claim's count ("95 Points", "3 Days", "5 Uses").
            pack = bool(set(what.split()) & (_PACKED | _SETS)) or _singular(noun) in _EN_FORMS
            if noun in low or pack or noun in _NOT_HAD:
                continue
            verb = "comes in" if noun in {"sizes", "colours", "colors"} else "has"
            out.append(f"{verb} {counted['n']} {what}")
        needs = _NEEDS_NO.fullmatch(part.strip())
        if needs and needs["what"].lower() not in low:
            out.append(f"needs no {lower_words(needs['what'])}")
    for part in parts[1:]:
        # "ATS Optimised CV + Cover Letter + LinkedIn Profile Makeover": what it includes.
        items = [i.strip() for i in re.split(r"\s+\+\s+", part) if i.strip()]
        # Each a thing with a common noun ("Cover Letter"), not a format ("DNG", "GoodNotes")
        # or a property ("Toxin Free").
        things = all(
            # Not "Chicken Duck Quail Turkey + Drill Bit": a run of keywords is no thing
            # it includes (review 41).
            1 <= len(i.split()) <= 3
            and any(w.lower() in common and len(w) >= 4 for w in re.findall(r"[A-Za-z]+", i))
            and not FLAG_END.search(i.lower())
            for i in items
        )
        if 2 <= len(items) <= 4 and things and not any(i.lower() in low for i in items):
            out.append(f"includes {and_list([_with(lower_words(i)) for i in items])}")
    rating = _IP_RATING.search(title)
    if rating and rating[0].lower() not in low:
        out.append(f"is rated {rating[0]}")
    return out


_AUDIENCE_PAIR = re.compile(
    r"(?:Adults|Teens|Kids|Children|Beginners|Seniors|Women|Men|Boys|Girls)"
    r"(?:\s+(?:Adults|Teens|Kids|Children|Beginners|Seniors|Women|Men|Boys|Girls))+"
)


def _plural_run(item: str) -> list[str]:
    """A title's nouns without commas, split after each plural or activity ("Syrian
    Hamsters Gerbils Mice" → Syrian Hamsters, Gerbils, Mice; "Journaling Scrapbooking");
    an item whose words are not all so, whole."""
    words = item.split()

    def ends(word: str) -> bool:  # a plural noun, or an activity ("Journaling Scrapbooking")
        return is_plural(word) or (word.lower().endswith("ing") and len(word) > 5)

    if len(words) < 2 or not ends(words[-1]):
        return [item]
    out: list[list[str]] = [[]]
    for word in words:
        out[-1].append(word)
        if ends(word):
            out.append([])
    parts = [" ".join(p) for p in out if p]
    return parts if len(parts) > 1 and all(len(p.split()) <= 2 for p in parts) else [item]


def title_uses(facts: ProductFacts, said: str) -> list[str]:
    """Predicates of what an English title says the product has (`_title_features`) and is
    for or compatible with, which the lead (its name, `_plain`) leaves out: a product
    known by little more than its title read as empty with its name alone ("This is a
    descaler from Calcaway.", review 33, 7 of 30 English texts). Only a list of plain
    nouns is said ("is for coffee machines and kettles"); the guards read each sentence."""
    title = normalize(facts.title or "")
    out: list[str] = _title_features(title, said)
    for use in _EN_USE.finditer(title):
        items = [i.strip() for i in re.split(r"\s*(?:,|&|\band\b)\s*", use["what"]) if i.strip()]
        # "Adults Teens": two audiences side by side are two; so are plurals side by side
        # ("Syrian Hamsters Gerbils Mice": three, each ending in its plural).
        items = [w for i in items for w in (i.split() if _AUDIENCE_PAIR.fullmatch(i) else [i])]
        items = [w for i in items for w in _plural_run(i)]
        # "for Syrian Hamsters Gerbils Mice, Stand or Cage Mount": a comma's next part of
        # the title is no more of whom it is for.
        while len(items) > 1 and not is_plural(items[-1]) and is_plural(items[-2]):
            items.pop()
        if not items or len(items) > EN_USE_ITEMS or any(len(i.split()) > 3 for i in items):
            continue
        listed = and_list([lower_words(i) for i in items])
        if _NAMES_AUDIENCE.search(listed) or any(i.lower() in said.lower() for i in items):
            continue
        # A use of nouns only: a plural ends the list ("Coffee Machines & Kettles"), or an
        # activity does ("Bird Watching, Hunting, Stargazing").
        last = listed.split()[-1]
        if not (is_plural(last) or last.endswith("ing")):
            continue
        verb = use["verb"].lower()
        predicate = f"is compatible with {listed}" if verb.startswith("compatible") else (
            f"fits {listed}" if verb == "fits" else f"is for {listed}"
        )  # fmt: skip
        earlier = next((i for i, p in enumerate(out) if p.startswith("is for ")), None)
        if predicate.startswith("is for ") and earlier is not None:
            # "for Beginners … for Adults Teens": whom it is for, said once ("is for
            # beginners and is for adults teens", review 36).
            before = re.split(r", | and ", out[earlier][7:])
            words = {w for b in before for w in b.split()}
            if not words & set(listed.split()):  # not "dogs, large and medium dogs"
                out[earlier] = f"is for {and_list([*before, *re.split(r', | and ', listed)])}"
        elif predicate not in out:
            out.append(predicate)
    return out[:2]
