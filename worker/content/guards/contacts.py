"""The contact and markup guard: no URLs, e-mail addresses, phone numbers or IM handles,
no HTML, markdown links or chat-template tokens. Absolute (no fact allows them): copy is
published as is. inputs.py screens product facts with the same patterns."""

from __future__ import annotations

import re

from worker.content.guards.results import (
    GuardResult,
    alternation,
    in_context,
    make_result,
    normalize,
)

# Bare domains only with lower-case TLDs that are rarely English words: run-together human
# copy ("chart.In the", "icons.Top") must not read as a domain (".in", ".me", ".co" left out).
# fmt: off
_BARE_TLDS = (
    "com", "cn", "net", "org", "com.cn", "net.cn", "shop", "store", "top", "xyz", "io", "info",
    "biz", "cc", "tv", "vip", "site", "online", "hk", "tw",
)
# fmt: on
URL_RE = re.compile(
    r"(?:https?|ftp)://\S+|\bwww\.\S+|\b(?:javascript|vbscript):\S*|\bdata:[a-z]+/\S*"
    r"|\b[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*"
    r"(?-i:\.(?:" + alternation(_BARE_TLDS) + r"))(?![a-z0-9-])(?:/\S*)?",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn_mobile", re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)")),
    # The local part may be grouped ("(021) 5555 1234", "0755-8888-6666"): the fault tests'
    # payloads got through when only an unbroken 7-8 digit run counted.
    (
        "cn_landline",
        re.compile(r"(?<!\d)(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s-])\d{3,4}[\s-]?\d{4}(?!\d)"),
    ),
    ("cn_service", re.compile(r"(?<!\d)[48]00[\s-]?\d{3}[\s-]?\d{4}(?!\d)")),
    ("international", re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,5}(?!\d)")),
    # 3-3-4 digits: "(415) 555-0100", "415-555-0100", "415.555.0100" (one separator
    # throughout; plain spaces are left out: "120 150 2000" is more often sizes).
    (
        "nanp",
        re.compile(r"(?<!\d)(?:\(\d{3}\)\s?\d{3}-|\d{3}([-.])\d{3}\1)\d{4}(?![\d.])"),
    ),
    (
        "im_handle",
        re.compile(
            r"(?<![a-z])(?:qq|微信号?|wechat|weixin|vx|whatsapp)\s*[:：]?\s*[a-z0-9_-]{5,}",
            re.IGNORECASE,
        ),
    ),
)
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--|-->|<![A-Za-z]")
MARKUP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("html_tag", HTML_TAG_RE),
    ("script", re.compile(r"<\s*script|on(?:error|load|click)\s*=", re.IGNORECASE)),
    ("markdown_link", re.compile(r"!?\[[^\]\n]{0,300}\]\([^)\n]{0,1000}\)")),
    ("html_entity", re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)),
    ("special_token", re.compile(r"<\|[^|>\n]{0,40}\|>|\[/?INST\]|<</?SYS>>")),
)


def check_contact(text: str) -> GuardResult:
    """No URLs, e-mail addresses, phone numbers or IM handles; no HTML, markdown links,
    script or chat-template tokens. Absolute: a fact cannot allow them."""
    norm = normalize(text)
    failures: list[str] = []
    details: list[str] = []
    emails = list(EMAIL_RE.finditer(norm))
    for m in emails:
        failures.append(f"contact:email {m.group(0)}")
        details.append(f"e-mail '{m.group(0)}'")
    in_email = [(m.start(), m.end()) for m in emails]
    for m in URL_RE.finditer(norm):
        if any(a <= m.start() < b for a, b in in_email):
            continue
        failures.append(f"contact:url {m.group(0)[:60]}")
        details.append(f"URL '{m.group(0)[:80]}'")
    for name, pattern in PHONE_PATTERNS:
        for m in pattern.finditer(norm):
            failures.append(f"contact:phone_{name} {m.group(0)}")
            details.append(f"{name} '{m.group(0)}' in {in_context(norm, m.start(), m.end())}")
    for name, pattern in MARKUP_PATTERNS:
        for m in pattern.finditer(norm):
            failures.append(f"markup:{name} {m.group(0)[:40]}")
            details.append(f"{name} '{m.group(0)[:60]}'")
    failures = list(dict.fromkeys(failures))
    return make_result("contact_markup", failures, details[:10], "no contact data or markup")
