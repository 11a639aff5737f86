"""Deterministic guards over one candidate text: pure functions, no database, no model.

Each guard returns a `GuardResult` (name, passed, human-readable detail, short reason
codes); `run_guards` runs them all and returns a `GuardReport` whose `as_json()` is stored
in `product_content.quality`. The candidate scorer uses `failures` to rank candidates and
the row's error lists them when every candidate fails. One module per guard (facts,
language, banned, contacts, style, duplicates), on top of the facts' text (corpus), numbers
(quantities) and named specs (terms).

Text is compared after NFKC normalisation, which folds full-width digits/letters/punctuation
(１２３, ＡＢＣ, ％, ￥), compatibility units (㎖ → mL, ㎡ → m2, ℃ → °C) and ligatures, so
"５００㎖" and "500 ml" are the same claim. The stdlib `re` is enough (Han ranges are
listed explicitly), so no new dependency.
"""

from worker.content.guards.banned import check_banned
from worker.content.guards.contacts import (
    EMAIL_RE,
    HTML_TAG_RE,
    PHONE_PATTERNS,
    URL_RE,
    check_contact,
)
from worker.content.guards.duplicates import (
    SIMHASH_MAX_DISTANCE,
    check_duplicates,
    hamming,
    simhash,
    simhash_from_signed,
    simhash_to_signed,
)
from worker.content.guards.facts import check_facts
from worker.content.guards.language import check_language
from worker.content.guards.quantities import ABSURD_BASE_LIMITS, extract_quantities
from worker.content.guards.results import GuardResult, normalize
from worker.content.guards.run import GUARDS_VERSION, GuardReport, run_guards
from worker.content.guards.style import check_length, check_style

__all__ = [
    "ABSURD_BASE_LIMITS",
    "EMAIL_RE",
    "GUARDS_VERSION",
    "HTML_TAG_RE",
    "PHONE_PATTERNS",
    "SIMHASH_MAX_DISTANCE",
    "URL_RE",
    "GuardReport",
    "GuardResult",
    "check_banned",
    "check_contact",
    "check_duplicates",
    "check_facts",
    "check_language",
    "check_length",
    "check_style",
    "extract_quantities",
    "hamming",
    "normalize",
    "run_guards",
    "simhash",
    "simhash_from_signed",
    "simhash_to_signed",
]
