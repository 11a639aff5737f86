"""Locale → language: the one place that decides which language a product's copy is in.

Guards, prompts, model choice, tags and evaluation all ask here, so they never disagree on
an unknown locale: `language_of` says there is none we support (`None`: guards that need a
language skip rather than guess), `serving_language` says which default model and prompt
serve it (English, the widest-coverage default).
"""

from __future__ import annotations

import re
from typing import Literal, get_args

Language = Literal["zh", "en"]
SUPPORTED_LANGUAGES: tuple[Language, ...] = get_args(Language)


def language_of(locale: str) -> Language | None:
    """'zh-CN', 'zh_TW', 'ZH' → 'zh'; 'en-US' → 'en'; None for a locale we have no
    guards, prompts or default model for."""
    lang = (locale or "").strip().lower().replace("_", "-").split("-")[0]
    for supported in SUPPORTED_LANGUAGES:
        if lang == supported:
            return supported
    return None


def serving_language(locale: str) -> Language:
    """The language whose default model and prompt serve `locale`: English when unsupported."""
    return language_of(locale) or "en"


def is_chinese(locale: str) -> bool:
    return language_of(locale) == "zh"


# Kana, Hangul, and Latin letters with diacritics (the 0.5B model's Vietnamese "thoải").
# (Not × or ÷, which sizes use.)
_FOREIGN_LETTERS = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def not_chinese(char: str) -> bool:
    """A character Chinese copy has no use for: kana, Hangul, an accented Latin letter, or a
    Han character outside GB2312's 6,763 (発 for 发, 廣 for 广; 1 of AdvertiseGen's 1,070
    human texts has one)."""
    if _FOREIGN_LETTERS.match(char):
        return True
    if not _HAN.match(char):
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False
