"""The specifics guard: a sentence that names details the facts do not give is invented.

The list guards (numbers, materials, colours, claims, audiences, brands, types) catch what
someone listed; small models invent far more than any list names: a desk lamp that works
"without requiring extra power", a kitchen scale that measures "cooktops, refrigerators",
a calcium tablet called a 饮料, a cable for "laptops, smartphones and tablets". What those
sentences share is content words that are neither in the facts nor shop prose that any
product may carry ("perfect for everyday use", "适合日常使用").

So each sentence's content words are sorted three ways: supported (the facts carry the word
or its stem), style (the register of shop prose, `data/style.txt`), or specific. A sentence
with `limit` or more distinct specifics is dropped by sentence grounding; a product known
only by its title has the lowest limit, since there every specific is a guess.

Content words: English words outside a stopword list; Chinese nouns (jieba's part-of-speech
tags n*, vn), where verbs and adjectives are how things are said rather than what is said.
The style lexicon is measured against the shared human copy by `bench/specifics_mine.py`,
which also reports how often this guard would drop a human sentence.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources

from worker.catalog.locales import serving_language
from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, make_result, normalize
from worker.content.guards.usage import use_words, uses

_WORD_RE = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# jieba part-of-speech flags that name things: nouns of every kind and verbal nouns.
_NOUN_FLAGS = ("n", "vn")
# Places and times (jieba s, t): where and when a product is used (户外, 夏天). A purpose
# clause's content (`unfounded_words`); not a sentence's in general, where human copy's
# 身上, 胸前, 瞬间 would count (AdvertiseGen sentences dropped: 11.0% -> 13.2% with them).
_SETTING_FLAGS = ("s", "t")
# Morphemes that turn a fact into a noun without adding one: 棉质, 皮款, 圆领型, 男款.
_ZH_GENERIC_MORPHEMES = frozenset("质款型式面身感性品类装件双只套")
# Audience words that say the same thing (the audience guard judges contradictions).
_EN_SAME = {
    "children": "kids",
    "child": "kids",
    "kid": "kids",
    "kids": "kids",
    "baby": "baby",
    "babies": "baby",
    "infant": "baby",
    "infants": "baby",
    "men": "men",
    "man": "men",
    "male": "men",
    "gentlemen": "men",
    "women": "women",
    "woman": "women",
    "female": "women",
    "ladies": "women",
}


# The same in Chinese: 宝宝 of 婴儿 spoons, 孩子 of 女童 pyjamas, 男性 of a 男士 shirt.
_ZH_SAME_GROUPS = (
    ("宝宝", "婴儿", "婴幼儿", "宝贝", "新生儿"),
    ("儿童", "孩子", "小朋友", "孩童", "小孩", "男童", "女童", "童装", "幼儿"),
    ("男士", "男性", "男人", "男生", "男子", "男款"),
    ("女士", "女性", "女人", "女生", "女子", "女款"),
    ("成人", "成年人"),
)
_ZH_SAME = {word: group for group in _ZH_SAME_GROUPS for word in group}


@dataclass(frozen=True)
class Lexicon:
    stop: frozenset[str]  # function words (English)
    style: frozenset[str]  # shop prose any product may carry
    apparel: frozenset[str]  # the register of fashion copy: garments only
    chars: frozenset[str]  # Chinese: grammatical characters, for the lexical steering


def word_sections(name: str) -> dict[str, set[str]]:
    """`[section]` headers, then words separated by spaces; `#` starts a comment."""
    sections: dict[str, set[str]] = {}
    current = ""
    text = resources.files("worker.content.guards").joinpath(f"data/{name}").read_text("utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, set()).update(w.lower() for w in line.split())
    return sections


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """`data/style.txt` (written by hand, checked by the bench) and `data/style-mined.txt`
    (written by `bench/specifics_mine.py`)."""
    own, mined = word_sections("style.txt"), word_sections("style-mined.txt")
    return Lexicon(
        frozenset(own.get(f"{lang}-stop", ())),
        frozenset(own.get(lang, ())),
        frozenset(mined.get(f"{lang}-apparel", ())),
        frozenset(own.get(f"{lang}-chars", ())),
    )


# Garments, whose copy speaks of collars, hems and silhouettes as a matter of course.
_GARMENT_RE = re.compile(
    # Not a diaper (拉拉裤, 纸尿裤, 尿不湿): its 材质 is no 面料 (review 34).
    r"裙|(?<![拉尿步])裤|衫|上衣|大衣(?![橱柜])|毛衣|内衣|衣服(?![架柜])|外套|T恤|卫衣|夹克|风衣|羽绒服|西装|旗袍|"
    r"(?<![a-z])(?:dress|dresses|skirt|shirt|t-shirt|tee|top|blouse|sweater|hoodie|jacket|"
    r"coat|trousers|jeans|pants|shorts|kurta|saree|leggings)(?![a-z])",
    re.IGNORECASE,
)


def is_garment(facts_text: FactsText) -> bool:
    return names_garment(facts_text.lower)


def names_garment(text: str) -> bool:
    return _GARMENT_RE.search(text) is not None


def allowed_words(facts_text: FactsText, locale: str) -> list[str]:
    """What the strict pass may write with (`worker.runtime.model.lexicon_ban`): the facts'
    own words, function words and shop prose; in Chinese also grammatical characters."""
    lang = serving_language(locale)
    words = lexicon(lang)
    out = set(_WORD_RE.findall(facts_text.lower)) | words.stop | words.style
    if lang == "zh":
        out |= words.chars | set(facts_text.lower.split())
        out |= set(lexicon("en").stop) | set(_HAN_RE.findall(facts_text.lower))
    if is_garment(facts_text):
        out |= words.apparel
    return sorted(out)


def stem(word: str) -> str:
    """A crude English stem, enough to match 'hydration' with 'Hydrating' and 'tablets' with
    'Tablet': the first five letters of longer words, else the word without a plural s.
    Hand-written: a real stemmer (Snowball) is not among the project's dependencies, and
    only this equality test needs it."""
    word = word.strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    word = _EN_SAME.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "xes", "sses", "zzes")) and len(word) > 4:
        word = word[:-2]  # "inches" is "inch", "boxes" "box", "brushes" "brush"
    if len(word) > 5:
        return word[:5]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@functools.cache
def jieba_tagger() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


# Minerals a supplement's copy names in one character: "用于补充钙、镁和钾" of magnesium
# capsules claims two the facts never gave (one character is otherwise no content word).
_ZH_NUTRIENTS = frozenset("钙镁钾铁锌硒碘铜锰铬钠磷")


def content_words(sentence: str, lang: str, *, settings: bool = False) -> list[str]:
    """The words of `sentence` that carry content, lower-cased, in order (`settings`: with
    Chinese place and time words; English words count whatever they name)."""
    norm = normalize(sentence).lower()
    if lang == "zh":
        posseg = jieba_tagger()
        flags = _NOUN_FLAGS + _SETTING_FLAGS if settings else _NOUN_FLAGS
        words: list[str] = []
        for token in posseg.cut(norm):  # type: ignore[attr-defined]
            word, flag = token.word.strip(), token.flag
            if (flag.startswith(flags) and _HAN_RE.search(word) and len(word) >= 2) or (
                word in _ZH_NUTRIENTS
            ):
                words.append(word)
        # Latin words in Chinese copy (USB, LED) are content too.
        words.extend(w for w in _WORD_RE.findall(norm) if len(w) >= 3)
        return words
    stop = lexicon("en").stop
    words = [w[:-2] if w.endswith("'s") else w.strip("'") for w in _WORD_RE.findall(norm)]
    return [w for w in words if len(w) >= 3 and w not in stop]


def _supported(word: str, lang: str, facts_text: FactsText, stems: frozenset[str]) -> bool:
    if word in facts_text.lower or (facts_text.context and word in facts_text.context):
        return True
    if lang == "zh":
        if any(same in facts_text.lower for same in _ZH_SAME.get(word, ())):
            return True
        # Chinese nouns compound what the facts say: 棉质 from 纯棉, 保温杯 from 保温. A noun
        # is supported when what is left after taking out the facts' character pairs is a
        # generic morpheme (质, 款, 型…); 体温 beside 保温, 饮料 beside 钙片 are not.
        rest = word
        for i in range(len(word) - 1):
            pair = word[i : i + 2]
            if pair in facts_text.lower:
                rest = rest.replace(pair, "")
        if len(word) == 2 and rest == word and any(ch in facts_text.lower for ch in word):
            rest = "".join(ch for ch in word if ch not in facts_text.lower)
        return all(ch in _ZH_GENERIC_MORPHEMES for ch in rest)
    return stem(word) in stems


# Bounded: keyed by a product's facts text, which a long-running worker sees millions of;
# one unit's sentences and candidates share one.
@functools.lru_cache(maxsize=256)
def _fact_stems(lower: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD_RE.findall(lower))


def _stems_for(facts_text: FactsText, lang: str) -> frozenset[str]:
    """The stems of the facts' and setting's words (English; Chinese matches characters)."""
    if lang == "zh":
        return frozenset()
    return _fact_stems(facts_text.lower + " " + facts_text.context)


def unfounded_words(text: str, facts_text: FactsText, lang: str) -> list[str]:
    """Distinct content words of `text` that the facts do not carry, shop prose or not:
    what a clause adds to the facts (`worker.content.editor` cuts such purpose clauses);
    where and when it is used count too ("适合在户外使用" of calcium tablets)."""
    stems = _stems_for(facts_text, lang)
    out: list[str] = []
    for word in content_words(text, lang, settings=True):
        if word not in out and not _supported(word, lang, facts_text, stems):
            out.append(word)
    return out


def specifics(sentence: str, facts_text: FactsText, lang: str) -> list[str]:
    """Distinct content words of `sentence` that the facts do not carry and that are not
    shop prose: the details a reader would take as facts about this product."""
    return _unsupported(content_words(sentence, lang), facts_text, lang)


def _unsupported(words: list[str], facts_text: FactsText, lang: str) -> list[str]:
    """`specifics` of a sentence's content words (`content_words`, which already took off
    "'s" and quotes), for callers that need the words too."""
    lexis = lexicon(lang)
    style = lexis.style | lexis.apparel if is_garment(facts_text) else lexis.style
    # How a product of its kind is used is said, not invented: 食用 of noodles, 饮用 of tea.
    for use in uses(facts_text):
        style = style | use_words(use)
    stems = _stems_for(facts_text, lang)
    out: list[str] = []
    for word in words:
        if word in style or (lang != "zh" and stem(word) in _style_stems(lang)):
            continue
        if _supported(word, lang, facts_text, stems) or word in out:
            continue
        out.append(word)
    return out


def _words_and_guesses(text: str, facts_text: FactsText, lang: str) -> tuple[set[str], set[str]]:
    """`text`'s distinct content words, and those of them `specifics` finds, per sentence
    (each sentence segmented once: jieba is the cost here)."""
    from worker.content.guards.sentences import split_sentences

    words: set[str] = set()
    guessed: set[str] = set()
    for sentence in split_sentences(text):
        found = content_words(sentence, lang)
        words.update(found)
        guessed.update(_unsupported(found, facts_text, lang))
    return words, guessed


def unsupported_details(text: str, facts_text: FactsText, lang: str) -> list[str]:
    """`specifics` over every sentence of `text`, distinct and sorted."""
    return sorted(_words_and_guesses(text, facts_text, lang)[1])


def supported_share(text: str, facts_text: FactsText, lang: str) -> float:
    """Share of `text`'s distinct content words that are the facts' or shop prose: 1.0 for
    copy that adds nothing, lower the more details it brings that no fact gives (what the
    ranker weighs: among candidates the guards passed, the one that guesses least)."""
    words, guessed = _words_and_guesses(text, facts_text, lang)
    return 1.0 - len(guessed) / len(words) if words else 1.0


# "X is a Y" and "X是一款Y": the copula between what a sentence names and what it says of it.
_COPULA_RE = re.compile(
    r"\b(?:is|are)\s+(?:a|an|the)\s+(?:(?:type|kind|piece)\s+of\s+)?|是(?:一款|一个|一种|一件|一套)",
    re.IGNORECASE,
)
# The most of the subject's own words an empty predicate repeats.
EMPTY_PREDICATE_WORDS = 2
# What the predicate may add to its subject and still say nothing.
_EMPTY_HEADS = frozenset(
    [
        "device",
        "product",
        "item",
        "tool",
        "accessory",
        "choice",
        "option",
        "piece",
        "type",
        "kind",
        "collection",
        "set",
        "产品",
        "选择",
        "单品",
        "商品",
        "东西",
        "工具",
        "设备",
    ]
)


def restates_title(text: str, lang: str) -> bool:
    """Is every sentence of `text` "X is a Y" where Y says nothing X did not? "Electric
    Toothbrush is a type of toothbrush.", "The Digital Blood Pressure Monitor is a device.",
    "宠物猫粮是一款非常方便的猫粮选择。" (not "这是一个藏青色的男童加绒卫衣": there the
    predicate names the product). The ranker prefers a candidate that says something: the
    share of supported words alone favours these, which guess nothing."""
    from worker.content.guards.sentences import split_sentences

    sentences = split_sentences(text)
    return bool(sentences) and all(_empty_predicate(s, lang) for s in sentences)


def _empty_predicate(sentence: str, lang: str) -> bool:
    m = _COPULA_RE.search(sentence)
    if m is None:
        return False
    subject = normalize(sentence[: m.start()]).lower()
    named = content_words(subject, lang)
    if not named:
        return False  # "This is a …", "这是一款…": the predicate names the product
    stems = frozenset(stem(w) for w in named) if lang != "zh" else frozenset()
    style = lexicon(lang).style
    key = (lambda w: w) if lang == "zh" else stem
    said: set[str] = set()
    for word in content_words(sentence[m.end() :], lang):
        if (
            word in style
            or word in _EMPTY_HEADS
            or (lang != "zh" and stem(word) in _style_stems(lang))
        ):
            continue
        if word in subject or (lang != "zh" and stem(word) in stems):
            said.add(key(word))
            continue
        return False
    # A bare head noun ("a toothbrush", "a cutting board", "猫粮") or the subject again word
    # for word ("The Digital Blood Pressure Monitor is a digital blood pressure monitor"),
    # not the title told in order ("a black men's t-shirt with a round neck and printed
    # details" says what a reader of the title alone may not have parsed).
    whole = {key(w) for w in named if w not in style and w not in _EMPTY_HEADS}
    return len(said) <= EMPTY_PREDICATE_WORDS or said >= whole


@functools.cache
def _style_stems(lang: str) -> frozenset[str]:
    return frozenset(stem(w) for w in lexicon(lang).style)


# Distinct specifics that make a sentence invented. Measured on the sparse catalogs and the
# shared human copy (bench/specifics_mine.py): a title-only product's copy has nothing to
# add, so two guesses drop the sentence; with attributes, a sentence may add one or two
# words of context ("pairs with jeans") before it is more guess than fact.
LIMITS = {("en", True): 2, ("en", False): 3, ("zh", True): 2, ("zh", False): 3}


def check_specifics(
    sentence: str, facts_text: FactsText, locale: str, *, sparse: bool
) -> GuardResult:
    lang = serving_language(locale)
    found = specifics(sentence, facts_text, lang)
    limit = LIMITS[(lang, sparse)]
    if len(found) >= limit:
        return make_result(
            "specifics",
            [f"specifics:unsupported {' '.join(found[:4])}"],
            [f"{len(found)} details the facts do not give: {', '.join(found[:8])}"],
            "",
        )
    return GuardResult("specifics", True, f"{len(found)} unsupported details (limit {limit})")


def check_specifics_text(
    text: str, facts_text: FactsText, locale: str, *, sparse: bool
) -> GuardResult:
    """`check_specifics` over each sentence of `text`: the verdict for a whole candidate
    (sentence grounding drops such sentences first; this is what is left to refuse)."""
    from worker.content.guards.sentences import split_sentences

    for sentence in split_sentences(text):
        result = check_specifics(sentence, facts_text, locale, sparse=sparse)
        if not result.passed:
            return result
    return GuardResult("specifics", True, "every sentence within the limit of unsupported details")
