"""Validation of incoming product records (import files, demo samples).

Import is strict so that bad rows are reported to the person importing them, with the
reason, instead of surfacing later as a failed generation. (The worker is still robust to
bad rows the platform writes straight into Postgres.)
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_TITLE = 1000
MAX_TEXT = 500
MAX_ATTRIBUTES = 100
MAX_KEYWORDS = 50
MAX_PRICE = Decimal("1e12")

# BCP 47 language[-Script][-Region], the subset shops use: en, en-US, zh-CN, zh-Hans-CN.
_LOCALE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")

Scalar = str | int | float | bool


def _clean_text(value: str, what: str, limit: int) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    if "\x00" in value:
        raise ValueError(f"{what} contains a NUL character")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in value):
        raise ValueError(f"{what} contains control characters")
    if len(value) > limit:
        raise ValueError(f"{what} is longer than {limit} characters ({len(value)})")
    return value


def normalize_locale(value: str) -> str:
    parts = value.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(out)


class ProductIn(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    sku: str = Field(min_length=1, max_length=128)
    locale: str
    title: str = Field(min_length=1)
    brand: str | None = None
    category: str | None = None
    attributes: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    keywords: list[str] = Field(default_factory=list)
    price: Decimal | None = None
    currency: str | None = None

    @field_validator("sku")
    @classmethod
    def _sku(cls, v: str) -> str:
        return _clean_text(v, "sku", 128)

    @field_validator("locale")
    @classmethod
    def _locale(cls, v: str) -> str:
        norm = normalize_locale(v)
        if not _LOCALE.match(norm):
            raise ValueError(f"locale {v!r} is not a language tag like 'en' or 'zh-CN'")
        return norm

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        v = _clean_text(v, "title", MAX_TITLE)
        if not v:
            raise ValueError("title is empty")
        return v

    @field_validator("brand", "category", mode="before")
    @classmethod
    def _optional_text(cls, v: Any) -> Any:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if not isinstance(v, str):
            raise ValueError("must be text")
        return _clean_text(v, "field", MAX_TEXT)

    @field_validator("attributes", mode="before")
    @classmethod
    def _attributes(cls, v: Any) -> Any:
        if v is None:
            return {}
        if not isinstance(v, dict):
            raise ValueError("attributes must be a JSON object of name → value")
        if len(v) > MAX_ATTRIBUTES:
            raise ValueError(f"more than {MAX_ATTRIBUTES} attributes")
        for key, value in v.items():
            _clean_text(str(key), "attribute name", 100)
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, dict | list) or item is None:
                    raise ValueError(f"attribute {key!r} must be text, a number or a list of those")
                if isinstance(item, float) and not math.isfinite(item):
                    raise ValueError(f"attribute {key!r} is not a finite number")
                if isinstance(item, str):
                    _clean_text(item, f"attribute {key!r}", MAX_TEXT)
        return v

    @field_validator("keywords", mode="before")
    @classmethod
    def _keywords(cls, v: Any) -> Any:
        if v is None:
            return []
        if not isinstance(v, list) or not all(isinstance(k, str) for k in v):
            raise ValueError("keywords must be a list of strings")
        if len(v) > MAX_KEYWORDS:
            raise ValueError(f"more than {MAX_KEYWORDS} keywords")
        return [_clean_text(k, "keyword", 100) for k in v if k.strip()]

    @field_validator("price", mode="before")
    @classmethod
    def _price(cls, v: Any) -> Any:
        if v is None or v == "":
            return None
        if isinstance(v, bool):
            raise ValueError("price must be a number")
        try:
            price = Decimal(str(v))
        except InvalidOperation:
            raise ValueError(f"price {v!r} is not a number") from None
        if not price.is_finite() or price < 0 or price >= MAX_PRICE:
            raise ValueError(f"price {v!r} is out of range")
        return price.quantize(Decimal("0.01"))

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v: Any) -> Any:
        if v is None or v == "":
            return None
        if not isinstance(v, str) or not re.fullmatch(r"[A-Za-z]{3}", v.strip()):
            raise ValueError(f"currency {v!r} is not an ISO 4217 code like 'USD'")
        return v.strip().upper()
