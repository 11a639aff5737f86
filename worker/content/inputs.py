"""Checks on a product's facts before anything is generated from them.

Two steps, both pure and total (they never raise, whatever the platform stored):

- `check_product(facts)`: problems that make a product ungeneratable (no title, invalid
  text, absurd numbers). The caller records them as the row's error and does not retry:
  the same data would fail the same way.
- `sanitize_facts(facts)`: the facts a prompt may see. HTML/script, markdown links, URLs,
  e-mails, phone numbers and prompt-injection attempts are removed from every text field;
  attributes of any shape are flattened to `{"key.sub": "text"}`. Warnings go to
  `quality.input_warnings` so a person can see what the platform data contained.

`prepare_facts` runs both in the order the pipeline needs.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from worker.catalog.facts import ProductFacts, Review
from worker.catalog.locales import language_of
from worker.content.guards import (
    ABSURD_BASE_LIMITS,
    EMAIL_RE,
    HTML_TAG_RE,
    PHONE_PATTERNS,
    URL_RE,
    extract_quantities,
    normalize,
)
from worker.content.guards.style import EMOJI_RE

MAX_TITLE_CHARS = 1000
MAX_PRICE = Decimal(10) ** 9
MAX_DIGITS = 9  # a run of more digits is a data error, except in identifier fields
# Attribute flattening caps: a hostile or broken JSON document stays cheap and prompt-sized.
MAX_DEPTH = 4
MAX_ATTRIBUTES = 100
MAX_KEY_CHARS = 100
MAX_VALUE_CHARS = 500
MAX_LIST_ITEMS = 20
MAX_KEYWORDS = 50
MAX_FIELD_CHARS = 2000
MAX_WARNINGS = 50
# A medicine's listing or register number ("AUST L 412345", "ARTG", "NPN", "DIN", review
# 35): an identifier, and a record the label shows.
_MEDICINE_KEYS = r"aust [lr]\b|artg|\bnpn\b|\bdin\b"
# Keys whose long digit runs are identifiers (barcodes, part numbers), not quantities.
IDENTIFIER_KEY_RE = re.compile(
    r"ean|gtin|upc|isbn|sku|barcode|mpn|model|part|serial|code|\bid\b|_id$|条码|条形码|货号|型号|编号"
    r"|registration|licen[cs]e|certificate|approval|证号|注册证|登记证|备案|文号|许可证|执行标准"
    r"|认证|证书"  # "3C认证: 2024010719123456", a certificate's number (review 32)
    rf"|{_MEDICINE_KEYS}",
    re.IGNORECASE,
)
# Attributes a listing shows as they stand and copy does not say: identifiers (a medical
# device's 注册证号, a cosmetic's 备案号, a barcode, a model number), legal warnings and a
# label's pointers ("best before: see bottom of box"). Said in a sentence they read as a
# form ("饲料登记证号为鲁饲证(2022)06123", "警告含小零件和不适合3岁以下儿童"), and a shop's
# page shows them where the law wants them. Narrower than IDENTIFIER_KEY_RE (whole words:
# "compartments" holds "part"), and an identifier needs a digit ("model: classic" is copy).
_RECORD_KEY_RE = re.compile(
    r"\b(?:ean|gtin|upc|isbn|sku|barcode|mpn|serial|model(?: number| no\.?)?|part (?:number|no\.?)"
    r"|item code|product code|registration(?: number| no\.?)?|licen[cs]e(?: number| no\.?)?"
    r"|approval(?: number| no\.?)?|id|fcc(?: id)?|asin|mapp|510\(k\)|ndc"
    rf"|{_MEDICINE_KEYS})\b"
    r"|条码|条形码|货号|型号|编号|证号|注册证|登记证|备案|文号|许可证|执行标准",
    re.IGNORECASE,
)
_NOTICE_KEY_RE = re.compile(
    r"警告|警示|注意事项|建议|\bwarnings?\b|\bcaution\b|best before|size advice"
    # The label's maker and address: the table's, no copy ("生产企业为广州市某某…", a
    # placeholder the style guard refused with the whole description, review 29).
    r"|生产企业|生产厂家|生产商|制造商|厂名|厂址|委托方|受托方|\bmanufacturer\b",
    re.IGNORECASE,
)


def is_record(name: str, value: object) -> bool:
    """Is the attribute one copy leaves to the listing's table (`_RECORD_KEY_RE`)?"""
    if _NOTICE_KEY_RE.search(name):
        return True
    # A number of more than MAX_DIGITS digits is an identifier whatever its name ("3C认证:
    # 2024010719123456"); "认证: 3C认证" is a fact.
    if re.search(rf"\d{{{MAX_DIGITS + 1},}}", str(value)):
        return True
    return bool(_RECORD_KEY_RE.search(name)) and bool(re.search(r"\d", str(value)))


# Prompt injection: instructions addressed to the model, in English and Chinese, plus chat
# role markers and template tokens. Matching text is removed with the rest of its field.
INJECTION_RE = re.compile(  # applied to the raw field (line starts) and to the cleaned text
    r"(?:ignore|disregard|forget|override|skip)\s+(?:all\s+|any\s+|the\s+|your\s+|these\s+)*"
    r"(?:previous|prior|above|earlier|preceding|system|original)?\s*"
    r"(?:instructions?|prompts?|rules|directions|messages|context)"
    r"|\byou\s+are\s+now\b|\bfrom\s+now\s+on,?\s+you\b|\bpretend\s+to\s+be\b"
    r"|\bnew\s+instructions?\b|\bjailbreak\b|\bdo\s+anything\s+now\b"
    r"|\b(?:print|output|write|say|include|insert|add|repeat)\s+(?:out\s+)?(?:the\s+)?"
    r"(?:following|this)\s+(?:url|link|text|sentence|phrase|words?)"
    r"|\brepeat\s+after\s+me\b"
    # Role labels only where a chat turn would start ("Operating system: Android" is fine).
    r"|(?:^|[\n\]>]|[.!?。！？]\s*)\s*(?:system|assistant|user|developer)\s*[:：]"
    r"|<\|[^|>]{0,40}\|>|\[/?INST\]|<</?SYS>>|###\s*(?:instruction|system|response)"
    r"|(?:忽略|无视|忘记|不要理会|不要遵守|覆盖)"
    r"(?:以上|之前|上面|前面|上述|所有|全部|先前)?(?:的)?(?:所有|全部)?(?:指令|指示|说明|提示|规则|要求|设定)"
    r"|你现在是|从现在开始你|请扮演|扮演一个|系统提示|系统指令|新的指令|输出以下|打印以下|输出下面|请输出",
    re.IGNORECASE,
)
_SCRIPT_STYLE_RE = re.compile(
    r"<\s*(script|style|iframe|object|embed|noscript|template)\b.*?(?:<\s*/\s*\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_UNCLOSED_TAG_RE = re.compile(r"<[A-Za-z/!][^<>]*$")
_MD_IMAGE_RE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)")
_MD_LINK_RE = re.compile(r"\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)")
_TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")
_INVISIBLE = {0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF} | set(range(0x202A, 0x202F))
_INVISIBLE |= set(range(0x2066, 0x206A))
_DIGIT_RUN_RE = re.compile(r"\d[\d,]*")


# Marks a value cut off by MAX_DEPTH (a NUL can never survive cleaning, so it is no value).
TOO_DEEP = "\x00too-deep"


class SanitizedFacts(NamedTuple):
    facts: ProductFacts
    warnings: list[str]


# --------------------------------------------------------------------------- text helpers


def _as_text(value: Any) -> str:
    """Any value as str, never raising (a broken __str__ becomes an empty string)."""
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except Exception:
        return ""


def _surrogates(text: str) -> int:
    return sum(1 for ch in text if 0xD800 <= ord(ch) <= 0xDFFF)


def _is_control(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat == "Cc" or ord(ch) in _INVISIBLE or cat == "Cs"


def _control_chars(text: str) -> list[str]:
    return [
        f"U+{ord(ch):04X}"
        for ch in text
        if (unicodedata.category(ch) == "Cc" or ord(ch) in _INVISIBLE) and ch not in "\t\n\r"
    ]


def clean_text(text: str, limit: int = MAX_FIELD_CHARS) -> tuple[str, list[str]]:
    """One field's text made safe for a prompt: (clean text, what was removed)."""
    removed: list[str] = []
    if _surrogates(text):
        removed.append("invalid unicode")
        text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
    text = unicodedata.normalize("NFC", text)
    # Entities first ("&lt;script&gt;" is a script once a browser or a model decodes it);
    # repeat because entities and tags can be nested to survive one pass.
    for _ in range(3):
        before = text
        text = html.unescape(text)
        if _SCRIPT_STYLE_RE.search(text):
            removed.append("script/style")
            text = _SCRIPT_STYLE_RE.sub(" ", text)
        text = _COMMENT_RE.sub(" ", text)
        if HTML_TAG_RE.search(text) or _UNCLOSED_TAG_RE.search(text):
            removed.append("HTML tags")
            text = HTML_TAG_RE.sub(" ", text)
            text = _UNCLOSED_TAG_RE.sub(" ", text)
        if text == before:
            break
    if _MD_IMAGE_RE.search(text) or _MD_LINK_RE.search(text):
        removed.append("markdown links")
        text = _MD_LINK_RE.sub(r"\1", _MD_IMAGE_RE.sub(r"\1", text))
    text = _TAG_START_RE.sub("", text)  # whatever tag-like text survived: defuse it
    for name, pattern in (("e-mail", EMAIL_RE), ("URL", URL_RE)):
        if pattern.search(text):
            removed.append(name)
            text = pattern.sub(" ", text)
    for name, pattern in PHONE_PATTERNS:
        if pattern.search(text):
            removed.append(f"phone ({name})")
            text = pattern.sub(" ", text)
    # "💐 Mother's Day Gift …": a listing's decoration, never a fact; said, the style guard
    # refused every candidate that opened with the title (review 31, two products).
    if EMOJI_RE.search(text):
        removed.append("emoji")
        text = EMOJI_RE.sub(" ", text)
    if any(_is_control(ch) for ch in text):
        removed.append("control characters")
    text = "".join(" " if _is_control(ch) else ch for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.;:!?，。；：！？、])", r"\1", text)  # "blue </i>, x" → "blue, x"
    if len(text) > limit:
        removed.append(f"text beyond {limit} characters")
        text = text[:limit].rstrip()
    return text, list(dict.fromkeys(removed))


def _is_clean(text: str) -> bool:
    """The promise `clean_text` makes; checked again because removals can join fragments
    into something new ("ww<b>w.</b>x.com")."""
    return not (
        HTML_TAG_RE.search(text)
        or _TAG_START_RE.search(text)
        or URL_RE.search(text)
        or EMAIL_RE.search(text)
        or any(p.search(text) for _, p in PHONE_PATTERNS)
        or any(_is_control(ch) for ch in text)
    )


def safe_text(text: str, limit: int = MAX_FIELD_CHARS) -> tuple[str | None, list[str]]:
    """(clean text, removed) or (None, reasons) when the field must be dropped: it carried
    a prompt injection or could not be made clean."""
    cleaned, removed = clean_text(text, limit)
    for _ in range(2):
        if _is_clean(cleaned):
            break
        cleaned, more = clean_text(cleaned, limit)
        removed.extend(more)
    if not _is_clean(cleaned):
        return None, [*removed, "could not be cleaned"]
    injection = INJECTION_RE.search(normalize(cleaned)) or INJECTION_RE.search(normalize(text))
    if injection:
        return None, [*removed, f"prompt injection {injection.group(0).strip()[:40]!r}"]
    return cleaned, removed


# --------------------------------------------------------------------------- attributes


def _scalar_text(value: Any, lang: str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return format(Decimal(repr(value)).normalize(), "f") if abs(value) < 1e15 else None
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else None  # str() of huge ints is slow/limited
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else None
    if isinstance(value, str):
        return value
    return None  # bytes, sets, objects: not something a platform meant as an attribute


def iter_attributes(
    value: Any, prefix: str = "", depth: int = 0, lang: str | None = None
) -> Iterator[tuple[str, str | None]]:
    """(dotted key, text or None for an unusable value), depth- and size-capped. Lists of
    scalars become one comma-joined value; lists of objects continue the key path."""
    if depth > MAX_DEPTH:
        yield prefix, TOO_DEEP
        return
    if isinstance(value, dict):
        for i, (key, item) in enumerate(value.items()):
            if i >= MAX_ATTRIBUTES:
                break
            name = _as_text(key)[:MAX_KEY_CHARS]
            yield from iter_attributes(
                item, f"{prefix}.{name}" if prefix else name, depth + 1, lang
            )
    elif isinstance(value, list | tuple):
        items = list(value[:MAX_LIST_ITEMS])
        if all(not isinstance(v, dict | list | tuple) for v in items):
            texts = [t for t in (_scalar_text(v, lang) for v in items) if t]
            yield prefix, ", ".join(texts) if texts else None
        else:
            for item in items:
                yield from iter_attributes(item, prefix, depth + 1, lang)
    else:
        yield prefix, _scalar_text(value, lang)


def flatten_attributes(attributes: Any, locale: str = "") -> tuple[dict[str, str], list[str]]:
    """Attributes of any shape → ({"key.sub": "clean text"}, warnings)."""
    out: dict[str, str] = {}
    warnings: list[str] = []
    if not isinstance(attributes, dict):
        if attributes not in (None, {}):
            warnings.append(f"attributes: not an object ({type(attributes).__name__}), ignored")
        return out, warnings
    lang = language_of(locale)
    total = 0
    if len(attributes) > MAX_ATTRIBUTES:
        warnings.append(
            f"attributes: {len(attributes)} entries, only the first {MAX_ATTRIBUTES} kept"
        )
    for raw_key, raw_value in iter_attributes(attributes, lang=lang):
        if len(out) >= MAX_ATTRIBUTES or total > MAX_ATTRIBUTES * MAX_VALUE_CHARS:
            warnings.append(f"attributes: more than {len(out)} entries, rest dropped")
            break
        key, key_removed = safe_text(raw_key, MAX_KEY_CHARS)
        label = f"attributes.{(key or raw_key)[:40]!s}"
        if key is None or not key:
            warnings.append(f"{label}: key dropped ({', '.join(key_removed) or 'empty'})")
            continue
        if raw_value is None:
            continue
        if raw_value == TOO_DEEP:
            warnings.append(f"{label}: nested deeper than {MAX_DEPTH} levels, dropped")
            continue
        value, removed = safe_text(raw_value, MAX_VALUE_CHARS)
        if removed:
            verb = "dropped" if value is None else "cleaned"
            warnings.append(f"{label}: {verb} ({', '.join(removed)})")
        if not value:
            continue
        out[key] = f"{out[key]}, {value}" if key in out else value
        total += len(value)
    return out, warnings


# --------------------------------------------------------------------------- checks


def _invalid_text_problems(field: str, text: str) -> list[str]:
    problems = []
    if _surrogates(text):
        problems.append(f"{field} is not valid Unicode ({_surrogates(text)} lone surrogates)")
    controls = _control_chars(text)
    if controls:
        shown = ", ".join(dict.fromkeys(controls[:5]))
        problems.append(f"{field} contains control characters ({shown})")
    if "\ufffd" in text:
        problems.append(f"{field} contains U+FFFD (text was mis-decoded upstream)")
    return problems


# Attributes whose length is a distance travelled, not a size: an oil change every
# "10000公里", a car's "续航 600 km" (an unseen catalog's oil was refused as bad data).
_DISTANCE_NAME_RE = re.compile(
    r"周期|里程|续航|距离|行驶|保养|range|mileage|interval|distance|service", re.IGNORECASE
)


def _absurd_numbers(field: str, text: str, *, distance: bool = False) -> list[str]:
    problems = []
    for m in _DIGIT_RUN_RE.finditer(text):
        digits = m.group(0).replace(",", "")
        if len(digits) > MAX_DIGITS:
            problems.append(f"{field} has an absurd number {digits[:20]} (> {MAX_DIGITS} digits)")
    for q in extract_quantities(normalize(text)):
        base = q.base
        if (
            base is not None
            and base[0] in ABSURD_BASE_LIMITS
            and base[1] > ABSURD_BASE_LIMITS[base[0]]
            and not (distance and base[0] == "length")
        ):
            problems.append(f"{field} has an implausible {base[0]} '{q.surface}'")
    return problems


def check_product(facts: ProductFacts) -> list[str]:
    """Problems that make the product ungeneratable, each a sentence for the row's error.
    Empty list: go ahead (after `sanitize_facts`)."""
    try:
        return _check_product(facts)
    except Exception as exc:  # a promise to the batch: one product's data never sinks it
        return [f"product facts could not be checked ({type(exc).__name__})"]


def _check_product(facts: ProductFacts) -> list[str]:
    problems: list[str] = []
    title = _as_text(facts.title) if facts.title is not None else ""
    if not title.strip():
        problems.append("title is empty")
    elif len(title) > MAX_TITLE_CHARS:
        problems.append(f"title is {len(title)} characters (max {MAX_TITLE_CHARS})")
    if language_of(_as_text(facts.locale)) is None:
        problems.append(f"locale {_as_text(facts.locale)!r} is not supported (zh-*, en-*)")
    for name in ("title", "brand", "category"):
        value = getattr(facts, name)
        if value is not None:
            text = _as_text(value)
            problems += _invalid_text_problems(name, text)
            problems += _absurd_numbers(name, text[:MAX_TITLE_CHARS])
    if facts.price is not None:
        try:
            price = Decimal(_as_text(facts.price))
        except InvalidOperation:
            problems.append(f"price {_as_text(facts.price)[:30]!r} is not a number")
        else:
            if not price.is_finite():
                problems.append(f"price {price} is not finite")
            elif price < 0:
                problems.append(f"price {price} is negative")
            elif price > MAX_PRICE:
                problems.append(f"price {price} is absurd (> {MAX_PRICE:,})")
        currency = _as_text(facts.currency or "")
        if currency and not re.fullmatch(r"[A-Z]{3}", currency):
            problems.append(f"currency {currency[:10]!r} is not an ISO 4217 code")
    if isinstance(facts.attributes, dict):
        for key, value in iter_attributes(facts.attributes):
            if value is None or value == TOO_DEEP or IDENTIFIER_KEY_RE.search(key):
                continue
            distance = bool(_DISTANCE_NAME_RE.search(key))
            problems += _absurd_numbers(
                f"attribute {key[:40]!r}", value[:MAX_VALUE_CHARS], distance=distance
            )
            if _surrogates(value) or _surrogates(key):
                problems.append(f"attribute {key[:40]!r} is not valid Unicode")
    return list(dict.fromkeys(problems))


# --------------------------------------------------------------------------- sanitize


def sanitize_facts(facts: ProductFacts) -> SanitizedFacts:
    """The facts a prompt may see, plus warnings about what was removed. Never raises:
    on an unexpected failure the product keeps only a cleaned title (and says so)."""
    try:
        return _sanitize(facts)
    except Exception as exc:
        warning = f"facts could not be sanitized ({type(exc).__name__}); kept only the title"
        try:
            title, _ = safe_text(_as_text(getattr(facts, "title", "")), MAX_TITLE_CHARS)
            fallback = dataclasses.replace(
                facts, title=title or "", attributes={}, keywords=(), reviews=()
            )
        except Exception:
            fallback = ProductFacts(0, "", "", "", None, None, {}, (), None, None)
        return SanitizedFacts(fallback, [warning])


def _sanitize(facts: ProductFacts) -> SanitizedFacts:
    warnings: list[str] = []

    def field(name: str, value: Any, limit: int = MAX_FIELD_CHARS) -> str | None:
        if value is None:
            return None
        text, removed = safe_text(_as_text(value), limit)
        if removed:
            verb = "removed" if text is None else "cleaned"
            warnings.append(f"{name}: {verb} ({', '.join(removed)})")
        return text

    title = field("title", facts.title, MAX_TITLE_CHARS)
    if title is None:
        # An injection in the title: keep the part before it so the product stays
        # recognisable; `prepare_facts` fails the product if nothing useful is left.
        raw, _ = clean_text(_as_text(facts.title), MAX_TITLE_CHARS)
        match = INJECTION_RE.search(normalize(raw))
        head = raw[: match.start()] if match else ""
        title = safe_text(head.rstrip(" ,.;:，。；：-"), MAX_TITLE_CHARS)[0] or ""
    attributes, attr_warnings = flatten_attributes(facts.attributes, _as_text(facts.locale))
    warnings += attr_warnings
    keywords: list[str] = []
    raw_keywords = facts.keywords if isinstance(facts.keywords, tuple | list) else ()
    for i, keyword in enumerate(raw_keywords[:MAX_KEYWORDS]):
        text = field(f"keywords[{i}]", keyword, 100)
        if text and text not in keywords:
            keywords.append(text)
    if len(raw_keywords) > MAX_KEYWORDS:
        warnings.append(
            f"keywords: {len(raw_keywords) - MAX_KEYWORDS} beyond {MAX_KEYWORDS} dropped"
        )
    reviews = []
    for review in facts.reviews if isinstance(facts.reviews, tuple | list) else ():
        text = field(f"reviews[{review.id}]", review.text, MAX_FIELD_CHARS)
        if text:
            reviews.append(Review(id=review.id, rating=review.rating, text=text))
    clean = dataclasses.replace(
        facts,
        title=title,
        brand=field("brand", facts.brand, 200),
        category=field("category", facts.category, 500),
        attributes=attributes,
        keywords=tuple(keywords),
        reviews=tuple(reviews),
    )
    unique = list(dict.fromkeys(warnings))
    if len(unique) > MAX_WARNINGS:
        unique = [*unique[:MAX_WARNINGS], f"… {len(unique) - MAX_WARNINGS} more warnings"]
    return SanitizedFacts(clean, unique)


def prepare_facts(facts: ProductFacts) -> tuple[ProductFacts, list[str], list[str]]:
    """check → sanitize → check the title survived. Returns (clean facts, problems,
    warnings); generate only when `problems` is empty."""
    problems = check_product(facts)
    clean, warnings = sanitize_facts(facts)
    if not problems and not clean.title.strip():
        problems.append("title is empty after removing markup, contact data or instructions")
    return clean, problems, warnings
