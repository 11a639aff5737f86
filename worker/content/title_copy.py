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
from dataclasses import dataclass

from worker.catalog.facts import ProductFacts
from worker.catalog.locales import serving_language
from worker.content.guards.quantities import COUNT_UNITS, extract_quantities
from worker.content.guards.results import normalize
from worker.content.guards.terms import colour_claims

# --------------------------------------------------------------------------- English

_SPLIT_EN = re.compile(r"\s*[,|;]\s*|\s+[-–—]\s+")
# A title's trailing measure ("Chef's Knife 8 inch", "Backpack 30 L", "Drill Driver 18V"),
# or one before a "with" part ("Garden Hose 15 m with Spray Nozzle").
_TRAILING_MEASURE = re.compile(
    r"\s+(\d+(?:[.,]\d+)?\s*(?:%|[a-zA-Z\"″]{1,12}\.?))(?=$|\s+with\s)", re.IGNORECASE
)
# "Sunscreen SPF 50": a rating said before the product ("a 100 ml SPF 50 sunscreen").
_RATING = re.compile(r"\s+(SPF\s*\d+\+?)$", re.IGNORECASE)
# "85% Cocoa": a share of something, said after the product ("… with 85% cocoa").
_SHARE = re.compile(r"\s+(\d+(?:\.\d+)?%\s+[A-Za-z]+)$")
# "60 count", "3 pack", "100 pieces", "6 pairs", "Set of 5", "4-pack".
_COUNT = re.compile(
    r"^(?:(?:set|pack|box|bag) of\s+(\d+)|(\d+)[\s-]*"
    r"(count|ct|pack|pk|pcs|pieces?|pairs?|bags?|sachets?|capsules?|tablets?|sheets?|"
    r"rolls?|keys|colou?rs|shades|pages|pods|servings)|(\d+)\s*(?:x|×))$",
    re.IGNORECASE,
)
# Units that are what a pack holds rather than a property of one item ("100 bags" of tea).
_PACKED = {"pairs", "pair", "bags", "bag", "sachets", "sachet", "pods", "rolls", "sheets"}
_PACK_WORDS = {"count", "ct", "pack", "pk", None}
_SETS = {"pcs", "pieces", "piece"}
_SIZES = {
    "small", "medium", "large", "extra large", "x-large", "xl", "xxl", "mini", "king",
    "queen", "single", "double", "twin", "full", "oversized", "petite",
}  # fmt: skip
# Scents read as colours by the colour table ("Scented Soy Candle, Lavender").
_SCENTS = {"lavender", "vanilla", "rose", "jasmine", "lemon", "citrus", "sandalwood", "mint"}
# Title-case words that stay capitalised: proper names a lower-case word list also holds.
_PROPER = {"bluetooth", "dutch", "french", "english", "italian", "greek", "turkish",
           "japanese", "chinese", "christmas", "wi-fi"}  # fmt: skip
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # an LED, an SPF, an HD, an M
_AUDIENCE = {
    "men": "men's", "women": "women's", "boys": "boys'", "girls": "girls'", "kids": "kids'",
}  # fmt: skip
_AUDIENCE_START = re.compile(r"^(Men|Women|Boys|Girls|Kids)\s+(?!&)")
_DETERMINERS = {"a", "an", "the", "two", "three", "four", "its", "their"}


@dataclass(frozen=True)
class _Phrase:
    text: str
    plural: bool
    counted: bool = False  # "a pack of 60 …": takes no article of its own


def _lower_word(word: str) -> str:
    """A title-cased word as it reads mid-sentence: common words lower-cased; acronyms,
    model names (iPhone, A5, USB-C) and proper adjectives kept."""
    if not word[:1].isupper() or not word[1:].replace("'s", "").replace("'", "").islower():
        return word
    if word.lower().strip("'s") in _PROPER:
        return word
    return word.lower()


def _lower(text: str) -> str:
    return " ".join(
        "-".join(_lower_word(part) for part in word.split("-")) for word in text.split()
    )


def _is_plural(head: str) -> bool:
    last = re.sub(r"[^A-Za-z]", "", head.split()[-1]) if head.split() else ""
    low = last.lower()
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "ys")) and len(low) > 3


def _article(words: str) -> str:
    first = words.split()[0] if words.split() else ""
    if first[:1].isdigit():
        return "an" if re.match(r"(?:8|11|18)(?!\d)|8\d(?!\d)", first) else "a"
    if len(first) > 1 and first.replace("-", "").isupper():
        return "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"
    low = first.lower()
    if low.startswith(("uni", "use", "usb", "euro", "one")):
        return "a"
    return "an" if low[:1] in "aeiou" else "a"


def _is_colour(part: str) -> bool:
    found = colour_claims(part)
    if len(found) != 1:
        return False
    # 藏青色: the table's 藏青 and the colour suffix.
    return found[0][0].strip() in (part.lower().strip(), part.strip().removesuffix("色"))


def _measure(text: str) -> str:
    """A measure as a modifier: "8 inch" reads "8-inch"; "30 L" and "15 cm" stay."""
    number, _, unit = text.partition(" ")
    if unit.isalpha() and unit.islower() and len(unit) > 2:
        return f"{number}-{unit}"
    return text


def _with(part: str) -> str:
    """A "with" part's noun gets its article ("with a dimmer"); plurals, -ing words and
    parts that have one already do not."""
    words = part.split()
    if not words or _is_plural(part) or words[-1].lower().endswith("ing"):
        return part
    if words[0].lower() in _DETERMINERS:
        return part
    return f"{_article(part)} {part}"


def _en_phrase(title: str, brand: str = "", *, say_brand: bool = True) -> _Phrase | None:
    """The title as a noun phrase, `brand` ("from Voltiq") right after the head noun (or
    only taken off the title's start, without `say_brand`)."""
    parts = [p for p in _SPLIT_EN.split(normalize(title).strip()) if p]
    if not parts:
        return None
    head, quals = parts[0], parts[1:]
    # Marketplace titles open with the brand ("IVOC Men Black … Shirt"): it is said once,
    # after the head noun.
    if brand and head.lower().startswith(brand.lower() + " "):
        head = head[len(brand) + 1 :]
    # "Men Black Shirt": a bare audience word is the possessive ("men's").
    head = _AUDIENCE_START.sub(lambda m: _AUDIENCE[m.group(1).lower()] + " ", head, count=1)
    sizes: list[str] = []  # modifiers before the head: sizes, then measures, then the rest
    measures: list[str] = []
    before: list[str] = []
    after: list[str] = []  # phrases after it
    measure = _TRAILING_MEASURE.search(head)
    if measure and extract_quantities(measure.group(1)):
        measures.append(_measure(measure.group(1)))
        head = head[: measure.start()] + head[measure.end() :]
    rating = _RATING.search(head)
    if rating:
        before.append(rating.group(1))
        head = head[: rating.start()]
    share = _SHARE.search(head)
    if share:
        after.append("with " + share.group(1).lower())
        head = head[: share.start()]
    tail = ""  # "with Dimmer", "for Toddlers": after the head noun, which decides the number
    found = re.search(r"\s(with|for)\s", head)
    if found:
        head, tail = head[: found.start()], head[found.start() + 1 :]
    plural = _is_plural(head)
    pack: str | None = None
    for q in quals:
        trailing = _TRAILING_MEASURE.search(q)
        if trailing and extract_quantities(trailing.group(1)) and trailing.start() > 0:
            measures.append(_measure(trailing.group(1)))  # "Medium Roast 1 kg"
            q = q[: trailing.start()]
        low = q.lower().strip()
        count = _COUNT.match(low)
        quantities = extract_quantities(q)
        if count:
            n = count.group(1) or count.group(2) or count.group(4)
            unit = (count.group(3) or "").lower() or None
            if unit in _PACK_WORDS or count.group(1):
                noun = low.split()[0] if count.group(1) else "pack"
                pack = f"a {noun} of {n}" if plural else None
                if not plural:
                    after.append(f"in a {noun} of {n}")
            elif unit in _SETS:
                if plural:
                    pack = f"a set of {n}"
                else:
                    after.append(f"with {n} pieces" if head.lower().endswith("set") else
                                 f"in a set of {n} pieces")  # fmt: skip
            elif unit in _PACKED and plural:
                pack = f"a pack of {n} {unit} of"  # "a pack of 6 pairs of … socks"
            elif unit in _PACKED:
                after.append(f"in a pack of {n} {unit}")
            else:
                after.append(f"with {n} {unit}")
        elif quantities and all(x.unit not in COUNT_UNITS for x in quantities):
            measures.append(_measure(q))
        elif low in _SCENTS:
            after.append(f"with {_article(low)} {low} scent")
        elif _is_colour(q):
            after.append(f"in {low}")
        elif low in _SIZES:
            sizes.append(low)
        else:
            before.append(_lower(q))
    words = " ".join([*sizes, *measures, *before, _lower(head)])
    if brand and say_brand:
        words += f" from {brand}"
    if tail:
        word, _, rest = tail.partition(" ")
        words += f" {word} " + (_with(_lower(rest)) if word == "with" else _lower(rest))
    if after:
        words += " " + " ".join(after)
    if pack:
        return _Phrase(f"{pack} {words}", plural=False, counted=True)
    return _Phrase(words, plural=plural)


def _en_lead(title: str, brand_name: str, say_brand: bool) -> str | None:
    phrase = _en_phrase(title, brand_name, say_brand=say_brand)
    if phrase is None:
        return None
    if phrase.plural:
        # "These are …" leans on what came before (guards.style); the subject alone lets
        # the model say what they are for.
        return f"These {phrase.text}"
    if phrase.counted:
        return f"This is {phrase.text}"
    return f"This is {_article(phrase.text)} {phrase.text}"


# --------------------------------------------------------------------------- Chinese

_ZH_COUNT = re.compile(r"^(\d+|[一二两三四五六七八九十百]+)(片|粒|册|本|颗|支|条|张|双|只|袋|包)$")
_ZH_AUDIENCE = ("成人", "成猫", "幼猫", "成犬", "幼犬", "幼儿", "婴儿", "儿童", "老人", "学生")
# A quantity's dimension (guards.quantities) as the word a listing says it with.
_ZH_DIMENSION = {"volume": "容量", "mass": "净含量", "length": "尺寸"}
_ZH_LONG = {"m", "km"}  # a hose's 15米 is its length, a pan's 28cm its size


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
        if base and base[0] in _ZH_DIMENSION:
            return f"{_ZH_DIMENSION[base[0]]}{segment}"
        if quantities[0].unit == "mah":
            return f"容量{segment}"
    return segment


def _zh_lead(title: str, brand: str, say_brand: bool) -> str | None:
    segments = [s for s in normalize(title).split() if s]
    if not segments:
        return None
    product, rest = segments[0], segments[1:]
    opening = f"这是{brand}的一款{product}" if brand and say_brand else f"这是一款{product}"
    return "，".join([opening, *(_zh_clause(s) for s in rest)])


# --------------------------------------------------------------------------- the lead


@functools.lru_cache(maxsize=4096)
def _cached(lang: str, title: str, brand: str) -> str | None:
    # "U.S. Polo Assn.": a full stop inside the lead would end its sentence there; the brand
    # is taken off the title but not said.
    say = not re.search(r"\.(?:\s|$)", brand)
    lead = _zh_lead(title, brand, say) if lang == "zh" else _en_lead(title, brand, say)
    return lead if lead and len(lead) <= 300 else None


def title_lead(facts: ProductFacts) -> str | None:
    """The opening of a description saying what the title says, without its full stop: a
    whole clause the model may continue ("This is a large bamboo cutting board from
    Grainwell" → "… for everyday cooking."), or for plurals the subject it goes on from
    ("These women's running shoes" → "… are made for …"). None when the title gives
    nothing to say."""
    brand = normalize(facts.brand or "").strip()
    return _cached(serving_language(facts.locale), facts.title or "", brand)


def is_clause(lead: str) -> bool:
    """Is the lead a sentence once its full stop is added (not a subject alone)?"""
    return not lead.startswith("These ")


def end_sentence(lead: str, locale: str) -> str:
    return lead + ("。" if serving_language(locale) == "zh" else ".")
