"""The wording guard: copy is made of real words, and says each once.

The 0.5B default model coins words ("biodepleting", "unclutted", "a no-fixescale warranty")
and stutters ("a navy Navy shirt", "biodepleting, and biodepleting", "休闲休闲鞋", "a sleek
and stylish wallet with a sleek and stylish interior"). No list of claims or specs sees
either, and a reader takes both for a broken text.

- Coined: an English word of four letters or more (each part of a hyphenated one) that the
  facts do not carry and that `wordfreq` (frequencies over Wikipedia, subtitles, books,
  news and web text) has never seen. The product's own names are in its facts.
- Repeated: a content word again at once or one word on ("navy Navy", "X and X"); a
  Chinese run of two to four characters said twice in a row (休闲休闲); or a phrase of three
  words, or six Han characters, said twice in one sentence. Unless the facts say it so
  ("USB-C to USB-C"), or it is an idiom of the form "side by side", "day to day".
- Foreign characters: kana, Hangul or a Han character outside GB2312 in Chinese copy (発
  for 发), unless the facts have it.
- Contradicting itself: "non-X" beside X in one sentence ("both BPA-free and non-BPA-free
  lids"), the model hedging both ways on a property it was not given.
- A pair no fact gives: "both functional and stylish", "both men and their loved ones",
  "both personal and family Wi-Fi", "适合家庭和个人使用" of oolong tea. The 0.5B model pads a
  sentence with breadth it was not given: "both A and B" is in 9.9% of its published
  English texts and 0.19% of Myntra's human ones; "适合A和B使用" in 1.3% of its Chinese
  ones and none of AdvertiseGen's. Where the facts give every word of both sides it
  stands ("both translucent and opaque"); where they give one side, the editor has
  already cut the pair to it (`worker.content.editor.cut_unfounded_pair`).
- Looping: a later sentence that says again a run of six words or ten Han characters of
  an earlier one (the model writing its paragraph twice).

Measured against the shared human copy by `bench/wording_mine.py`, which reports how often
this guard would refuse a person's sentence.
"""

from __future__ import annotations

import re

from worker.catalog.locales import not_chinese
from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, hits_result, normalize
from worker.content.guards.specifics import lexicon, unfounded_words

_LATIN_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_HYPHENATED_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# "step by step", "day to day", "face to face", "year after year": said twice on purpose.
_IDIOM_LINKS = frozenset({"by", "to", "after", "upon", "in", "for", "on", "over"})
_HAN_REPEAT_RE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff]{2,4})\1")
_HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_COLOUR_STUTTER_RE = re.compile(r"色色(?![\u3400-\u4dbf\u4e00-\u9fff])")
# Phrase lengths whose second saying within a sentence is a stutter, not style.
LATIN_PHRASE = 3
HAN_PHRASE = 6
# Shorter words are abbreviations and units (USB, LED, mAh) more often than coinages.
MIN_COINED_LETTERS = 4


# In Chinese copy a Latin word is a brand, a size or a loanword people use (oversize,
# Zipf 2.7), or one from another language the model slipped into ("适合 mujer使用", 2.3).
# On AdvertiseGen's human sentences this threshold takes the guard's refusals from 0.58%
# to 0.76% (`bench/wording_mine.py`), the added ones brand names (newlook, candie, sibyl),
# which copy may not carry either.
MIN_ZIPF_IN_CHINESE = 2.5


def is_known_word(word: str, least: float = 0.0) -> bool:
    """Has wordfreq's English list seen `word` (any case), more often than `least` (Zipf)?
    Imported here, not at module load: its word lists load on first use, and most copy
    never asks."""
    from wordfreq import zipf_frequency

    return bool(zipf_frequency(word.lower(), "en") > least)


def coined_words(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    hits: list[tuple[str, int, int]] = []
    least = MIN_ZIPF_IN_CHINESE if _HAN_RUN_RE.search(text) else 0.0
    for m in _HYPHENATED_RE.finditer(text):
        if m.group(0).lower() in facts_text.lower:
            continue
        offset = m.start()
        for part in m.group(0).split("-"):
            start = offset
            offset += len(part) + 1
            if len(part) < MIN_COINED_LETTERS or part.lower() in facts_text.lower:
                continue
            if part.isupper():  # an acronym or model code the facts may spell otherwise
                continue
            if not is_known_word(part, least):
                hits.append((part, start, start + len(part)))
    return hits


def _in_compound(text: str, first: int, second: int, n: int) -> bool:
    """Is either saying part of a hyphenated compound ("non-padded", "gold-toned")?"""
    return any(
        text[at + n : at + n + 1] == "-" or text[at - 1 : at] == "-" for at in (first, second)
    )


# A content word said this often within this many words reads as a stutter.
THRICE = 3
THRICE_WORDS = 15


def _said_twice_in_facts(word: str, facts_text: FactsText) -> bool:
    return any(
        len(re.findall(rf"(?<![a-z]){re.escape(word)}(?![a-z])", s.lower())) >= 2
        for s in facts_text.strings
    )


def repeated_words(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    hits: list[tuple[str, int, int]] = []
    words = [(m.group(0).lower(), m.start(), m.end()) for m in _LATIN_WORD_RE.finditer(text)]
    stop = lexicon("en").stop
    for i, (word, start, _) in enumerate(words):
        if word in stop:  # "soft and warm and light" repeats a function word, not a thought
            continue
        for gap in (1, 2):
            if i + gap >= len(words) or words[i + gap][0] != word:
                continue
            span = text[start : words[i + gap][2]]
            if _HAN_RUN_RE.search(span) or len(word) < 2:
                continue  # Latin words far apart in Chinese copy ("V领…V字"), or a letter
            if ":" in span or _in_compound(text, start, words[i + gap][1], len(word)):
                continue  # "Fit: Relaxed Fit" (a spec list), "non-padded and non-wired"
            between = [w for w, _, _ in words[i + 1 : i + gap]]
            if gap == 2 and between[0] in _IDIOM_LINKS:
                continue
            if normalize(span).lower() in facts_text.lower:
                continue
            if re.search(r"\d", span):
                continue  # a list of measures ("160ml、240ml和300ml"), not a stutter
            # "green tea with 100 tea bags": the second is the facts' own compound noun.
            after = words[i + gap + 1][0] if i + gap + 1 < len(words) else ""
            if after and f"{word} {after}" in facts_text.lower:
                continue
            hits.append((span, start, words[i + gap][2]))
    seen: dict[str, int] = {}
    for i in range(len(words) - LATIN_PHRASE + 1):
        gram = " ".join(w for w, _, _ in words[i : i + LATIN_PHRASE])
        first = seen.setdefault(gram, i)
        if first != i and i - first >= LATIN_PHRASE and gram not in facts_text.lower:
            if hits and hits[-1][2] > words[i][1]:
                continue  # the same stutter, one word on
            span = text[words[first][1] : words[i + LATIN_PHRASE - 1][2]]
            if len(set(gram.split())) == 1 and re.search(r"\d", span):
                continue  # a list of sizes ("UK 3, UK 4, UK 5, UK 6"), not a loop
            hits.append((gram, words[i][1], words[i + LATIN_PHRASE - 1][2]))
    # One word three times in a few words: "SPF 50, a good range of SPF to give the right
    # SPF" (a long list sentence of human copy may name its "style" thrice).
    said: dict[str, list[int]] = {}
    for i, (word, start, end) in enumerate(words):
        if word in stop or len(word) < 3:
            continue
        places = said.setdefault(word, [])
        places.append(i)
        if len(places) < THRICE or i - places[-THRICE] > THRICE_WORDS:
            continue
        if ":" in text[words[places[-THRICE]][1] : end]:
            continue  # a spec list: "Dial style: … Strap style: bracelet style"
        if _said_twice_in_facts(word, facts_text):
            continue  # the facts' own: "Type-C数据线" with an interface "Type-C转Type-C"
        if not (hits and hits[-1][2] > start):
            hits.append((word, start, end))
    # "黑色色。": a colour's 色 said twice where nothing follows (people write 黑色色调, 纯色色系).
    for m in _COLOUR_STUTTER_RE.finditer(text):
        hits.append((m.group(0), m.start(), m.end()))
    for m in _HAN_REPEAT_RE.finditer(text):
        if m.group(0) not in facts_text.lower:
            hits.append((m.group(0), m.start(), m.end()))
    # Han phrases across the sentence's runs (既舒适又实用，…既舒适又实用).
    han: dict[str, int] = {}
    for run in _HAN_RUN_RE.finditer(text):
        chars = run.group(0)
        for i in range(len(chars) - HAN_PHRASE + 1):
            at = run.start() + i
            gram = chars[i : i + HAN_PHRASE]
            first = han.setdefault(gram, at)
            if first != at and at - first >= HAN_PHRASE and gram not in facts_text.lower:
                hits.append((gram, at, at + HAN_PHRASE))
                break
    return hits


# A run this long said again in a later sentence is the model looping (a whole paragraph
# written twice), not style; human copy repeats the product's name, which is in the facts.
LOOP_WORDS = 6
LOOP_HAN = 10


def loop_runs(sentence: str) -> set[str]:
    words = _LATIN_WORD_RE.findall(sentence.lower())
    out = {" ".join(words[i : i + LOOP_WORDS]) for i in range(len(words) - LOOP_WORDS + 1)}
    for run in _HAN_RUN_RE.findall(sentence):
        out.update(run[i : i + LOOP_HAN] for i in range(len(run) - LOOP_HAN + 1))
    return out


def repeats_earlier(sentence: str, earlier: set[str], facts_text: FactsText) -> str | None:
    """A run of `sentence` that an earlier sentence (`earlier`: their `loop_runs`) already said,
    unless the facts say it (a long product name)."""
    for run in sorted(loop_runs(normalize(sentence)) & earlier):
        if run not in facts_text.lower:
            return run
    return None


def foreign_characters(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(character, start, end) for each kana, Hangul or rare Han character in Chinese copy
    that the facts do not carry (the 0.5B model's 発 for 发)."""
    if not _HAN_RUN_RE.search(text):
        return []
    return [
        (ch, i, i + 1)
        for i, ch in enumerate(text)
        if not_chinese(ch) and ch not in facts_text.joined
    ]


# "both A and B": a side is one or two words, the second may open with a determiner and
# runs to the next function word ("both men and their family looking for…").
PAIR_DETERMINERS = frozenset(("their", "the", "your", "his", "her", "other", "all"))
BOTH_RE = re.compile(
    r"\bboth\s+((?:[\w'-]+\s+){0,1}?[\w'-]+)\s+and\s+"
    rf"((?:(?:{'|'.join(sorted(PAIR_DETERMINERS))})\s+)?[\w'-]+(?:\s+(?!(?:looking|who|that|"
    r"which|with|for|to|in|on|at|while|and|or|alike)\b)[\w'-]+)?)",
    re.IGNORECASE,
)
# "适合家庭和个人使用", "适合日常办公和商务使用", "适合男、女和儿童使用": who or where, as a list,
# then the verb of use.
_ZH_PAIR_RE = re.compile(
    r"适合(?:在)?((?:[\u4e00-\u9fffA-Za-z0-9]{1,8}[和与及、])+[\u4e00-\u9fffA-Za-z0-9]{1,8}?)"
    r"(?:使用|穿着|佩戴|食用|饮用|携带)"
)
_ZH_PAIR_SPLIT_RE = re.compile(r"[和与及、]")


def unfounded_pairs(sentence: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each pair of `sentence` with a side the facts do not give
    (each pattern matches in its own script only, so no locale is needed)."""
    hits = []
    for m in _ZH_PAIR_RE.finditer(sentence):
        sides = _ZH_PAIR_SPLIT_RE.split(m.group(1))
        # One character (男、女) is no content word to the segmenter: the facts must say it.
        if any(
            unfounded_words(side, facts_text, "zh")
            or (len(side) == 1 and side not in facts_text.joined)
            for side in sides
            if side
        ):
            hits.append((m.group(0), m.start(), m.end()))
    for m in BOTH_RE.finditer(sentence):
        if unfounded_words(m.group(1), facts_text, "en") or unfounded_words(
            m.group(2), facts_text, "en"
        ):
            hits.append((m.group(0), m.start(), m.end()))
    return hits


_NON_RE = re.compile(r"(?<![a-z-])non[- ]?([a-z][a-z-]*[a-z])", re.IGNORECASE)


def contradictions(sentence: str) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each "non-X" of a `sentence` that also says X itself."""
    lower = sentence.lower()
    hits = []
    for m in _NON_RE.finditer(lower):
        rest = lower[: m.start()] + " " * (m.end() - m.start()) + lower[m.end() :]
        if re.search(rf"(?<![a-z-]){re.escape(m.group(1))}(?![a-z-])", rest):
            hits.append((sentence[m.start() : m.end()], m.start(), m.end()))
    return hits


def check_wording(text: str, facts_text: FactsText) -> GuardResult:
    """Coined words anywhere; repeats within a sentence (two sentences may both open with
    "This sweater"); a sentence that loops back to an earlier one. Sentence grounding
    runs it per sentence (and `repeats_earlier` against the sentences it kept)."""
    from worker.content.guards.sentences import split_sentences

    norm = normalize(text)
    hits = [(f"wording:coined {s.lower()}", s, a, b) for s, a, b in coined_words(norm, facts_text)]
    hits += [
        (f"wording:foreign_character {s}", s, a, b)
        for s, a, b in foreign_characters(norm, facts_text)
    ]
    offset = 0
    earlier: set[str] = set()
    for sentence in split_sentences(norm):
        at = norm.find(sentence, offset)
        at = offset if at < 0 else at
        offset = at + len(sentence)
        hits += [
            (f"wording:repeated {s.lower()[:30]}", s, a + at, b + at)
            for s, a, b in repeated_words(sentence, facts_text)
        ]
        hits += [
            (f"wording:contradiction {s.lower()[:30]}", s, a + at, b + at)
            for s, a, b in contradictions(sentence)
        ]
        hits += [
            (f"wording:pair {s.lower()[:30]}", s, a + at, b + at)
            for s, a, b in unfounded_pairs(sentence, facts_text)
        ]
        again = repeats_earlier(sentence, earlier, facts_text)
        if again:
            hits.append((f"wording:loop {again[:30]}", again, at, at + len(sentence)))
        earlier |= loop_runs(sentence)
    return hits_result("wording", hits, norm, "real words, each said once")
