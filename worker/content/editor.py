"""The editor's cuts: what a copy editor changes in a candidate before the guards judge it,
without adding a word the model did not write. The title or brand as a label before the copy,
the brand in the shop's own case, "This … earrings is" made to agree, "A … trousers offer"
without its article, "both men and their family" as the side the facts give, and, in the
copy of a product known by little more than its title, a purpose or offering clause whose
words no fact gives ("a cutting board designed for both home and office use", ", offering
comfort and versatility", "适合家庭和小家庭使用").

Hand-written: these are edits of one model's habits, measured on the held-out catalogs
(`evaluation/results/README.md`); no library edits copy this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from worker.catalog.facts import ProductFacts
from worker.catalog.locales import serving_language
from worker.content.guards.corpus import FactsText
from worker.content.guards.quantities import extract_prices
from worker.content.guards.sentences import split_sentences
from worker.content.guards.specifics import unfounded_words
from worker.content.guards.wording import BOTH_RE, PAIR_DETERMINERS


def edit(
    text: str, facts: ProductFacts, facts_text: FactsText, *, sparse: bool, describes: bool = True
) -> str:
    """Every cut below, in order, on one cleaned candidate; `sparse`: the product is known by
    little more than its title (only then is a Chinese purpose clause cut); `describes`: the
    copy is a description (only there is the price cut: a budget line may say it)."""
    brand = facts.brand or ""
    out = restore_brand_case(strip_title_label(text, facts.title, brand), brand)
    lang = serving_language(facts.locale)
    if lang == "en":
        out = cut_unfounded_pair(agree_article(agree_plural(out), facts.title), facts_text)
    # English purpose clauses no fact gives are cut whatever the facts: "designed for both
    # man and family" of a backpack with four attributes. Chinese ones only for sparse
    # products: of a product with facts they are mostly occasions ("适合商务场合穿着"), and
    # the cut can orphan the "无论是…还是…" that follows.
    if lang == "en" or sparse:
        out = cut_unfounded_purpose(out, facts_text, lang)
    if lang == "zh":
        out = cut_unfounded_examples(out, facts_text)
    return cut_prices(out) if describes else out


# The price said in the copy ("It has a price of ₹461.00.", "The price is 749 INR.",
# "价格是59.00 CNY"): the shop prints the price beside the copy, and copy that repeats it is
# wrong the day the price changes. 18 of 60 Myntra descriptions of the 0.5B model said it;
# none of the 60 human references did.
_PRICE_WORD_RE = re.compile(
    r"\b(?:price[ds]?|pricing|costs?|priced|retails?|mrp)\b[^.!?。！？]*\d|(?:价格|售价|定价|仅需|只需)[^。！？]*\d",
    re.IGNORECASE,
)
_CLAUSE_RE = re.compile(r"[^,，;；]+[,，;；]?")


def _says_price(text: str) -> bool:
    return bool(extract_prices(text) or _PRICE_WORD_RE.search(text))


# A price as a phrase of the only sentence ("… flats from SOLES at ₹976.00 INR."): the
# amount goes with the words that bring it in and a currency said after it.
_PRICE_LEAD_RE = re.compile(
    r"(?:[,，]\s*)?(?:(?:which|that)\s+)?(?:(?:is|are)\s+)?"
    r"(?:(?:priced|available|sold|offered|retailing)\s+)?(?:at|for)\s+"
    r"(?:(?:a|the)\s+price\s+of\s+)?$",
    re.IGNORECASE,
)
_CURRENCY_AFTER_RE = re.compile(r"^\s*(?:INR|USD|CNY|RMB|EUR|GBP|rupees|dollars|元)(?![a-z])", re.I)


def _cut_price_phrase(sentence: str) -> str:
    """Only a phrase that "at" or "for" brings in: "These flats cost 976 INR." has nothing
    left to say without it."""
    for price in extract_prices(sentence):
        at = sentence.find(price.surface)
        lead = _PRICE_LEAD_RE.search(sentence[:at]) if at >= 0 else None
        if lead is None:
            continue
        head = sentence[: lead.start()].rstrip()
        sentence = head + _CURRENCY_AFTER_RE.sub("", sentence[at + len(price.surface) :])
    return sentence


def cut_prices(text: str) -> str:
    """`text` without the clause or, if the price is the sentence's subject, the sentence
    that says the price; where that would leave nothing, without the price's phrase ("…
    from SOLES at ₹976.00 INR." → "… from SOLES."); as it was if even that fails."""
    kept: list[str] = []
    for sentence in split_sentences(text):
        if not _says_price(sentence):
            kept.append(sentence)
            continue
        clauses = _CLAUSE_RE.findall(sentence)
        if len(clauses) > 1 and not _says_price(clauses[0]):
            # "…T-shirt from Calvin Klein Jeans, which comes in 3299 INR.": the clause goes,
            # the sentence ends where the last clause without a price ends.
            head = "".join(c for c in clauses if not _says_price(c)).rstrip(" ,，;；")
            end = sentence.rstrip()[-1:]
            kept.append(head + (end if end in ".!?。！？" else ""))
        # Else the sentence is about the price: it goes whole.
    out = "".join(kept).strip()
    if out:
        return out
    # Every sentence was about the price: each keeps what it says besides.
    out = "".join(_cut_price_phrase(s) for s in split_sentences(text)).strip()
    return text if not out or _says_price(out) else out


# "Cast Iron Skillet 26 cm - A classic cast iron skillet…": the title as a label before the
# copy (7 of 30 English descriptions of the held-out catalog). A dash or colon after words
# that are all the title's, then a capital: the label goes, the sentence stands.
# A label's characters: no sentence end, though a number's point ("1.7 L") is no end.
_LABEL_CHARS = r"(?:[^.!?:\n]|(?<=\d)\.(?=\d))"
_LABEL_RE = re.compile(rf"^({_LABEL_CHARS}{{3,120}}?)\s+[-–—]\s+|^({_LABEL_CHARS}{{3,120}}?):\s+")
_TITLE_WORD_RE = re.compile(r"[a-z0-9][a-z0-9'&.+-]*")


def _title_words(text: str) -> set[str]:
    # "50ml" and "50 ml", "4-pack" and "4 pack" are the same words.
    spaced = re.sub(r"(\d)([a-z])", r"\1 \2", text.lower()).replace("-", " ")
    return set(_TITLE_WORD_RE.findall(spaced))


def strip_title_label(text: str, title: str, brand: str = "") -> str:
    """`text` without leading "<title> - " or "<title>: " labels (English copy), the brand
    being one too ("Retinol Night Cream 50ml - Lumora - A night cream…")."""
    words = _title_words(f"{title} {brand}")
    out = text
    for _ in range(3):  # title, brand, and once more for "Brand: Title - …"
        m = _LABEL_RE.match(out)
        if not m or not out.isascii():
            break
        label = m.group(1) or m.group(2)
        rest = out[m.end() :]
        # A label is followed by a sentence, or by another label ("Spoons - 4-pack - A…").
        if not (rest[:1].isupper() or rest[:1].isdigit()) or not _title_words(label) <= words:
            break
        out = rest
    if out is text or not out[:1].isupper():
        return text
    # Only when what is left still names the product ("A versatile collection." would not).
    named = any(len(w) >= 4 and w.removesuffix("s") in out.lower() for w in _title_words(title))
    return out if named else text


def restore_brand_case(text: str, brand: str) -> str:
    """The brand as the shop writes it: the model lower-cases names it copies ("The
    grainwell Bamboo Cutting Board"), which reads as a typo."""
    if len(brand) < 2 or brand.lower() == brand:
        return text
    pattern = rf"(?<![A-Za-z0-9]){re.escape(brand)}(?![A-Za-z0-9])"
    return re.sub(pattern, brand, text, flags=re.IGNORECASE)


# "This Sterling Silver Hoop Earrings is…": the model keeps "This … is" before a plural
# title. Nouns only plural ("trousers", "jeans") and regular plurals of the title's last
# word; not "-ss", "-us", "-is" ("dress", "canvas", "chassis") and not after a word that
# makes it one thing ("pair of", "set of", "4 pack").
_PLURAL_ONLY = frozenset(
    (
        *("trousers", "jeans", "shorts", "leggings", "pyjamas", "pajamas", "glasses"),
        *("sunglasses", "scissors", "tights", "pants", "chinos", "joggers", "briefs"),
    )
)
# Within one sentence and one clause: a word's full stop ends it ("This is a hot sauce from
# Smoke Holler. The diets are …" became "These is a hot sauce …", an unseen catalog's text
# refused as a loop), and "is"/"are" is the verb, never part of the subject.
_THIS_PLURAL_RE = re.compile(
    r"\b(This|this) ((?:(?!(?:is|are)\b)[A-Za-z0-9'&%-]+(?:\.[A-Za-z0-9]+)*,? ){0,8}?)"
    r"([A-Za-z-]+) (is|are)\b"
)
_ONE_THING = frozenset(["of", "pair", "set", "pack", "kit", "collection", "bundle", "box"])


def _plural(word: str) -> bool:
    w = word.lower()
    if w in _PLURAL_ONLY:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "as", "'s"))


def agree_plural(text: str) -> str:
    """ "This … earrings is" → "These … earrings are" (English copy)."""

    def fix(m: re.Match[str]) -> str:
        words = {w.strip(",").lower() for w in m.group(2).split()}
        if not _plural(m.group(3)) or words & _ONE_THING:
            return m.group(0)
        these = "These" if m.group(1) == "This" else "these"
        return f"{these} {m.group(2)}{m.group(3)} are"

    return _THIS_PLURAL_RE.sub(fix, text)


# "A versatile and stylish women's linen wide-leg trousers offer…", "A Sterling silver hoop
# earrings with…": an article before the plural title noun at a sentence's start. The
# article goes ("Versatile and stylish … trousers offer"); only when the plural is one of
# the title's words, so the head is the product's and not "A set of … containers".
_SENTENCE_ARTICLE_RE = re.compile(r"(?:^|(?<=[.!?] ))(An?) ")


def agree_article(text: str, title: str) -> str:
    """ "A … earrings with…" → "… earrings with…" (English copy) for the title's plurals."""
    plurals = {w for w in _title_words(title) if _plural(w)}
    if not plurals:
        return text
    out = text
    for m in reversed(list(_SENTENCE_ARTICLE_RE.finditer(text))):
        # The noun group: up to nine words, through commas, until "of"/"set" makes it one.
        for word in text[m.end() :].split()[:9]:
            bare = word.rstrip(",.!?").lower()
            if bare in _ONE_THING or bare in ("is", "are"):
                break
            if bare in plurals:
                rest = text[m.end() :]
                out = out[: m.start()] + rest[:1].upper() + rest[1:]
                break
            if word[-1:] in ".!?":
                break
    return out


def cut_unfounded_pair(text: str, facts_text: FactsText) -> str:
    """ "both A and B" → the side the facts give, when the other adds what they do not."""

    def keep(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        loose_a = unfounded_words(a, facts_text, "en")
        loose_b = unfounded_words(b, facts_text, "en")
        if not loose_a and loose_b and _stands_alone(a):
            return a
        if loose_a and not loose_b and _stands_alone(b):
            return b
        return m.group(0)

    return BOTH_RE.sub(keep, text)


_PLURAL_PEOPLE = frozenset(("men", "women", "children", "people"))


def _stands_alone(side: str) -> bool:
    """Can `side` replace the pair: no leading determiner ("their fans") and no bare
    singular noun ("Fun for dog")."""
    words = side.lower().split()
    if words[0] in PAIR_DETERMINERS:
        return False
    return len(words) > 1 or words[0] in _PLURAL_PEOPLE or _plural(words[0])


# A purpose clause after a noun ("a board designed for home and office use"), a result
# clause ("…, making it perfect for work and daily use") or what it offers: where the
# 0.5B model says what a product is for when the facts never said (15 of 30 held-out
# English descriptions had "designed to/for"). Not after a verb ("is designed to…"
# carries the sentence).
_PURPOSE_EN_RE = re.compile(
    r",?\s+(?:that is\s+|which is\s+)?(?:specially\s+|specifically\s+)?designed\s+(?:to|for)\b"
    r"[^,.;!?]*"
    r"|,\s*(?:making it|which makes it|perfect|ideal|great)\b[^.;!?]*"
    # What it offers, after the noun: ", offering comfort, versatility, and a comfortable
    # fit", ", which adds a touch of elegance", "that can be easily used on any speaker"
    # (39 such clauses in the stored sparse English runs; nearly all invented or filler).
    r"|,\s*(?:featuring|offering|providing|adding|giving|ensuring|allowing)\b[^.;!?]*"
    r"|,\s*which\s+(?:adds|gives|provides|offers|makes|is|are|can)\b[^.;!?]*"
    r"|\s+that\s+can\b[^,.;!?]*",
    re.IGNORECASE,
)
# The clause carries the sentence when a verb comes before it, with or without an adverb
# between ("is designed to", "It's also designed for", "are specially designed").
_VERB_BEFORE_RE = re.compile(
    r"(?:^|\s)(?:is|are|was|were|be|been|being|it's|they're)(?:\s+(?:also|\w+ly|not|just|even))?$",
    re.IGNORECASE,
)
# A Chinese clause of what it suits ("适合家庭使用", "适用于户外使用") between commas.
_PURPOSE_ZH_RE = re.compile(r"[，,](?:非常|特别|十分|很)?(?:适合|适用于|适用)[^，,。！？；]*")
# Words any purpose may say without saying anything about the product, and the clauses'
# own lead words.
_GENERIC_PURPOSE = frozenset(
    (
        *("use", "uses", "usage", "daily", "everyday", "day", "日常", "使用"),
        *("designed", "specially", "specifically", "making", "makes", "perfect", "ideal"),
        *("great", "适合", "适用", "provide", "provides", "help", "helps", "offer", "offers"),
        *("featuring", "offering", "providing", "adding", "giving", "ensuring", "allowing"),
        *("adds", "gives", "makes"),
    )
)


def cut_unfounded_purpose(text: str, facts_text: FactsText, lang: str) -> str:
    """`text` without purpose clauses that name something no fact gives."""

    def carries(m: re.Match[str]) -> bool:
        before = m.string[: m.start()]
        return not m.group(0).startswith(",") and bool(_VERB_BEFORE_RE.search(before))

    if lang == "zh":
        return _cut_unfounded(_PURPOSE_ZH_RE, text, facts_text, lang)
    return _cut_unfounded(_PURPOSE_EN_RE, text, facts_text, lang, carries)


def _cut_unfounded(
    pattern: re.Pattern[str],
    text: str,
    facts_text: FactsText,
    lang: str,
    carries: Callable[[re.Match[str]], bool] = lambda m: False,
) -> str:
    """`text` without the clauses `pattern` finds that name something no fact gives, except
    those that `carries` the sentence; the text as it was if nothing would be left."""

    def keep(m: re.Match[str]) -> str:
        if carries(m):
            return m.group(0)
        words = set(unfounded_words(m.group(0), facts_text, lang)) - _GENERIC_PURPOSE
        return "" if words else m.group(0)

    out = pattern.sub(keep, text)
    return out if out.strip() else text


# "，如工作、家庭、休闲": a list of examples after a comma, to the clause's end. The 0.5B
# model adds uses and occasions the facts never gave (9 of 464 stored Chinese texts);
# AdvertiseGen's 1,070 human texts never write one.
_EXAMPLES_ZH_RE = re.compile(r"[，,]\s*(?:例如|比如|如)[^，,。！？；]*(?:、|和|与)[^，,。！？；]*")


def cut_unfounded_examples(text: str, facts_text: FactsText) -> str:
    """`text` without example lists whose words no fact gives."""
    return _cut_unfounded(_EXAMPLES_ZH_RE, text, facts_text, "zh")
