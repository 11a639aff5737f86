"""English sentences for the attributes a description's lead does not say, worded by the
model's likelihood, never by its sampling.

Read blind, a rich English product's copy failed on what the 0.5B model wrote after the
lead: it misread the facts it added ("The material is 17.5 micron long", "a 925 sterling
silver bracelet" of a necklace's chain). Plain "The {name} is {value}." sentences said
the facts right but read stilted ("The care is machine wash cold", "The packaging is
glass dropper bottle"): no article, an instruction said as a property. What such a
sentence needs is function words (an article, "are" for a plural, "for" after "water
resistant"), and judging those is what a language model does well even where its own
writing is not to be trusted.

So each attribute gets a few wordings, each keeping its name (or a word standing for it:
"weighs" for weight) and its value verbatim, and the model scores each after the lead
(`OnnxModel.score`, teacher forcing); the likeliest is said. Sentences about the product
itself ("It weighs 110 g." "It measures …") are joined ("It weighs 110 g and measures
…"). The model never chooses content, so a sentence here cannot say what the facts do
not; it chooses among grammatical frames, which a hand-written rule table could only
guess per attribute name.

Hand-written: the frames are English morphology (a name's adjective, "thickness" →
"thick"), and no library realizes attribute-value pairs as sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from worker.catalog.facts import ProductFacts
from worker.content.english import (
    COLOUR_NAME,
    FLAG_END,
    MASS_NOUNS,
    MEASURE,
    NUMBER_WORDS,
    THE_COUNTRY,
    YES,
    YES_NO,
    and_list,
    article,
    capital,
    is_plural,
    lower_common,
    lower_words,
    pluralize,
)
from worker.content.guards.corpus import AXIS, axis_word, said_in
from worker.content.guards.quantities import extract_quantities
from worker.content.guards.results import normalize
from worker.content.guards.specifics import stem
from worker.content.guards.terms import colour_claims, material_claims
from worker.content.inputs import is_record
from worker.content.title_copy import title_uses

# The model's log-probabilities per token of each continuation after a context.
Scorer = Callable[[str, Sequence[str]], list[list[float]]]

# Longer values are a paragraph of their own, not a clause (a catalog's note field).
MAX_VALUE_WORDS = 16
# Predicates joined into one "It …" sentence: three reads as a list already.
MAX_JOINED = 3
# "The X is Y." sentences said at most: a blind reader put none of 25 rich products live
# whose copy read out eight of them, and passed one or two among "It …" sentences.
MAX_READOUTS = 1
# Log-probability a predicate of the product ("It is 4 mm thick.") is given over a
# readout of its attribute ("The thickness is 4 mm."): the readouts are likelier to a
# 0.5B model (short, the name repeated) and read worse.
PREDICATE_BONUS = 2.0
# Verbs whose objects one sentence lists together.
_SHARED_VERBS = ("has", "comes with")
# A predicate's verb said of a pair, a pack or a set.
_PLURAL_VERBS = {
    "is": "are", "has": "have", "weighs": "weigh", "measures": "measure", "holds": "hold",
    "comes": "come", "fits": "fit", "contains": "contain", "keeps": "keep",
    "features": "feature", "includes": "include", "supports": "support", "works": "work",
    "lays": "lay", "folds": "fold", "suits": "suit",  # "They suits" (review 33)
    "needs": "need", "complies": "comply", "may": "may",
}  # fmt: skip


def _verb_plural(verb: str) -> str:
    """A predicate's first word, a present-tense verb, for "They" ("runs" → "run": "They
    runs on 1.45 V", an unseen catalog); one the table does not hold, by its ending."""
    if re.fullmatch(r"[a-z]+[^aeiou]ies", verb):
        return verb[:-3] + "y"
    if re.fullmatch(r"[a-z]+(?:ss|sh|ch|x|z)es", verb):
        return verb[:-2]
    if re.fullmatch(r"[a-z]{2,}[^s]s", verb):
        return verb[:-1]
    return verb


# A lead whose product is several things ("These …", "This is a pair of …").
_PLURAL_LEAD = re.compile(r"^(?:These |This is an? (?:pair|pack|set|box|bundle) of )")

# A measure name said as an adjective after its value ("It is 4 mm thick").
_MEASURE_ADJECTIVE = {
    "thickness": "thick",
    "height": "tall",
    "length": "long",
    "width": "wide",
    "depth": "deep",
}
# A measure name said with a verb ("It weighs 110 g", "It holds 1.7 L").
_MEASURE_VERB = {
    "weight": "weighs",
    "dimensions": "measures",
    "size": "measures",
    "capacity": "holds",
    "volume": "holds",
    "power": "is rated at",
    "wattage": "is rated at",
    "voltage": "runs on",
}
# Names whose value is an instruction, said as one ("Machine wash 30 °C.").
_INSTRUCTION_NAMES = re.compile(
    r"^(?:care|care instructions|washing|cleaning|directions|usage|instructions)$"
)
# Names that are a verb phrase the value completes ("keeps cold" → "It keeps cold for …").
# "makes: 1 gallon" is what it makes ("The makes are 1 gallon …", review 45), never what it
# is for ("makes for 1 gallon").
_OWN_VERBS = r"(?:makes|yields|covers|seats|sleeps|feeds|brews)\b"
_VERB_NAME = re.compile(
    rf"^(?:keeps|fits|holds|works with|supports|contains|includes|features|serves|{_OWN_VERBS})\b"
)
# Names of what a thing contains ("set includes", "includes", "in the box").
_INCLUDES_NAME = re.compile(
    r"(?:^|\s)(?:includes|contents|included|in the box|extras)$"
    r"|^included (?:components|items|accessories|parts)$"
)


def _lists_contents(name: str) -> bool:
    """Does the name list what comes in the box ("included components", "what's
    included", "in the box")?"""
    return bool(_INCLUDES_NAME.search(name) or re.search(r"\b(?:included|components)\b", name))


# What a product is when it is the stuff in the bottle ("a fountain pen ink", "a liquid
# rennet"): a volume is its own, not what it holds.
_SUBSTANCES = frozenset({
    "ink", "oil", "rennet", "soap", "shampoo", "conditioner", "sauce", "water", "wine",
    "cleaner", "polish", "paint", "glue", "syrup", "vinegar", "juice", "serum", "lotion",
    "gel", "cream", "spray", "liquid", "paste", "wash", "detergent", "lube", "lubricant",
    "coolant", "fluid", "primer", "varnish", "stain", "sealant", "dye", "essence", "toner",
})  # fmt: skip


def _counted_plural(item: str) -> bool:
    """Does a counted item already say its number ("3 x Batteries Plus", a model's name
    after a plural, "2 x padded armrests"), so that no "s" is added?"""
    words = item.split()
    return any(is_plural(w) for w in words) or words[-1].lower() in {"plus", "pro", "max", "mini"}


def _uncounted(item: str) -> bool:
    """Does a counted item take no "s": it says its number already (`_counted_plural`),
    or a code ends it ("soft cut lino A5", not "… A5s")?"""
    return _counted_plural(item) or not item.split()[-1].isalpha()


# Parts a colour list may name ("Navy body / brown sleeves").
_COLOURED_PARTS = frozenset({
    "body", "sleeve", "trim", "handle", "lid", "strap", "frame", "sole", "cap", "base", "top",
    "bottom", "cover", "cord", "collar", "button", "stitching", "lace", "accent", "logo",
    "panel", "zip", "zipper", "lining", "hood", "cuff", "band", "face", "dial", "case", "shell",
    "blade", "grip", "seat", "leg", "tip", "edge", "rim", "upper", "insole", "outsole", "cable",
})  # fmt: skip


# What a lead names when the product is done, not had.
_SERVICES = frozenset({
    "service", "services", "class", "classes", "course", "lesson", "lessons", "session",
    "workshop", "consultation", "tour", "experience", "subscription", "repair",
})  # fmt: skip
# A name that says to do something and when ("replace every", "clean after"), or the doing
# whose value says when ("replace bottle: every 3 months").
_INSTRUCTION_VERB = re.compile(
    r"(?:replace|change|clean|wash|refill|recharge|descale|reapply)(?: \w+)?"
)
_WHEN = re.compile(
    r"(?i)(?:every|after|before|within|when|once|monthly|weekly|daily|yearly|annually)\b"
)
_TIMED_INSTRUCTION = re.compile(f"{_INSTRUCTION_VERB.pattern} {_WHEN.pattern.removeprefix('(?i)')}")

# Participles a maker's "how" goes before ("Battery Powered", "Nickel Plated").
_DONE_BY = frozenset({
    "powered", "operated", "assembled", "painted", "polished", "plated", "coated",
    "crafted", "finished", "stitched", "welded", "forged", "woven", "brushed",
})  # fmt: skip
# What a book comes as ("format: Paperback").
_BOOK_FORMATS = frozenset({"paperback", "hardcover", "hardback", "board book", "spiral-bound"})
# Names that are a stuff a product is made of, whose value is its kind ("clay: Zhuni").
_STUFF_NAMES = frozenset({"clay", "wood", "stone", "leather", "yarn", "resin", "timber"})
# Whom a product is for, by their weight ("dog weight", "child weight range").
_WEIGHED_NAME = re.compile(
    r"(dog|cat|child|baby|infant|pet|horse|user|rider|animal|puppy|kitten|toddler)"
    r"s? weight(?: range)?"
)
# Words before "material" that name no part of the product ("friction material").
_NOT_PARTS = frozenset({"friction", "main", "primary", "secondary", "overall", "total"})
_MATERIAL_NAME = re.compile(
    r"^(?:(?P<part>[a-z]+(?: [a-z]+)?) )?(?:material|materials|fabric|metal)$"
)
# Who it is for, which the lead says where it reads; a store's shelf ("department: Unisex
# Kids": "They have a Unisex Kids department", review 36).
_AUDIENCE_NAMES = frozenset({"gender", "sex", "target audience", "audience", "department"})
_PREPOSITION_END = re.compile(r"\s(?:for|as|with|in|by|from)$")
_PRODUCT_WEIGHT = frozenset({"item weight", "product weight", "net weight", "unit weight"})
# Names of where a product is from, a place named in its value ("origin: Bethlehem").
_WHERE_NAME = re.compile(r"origin|country|region|location|made in|place|address")
_PLACE_NAME = re.compile(f"{_WHERE_NAME.pattern}|source")  # "source: Dorset"
# Names whose values are names ("compatible models: Apple iPhone 15", "author: Rose Tremain").
_NAMES_NAME = re.compile(
    r"model|brand|author|artist|publisher|series|character|team|platform|device|vehicle|"
    r"\bmake\b|edition|title|label|fits|strain|species|genus|variet|cultivar|breed|"
    r"compatib(?:ility|le with)|\bos\b|system|phone"
)
# Endings of abstract nouns, which take no article ("IP57 water resistance").
_ABSTRACT = ("ance", "ence", "tion", "sion", "ness")
_SIZE_NAMES = frozenset({"size", "sizes", "size range", "available sizes"})
# Nouns in -ing one counts, which take an article ("an HH friction rating", review 35).
_COUNTED_ING = ("rating", "setting", "ring", "string", "wing", "opening", "fitting")
# Parts that are stuff, said without an article ("has foam rubber padding").
_MASS_ING = ("padding", "stitching", "webbing", "tubing", "netting", "cushioning", "coating")
# What a product is made for, by the name of its kind ("skin type", "hair type").
_SUITS_NAME = re.compile(r"(skin|hair|scalp|lash|nail)(?: types?| concerns?)?")
# The animal a pet product is for.
_ANIMAL_NAME = re.compile(r"(?:target |pet |animal )?(?:species|pet type|animal type)")
_AGE_NAME = re.compile(r"^(?:age|ages|age range|recommended age)$")
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+/\s+")  # "a, b", "800 / 1200 / 1600"


# A value that is a sentence of the seller's or a label's ("we recommend …", "Contains: …").
_ADVICE = re.compile(
    r":|\s[-–—]\s|\b(?:we|our|us|you|your|recommend\w*|see|refer to|printed on)\b", re.IGNORECASE
)  # "roast date: printed on back of bag": a label's pointer
# Names that label a kind of value ("lock type", "noise control", "product benefits"): the
# product does not "have" them ("It has a TSA-accepted combination lock lock type").
_LABEL_NAMES = frozenset({
    "type", "method", "technology", "control", "feature", "features", "benefits",
    "information", "info", "form", "style", "mode", "system", "description", "process",
})  # fmt: skip

# Names whose value is one of their kind, not a feature of the product: "It has an Arabica
# coffee variety", "It has a real chicken primary ingredient" (review 37) say it as a part.
_INSTANCE_HEADS = frozenset({
    "variety", "kind", "species", "breed", "genre", "category", "ingredient", "ingredients",
    "grape", "cultivar", "strain", "varietal", "metal", "chemistry", "colour", "color",
})  # fmt: skip


def _of_its_kind(name: str, value: str) -> bool:
    """Is the value one of the name's kind ("coffee variety: Arabica"), or a degree the name
    measures ("firmness: medium firm", "It has medium firm firmness", review 36)?"""
    last = value.split()[-1].lower() if value.split() else ""
    first = name.split()[0]
    # Not "mounting type: wall mount" (a label name's value is the table's).
    degree = (
        len(last) >= 3
        and first != last
        and first.startswith(last)
        and name.split()[-1] not in _LABEL_NAMES
    )
    return name.split()[-1] in _INSTANCE_HEADS or degree


@dataclass(frozen=True)
class Said:
    """One attribute's chosen wording: its sentence, and its predicate when its subject is
    the product ("weighs 110 g"), so sentences about the product can be joined."""

    sentence: str
    predicate: str | None = None


def _value_forms(value: object) -> list[str]:
    """A value as words, in each way it may be said: a list joined with "and"; a comma
    list of short items both so and as written (the model tells "gas, electric and
    induction" from "Shizuoka, Japan")."""
    if isinstance(value, bool):
        return []
    if isinstance(value, list):
        items = [normalize(str(v)).strip() for v in value if str(v).strip()]
        return _list_forms(items) if items else []
    text = normalize(str(value)).strip()
    # "all skin types, inc. sensitive": a listing's shorthand, said in full (review 31).
    text = re.sub(r"\b(?:inc|incl)\.\s+", "including ", text)
    if re.search(r",\s*including ", text):
        return [text]  # one value and what it includes, not a list of two
    if ";" in text and not all(
        _IMPERATIVE_VALUE.match(p.strip().lower()) or _CARE_STEP.match(p.strip().lower())
        for p in text.split(";")
        if p.strip()
    ):
        return []  # "outer 92% nylon; 4-layer gusset": two values, no frame's one (review 47)
    if _ADVICE.search(text):
        return []  # "Runs small - we recommend half a size up", "Contains: Soy": the seller's
        # own sentence or a label, which no frame reads as a value
    if "(" in text or ")" in text:
        bare = _without_notes(text)
        if bare is None:
            # "midi, approx. 115 cm (size M)", "4 h (high), 40 h (low)": a note a sentence
            # cannot carry (a blind reader struck each such readout); the spec table says it.
            return []
        if "(" in bare:
            return [bare]  # "12ft (366 cm)": a measure and its conversion, one value
        text = bare
    if not text:
        return []
    parts = [p for p in _LIST_SPLIT.split(text) if p]
    if len(parts) == 2 and " / " in text and _converted(*parts):
        return [f"{parts[0]} ({parts[1]})"]  # "260ml / 9oz": one capacity, not two
    if THE_COUNTRY.match(text):
        return [f"the {text}"]  # "made in the United Kingdom"
    if len(parts) == 1:
        return [text]
    if all(p[:1].isdigit() and len(p.split()) == len(parts[0].split()) for p in parts):
        return [and_list(parts)]  # "38 x 28 cm, 30 x 20 cm and 23 x 15 cm"
    short = all(len(p.split()) <= 3 for p in parts)
    # "low, red, red flashing" is not "red and red flashing".
    stutter = parts[-1].split()[0] == parts[-2].split()[-1]
    if short and not stutter and not any(p[:1].isdigit() for p in parts):
        # As written only for two ("Shizuoka, Japan"); three without "and" is no prose.
        return [*_list_forms(parts), *([text] if len(parts) == 2 else [])]
    return []  # "100% merino wool, 17.5 micron", "adjustable, 3 joints": a value and a note


# A bracketed note at a value's end: "2 x AAA batteries (included)", "40L (46L expanded)".
_NOTE_END = re.compile(r"([^()]*[^\s()])\s*\(([^()]+)\)")
# A note that limits the value ("with adult supervision", "not for children under 3"): the
# value is not true without it; so is one in the seller's voice ("Empty (fill your own)").
_LIMITING_NOTE = re.compile(
    r"\b(?:only|except|exclu\w*|not|no(?!\.\s?\d)|under|over|supervision|when|if|max|min|extra|requires?"
    r"|size|sold|separately|optional)\b"  # "7.4 oz (size 7)": one size's weight
    # "300gsm underlay (sold separately)": not what it has (review 44's contradiction)
    r"|\+\s?[£$€]?\d",  # "Custom Size (+$15)": costs more
    re.IGNORECASE,
)


def _without_notes(text: str) -> str | None:
    """`text` said without its bracketed note, or None where the note cannot go.

    A fifth of English attributes carry a bracketed note (767 of 3,698 over the catalogs in
    evaluation/catalogs), and all of them were left to the spec table (`_value_forms` said
    none), so products with rich facts got a one-sentence description a reader struck as
    empty (4 of 30, review 43). A note at a
    measure's or a count's end is an aside it stands without ("2 x AAA batteries
    (included)" → "2 x AAA batteries"); a measure's conversion stays with it ("12ft (366
    cm)"). A note inside a value, one that limits it, one on a word value, or a list's notes
    ("170° (front) / 140° (rear)") keep the value out of the copy."""
    items = re.split(r"(?<=\)),\s*", text.strip())
    notes = [_NOTE_END.fullmatch(i) for i in items]
    if not all(notes):
        return None
    pairs = [(n[1].strip(), n[2].strip()) for n in notes if n]
    if len(pairs) > 1:
        return None  # '2" (5cm), 4" (10cm), 6" (15cm)': the guards read "cm cm and cm" as a loop
    head, note = pairs[0]
    if _converted(head, note) and "," not in head:
        return f"{head} ({note})"  # not "RG-58 coax, 5 m (16.4 ft)": a value and a length
    if (
        _LIMITING_NOTE.search(note)
        or _ADVICE.search(note)
        or not _MEASURED.match(head)
        or ";" in head  # "Fieldfare Books; 2nd edition": two values
    ):
        # A word value the note was about ("Corded (…)", "Self-assembly required (…)"):
        # the frames said it badly once freed ("It has a Corded power source", "It is
        # self-assembly required", an A/B blind read of 40 products: 22 live against 26).
        return None
    return head


# A note that is a size in other words ("148 x 210mm"): an aside, not a qualifier.
_SIZE_NOTE = re.compile(r"\d[\d.,]*\s?(?:x\s?\d[\d.,]*\s?)*(?:mm|cm|m|in|\"|ft|ml|l|g|kg|oz)")
# A bracketed note that ends a value ("2.75 x 4.75 in (70 x 120 mm)").
_END_NOTE = re.compile(r"\s*\([^()]*\)$")
# A comma between a list's items (the sanitizer joins them with ", "), not one in a note.
_ITEM_SPLIT = re.compile(r",\s+(?![^()]*\))")


def _list_without_notes(text: str, *, contents: bool) -> str | None:
    """A list whose items carry bracketed notes ("1 x cutter handle, 5 x blades (V No.1, V
    No.2, …), 2 x soft cut lino A5 (148 x 210mm)", "Monument, Surfmist, Mill (uncoated)"),
    said with its items bare; None where the notes cannot go.

    `_without_notes` keeps every such list out, and a kit's or a box's contents are what
    such lists most often are: review 45 struck a lino kit whose text said only its name
    ("empty") for one. An item's note at its end is an aside, as a measure's is; one that
    limits the item ("tile saddles sold separately", "optional") keeps the list out, or in
    a box's contents the item (it is not in the box). Measures alike ("170° (front), 140°
    (rear)") are told apart by their notes: kept out."""
    items = [i.strip() for i in _ITEM_SPLIT.split(text.strip()) if i.strip()]
    if len(items) < 2 or any(" / " in i for i in items):
        return None  # "Gumnut / Wattle / Eucalyptus, Sage / Oat / Rust (plain)": sets, one each
    bare: list[str] = []
    noted = False
    for item in items:
        if "(" not in item and ")" not in item:
            bare.append(item)
            continue
        found = _NOTE_END.fullmatch(item)
        if found is None or not re.search(r"\s\(", item):
            # A note inside the item ("1 x pump (hand) with hose"), or a code's own brackets
            # ("FDA 510(k)").
            return None
        head, note = found[1].strip(), found[2].strip()
        # A note with a number qualifies its item ("2 brackets (3 for 240cm+)", "Pre-knocked
        # (approx. 4 hrs)"): said bare, the item misstates (an A/B blind read, review 46).
        qualifies = re.search(r"\d", note) and not _SIZE_NOTE.fullmatch(note)
        if _LIMITING_NOTE.search(note) or _ADVICE.search(note) or qualifies:
            if contents:
                continue
            return None
        noted = True
        bare.append(head)
    if not bare or (noted and all(_MEASURED.match(b) and not re.search(r"\bx\s", b) for b in bare)):
        return None
    return ", ".join(bare)


# Units of one measure on either side of a conversion ("260ml / 9oz", "7.3 lbs / 3.3 kg").
_METRIC = re.compile(r"\d\s?(?:ml|l|cl|g|kg|mg|mm|cm|m|°c)$", re.IGNORECASE)
_IMPERIAL = re.compile(r"\d\s?(?:fl\.? ?oz|oz|lbs?|in|inch(?:es)?|\"|ft|qt|gal|°f)$", re.IGNORECASE)


def _converted(first: str, second: str) -> bool:
    """Is `second` `first` in other units (metric one side, imperial the other)?"""
    pair = (first.strip(), second.strip())
    return any(_METRIC.search(a) and _IMPERIAL.search(b) for a, b in (pair, pair[::-1]))


def _list_forms(items: Sequence[str]) -> list[str]:
    """A list said with "and", and with an article before each singular noun ("a
    reflective logo, a sweat band and quick dry"): the model tells which reads."""
    forms = [and_list(items)]
    articled = [
        i if is_plural(i) or re.search(r"\d", i) or i.split()[0].lower() in {"a", "an", "the"}
        else f"{article(i)} {i}"
        for i in items
    ]  # fmt: skip
    if articled != list(items):
        forms.append(and_list(articled))
    return forms


# A count the lead gives with its noun ("120 Count" of "120 coated tablets").
_COUNT_VALUE = re.compile(r"[\d.,]+\s*(?:count|ct|pieces|pcs|pack|units?)", re.IGNORECASE)
# A value that is a verb and its object ("complies with AS 4989-2015"): a third-person
# verb before a preposition, which no noun frame takes ("It has complies with …", review 33).
# ("brass with 14K gold plating" is a noun's: no s, u or i before the verb's s).
_VERB_PHRASE = re.compile(r"^[a-z]{2,}[^\Wsui]s (?:with|to|up to|into|onto|on|over)\b")
# Who a number of people counts ("number of people: 2": a class or a ticket for two).
_PEOPLE = re.compile(r"people|persons|players|participants|guests|users|adults|children")
# A number and a unit word said in the singular ("8 inch"): plural after any number but one.
_UNIT_PLURAL = re.compile(r"(\d+(?:\.\d+)?) (inch|foot|pound|ounce|yard|gallon|quart|hour|minute)")
# How a food or a drug is kept, as its label says it ("Refrigerate on arrival").
_STORAGE_NAME = re.compile(r"^(?:storage|storage instructions|storage conditions|keep)$")
_IMPERATIVE = re.compile(r"^(?:store|keep|refrigerate|freeze|chill|consume|use|do not)\b")
# A value that is a predicate of its own ("fits mattresses up to 40 cm deep").
_VERB_VALUE = re.compile(
    r"^(?:fits|contains|includes|holds|keeps|works|comes|lays|folds|may|can)\b"
)  # "allergens: may contain traces of nuts": "It may contain …" (review 28)


# Names of a list of what the product is and has ("special feature", "safety features",
# "product benefits"); its items are adjectives ("Foldable", "Paraben Free") and parts
# ("Built-in Microphone", "3 absorbing channels") mixed.
_FEATURES_NAME = re.compile(r"(?:^|\s)(?:features?|highlights|benefits)$")
# An item that is what the product is, not a part it has ("foldable", "airline safe",
# "water-resistant", "anti-tip"): an adjective's ending on its last word. A lone "-ing"
# word is either ("hydrating", "recording") and is left to the spec table.
_ADJECTIVE_ITEM = re.compile(
    r"(?:^anti-\S+|(?:able|ible|proof|less|free|resistant|safe|friendly|ive|ous|ful|ated))$"
)
# A part said without an article: an abstract or mass noun ("pass-through charging",
# "kickback control", "two-way talk"), a count, a plural.
_MASS_PART = re.compile(r"(?:ing|ion|ance|ence|ness|ity|ment|control|talk|assembly)$|^\d")
# Words of a feature item at most: a longer one is a sentence of the seller's.
MAX_FEATURE_WORDS = 6


def feature_frames(items: Sequence[str]) -> list[Said]:
    """A features list said as what the product is and what it has ("It is foldable and
    has tool-free height adjustment and a timer."). Before, a list that mixed the two was
    left to the spec table, and a product with nothing else to say read as empty (reviews
    34-37: "only restates brand and name")."""
    kept = [
        lower_words(normalize(i).strip())
        for i in items
        if i.strip()
        and len(i.split()) <= MAX_FEATURE_WORDS
        and not _ADVICE.search(i)
        and not re.search(r"[()]", i)
        and not re.fullmatch(r"[A-Za-z]+ing", i.strip())
    ]
    if not kept:
        return []
    adjectives = [i for i in kept if _ADJECTIVE_ITEM.search(i) and not is_plural(i)]
    parts = [i for i in kept if i not in adjectives]
    is_said = f"is {and_list(adjectives)}" if adjectives else ""
    if not parts:
        return [Said(f"It {is_said}.", is_said)]
    # No article before a name alone ("AMD EXPO"), a count ("8 lullabies") or a mass noun.
    articled = [
        f"{article(i)} {i}"
        if not (
            is_plural(re.split(r" (?:with|for|on|in) ", i)[0])  # "V6 engine with … pistons"
            or _MASS_PART.search(i)
            or not re.search(r"\b[a-z]{3,}", i)
        )
        else i
        for i in parts
    ]
    # Articles where a count noun takes one: the bare list ("It has metronome and coach
    # mode") is no English, though a 0.5B model may find it likelier.
    had = and_list(articled)
    out = []
    for verb in ("has", "features"):
        if not is_said:
            predicate = f"{verb} {had}"
        elif " and " in is_said:
            predicate = f"{is_said}, and {verb} {had}"  # "is foldable and steerable, and has …"
        else:
            predicate = f"{is_said} and {verb} {had}"
        out.append(Said(f"It {predicate}.", predicate))
    return out


# Parts a material list names with their material ("ABS housing", "nylon bristles").
_PART_NOUNS = frozenset({
    "housing", "cap", "blade", "blades", "pick", "bristles", "grip", "handle", "lining",
    "lid", "base", "frame", "strap", "sole", "body", "head", "shell", "cover", "tip", "seat",
    "cord", "casing", "band", "buckle", "zipper", "stitching", "insole", "outsole", "upper",
    "outer",
})  # fmt: skip


# What is done to the product once, whose manner a value says ("assembly: tool-free").
_PROCESS_NAME = re.compile(r"assembly|installation|setup|set-up|fitting|mounting|refill(?:ing)?")


def _names_a_part(item: str) -> bool:
    """Is a material list's item a part with its material ("stainless steel blade")?"""
    words = item.lower().split()
    return len(words) >= 2 and words[-1] in _PART_NOUNS and "with" not in words


# Nouns of what a material comes as, no part ("polyester mesh", "cotton blend").
_STUFF_NOUNS = frozenset({
    "mesh", "fabric", "blend", "weave", "fibre", "fiber", "knit", "yarn", "foam", "film",
    "sheet", "plate", "wire", "thread", "leather", "wood", "glass", "steel", "alloy",
})  # fmt: skip


def _material_then_noun(item: str) -> bool:
    """Is a material list's item a material and a noun after it ("stainless steel
    thermometer")?"""
    low = item.lower().strip()
    found = _material_ends(low)
    if not found:
        return False
    rest = low[max(found) :].split()
    # "glass reed plate": a part named by two nouns, though its last is a stuff's
    # ("It is made of glass reed plate", review 39); "steel wire mesh" is stuff.
    part = len(rest) == 2 and rest[0].isalpha() and rest[0] not in _STUFF_NOUNS
    return 1 <= len(rest) <= 2 and rest[-1].isalpha() and (rest[-1] not in _STUFF_NOUNS or part)


def _ends_in_material(item: str) -> bool:
    """Does a material list's item end in a material ("anodized aluminum", "UV stabilised
    PVC", "cotton blend"), by the material terms, plastics' initials and stuff nouns?"""
    low = item.lower().strip()
    return bool(low) and (len(low) in _material_ends(low) or low.split()[-1] in _STUFF_NOUNS)


def _material_ends(low: str) -> list[int]:
    """Where each material named in lower-case `low` ends: the material terms', and
    plastics' by their initials, which the terms leave to the table ("pvc")."""
    ends = [end for *_, end in material_claims(low)]
    return ends + [
        m.end() for m in re.finditer(r"\b(?:pvc|abs|tpu|tpe|pp|pe|pet|eva|pu|pc)\b", low)
    ]


def _names_itself(name: str, value: str) -> bool:
    """Does the value say its own name ("fit: regular fit", "fragrance: fragrance-free")?"""
    head = name.split()[-1]
    if head in {"in", "for", "as", "with", "by", "from", "of"}:
        return False  # "manufactured in: USA in a … facility" names no attribute
    words = re.split(r"[\s-]+", value.lower())
    # "pieces: 72-piece set" names itself in the singular.
    return head in words or (is_plural(head) and head[:-1] in words)


def frames(name: str, value: str) -> list[Said]:
    """The wordings of one attribute (lower-case `name`, `value` as said), each keeping
    the name's meaning and the value verbatim; a readout ("The X is Y.") only where one
    reads (`_readout_reads`)."""
    # "not included: Flour, jar": what does not come with it ("It comes with a flour and a
    # jar", a contradiction, review 41).
    if re.search(r"\bnot included\b|\bexcluded\b|sold separately|not in the box", name):
        items = [i for i in re.split(r",\s*|\s+and\s+", value.strip().rstrip(".")) if i]
        items = [re.sub(r"(?i)^(?:an?|the)\s+", "", i) for i in items]  # a list's articled form
        if not items or any(len(i.split()) > 4 for i in items):
            return []
        listed = capital(and_list([lower_common(i) for i in items]))
        said = f"{listed} {'are' if len(items) > 1 or is_plural(items[0]) else 'is'} not included."
        return [Said(said)]
    # "cloud storage: 100 GB included": what it includes ("It has a 100 GB included cloud
    # storage", review 41).
    listing = _lists_contents(name)
    included = re.fullmatch(r"(?i)(\d[\d.,]*\s?[a-z]{0,3})\s+included", value.strip())
    if included and not listing:
        amount = included[1]
        said = f"includes {amount} {'of ' if re.search(r'(?i)[a-z]$', amount) else ''}{name}"
        return [Said(f"It {said}.", said)]
    # "replace every: 2-4 weeks": a name that is an instruction, said as one ("The replace
    # every is 2-4 weeks", review 47).
    # Not a noun phrase ("refill code: WP-50" said "Refill code WP-50.", review 47's rerun).
    if _TIMED_INSTRUCTION.fullmatch(name) or (
        _INSTRUCTION_VERB.fullmatch(name) and _WHEN.match(value)
    ):  # "replace bottle: every 3 months" too
        return [Said(f"{capital(name)} {value}.")]
    # "assembly: Tool-free": the assembly is, not the product ("It is tool-free", review 41).
    tool_free = re.fullmatch(r"(?i)tools?[- ]free|no tools? (?:required|needed)", value)
    if _PROCESS_NAME.fullmatch(name) and tool_free:
        return [Said(f"{capital(name)} is {value.lower()}.")]
    # "colour: Navy body / brown sleeves": the colours of its parts, which it has ("It comes
    # in a navy body and brown sleeves", review 41).
    if COLOUR_NAME.match(name):
        items = [i.strip() for i in re.split(r"\s*[/,;]\s*|\s+and\s+", value) if i.strip()]
        parted = [i.split() for i in items]
        if len(items) > 1 and all(
            len(w) >= 2
            and w[-1].isalpha()
            and colour_claims(" ".join(w[:-1]))
            and not colour_claims(w[-1])
            # A part's colour, not a design's ("Green Dinosaur / Blue Shark": two cameras,
            # "It has a green dinosaur and a blue shark" read as a contradiction, review 47).
            and w[-1].lower().removesuffix("s") in _COLOURED_PARTS
            for w in parted
        ):
            had = and_list([lower_common(i) if is_plural(i) else f"{article(i)} {lower_common(i)}"
                            for i in items])  # fmt: skip
            return [Said(f"It has {had}.")]  # alone: its "and" would blur a list's
    # "Refrigerate 2-8 °C after opening": the temperature it is kept at (review 39).
    value = re.sub(r"(?i)^(refrigerate|store|keep|freeze)\s+(?=[-–]?\d)", r"\1 at ", value)
    # "2 x padded armrests, 1 x bottle": a packing list's counts, said as English counts
    # ("It comes with 2 x padded armrests" read as spreadsheet shorthand, review 41).
    if listing:
        # "1 x 75ml black ink": one, its measure kept ("75ml black ink").
        value = re.sub(r"(?<![\d.])1\s*x\s+(?=[A-Za-z]|\d[\d.]*\s?[A-Za-z]{1,3}\b)", "", value)
        # "2 x teat": "2 teats"; "2 x soft cut lino A5": a code ends it, no "s" ("A5s").
        value = re.sub(
            r"\b(\d+)\s*x\s+([A-Za-z][\w -]*?)(?=,|;| and |$)",
            lambda m: f"{m[1]} {m[2] if _uncounted(m[2]) else pluralize(m[2])}",
            value,
        )
        # "growth oil 30 ml", "crushed malts 5.6kg": a measure after the thing's name said
        # before it, as English does ("a 30 ml growth oil", "5.6kg crushed malts").
        value = ", ".join(
            re.sub(r"^([A-Za-z][A-Za-z -]*?)\s+(\d[\d.]*\s?[a-z]{1,3})$", r"\2 \1", item)
            for item in value.split(", ")
        )
        # "2 pairs nitrile gloves": "2 pairs of nitrile gloves".
        value = re.sub(
            r"\b(\d+ (?:pairs|sets|packs))"
            r"\s+(?!of\b|x\s)(?=[A-Za-z\d])",
            r"\1 of ",
            value,
        )
        # "5 x pH 4.01": a count these rules could not say in English stays in the table
        # ("It comes with a 5 x pH 4.01, …", review 48's text).
        if re.search(r"\b\d+\s*x\s", value):
            return []
    # "Flexible PVC with EVA foam edge": a part after "with" takes its article ("with an
    # EVA foam edge", review 39).
    if _MATERIAL_NAME.match(name):
        value = re.sub(
            r"\bwith (?!an? |the )([A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,3})$",
            lambda m: m[0] if is_plural(m[1]) else f"with {article(m[1])} {m[1]}",
            value,
        )
    # "TPE, ABS", "Milk, Soy": a list the sanitizer joined, said as English lists ("It is
    # made from TPE, ABS.", an unseen catalog). Not a place ("Aberdeenshire, Scotland").
    items = value.split(", ")
    # A box's contents are things, each named as the seller counts it ("a 75ml black water
    # based ink"): longer items than a list of properties, which past three words is the
    # seller's prose.
    words = 5 if listing else 3
    if (
        1 < len(items) <= 6
        and not re.search(r";| and | or ", value)
        and all(0 < len(i.split()) <= words for i in items)
        and not _WHERE_NAME.search(name)
    ):
        value = and_list(items)
    dimensional = re.search(r"dimension|size|measure", name)
    if re.search(r"\d\s?[x×]\s?\d", value) and not dimensional:
        return []  # "volume: 6 x 750 ml", "pack size: 30 x 5g sticks": a pack's make-up
    pieces = re.fullmatch(r"number of (?:pieces|pcs|items|units)", name)
    if pieces and value.isdigit():
        # "number of pieces: 8": "It is an 8-piece set.", not "The number of pieces is 8."
        # (review 34) nor "a set of 1432" (review 37).
        said = f"is {article(value)} {value}-piece set"
        return [Said(f"It {said}.", said)]
    ranged = re.fullmatch(r"\d+\s?[-–]\s?\d+|\d+\+", value)
    if name.startswith("number of ") and ranged and _PEOPLE.fullmatch(name[10:]):
        # "number of players: 2-6": "It is for 2-6 players." ("It has a 2-6 number of
        # players", an unseen catalog).
        said = f"is for {value} {name[10:]}"
        return [Said(f"It {said}.", said)]
    if name in {"duration", "session duration", "class duration"} and re.fullmatch(
        r"(?:approx\.? )?[\d.]+(?:\s?[-–]\s?[\d.]+)?\s?(?:hours?|hrs?|minutes?|mins?)", value
    ):
        # "duration: 2.5 hours": what it lasts ("It has 2.5-hour duration").
        return [Said(f"It lasts {value}.", f"lasts {value}")]
    if name.startswith("number of ") and value.isdigit():
        things = name.removeprefix("number of ")  # "It has 18 frets."
        if _PEOPLE.fullmatch(things):  # "It is for 2 people.", not "It has 2 people."
            return [Said(f"It is for {value} {things}.", f"is for {value} {things}")]
        return [Said(f"It has {value} {things}.", f"has {value} {things}")]
    if name == "language" and re.fullmatch(r"[A-Z][a-z]+(?:(?:, | and )[A-Z][a-z]+)*", value):
        return [Said(f"It is in {value}.", f"is in {value}")]  # not "It has an English language"
    if re.search(r"\b(?:labels?|instructions?|manual|packaging|text)$", name) and re.fullmatch(
        rf"{_LANGUAGE}(?:(?:, | and | & ){_LANGUAGE})*", value
    ):
        # "labels: English": what they are written in ("The labels are English", review 42).
        return [Said(f"The {name} {'are' if is_plural(name) else 'is'} in {value}.")]
    if name == "publisher":
        return [Said(f"It is published by {value}.", f"is published by {value}")]
    if re.fullmatch(r"(?:[A-Z]{0,2}\d+(?:\.\d+)?)(?:(?:, | and )[A-Z]{0,2}\d+(?:\.\d+)?)+", value):
        # "flex: 75, 85 and 95", "blade curve: P92, P28 and P88": a listing's options,
        # bare numbers or codes (review 34).
        return []
    suits = _SUITS_NAME.fullmatch(name)
    if (suits or _ANIMAL_NAME.fullmatch(name)) and re.match(r"(?i)an? ", value):
        return []  # a list's articled form: "for a sensitive, a dry … skin" is no reading
    if suits and not value.lower().startswith("all") and not re.search(r"\d", value):
        # "skin type: Normal to Dry": "It is for normal to dry skin.", where the readout
        # was struck ("The skin type is …", reviews 31-32) and nothing was said (review 37).
        whom = f"{lower_words(value)} {suits[1]}"
        return [Said(f"It is for {whom}.", f"is for {whom}")]
    if _ANIMAL_NAME.fullmatch(name) and re.fullmatch(r"[A-Za-z ,]+", value):
        # "target species: Dog, Cat": "It is for dogs and cats." (not "The target species
        # are Dog and Cat.").
        animals = and_list([pluralize(a.lower()) for a in re.split(r",\s*|\s+and\s+", value)])
        return [Said(f"It is for {animals}.", f"is for {animals}")]
    # "what is included": no subject of a readout ("The what is includes …").
    options = [o for o in _frames(name, value) if not o.sentence.startswith("The what ")]
    if _WHERE_NAME.search(name) and value[:1].isupper():
        # A place is named, not had: "It has an Italy country of origin", "It has a
        # Bethlehem origin" (review 39); "The country of origin is Italy."
        options = [
            o
            for o in options
            if not o.sentence.startswith(("It has", "They have"))
            and not re.search(rf" (?:is|are) an? {re.escape(value)}\.$", o.sentence)
        ]
    spoken = _UNIT_PLURAL.fullmatch(value)
    if spoken and spoken[1] != "1":
        # "The hoop size is 8 inches.", not "… is 8 inch." (review 35); "an 8 inch hoop" stays.
        many = f"{spoken[1]} {'feet' if spoken[2] == 'foot' else pluralize(spoken[2])}"
        options = [
            Said(o.sentence.replace(f" is {value}.", f" is {many}."), o.predicate) for o in options
        ]
    if value.split() and name.split()[0] == value.split()[-1].lower():
        # "days to maturity: 55-85 days": not "The days to maturity is 55-85 days." (review 37)
        options = [o for o in options if not o.sentence.startswith(f"The {name} ")]
    # A "number of …" count never gets here: its frames return above.
    if value.isdigit() and not is_plural(name.split(" of ")[0]):
        # "quantity: 60": sixty of what? Neither "The quantity is 60." nor "It has 60
        # quantity." (review 32).
        return [o for o in options if not re.search(rf"\b{value} {re.escape(name)}\b", o.sentence)
                and not o.sentence.startswith(f"The {name} is ")]  # fmt: skip
    if _readout_reads(name, value):
        return options
    # "The skin types are sensitive, combination and oily.": a list said as one stays.
    readout = re.compile(rf"^The {re.escape(name)} is ")
    return [o for o in options if not (o.predicate is None and readout.match(o.sentence))]


# A range and its unit ("70-120cm", "10-20 m"): one option of a listing's lengths.
_MEASURE_RANGE = re.compile(r"^\d+(?:\.\d+)?\s?[-–]\s?\d+(?:\.\d+)?\s?[A-Za-z\"]{1,6}$")
# A value that is a measure: a number (or a bound) and its unit, a few words at most.
_MEASURED = re.compile(r"^(?:[<>≤≥~±]\s?|approx\.?\s)?\d[\d.,–-]*\s?[^\d\s,]")
# The same, whole: its number and its unit's word ("12 months", "35W", '.459"').
_LEADING_MEASURE = re.compile(r"""^(?:[<>≤≥~±]\s?|approx\.?\s)?\.?\d[\d.,–-]*\s?[A-Za-z"'°%]*\s*""")


def _readout_reads(name: str, value: str) -> bool:
    """Does "The {name} is {value}." read as copy? Read blind on two catalogs written after
    the code (reviews 31, 32), a singular name's readout of words, a list, a bare number or
    a pack's make-up was struck on its own ("The quantity is 60.", "The cup warmer is
    passive and top plate.", "The active ingredient is boric acid 0.5% and colloidal
    silver.", "The volume is 6 x 750 ml.", "The pack coverage is 10 sheets = 10 sq ft.");
    a measure ("The range is 5–1000 yards.", "The oscillation angle is 3.2°."), a plural's
    list ("The key ingredients are …") and a place passed. The rest is the table's."""
    if is_plural(name.split(" of ")[0]) or _PLACE_NAME.search(name):
        return True
    if _of_its_kind(name, value):
        # "The coffee variety is Arabica.", "The primary ingredient is real chicken."
        return not re.search(r"\d|,| and ", value) and len(value.split()) <= 4
    # A pack's make-up ("6 x 750 ml") never gets here: `frames` leaves it to the table.
    # A measure's conversion is no words of its own ("2.75 x 4.75 in (70 x 120 mm)").
    bare = _END_NOTE.sub("", value)
    return (
        bool(_MEASURED.match(value))
        and len(bare.split()) <= 5
        and not re.search(r"=|,| and ", value)
    )


_AXIS_UNIT = r"(?:cm|mm|m|in|inch|inches|ft|\"|″)"
_AXIS_SEGMENT = re.compile(
    rf"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>{_AXIS_UNIT})?\s*\(?(?P<a>{AXIS})\)?(?!\w)"
    rf"|(?P<a2>{AXIS}):?\s*(?P<n2>\d+(?:\.\d+)?)\s*(?P<u2>{_AXIS_UNIT})?"
)
# What a dimensions name measures: the product whole, not a part's ("cage dimensions").
_DIMENSIONS_NAME = re.compile(
    r"^(?:product |item |overall |assembled )?(?:dimensions|measurements|size)"
    r"(?: \((?:assembled|approx\.?|l x w x h|w x d x h)\))?$"
)


def _axis_unit(unit: str) -> str:
    # '10" long' as the seller wrote it: "inches" said thrice reads as a stutter (the
    # wording guard's too).
    return {"″": '"', "in": '"', "inch": '"', "inches": '"'}.get(unit, unit)


def _lettered(name: str, value: str) -> str | None:
    """A product's dimensions marked axis by axis ("16.3\" W x 7.1\" D x 12.2\" H") said as
    English does: "is 16.3 inches wide, 7.1 inches deep and 12.2 inches high". Read as
    "It measures 33 cm H x 11 cm dia." a blind reader struck it as spreadsheet shorthand
    (review 41). A trailing conversion in brackets is left to the table; any other text
    leaves the value as it is."""
    if not _DIMENSIONS_NAME.match(name):
        return None
    # "60 x 41 x 76 cm (L x W x H)": the axes named once, after the measures.
    named = re.fullmatch(
        rf"((?:[\d.]+\s*[x×]\s*)+[\d.]+)\s*({_AXIS_UNIT})\s*\(((?:[HWDL]\s*[x×]\s*)+[HWDL])\)",
        value.strip(),
    )
    if named:
        numbers = re.split(r"\s*[x×]\s*", named[1])
        axes = re.split(r"\s*[x×]\s*", named[3])
        if len(numbers) == len(axes):
            value = " x ".join(f"{n} {named[2]} {a}" for n, a in zip(numbers, axes, strict=True))
    converted = r"\s*\((?:approx\.?\s*)?[\d.]+(?:\s*[x×]\s*[\d.]+)+\s*[a-z]{1,2}\)\s*$"
    body = re.sub(converted, "", value)
    body = body.strip().rstrip(".") + ("." if body.strip().endswith("dia.") else "")
    parts = re.split(r"\s*[x×]\s*", body.strip())
    trailing = re.fullmatch(rf"(.*?)\s*({_AXIS_UNIT})", parts[-1]) if len(parts) > 1 else None
    found = []
    for part in parts:
        m = _AXIS_SEGMENT.fullmatch(part.strip())
        if m is None:
            if trailing and part is parts[-1]:
                m = _AXIS_SEGMENT.fullmatch(trailing[1])
            if m is None:
                return None
        number, unit = m["n"] or m["n2"], m["u"] or m["u2"] or ""
        found.append((number, unit, axis_word(m["a"] or m["a2"])))
    if len(found) < 2 or len({a for _, _, a in found}) < len(found):
        return None
    last_unit = found[-1][1] or (trailing[2] if trailing else "")
    if not last_unit:
        return None
    said = [
        f"{n}{unit} {a}" if (unit := _axis_unit(u or last_unit)) == '"' else f"{n} {unit} {a}"
        for n, u, a in found
    ]
    return f"is {and_list(said)}"


# Names of the shop's terms, not the product's facts.
_SHOP_TERMS = re.compile(r"\b(?:returns?|return policy|refunds?|shipping|dispatch|delivery time)$")
# Names that are a unit, not what it measures.
_UNIT_NAMES = frozenset({"micron", "microns", "gsm", "denier", "mah", "lumens", "watts", "volts"})
_LANGUAGE = r"(?:English|French|German|Spanish|Italian|Chinese|Japanese|Dutch|Portuguese|Korean)"
# Grades on one scale: a thing has one of them ("reed strength: easy, medium, strong").
_GRADES = frozenset({
    "easy", "soft", "light", "mild", "medium", "hard", "strong", "firm", "heavy", "hot",
    "fine", "coarse", "extra soft", "extra firm", "extra hot", "extra strong", "regular",
    "medium-soft", "medium-hard", "medium-firm", "x-strong", "extra light", "medium-heavy",
})  # fmt: skip


def _choices(name: str, value: str) -> str | None:
    """A list of values no one product has together, said as the choice it is: grades on
    one scale ("It comes in easy, medium or strong strength", not "The reed strengths are
    easy, medium and strong", which a blind reader read as one reed's three, review 41),
    or kinds beside the product without any ("… or unscented": "The scents are …
    and unscented" listed unscented as a scent, review 41)."""
    items = [lower_common(i.strip()) for i in re.split(r",\s*|\s+and\s+|\s+or\s+", value)]
    items = [i for i in items if i]
    if len(items) < 2:
        return None
    head = name.split()[-1]
    head = head[:-1] if re.search(r"[^su]s$", head) else head  # "strengths", not "firmness"
    if all(i.lower() in _GRADES for i in items):
        return f"{and_list([i.lower() for i in items], 'or')} {head}"
    stem = re.escape(head.removesuffix("e")[:5])
    unkind = rf"(?:un|non-?){stem}\w*|{stem}\w*[ -]free"
    none = [i for i in items if re.fullmatch(unkind, i.lower())]
    if len(none) == 1:  # said last: "fresh linen or unscented"
        return and_list([*(i for i in items if i != none[0]), none[0].lower()], "or")
    return None


# A care label's step ("air dry", "tumble dry low", "dry clean only").
_CARE_STEP = re.compile(r"(?:air|line|tumble|drip|flat|dry) ?(?:dry|clean)|hang|iron|bleach")
# A value that is an instruction to the reader ("replacement: Replace every 12 months").
_IMPERATIVE_VALUE = re.compile(
    r"^(?:replace|store|keep|refrigerate|freeze|wash|hand wash|machine wash|apply|avoid|do not"
    r"|don't|rinse|soak|wipe|remove before|check|allow|always|never)\b"
)


def _instruction(value: str) -> Said:
    """A value that is an instruction, said as its own sentence; a shouted first word as a
    word ("ALWAYS turn clockwise" → "Always turn clockwise.")."""
    told = re.sub(r"^([A-Z]{3,})(?= [a-z])", lambda m: m[1].capitalize(), value)
    return Said(f"{capital(told.rstrip('.'))}.")


# Names of a listing's options, of which one is bought ("shades", "finishes").
_OPTION_AXES = frozenset({
    "shade", "finish", "scent", "fragrance", "flavour", "flavor", "style", "design", "pattern",
    "print", "variant", "option", "tone", "version", "edition", "theme",
})  # fmt: skip


def _frames(name: str, value: str) -> list[Said]:
    if _IMPERATIVE_VALUE.match(value.lower()) and len(value.split()) <= MAX_VALUE_WORDS:
        # Said as the instruction it is ("The replacement is replace every 12 months",
        # review 42).
        return [_instruction(value)]
    if re.match(r"(?i)compatible with \S", value):
        said = f"is {value[:1].lower()}{value[1:]}"  # not "It has compatible with …" (review 43)
        return [Said(f"It {said}.", said)]
    if re.match(r"(?i)one size fits (?:most|all)\b", value):
        return [Said(f"{capital(value.rstrip('.'))}.")]  # not "It has one size fits most …"
    if name in _UNIT_NAMES or re.match(r"(?:fl\.? oz|oz|ml|kg|lbs?)\b", name):
        return []  # "micron: 21 μm": a unit names no property ("It has a 21 μm micron")
    first = value.split()[0].lower()
    lettered = _lettered(name, value)
    if lettered:
        return [Said(f"It {lettered}.", lettered)]
    if _VERB_VALUE.match(first) or _VERB_PHRASE.match(value.lower()):
        said = value[:1].lower() + value[1:]  # "May contain …" of a label
        return [Said(f"It {said}.", said)]  # "pocket depth: fits mattresses …"
    if _STORAGE_NAME.match(name) and _IMPERATIVE.match(value.lower()):
        return [Said(f"{capital(value.rstrip('.'))}.")]  # "storage: Refrigerate on arrival"
    head = name.split()[-1]
    # "quantity: 1 pair": one of it, nothing to say ("It has 1 pair quantity").
    one = re.fullmatch(r"(?i)1(?:\s*(?:pair|piece|pc|set|unit))?", value)
    if head in {"quantity", "qty"} and one:
        return []
    # "quantity: 2 pieces": a pack's count ("It has 2 pieces quantity", an unseen catalog).
    pieces = re.fullmatch(r"(?i)(\d+)\s*(pieces|pcs|pack|units|count|pairs|[a-z]{3,}s)", value)
    if head in {"quantity", "qty"} and pieces:
        # "10 lengths", "50 slides": what the pack holds ("It has 10 lengths quantity",
        # review 42).
        noun = pieces[2].lower()
        said = f"comes in a pack of {pieces[1]}" + (
            "" if noun in {"pieces", "pcs", "pack", "units", "count"} else f" {noun}"
        )
        return [Said(f"It {said}.", said)]
    # "recommended fuse: 5 A": what is recommended, not what it has ("It has a 5 A
    # recommended fuse" read as one included, review 42).
    advised = re.fullmatch(r"recommended ([a-z][a-z ]{2,30})", name)
    if advised and MEASURE.match(value) and not is_plural(advised[1]):
        return [Said(f"{capital(article(value))} {value} {advised[1]} is recommended.")]
    # "origin: Wild harvested in China, packed in USA": a sentence of where it comes from
    # ("The origin is Wild harvested …", review 42).
    done_where = re.fullmatch(
        r"(?:[A-Za-z]+ )?(?:harvested|grown|made|packed|produced|sourced|roasted|brewed|distilled"
        r"|bottled|printed|assembled|designed|manufactured|caught|farmed) in .+",
        value,
        re.IGNORECASE,
    )
    if done_where and _PLACE_NAME.search(name):
        said = f"is {value[:1].lower()}{value[1:]}"
        return [Said(f"It {said}.", said)]
    # "calories: 5 per serving": "It has 5 calories per serving." ("5 per serving
    # calories", an unseen catalog).
    per = re.fullmatch(r"([\d.,]+)\s+(?:(\w+)\s+)?(per \w+)", value)
    if per and is_plural(name) and (per[2] is None or per[2] == name.split()[-1]):
        # "alcohol units: 28 units per bottle": "28 alcohol units per bottle" ("a 28-unit per
        # bottle", an unseen catalog).
        said = f"{per[1]} {name} {per[3]}"
        return [Said(f"It has {said}.", f"has {said}")]
    # "servings: 30 stick packs": what the servings come as ("30 stick packs servings").
    packed = re.fullmatch(r"(\d+)\s+([a-z][a-z ]*[a-z]s)", value.lower())
    if name == "servings" and packed and not packed[2].endswith("servings"):
        said = f"comes in {packed[1]} {packed[2]}"
        return [Said(f"It {said}.", said)]
    # "edition: 2nd", "format: Paperback": what the book is ("It has 2nd edition and a
    # paperback format", review 39).
    if name == "edition" and re.fullmatch(r"(?i)\d+(?:st|nd|rd|th)|first|second|third", value):
        return [Said(f"It is the {value.lower()} edition.", f"is the {value.lower()} edition")]
    if name in {"format", "binding", "cover"} and value.lower() in _BOOK_FORMATS:
        said = f"{article(value.lower())} {value.lower()}"
        return [Said(f"It is {said}.", f"is {said}")]
    # "compatible: Floor jacks, …": "compatible with" ("It is compatible floor jacks").
    if name == "compatible":
        said = f"compatible with {lower_common(value)}"
        return [Said(f"It is {said}.", f"is {said}")]
    # "ingredients: Chickpea flour": one ingredient is what it is made from ("The
    # ingredients are Chickpea flour").
    if name == "ingredients" and not re.search(r",|;| and ", value):
        said = f"made from {lower_common(value)}"
        return [Said(f"It is {said}.", f"is {said}")]
    # "dog weight: 20-40 kg", "child weight range: 7-45 lb": whom it is for, by weight
    # ("The dog weight is 20-40 kg" read as clumsy, review 40).
    weighed = _WEIGHED_NAME.fullmatch(name)
    if weighed and re.match(r"[<>≤≥~]?\s?\d", value):
        whom = {"child": "children"}.get(weighed[1]) or pluralize(weighed[1])
        return [Said(f"It is for {whom} weighing {value}.", f"is for {whom} weighing {value}")]
    # "clay: Zhuni": what it is made of, a kind of the name's stuff ("It has a zhuni
    # clay", review 40).
    if name in _STUFF_NAMES and len(value.split()) <= 3 and not re.search(r"\d|,", value):
        said = value if name in value.lower() else f"{value} {name}"
        return [Said(f"It is made of {said}.", f"is made of {said}")]
    if value.lower() == "all" or value.lower().startswith("all "):
        # "skin type: All", "breed recommendation: all breed sizes": what it is for, not
        # "The skin type is all." (struck in reviews 27 and 28).
        whom = value.lower() if " " in value else f"all {pluralize(name)}"
        return [Said(f"It is for {whom}.", f"is for {whom}"),
                Said(f"It suits {whom}.", f"suits {whom}")]  # fmt: skip
    if head == "count" and not re.fullmatch(r"[\d,]+(?:\s*(?:count|ct))?", value.lower()):
        return []  # "count: 60 gummies x 2 bottles": a pack's make-up, the table's (review 29)
    if is_plural(name.split(" of ")[0]) and value.isdigit():
        # "tablets: 4": "It comes with 4 tablets.", not "The tablets are 4." (review 29)
        return [Said(f"It comes with {value} {name}.", f"comes with {value} {name}"),
                Said(f"It has {value} {name}.", f"has {value} {name}")]  # fmt: skip
    if (
        re.search(r"\bfree$", value.lower())
        and len(value.split()) <= 3
        and not re.search(r"\d|,| and ", value)
    ):
        # "hypoallergenic: Nickel free", "diet type: Gluten Free": free of a substance is
        # what the whole product is; nothing it "has" ("It has a nickel free
        # hypoallergenic", review 29). Not "insole: removable" (the insole is).
        said = lower_words(value)
        return [Said(f"It is {said}.", f"is {said}")]
    if head == "count" and (
        any(q.unit and q.unit != "count" for q in extract_quantities(value))
        or re.search(r"\d\s*fluid ounces?\b", value.lower())
    ):
        return []  # "unit count: 192 fluid ounces": a measure, not a count (review 28)
    if re.fullmatch(rf"(?:un|non-?){re.escape(head)}\w*", value.lower()):
        return [Said(f"It is {value}.", f"is {value}")]  # "scent: unscented": not its scent
    choices = _choices(name, value)
    if choices:
        # "crushed or uncrushed": a state it comes in, no "in".
        said = f"comes {'' if re.fullmatch(r'[a-z -]+ed', choices) else 'in '}{choices}"
        return [Said(f"It {said}.", said)]
    if _names_itself(name, value) and ("," in value or " and " in value):
        # "collagen type: Type I and Type III", "chip: upgraded chip and shows ink level":
        # no frame says a list that names its attribute in each item ("The collagen type
        # is type I and type III", review 28); the spec table does.
        return []
    counted = re.fullmatch(r"([\d,]+)\s*(?:count|ct|pack)", value.lower())
    if head == "count" and counted:
        # "unit count: 120 Count": "It comes in a pack of 120.", not "It has 120 count."
        # (reviews 33 and 34).
        return [Said(f"It comes in a pack of {counted[1]}.", f"comes in a pack of {counted[1]}")]
    if re.fullmatch(rf"\d+-{re.escape(head.removesuffix('s'))}s?", value.lower()):
        return []  # "season: 3-Season": "a 3-season tent" is the table's, no "has a 3-season"
    if _names_itself(name, value):
        if re.search(rf"(?:^|\s){re.escape(head)}-|-{re.escape(head)}\b", value.lower()) or (
            FLAG_END.search(value.lower())  # "fragrance: fragrance free": "It is …"
        ):
            return [Said(f"It is {value}.", f"is {value}")]  # "It is fragrance-free."
        if re.search(r"\b(?:set|kit|pack|bundle)$", value.lower()):
            return [Said(f"It is {article(value)} {value}.", f"is {article(value)} {value}")]
        # "It has a regular fit.", "It has water-based paint."; "a 2-year UK warranty", not
        # "a 2 years UK warranty" (review 33).
        value = re.sub(r"^(\d+) ([a-z]+?)s\b(?= \S)", r"\1-\2", value)
        value = re.sub(r"^(\d+) (year|month|week|day)\b(?= \S)", r"\1-\2", value)  # "2 year …"
        last = value.split()[-1].lower()
        # A count noun takes its article ("It has HH friction rating", "has 2-year UK
        # warranty": the model's likelier wording is the shorter one, reviews 35-38); a mass
        # or abstract noun or a material does not ("It has moisture wicking").
        uncounted = (
            not last.isalpha()  # "USDA zones 3-11": no noun last
            or last in MASS_NOUNS
            or (last.endswith(("ing", "ity", *_ABSTRACT)) and not last.endswith(_COUNTED_ING))
            or bool(material_claims(last))
        )
        plural = is_plural(value)
        options = [Said(f"It has {value}.", f"has {value}")] if uncounted or plural else []
        if not plural:
            options.append(Said(f"It has {article(value)} {value}.",
                                f"has {article(value)} {value}"))  # fmt: skip
        return options
    if re.search(r"\bstandards?$", name):
        # "safety standard: ASTM F2236": what it meets ("It has an ASTM F2236 safety
        # standard", review 40); a list or a sentence of standards is the table's.
        if re.fullmatch(r"[A-Z][A-Z0-9]*(?: [A-Z0-9][\w.:/-]*)*", value) and re.search(
            r"\d", value
        ):
            return [Said(f"It meets the {value} {name.removesuffix('s')}.")]
        return []
    if name.endswith("composition") or name.endswith("chemistry"):
        return [Said(f"The {name} is {value}.")]  # not "It has lithium ion cell composition"
    # "power source: Battery Powered", "finish: Hand Painted": a participle and what does
    # it is what the product is ("It has a Battery Powered power source", an unseen
    # catalog).
    done = re.fullmatch(r"([a-z]+)[ -]([a-z]+ed)", value.lower())
    if done and done[2] in _DONE_BY:
        said = f"{done[1]}-{done[2]}" if not done[1].endswith("ly") else f"{done[1]} {done[2]}"
        return [Said(f"It is {said}.", f"is {said}")]
    participle = re.fullmatch(r"(?:fully |partly |partially |pre-?)?([a-z]+ed)", value.lower())
    if participle and participle[1][:5] == name.split()[-1][:5]:
        # "assembly: Fully assembled": what it is ("a fully assembled assembly", review 40).
        return [Said(f"It is {value.lower()}.", f"is {value.lower()}")]
    if _INSTRUCTION_NAMES.match(name):  # not "The care is machine wash cold."
        return [_instruction(value)]
    if value.lower() in {"left", "right"}:  # "hand: right": not "It has a right hand."
        side = value.lower()
        if "hand" in name:  # "hand orientation: Right" (review 37)
            return [Said(f"It is for {side}-handed use.", f"is for {side}-handed use")]
        return [Said(f"It is for the {side} {name}.", f"is for the {side} {name}")]
    # "number of players: 2-6": the number is one ("The number of players is 2-6").
    plural = is_plural(name.split(" of ")[0])
    # Names that are no noun ("oven safe", "keeps cold", "set includes", "suitable for",
    # "sold as") are not a subject: "The oven safe is up to 260 °C."
    noun = not (
        _VERB_NAME.match(name)
        or _INCLUDES_NAME.search(name)
        or FLAG_END.search(name)
        or _PREPOSITION_END.search(name)
        or name.endswith(("tested", "rated"))
    )
    out = [Said(f"The {name} {'are' if plural else 'is'} {value}.")] if noun else []
    listed = "," in value or " and " in value  # "an elastic side gussets and …"
    if (
        noun
        and value.count(",") >= 1
        and len(re.split(r",| and ", value)) >= 3
        and not plural
        and " of " not in name
        # "origin: Yirgacheffe, Gedeo Zone, Ethiopia" is one place, from town to country
        # ("The origins are …" contradicted a single-origin coffee, review 27).
        and not _PLACE_NAME.search(name)
    ):
        # "skin type: sensitive, combination, oily": types, not one type of three.
        out = [Said(f"The {pluralize(name)} are {value}.")]
    coded = bool(re.search(r"\d", value))  # "IP57", "D (colorless)": no article
    # Not of a value of the name's kind ("The tab colour is a brown.").
    kind = _of_its_kind(name, value)
    material = _MATERIAL_NAME.match(name)
    if material and material["part"] in _NOT_PARTS:
        # "friction material: ceramic": what it is made of is no part's ("The friction is
        # made of ceramic", review 39); read out whole.
        return [Said(f"The {name} is {value}.")]
    if noun and not (plural or listed or coded or kind or first in {"a", "the", "up"}):
        out.append(Said(f"The {name} is {article(value)} {value}."))
    short = len(value.split()) <= 4 and not listed
    measure = bool(MEASURE.match(value))
    # A modifier before the name is a word or two, after a measure at most ("a high shine
    # finish", "a 35W DC motor"); a longer value is a noun phrase or a clause of its own
    # ("a lumbar heating pad heat", "a March–May or Sept–Oct sow", "a 12 months frozen
    # shelf life", "a 2 years UK warranty", reviews 31-33), which no frame fits.
    measured = _LEADING_MEASURE.match(value)
    worded = value[measured.end() :].split() if measured else value.split()
    plural_unit = bool(measured and re.search(r"[a-z]{2,}s\s*$", measured.group(0)))
    modifies = (
        len(worded) <= (0 if plural_unit else 1 if measured else 2)
        and not re.search(
            r"\b(?:or|and|with|on|for|to|from|at|in|of|by|available)\b|[&/]", value.lower()
        )
        # "3 x AAA": a count of things, no modifier ("It has a 3 x AAA battery").
        and not re.match(r"\d+\s*x\s", value.lower())
    )
    # "It weighs 2.3 kg", "It is 4 mm thick", "It is rated at 1400 W": not "a 1400 W power".
    # "item weight", "compatible phone size": a measure by its last word, which the product
    # does not "have" ("It has a 245 g item weight", blind review 19).
    if (
        short
        and modifies
        and noun
        and first not in {"a", "an", "the", "approx.", "approx", "about", "up", "approximately"}
        and head not in _LABEL_NAMES
        and not kind
        and not material  # "It has a beech wood material": made of it
        and head not in _MEASURE_VERB
        and head not in _MEASURE_ADJECTIVE
        and head != "count"  # "It has 180 unit count."
        and not _AGE_NAME.match(name)  # "It has an adult age range."
    ):
        # "with 15 increments", "double-wall vacuum insulation", "10 W Qi wireless charging"
        # "IP57 water resistance", "feedback cancellation": an abstract noun takes no
        # article ("an IP57 water resistance", review 29).
        bare = (
            plural
            or (measure and value.isdigit())
            # "90% available chlorine", no "a"; "a 70%–100% SpO2 range", a count noun's.
            or (
                bool(re.match(r"[\d.]+\s?%", value))
                and name.split()[-1] not in {"range", "gamut", "rating", "ratio", "scale", "level"}
            )
            or name in MASS_NOUNS
            or (name.endswith(("ing", "ity", *_ABSTRACT)) and not name.endswith(_COUNTED_ING))
        )
        # "a 60-minute auto-off", not "a 60 minutes auto-off"; "a 3.9-inch", not "3.9-inche".
        modifier = re.sub(
            r"^(\d+(?:\.\d+)?) ([a-z]+?(?:ch|sh|x)(?=es$)|[a-z]+?(?=s$))e?s$", r"\1-\2", value
        )
        # "100-metre water resistance": a measure before a noun is its modifier.
        bare_value = modifier if name.endswith(_ABSTRACT) else value
        has = f"{bare_value} {name}" if bare else f"{article(modifier)} {modifier} {name}"
        # "55-85 days" of "days to maturity", "medium roast" of "roast level": the value's
        # last word begins the name; said once ("days days to maturity", review 37).
        last = value.split()[-1].lower()
        if name.split()[0] == last and len(name.split()) > 1:
            rest = name.split(" ", 1)[1]
            has = f"{value} {rest}" if bare else f"{article(value)} {value} {rest}"
        out.append(Said(f"It has {has}.", f"has {has}"))
    if measure and name in _MEASURE_ADJECTIVE:
        out.append(Said(f"It is {value} {_MEASURE_ADJECTIVE[name]}.",
                        f"is {value} {_MEASURE_ADJECTIVE[name]}"))  # fmt: skip
    if measure or re.match(r"^\d", value):
        # "item weight" is the product's; "fabric weight" (gsm) is not what it weighs.
        verb = _MEASURE_VERB.get(name) or ("weighs" if name in _PRODUCT_WEIGHT else None)
        # "capacity: 200 gal / 6 months": a filter's life, nothing it holds (review 39).
        timed = verb == "holds" and re.search(r"\b(?:months?|years?|days?|weeks?|hours?)\b", value)
        # "power: 2 x AAA batteries": what it runs on ("It is rated at 2 x AAA batteries",
        # review 47).
        if verb == "is rated at" and re.search(r"(?i)batter|cell", value):
            verb = "runs on"
        if verb and not value.strip().isdigit() and not timed:  # "size: 312" is a code
            out.append(Said(f"It {verb} {value}.", f"{verb} {value}"))  # "item weight" too
        if name == "diameter":
            out.append(Said(f"It measures {value} in diameter.", f"measures {value} in diameter"))
    items = [i for i in re.split(r",\s*|\s+and\s+", value) if i]
    # "Nylon, pre-waxed": a participle of its own is what it is too ("It is made of nylon
    # and is pre-waxed", not "made from nylon, pre-waxed", review 39).
    flags = [
        i
        for i in items
        if FLAG_END.search(i.lower())
        or re.fullmatch(r"(?:[a-z0-9]+[ -])?(?:pre-)?[a-z]{3,}ed", i.lower().strip())
        # "Cr3+ zinc plated": a treatment, whatever its words before ("made of carbon steel
        # and cr3+ zinc plated", review 42).
        or re.search(
            r"\b(?:plated|coated|treated|galvani[sz]ed|anodi[sz]ed|powder[- ]coated)$", i.lower()
        )
    ]
    # "Solid wood, walnut stain": a finish, which it has ("made of solid wood and walnut
    # stain", review 42).
    finishes = [
        i
        for i in items
        if re.search(r"\b(?:stain|varnish|lacquer|wax finish|finish|paint)$", i.lower())
    ]
    if _MATERIAL_NAME.match(name) and finishes and len(finishes) < len(items) and not flags:
        made = and_list([i for i in items if i not in finishes])
        said = f"is made of {made} with {and_list([f'{article(f)} {f}' for f in finishes])}"
        return [Said(f"It {said}.", said)]
    parts = [i for i in items if _names_a_part(i)]
    if material:
        # "Borosilicate glass, bamboo lid, stainless steel thermometer": beside a part, a
        # material with a noun after it names a part too ("made of … stainless steel
        # thermometer", review 38); so does a list of nothing else ("Aluminium pole, PVC
        # coated line").
        nouned = [i for i in items if _material_then_noun(i)]
        if parts or (len(items) > 1 and len(nouned) == len(items)):
            parts = [i for i in items if i in parts or i in nouned]
        # Beside a material, an item that ends in no material names what it has ("Hardwood
        # top", "etched scales", "twin eye": "made of hardwood top", "made from anodized
        # aluminum and etched scales" were struck in review 48).
        stuff = [i for i in items if _ends_in_material(i)]
        if (stuff or parts) and len(stuff) < len(items) and not flags:
            parts = [i for i in items if i in parts or (i not in stuff and len(i.split()) > 1)]
    if material and parts and any(re.match(r"(?i)an? ", i) for i in items):
        return []  # the list's articled form: the bare one says it ("has an a …")
    if material and parts and not material["part"] and not flags:
        # "material: ABS housing, stainless steel blade": parts and what they are made of,
        # which the product has; not "It is made of ABS housing and …" (review 38).
        stuff = [i for i in items if i not in parts]
        had = and_list(
            [
                i if is_plural(i) or i.lower().endswith(_MASS_ING) else f"{article(i)} {i}"
                for i in parts
            ]
        )  # "has foam rubber padding", no article
        said = f"is made of {and_list(stuff)} and has {had}" if stuff else f"has {had}"
        return [Said(f"It {said}.", said)]
    if material and flags and len(flags) < len(items) and not material["part"]:
        # "material: Food-grade silicone, BPA free": what it is made of, and what it is
        # ("It is made from food-grade silicone and BPA free", review 29 at its mend).
        made = and_list([i for i in items if i not in flags])
        made_of = f"is made of {made} and is {and_list(flags)}"
        return [Said(f"It {made_of}.", made_of)]
    if material:
        subject = f"The {material['part']}" if material["part"] else "It"
        for verb in ("is made of", "is made from"):
            predicate = None if material["part"] else f"{verb} {value}"
            out.append(Said(f"{subject} {verb} {value}.", predicate))
    only = re.fullmatch(r"([a-z][a-z ]{1,30}?) only", value.lower())
    if (FLAG_END.search(name) or name.endswith(("tested", "rated"))) and only:
        # "dishwasher safe: Jar only": the part is, not the product ("It is dishwasher safe
        # jar only", review 38).
        return [Said(f"Only the {only[1]} is {name}.")]
    if FLAG_END.search(name) or name.endswith(("tested", "rated")):
        # "oven safe: up to 260 °C", "water resistant: 40 minutes"
        for link in ("", "for ", "to ", "at "):
            if not (link and first in {"up", "for", "to", "at"}):
                out.append(Said(f"It is {name} {link}{value}.", f"is {name} {link}{value}"))
    if _PREPOSITION_END.search(name):  # "suitable for: thick hair", "sold as: a pair"
        out.append(Said(f"It is {name} {value}.", f"is {name} {value}"))
        if short and not (plural or first[:1].isdigit() or first in {"a", "the"}):
            out.append(Said(f"It is {name} {article(value)} {value}.",
                            f"is {name} {article(value)} {value}"))  # fmt: skip
    if _INCLUDES_NAME.search(name) and value.strip().isdigit():
        # "pads included: 10": "It comes with 10 pads.", not "It comes with 10." (review 28)
        things = re.sub(r"\s*\b(?:included|includes?)$", "", name)
        if not things or things == name or not is_plural(things):
            return []
        return [Said(f"It comes with {value} {things}.", f"comes with {value} {things}")]
    if _INCLUDES_NAME.search(name):
        subject = name.rsplit(" ", 1)[0] if " " in name else ""
        if subject and subject not in {"in the", "included"}:
            out.append(Said(f"The {subject} includes {value}."))
        countable = (
            short
            and not is_plural(value)
            and not first[:1].isdigit()
            and value.split()[-1].lower() not in MASS_NOUNS
        )
        if not countable or first in {"a", "an", "the"}:
            out.append(Said(f"It comes with {value}.", f"comes with {value}"))
        else:
            # One countable thing takes its article ("It comes with applicator sponge",
            # an unseen catalog: the model's likelier wording was the shorter one).
            out.append(Said(f"It comes with {article(value)} {value}.",
                            f"comes with {article(value)} {value}"))  # fmt: skip
        listed_items = [i.strip() for i in re.split(r",\s*|\s+(?:and|&)\s+", value) if i.strip()]
        if (
            len(listed_items) > 1
            and all(len(i.split()) <= 5 for i in listed_items)
            and not re.search(r"[()]", value)
        ):
            # "It comes with a jar, a lid and a spatula", not "with jar, lid and spatula"
            # (a list without articles reads as a packing slip, review 38; the model's
            # likelier wording is the shorter one).
            articled = and_list([
                i
                # "bag for oven shelves": its noun is before "for" ("a bag for …", review 46)
                if is_plural(re.split(r" (?:for|with|of|in) ", i)[0])
                # A count takes none ("5 blades"), a measure before a name one ("a 100mm
                # rubber brayer").
                or re.match(r"(?i)(?:\d(?![\d.]*\s?[a-z]{1,3}\s+[a-z])|an? |the |one |two )", i)
                or i.lower().split()[-1] in MASS_NOUNS | {"carbon", "charcoal", "foam", "gel"}
                # "glazing", "expert tuition": an activity or an abstract noun takes none.
                or (i.lower().endswith("ing") and not i.lower().endswith(_COUNTED_ING))
                or i.lower().endswith(_ABSTRACT)
                else f"{article(i)} {i[:1].lower() + i[1:] if i[1:2].islower() else i}"
                for i in listed_items
            ])  # fmt: skip
            out = [o for o in out if not o.sentence.startswith("It comes with")]
            out.append(Said(f"It comes with {articled}.", f"comes with {articled}"))
    elif _VERB_NAME.match(name):
        # "keeps cold for 24 hours"; not "makes for 1 gallon" (what it makes, not its use).
        for link in ("",) if re.match(_OWN_VERBS, name) else ("", "for "):
            out.append(Said(f"It {name} {link}{value}.", f"{name} {link}{value}"))
    if re.search(r"(?:tested|certified|approved)$", value) and noun:
        # "safety: EN 71 tested": an adjective, no noun to take an article or "has".
        out = [o for o in out if f"{article(value)} {value}" not in o.sentence]
        out.append(Said(f"It is {value}.", f"is {value}"))
    labels_only = not re.search(r"\d\s?(?:cm|mm|m|in|inch|\"|ft)\b", value)
    if len(name.split()) > 1 and head in {"feature", "features"} and listed:
        # "special feature: Foldable, Built-in Microphone, …": adjectives and parts no
        # frame joins; a plain "features" list is what it features.
        return []
    if (
        len(items) > 1
        and all(
            (MEASURE.match(i) or _MEASURE_RANGE.match(i)) and not i.strip().isdigit() for i in items
        )
        and len({re.sub(r"[\d.,\s]", "", i).lower() for i in items}) == 1
        and not _AGE_NAME.match(name)
        # The axes a listing's variants differ on; not a set's pieces ("38 x 28 cm, …") or
        # a device's settings ("power: 800 W and 1200 W"); "board sizes: 12 inch, 15 inch".
        and re.search(
            r"(?:weight|length|width|capacit|volume|diameter|thickness)\w*$|\bsizes?$", name
        )
        and not any(re.search(r"\d\s*[x×]\s*\d", i) for i in items)
    ):
        # "weights: 10 oz, 12 oz, 14 oz, 16 oz": the measures it comes in, one each ("The
        # weights are …", "The tape width is 12 mm and 15 mm": one product's, reviews 27, 29).
        kinds = name if plural else pluralize(name)
        choice = and_list(items, "or")
        return [Said(f"It comes in {kinds} of {choice}.", f"comes in {kinds} of {choice}")]
    if COLOUR_NAME.match(name) and listed:
        # "It comes in black, navy or cream white.": not "The color is …" of three; "or",
        # since one is bought (an "and" list of options was read as one product's, review 48).
        choice = and_list(items, "or") if len(items) > 1 else value
        return [Said(f"It comes in {choice}.", f"comes in {choice}")]
    # "age range: 3-4 years, 4-5 years, …" of a garment: its sizes, not one age of five.
    ages_listed = bool(_AGE_NAME.match(name)) and value.count(",") >= 1
    if ages_listed or (
        name in _SIZE_NAMES and labels_only and (listed or "–" in value or "-" in value)
    ):
        # "It comes in sizes XS, S, M and L.": not "The size is …", one size of them all
        # (the 0.5B model preferred that readout); a set's measures are its pieces' ("The
        # sizes are 38 x 28 cm, …").
        choice = and_list(items, "or") if len(items) > 1 and listed else value
        return [Said(f"It comes in sizes {choice}.", f"comes in sizes {choice}")]
    axis = head[:-2] if head.endswith("shes") else head.removesuffix("s")
    if (
        listed
        and len(items) > 1
        and head != axis  # a palette's "finish: Matte, Shimmer, Glitter" is all in it
        and axis in _OPTION_AXES
        and not re.search(r"\d", value)
    ):
        # "shades: Natural, Dark Brown, …", "finishes: Half polished, …": a listing's
        # options, one bought ("The shades are …", "The finishes are …" read as all in one
        # kit, review 48).
        choice = and_list([lower_common(i) for i in items], "or")
        # "colour options: Sage, Oat, Black": the colours it comes in ("… black options").
        noun = "" if axis in {"option", "variant"} else f" {pluralize(axis)}"
        if noun or re.search(r"colou?r", name):
            return [Said(f"It comes in {choice}{noun}.", f"comes in {choice}")]
    if _AGE_NAME.match(name) and re.fullmatch(r"[a-z]+", value.lower()):
        who = pluralize(value.lower())  # "age range: adult": "It is for adults."
        out.append(Said(f"It is for {who}.", f"is for {who}"))
    if _AGE_NAME.match(name) and first[:1].isdigit():
        # "10 years and up": "ages 10 and up" ("ages 10 years and up", review 42).
        ages = re.sub(r"^(\d+)\s*years?\s+(?=and (?:up|over|older)\b)", r"\1 ", value)
        out.append(Said(f"It is for ages {ages}.", f"is for ages {ages}"))
    return out


# Marks of a standard a product carries, named as yes/no attributes ("Energy Star: Yes").
_MARKS = re.compile(r"energy star|ul|etl|ce|fsc|fcc|rohs|ukca|csa|cetl|gs|tuv|tüv|nsf|bpi")


def flag_frames(name: str) -> list[Said]:
    """A yes/no attribute that is true ("vegan", "juice groove", "pockets")."""
    if _VERB_NAME.match(name) or _VERB_PHRASE.match(name):
        return [Said(f"It {name}.", name)]  # "fits over glasses: yes" (review 38: "has fits")
    if is_plural(name):
        return [Said(f"It has {name}.", f"has {name}")]
    needed = re.fullmatch(r"(.+) (required|needed|included)", name)
    if needed:  # "assembly required": "Assembly is required.", not "It is assembly required."
        return [Said(f"{capital(needed[1])} is {needed[2]}.")]
    if name.endswith(_ABSTRACT):  # "feedback cancellation: true": what it has
        return [Said(f"It has {name}.", f"has {name}")]
    if _MARKS.fullmatch(name):
        # "energy star: yes": a mark it carries, not a thing it has ("It has an energy
        # star", review 38); "certified" is a claim the facts do not word.
        mark = "Energy Star" if name == "energy star" else name.upper()
        return [Said(f"It is {mark} rated.", f"is {mark} rated")]
    if re.search(r"\b(?:box|case|bag|pouch|tin|tube|sleeve)$", name):
        # "gift box: yes": what it comes in ("It is gift-box", an unseen catalog).
        return [Said(f"It comes in {article(name)} {name}.", f"comes in {article(name)} {name}")]
    hyphened = name.replace(" ", "-")
    out = [Said(f"It is {name}.", f"is {name}"), Said(f"It has {article(name)} {name}.",
                                                     f"has {article(name)} {name}")]  # fmt: skip
    if hyphened != name:
        out.append(Said(f"It is {hyphened}.", f"is {hyphened}"))
    return out


def unsaid(facts: ProductFacts, lead: str) -> list[tuple[str, list[Said]]]:
    """Each attribute the lead does not say, with its wordings."""
    said = normalize(lead).lower()
    # "a pack of three …" gives the pack size 3.
    said += " " + " ".join(
        str(i) for i, w in enumerate(NUMBER_WORDS) if re.search(rf"\b{w}\b", said)
    )
    said_words = re.findall(r"[a-z]+", said)
    said_numbers = re.findall(r"\d+(?:[.,]\d+)*", said)
    said_stems = {stem(w) for w in said_words}
    # What the lead names the product ("a fountain pen ink from …"): a substance or not.
    head = re.split(r" (?:from|in|with|for)\b|[.,]", said)[0].split()
    substance = bool(head) and head[-1] in _SUBSTANCES
    # A class or a service includes what is done ("gear indexing, a lube, a tyre pressure"
    # said as things it comes with read broken): its list is the table's.
    service = bool(head) and head[-1] in _SERVICES
    out: list[tuple[str, list[Said]]] = []
    for raw_name, raw_value in facts.attributes.items():
        # "approx. washes: up to 60": the value says how exact it is.
        name = re.sub(r"(?i)^(?:approx\.?|approximately|about)\s+", "", normalize(str(raw_name)))
        name = name.strip().lower()
        name = re.sub(r"\bcompatible for\b", "compatible with", name)  # "It is compatible for …"
        if not re.fullmatch(r"[a-z][a-z0-9 .'-]*", name) or len(name.split()) > 4:
            continue  # a name that is a sentence, or not English
        if is_record(name, raw_value):
            continue
        listing = _lists_contents(name)  # what comes in the box
        if re.search(r"\bnot\b", name) and not re.search(r"\bnot (?:included|in the box)", name):
            continue  # "NOT compatible: DYMO 4XL": what it is not, which no frame says
        if isinstance(raw_value, str) and "(" in raw_value:
            # "Pack: 40 brushes (8 x 5 blister)": the value every frame reads, its note left
            # to the table (`_without_notes`).
            bare = _without_notes(normalize(raw_value))
            # A list's item notes go in a box's contents and a colour list only: any other
            # list freed of them was said as all of it ("The finishes are half polished,
            # fully polished and natural" of a shofar sold in one; "made from anodized
            # aluminum and etched scales"), struck in review 48.
            if bare is None and (listing or COLOUR_NAME.match(name)):
                bare = _list_without_notes(normalize(raw_value), contents=listing)
            raw_value = bare if bare and "(" not in bare else raw_value
        if _SHOP_TERMS.search(name):
            continue  # "returns: Custom sizes not returnable": the shop's terms, no copy
            # ("The returns are custom sizes not returnable", review 43)
        if COLOUR_NAME.match(name) and said_in_any(raw_value, said):
            continue
        if name in _AUDIENCE_NAMES or name.endswith((" gender", " sex")):
            continue  # the lead says who it is for where that reads ("a men's …"), not
            # "The gender is Unisex." of a bedsheet (Myntra files everything by gender)
        if raw_value is True or str(raw_value).strip().lower() in YES:
            spoken = (name.replace(" ", "-"), name)
            if not any(s in said for s in spoken):
                out.append((name, flag_frames(name)))
            continue
        lacks = re.match(r"(?:not|none)\b", str(raw_value).strip().lower())
        if raw_value is False or str(raw_value).strip().lower() in YES_NO or lacks:
            continue  # what a product lacks is not copy ("no insert included", "benzocaine:
            # not contained": "It has a not contained benzocaine", review 38)
        items = (
            [str(v) for v in raw_value]
            if isinstance(raw_value, list)
            else (_LIST_SPLIT.split(normalize(str(raw_value))))
        )
        slashed = re.split(r"\s*/\s*", normalize(str(raw_value)))
        if COLOUR_NAME.match(name) and len(items) == 1 and len(slashed) >= 3:
            # "Black/White/Olive/…": a colour's options, not one colour ("The colour is
            # black/white/…", review 39); two slashed are one two-tone colour.
            items = slashed
            raw_value = slashed
        if listing:
            # "included: suit, gloves" of a beekeeping suit: the product comes with what
            # else is in the box, not with itself ("comes with a suit and …", review 38).
            singular = {w.removesuffix("s") for w in said_words}
            others = [
                i
                for i in items
                if not (words := {w.removesuffix("s") for w in re.findall(r"[a-z]{3,}", i.lower())})
                or not words <= singular
            ]
            clean = not any(re.search(r"[()]", i) for i in items)
            if clean and others and len(others) < len(items):
                items = others
                raw_value = others
        if _FEATURES_NAME.search(name):
            unsaid_items = [i for i in items if not said_in(normalize(i), said)]
            options = feature_frames(unsaid_items)
            if options:
                out.append((name, options))
            continue
        packs = _packs(name, items)
        if packs and any(re.search(rf"\bpack of {n}\b", said) for n, _ in packs):
            continue  # "pack sizes: 3, 6, 12 pack" of "… in a pack of 6": the listing's
        if packs:
            nouns = {noun for _, noun in packs}
            noun = f" {nouns.pop()}" if len(nouns) == 1 and "" not in nouns else ""
            listed = and_list([n for n, _ in packs])
            out.append((name, [Said(f"It comes in packs of {listed}{noun}.",
                                    f"comes in packs of {listed}{noun}")]))  # fmt: skip
            continue
        options_said = name in _SIZE_NAMES or COLOUR_NAME.match(name)  # "It comes in …"
        converted = len(items) == 2 and _converted(*items)  # "260ml / 9oz": one capacity
        if (
            len(items) > 1
            and not options_said
            and not converted
            and any(re.search(r"\d", i) and said_in(i, said) for i in items)
        ):
            # "filter size: 37mm, 49mm, … 82mm" of "a 67mm UV filter": the listing's
            # variants; said as the product's, one filter has ten sizes (review 23's
            # contradiction). The lead names this one; the table lists the others.
            continue
        forms = _value_forms(raw_value)
        if service and listing:
            continue
        contents = (
            not forms
            and listing
            and not re.search(r"size|format|colou?r", name)  # "sizes included: A4, A5"
            and isinstance(raw_value, str)
            and not re.search(r"[()\[\]:;+]", raw_value)
            and len(_ITEM_SPLIT.split(raw_value)) > 1
        )
        if contents:
            # "1 x cutter handle, 5 x blades, …": a box's contents, which `frames` says as
            # an English list of counts, at most six things of five words each (a kit's
            # text said only its name, "empty", review 45).
            forms = [normalize(str(raw_value)).strip()]
        # "Geometry", "Dashboard, Windshield and Air Vent": a catalog's title case; the
        # model tells a common word ("geometry") from a name ("Shizuoka, Japan"), as it
        # tells the frames apart.
        forms += [
            low
            for low in map(lower_words, forms)
            if low not in forms
            and not THE_COUNTRY.match(forms[0].removeprefix("the "))
            # A place is a name however the catalog cases it ("brendale QLD", review 33).
            and not _PLACE_NAME.search(name)
            and not _NAMES_NAME.search(name)  # "Lactobacillus acidophilus"
        ]
        # A mid-sentence value's common words in lower case, always ("made of Anodized
        # aluminium", "comes in black, White and Sky Blue": the model kept the capitals,
        # review 38); a name's words are the name's ("compatible models: Apple …").
        if not _NAMES_NAME.search(name) and not _PLACE_NAME.search(name):
            forms = list(dict.fromkeys(lower_common(f) for f in forms))
        # "Solid American walnut", "Polycarbonate/ABS blend": a value in sentence case
        # capitalizes its first word only; the model tells it from a name ("Shizuoka").
        forms += [
            low
            for form in forms
            if re.match(r"[A-Z][a-z]+\b.*\s[a-z]", form)
            and not _NAMES_NAME.search(name)
            and (low := form[0].lower() + form[1:]) not in forms
        ]
        if _PLACE_NAME.search(name) and isinstance(raw_value, str) and "," in raw_value:
            forms = [normalize(raw_value).strip()]  # "Yirgacheffe, Gedeo Zone, Ethiopia"
        if (
            not forms
            or (len(forms[0].split()) > MAX_VALUE_WORDS and not contents)
            or said_in_any(raw_value, said)
        ):
            continue
        if _said_in_other_units(forms[0], lead):
            continue  # "volume: 1000 ml" of "a 1L … olive oil": said
        numbers = re.findall(r"\d+(?:[.,–-]\d+)*", forms[0])
        # "120cm x 120cm (47\" x 47\")" of "… 120 x 120cm muslin wraps": the lead's measure,
        # in other words ("They measure 120cm x 120cm …" after it read as a repeat, review 45).
        measured = re.findall(r"\d+(?:[.,]\d+)*", _END_NOTE.sub("", forms[0]))
        dimensions = re.match(r"\d[\d.,]*\s?[a-z\"]*\s?[x×]\s?\d", forms[0].lower())
        if dimensions and len(measured) >= 2 and all(n in said_numbers for n in measured):
            continue
        if numbers and all(n in said for n in numbers) and name.split()[0] in said:
            continue  # "age range: 3–10 years" of "… for ages 3–10"
        if numbers and all(n in said for n in numbers) and _COUNT_VALUE.fullmatch(forms[0]):
            continue  # "unit count: 120 Count" of "… with 120 coated tablets"
        value_stems = {stem(w) for w in re.findall(r"[a-z]{3,}", forms[0].lower())}
        if (
            numbers
            and all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", said) for n in numbers)
            and (
                stem(name.split()[-1]) in said_stems
                or value_stems & said_stems
                # "recommended age: 4 years and up" of "… for boys aged 4-7"
                or any(w.startswith(name.split()[-1][:4]) for w in said_words)
            )
        ):
            # "battery: 2 x 2.0Ah Li-ion" of "… with 2 x 2.0Ah batteries", "age statement:
            # 12 years" of "a 12-year … whisky": said.
            continue
        options = [f for form in forms for f in frames(name, form)]
        if contents:
            # Only as a list said in English ("…, a bench hook and a brayer"), not the
            # seller's packing slip as written.
            # Nor with an item that ends in a code or a bare measure ("2 soft cut lino A5",
            # "20 sheets 300gsm", "a flattening stone #180": struck as broken, review 46).
            options = [
                o
                for o in options
                if " and " in o.sentence
                and not re.search(r"\d[A-Za-z]*(?=,| and |\.$)", o.sentence)
            ]
        if is_plural(name) and forms[0].isdigit() and name in said_words:
            # "tablets: 4" of "Allwormer tablets": "They come in a pack of 4.", not "They
            # come with 4 tablets." (the tablets come with none).
            pack = f"comes in a pack of {forms[0]}"
            options = [Said(f"It {pack}.", pack)]
        # "VESA", "NAND", "RAM": a name's acronym as its catalog writes it, not "The vesa is".
        # "SpO2", "pH": a mixed-case name keeps its case too ("a 70%–100% spo2 range").
        cased = re.findall(r"\b[A-Za-z][A-Za-z0-9]*\b", str(raw_name))
        for acronym in [w for w in cased if w not in (w.lower(), w.capitalize())]:
            plain = re.compile(rf"\b{acronym.lower()}\b")
            options = [
                Said(
                    plain.sub(acronym, o.sentence), o.predicate and plain.sub(acronym, o.predicate)
                )
                for o in options
            ]
        options = list(dict.fromkeys(options))  # forms that read the same once
        if substance:
            # "This is a fountain pen ink … It holds 50 ml.": a liquid is the volume, it
            # holds nothing (review 39); "The volume is 50 ml."
            options = [o for o in options if not o.sentence.startswith(("It holds", "They hold"))]
        if options:  # a value no frame says ("special feature: foldable, …") is the table's
            out.append((name, options))
    out = [(n, [_inches(o) for o in options]) for n, options in out]
    # An article before a participle or a "NOT included" is no thing: "It has self-flushing
    # and a UV stabilised", "It has a tools NOT included" (review 49); the table's.
    out = [
        (n, kept)
        for n, options in out
        if (kept := [o for o in options if not _NO_THING.search(o.sentence)])
    ]
    counts = _pack_counts(facts, said)
    if counts:
        # One of each: a pack of as many as its list has colours or measures ("3 pairs of
        # socks … in charcoal, olive or navy", a set of four flasks "in capacities of 50
        # mL … or 500 mL" read as one of them, an A/B review): the list is all of it.
        out = [(n, [_all_of_them(o, counts) for o in options]) for n, options in out]
    return out


# A measure in inches that ends its phrase: "6 inch (15 cm)", "lengths of 3 inch, 4 inch …"
# (a reader struck "The height is 6 inch", an A/B review); not "a 10-16 inch laptop".
_BARE_INCH = re.compile(r"(?<![\d/.])((?!1\b)\d+(?:\.\d+)?)\s?inch(?=,| and | or |\.$| \(|$)")


_NO_THING = re.compile(
    r"\b(?:a|an) (?:(?!and\b)[\w'/-]+ ){0,4}(?:[a-z]{3,}[^e\W]ed|NOT included)(?=,| and |\.$)"
)


def _inches(said: Said) -> Said:
    """Inches said as English says a measure of more than one ("6 inches")."""
    # One measure: a list's repeated "inches" reads as a stutter (the wording guard).
    if len(_BARE_INCH.findall(said.sentence)) != 1:
        return said
    sentence = _BARE_INCH.sub(r"\1 inches", said.sentence)
    return Said(sentence, said.predicate and _BARE_INCH.sub(r"\1 inches", said.predicate))


def _all_of_them(said: Said, counts: set[int]) -> Said:
    """A "comes in …" choice of as many items as the pack holds, said as all of them."""
    listed = re.match(r"(?:It comes|They come) in (?!sizes )(.+)\.$", said.sentence)
    if listed is None or " or " not in listed[1]:
        return said
    if len(re.split(r", | or ", listed[1])) not in counts:
        return said
    return Said(_last_or_as_and(said.sentence), said.predicate and _last_or_as_and(said.predicate))


def _last_or_as_and(text: str) -> str:
    """A list's last "or" as "and" ("black, navy or cream" → "black, navy and cream")."""
    at = text.rfind(" or ")
    return text if at < 0 else f"{text[:at]} and {text[at + 4 :]}"


# A lead's or an attribute's count of what the product holds ("a pack of 3 pairs of …",
# "pack size: 5", "number of pieces: 4").
_COUNT_IN_LEAD = re.compile(
    r"\b(?:pack|set|box|bundle|kit|case) of (\d+)|\b(\d+)[- ]?(?:pack|pcs|pieces|pairs)\b"
)
_SEVERAL_NAME = re.compile(
    r"quantity|qty|pack(?: size)?|pieces|pcs|pairs|(?:unit|item|piece) count|set size"
    r"|number of (?:pieces|pcs|items|units|pairs|sets)"
)


def _pack_counts(facts: ProductFacts, lead: str) -> set[int]:
    """How many things the product is, by its lead and its count attributes (above one)."""
    counts = {int(a or b) for a, b in _COUNT_IN_LEAD.findall(lead)}
    for name, value in facts.attributes.items():
        counted = re.match(r"\s*(\d+)", str(value))
        if _SEVERAL_NAME.search(str(name).lower()) and counted:
            counts.add(int(counted[1]))
    return {c for c in counts if c > 1}


_PACK_NAME = re.compile(r"^(?:pack|package|pack size|pack sizes|pack quantity|quantities)$")
_PACK_ITEM = re.compile(r"(\d+)(?:\s*(?:-?pack|pk|count|ct)|\s+([a-z]+))?", re.IGNORECASE)


def _packs(name: str, items: Sequence[str]) -> list[tuple[str, str]]:
    """A listing's pack sizes ("pack sizes: 6 batteries, 30 batteries, …", "3 pack, 6 pack"),
    each as its count and noun; [] for any other attribute. Read out ("The pack sizes are
    3 pack, 6 pack and 12 pack."), a reader struck them (review 36)."""
    if not _PACK_NAME.match(name) or len(items) < 2:
        return []
    found = [_PACK_ITEM.fullmatch(i.strip()) for i in items]
    if not all(found):
        return []
    return [(m[1], (m[2] or "").lower()) for m in found if m]


def _said_in_other_units(value: str, lead: str) -> bool:
    """Is `value` a measure the lead gives in other units ("1000 ml" of "1L", "2000 g" of
    "2kg")? Said twice, the reader sees two facts (an unseen catalog). A conversion in
    brackets is the same measure ("500 g (17.6 oz / 1.1 lb)" of "a 500g …", review 47)."""
    quantities = extract_quantities(_END_NOTE.sub("", value))
    if len(quantities) != 1 or quantities[0].unit is None:
        return False
    if quantities[0].base is None:  # "20 Volts" of a "20V MAX" drill: one unit, no base
        one = (quantities[0].value, quantities[0].unit)
        return one in {(q.value, q.unit) for q in extract_quantities(lead)}
    return quantities[0].base in {q.base for q in extract_quantities(lead)}


def said_in_any(value: object, said: str) -> bool:
    items = value if isinstance(value, list) else [value]
    # "1.7 L" of a title's "1.7L": the same measure.
    packed = said.replace(" ", "")
    return all(
        said_in(str(v), said) or normalize(str(v)).lower().replace(" ", "") in packed
        for v in items
        if str(v).strip()
    )


def fact_sentences(facts: ProductFacts, lead: str, score: Scorer) -> str:
    """Sentences saying what `lead` (the title's sentence, ended) leaves unsaid, each the
    wording the model finds likeliest after the lead; "" when it says everything."""
    pending = unsaid(facts, lead)
    # A text of a sentence or two says what the title says the product is for.
    plural = bool(_PLURAL_LEAD.match(lead)) or not lead.startswith("This is ")
    uses = [Said(f"It {p}.", p) for p in title_uses(facts, lead)] if len(pending) < 2 else []
    if not pending:
        return " ".join(join_predicates(uses, plural=plural))
    context = normalize(lead).strip()
    wordings = [" " + said.sentence for _, options in pending for said in options]
    scored = iter(score(context, wordings))
    chosen: list[tuple[float, Said]] = []  # (mean log-probability per token, wording)
    for _, options in pending:
        picks = []
        for i, said in enumerate(options):
            row = next(scored)
            total = sum(row)
            # A predicate of the product ("It weighs 110 g") over a readout of the spec
            # sheet ("The weight is 110 g"), unless the model finds it much less likely.
            bonus = PREDICATE_BONUS if said.predicate is not None else 0.0
            picks.append((total + bonus, total / len(row), i))
        _, mean, best = max(picks)
        chosen.append((mean, options[best]))
    # A reader strikes a run of "The X is Y." readouts (blind review 10): the likeliest
    # few stay, the spec table says the rest.
    readouts = [i for i, (_, s) in enumerate(chosen) if s.predicate is None and _place(s) == 1]
    dropped = set(sorted(readouts, key=lambda i: -chosen[i][0])[MAX_READOUTS:])
    kept = [said for i, (_, said) in enumerate(chosen) if i not in dropped] + uses
    # A caption ("Kids' running trainers from Pipit.") names a plural too.
    return " ".join(join_predicates(sorted(kept, key=_place), plural=plural))


def _place(said: Said) -> int:
    """Where a sentence goes: what the product is and has, its parts, what comes with it,
    how to care for it (as a listing reads)."""
    text = said.sentence
    if text.startswith(("It comes with", "It comes in")) or re.match(
        r"The [\w -]+ includes ", text
    ):
        return 2  # a list of its own: after what the product is and has
    if text.startswith("It "):
        return 0
    if text.startswith("The "):
        return 1
    return 3


# A predicate of two verbs of its own ("is airline safe and has an LED display"): joined
# with more, its "and" blurs the list's ("…, and weighs 198 g", an unseen catalog).
_TWO_VERBS = re.compile(r" and (?:has|features) ")


def join_predicates(chosen: Sequence[Said], *, plural: bool = False) -> list[str]:
    """Sentences whose subject is the product, side by side, as one ("It weighs 110 g and
    measures 48 x 48 x 30 mm."), up to MAX_JOINED predicates; `plural`: the product is
    a pair, a pack or a set ("They have …": "It has a rubber grip" of a pack of pens reads
    as the pack's, blind review 10)."""
    out: list[str] = []
    run: list[str] = []
    subject = "They" if plural else "It"

    def verb(predicate: str) -> str:
        first, _, rest = predicate.partition(" ")
        if not plural:
            return predicate
        # "is foldable and has a microphone": each verb of a features list agrees.
        rest = re.sub(r"\b(and) (has|features)\b", lambda m: f"and {_PLURAL_VERBS[m[2]]}", rest)
        return f"{_PLURAL_VERBS.get(first) or _verb_plural(first)} {rest}"

    def sentence(text: str) -> str:
        return f"{subject} {verb(text[3:])}" if text.startswith("It ") else text

    def flush() -> None:
        # One verb for its objects: "has a 13 mm chuck and 18+1 clutch settings", not
        # "has …, has …".
        groups: dict[str, list[str]] = {}
        for predicate in run:
            shared = next((v for v in _SHARED_VERBS if predicate.startswith(v + " ")), None)
            key = shared or predicate
            groups.setdefault(key, []).append(predicate[len(shared) + 1 :] if shared else "")
        said = [
            verb(f"{key} {and_list(objects)}" if key in _SHARED_VERBS else key)
            for key, objects in groups.items()
        ]
        if len(said) == 1:
            out.append(f"{subject} {said[0]}.")
        elif said:
            comma = "," if " and " in said[-2] else ""
            out.append(f"{subject} {', '.join(said[:-1])}{comma} and {said[-1]}.")
        run.clear()

    for said in chosen:
        # A predicate with a comma of its own would blur the list's ("comes with a strap,
        # is made from natural tree rubber base, PU top layer and …").
        if said.predicate is None or "," in said.predicate or _TWO_VERBS.search(said.predicate):
            flush()
            out.append(sentence(said.sentence))
            continue
        run.append(said.predicate)
        if len(run) == MAX_JOINED:
            flush()
    flush()
    return out
