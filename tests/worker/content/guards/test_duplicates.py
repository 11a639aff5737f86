"""The near-duplicate guard: SimHash is stable and storable, near copies of a neighbour
fail, and the threshold separates rewrites from other products' copy on real data."""

from __future__ import annotations

import random
import re

from tests.worker.content.guards.samples import (
    EN,
    EN_GOOD,
    ZH_GOOD,
    adgen_rows,
    myntra_rows,
)
from worker.content.guards import (
    SIMHASH_MAX_DISTANCE,
    check_duplicates,
    hamming,
    run_guards,
    simhash,
    simhash_from_signed,
    simhash_to_signed,
)


def test_simhash_is_stable_and_storable() -> None:
    assert simhash("") == 0
    h = simhash("Acme steel bottle, 500 ml")
    assert h == simhash("ACME steel bottle 500ml!")  # case, spacing, punctuation
    signed = simhash_to_signed(h)
    assert -(2**63) <= signed < 2**63 and simhash_from_signed(signed) == h
    # Pinned: a change here makes every stored SimHash incomparable (bump GUARDS_VERSION).
    assert simhash("hello world") == 4072672729384995


def test_near_duplicate_guard() -> None:
    other = EN_GOOD.replace("office", "study").replace("Acme", "Zenith")
    result = check_duplicates(EN_GOOD, [other, "Something else entirely, about shoes." * 4])
    assert not result.passed and result.failures[0].startswith("duplicate:simhash")
    assert check_duplicates(EN_GOOD, ["A linen shirt with a relaxed collar and two pockets."] * 3)
    assert check_duplicates(EN_GOOD, [simhash_to_signed(simhash(other))]).passed is False
    assert check_duplicates(EN_GOOD, []).passed
    zh_other = ZH_GOOD.replace("家庭", "宿舍")
    assert not check_duplicates(ZH_GOOD, [zh_other]).passed
    report = run_guards(EN_GOOD, EN, "description", others=[other])
    assert not report.passed and any(f.startswith("duplicate:") for f in report.failures)
    assert run_guards("", EN, "tags", others=[""]).results[-1].name != "near_duplicate"


def _light_rewrite(text: str, rng: random.Random) -> str:
    """One or two word-level edits: what a model copying a neighbour's text looks like."""
    if text.isascii():
        words = text.split()
        for _ in range(rng.randint(1, 2)):
            words[rng.randrange(len(words))] = rng.choice(["soft", "classic", "smart"])
        return " ".join(words)
    chars = list(text)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(chars) - 1)
        chars[i : i + 2] = list(rng.choice(["舒适", "时尚", "精致"]))
    return "".join(chars)


def test_simhash_threshold_separates_rewrites_from_other_products() -> None:
    """The measurement behind SIMHASH_MAX_DISTANCE, on a sample (see guards/duplicates.py
    for the full numbers). Run with -s to print."""
    rng = random.Random(3)
    for name, texts in (
        # Description-length copy (the en minimum is 200 chars); shorter text is noisier.
        ("myntra", [t for t, _ in myntra_rows(12500) if len(t) >= 200]),
        ("adgen", [t for t, _ in adgen_rows(1070) if len(t) >= 40]),
    ):
        hashes = [simhash(t) for t in texts]
        grams = [set(re.findall(r"(?=(.{3}))", t.lower())) for t in texts]
        unrelated = flagged = 0
        for _ in range(20000):
            i, j = rng.randrange(len(texts)), rng.randrange(len(texts))
            jaccard = len(grams[i] & grams[j]) / max(1, len(grams[i] | grams[j]))
            if i != j and jaccard < 0.3:  # different copy, not a shared template
                unrelated += 1
                flagged += hamming(hashes[i], hashes[j]) <= SIMHASH_MAX_DISTANCE
        caught = sum(
            hamming(simhash(t), simhash(_light_rewrite(t, rng))) <= SIMHASH_MAX_DISTANCE
            for t in rng.sample(texts, 500)
        )
        print(
            f"{name}: unrelated flagged {flagged}/{unrelated}, light rewrites caught {caught}/500"
        )
        assert flagged / unrelated <= 1e-3
        assert caught / 500 >= 0.85
