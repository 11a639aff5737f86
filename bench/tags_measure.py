"""The measurement behind the matcher's thresholds (no database needed).

    python -m bench.tags_measure [--taxonomy PATH]

On the 50 sample products (worker/samples/catalog.jsonl): 25 English against the Google
taxonomy, 25 Chinese against the shipped zh-CN vocabulary. An entry counts as relevant to a
product when it shares the first two levels of the product's category path (its category is
a path of the same vocabulary). Prints, per cosine threshold, the precision of embedding-only
candidates (top 8 per product), the cosines of keyword hits, and how the products' own
keywords (as stand-ins for model proposals) and off-vocabulary strings map onto entries.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from worker.catalog.facts import ProductFacts
from worker.tags import embeddings
from worker.tags.defaults import ZH_VOCABULARY_FILE, configured_taxonomy
from worker.tags.matcher import TagMatcher, _keyword_text, _product_text
from worker.tags.vocabulary import SEPARATOR, read_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "worker" / "samples" / "catalog.jsonl"
# Strings a model might propose that no vocabulary should accept.
JUNK = {
    "en": ["free shipping", "best seller", "gift idea", "sale", "new arrival", "limited offer"],
    "zh-CN": ["包邮", "爆款", "热卖", "新品上市", "限时优惠", "送礼佳品"],
}


def sample_facts() -> list[ProductFacts]:
    out = []
    for i, line in enumerate(SAMPLES.read_text(encoding="utf-8").splitlines()):
        d = json.loads(line)
        out.append(
            ProductFacts(
                id=i + 1,
                sku=d["sku"],
                locale=d["locale"],
                title=d["title"],
                brand=d.get("brand"),
                category=d.get("category"),
                attributes=d.get("attributes") or {},
                keywords=tuple(d.get("keywords") or ()),
                price=None,
                currency=d.get("currency"),
            )
        )
    return out


def _matcher(path: Path, fmt: str, locale: str) -> TagMatcher:
    entries = read_vocabulary(path, "google" if fmt == "google" else "lines")
    vectors = embeddings.embed([e.tag for e in entries])
    rows = [(e.tag, e.path, embeddings.to_bytes(v)) for e, v in zip(entries, vectors, strict=True)]
    return TagMatcher("measure", locale, rows)


def _relevant(path: str, category: str) -> bool:
    return path.split(SEPARATOR)[:2] == category.split(SEPARATOR)[:2]


def measure(matcher: TagMatcher, products: list[ProductFacts], locale: str) -> None:
    print(f"== {locale}: {len(products)} products, {len(matcher)} entries")
    q = embeddings.embed([_product_text(f) for f in products])
    sims = np.round(q @ matcher.matrix.T, 4)
    for t in (0.30, 0.35, 0.40, 0.45, 0.50, 0.55):
        hits = rel = 0
        for i, f in enumerate(products):
            top = [j for j in np.argsort(-sims[i], kind="stable")[:8] if sims[i, j] >= t]
            hits += len(top)
            rel += sum(_relevant(matcher.paths[j], f.category or "") for j in top)
        prec = rel / hits if hits else float("nan")
        print(f"embedding >= {t:.2f}: {hits:3d} candidates, precision {prec:.2f}")
    good: list[float] = []
    bad: list[float] = []
    for i, f in enumerate(products):
        toks = matcher._tokenizer.tokens(_keyword_text(f))
        for j, tt in enumerate(matcher._tag_tokens):
            if tt and tt <= toks:
                rel = _relevant(matcher.paths[j], f.category or "")
                (good if rel else bad).append(float(sims[i, j]))
    print(
        f"keyword hits: relevant {len(good)} (cosine min {min(good, default=0):.2f}), "
        f"other {len(bad)} (cosines {sorted(round(b, 2) for b in bad)})"
    )
    kw = [(k, f) for f in products for k in f.keywords]
    vk = embeddings.embed([k for k, _ in kw])
    junk = embeddings.embed(JUNK[locale])
    best_junk = (junk @ matcher.matrix.T).max(axis=1)
    print(f"off-vocabulary proposals: max cosine {sorted(np.round(best_junk, 2).tolist())}")
    for t in (0.50, 0.55, 0.60, 0.65, 0.70):
        mapped = rel = 0
        for (k, f), v in zip(kw, vk, strict=True):
            m = matcher._map_proposal(k, v, min_cosine=t)
            if m is not None:
                mapped += 1
                rel += _relevant(matcher.paths[m], f.category or "")
        print(
            f"proposal >= {t:.2f}: {mapped}/{len(kw)} keywords mapped, "
            f"{rel / max(mapped, 1):.2f} to a relevant entry; "
            f"junk accepted {int((best_junk >= t).sum())}/{len(best_junk)}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--taxonomy", type=Path, default=configured_taxonomy())
    args = ap.parse_args()
    products = sample_facts()
    en = [f for f in products if f.locale == "en"]
    zh = [f for f in products if f.locale == "zh-CN"]
    measure(_matcher(args.taxonomy, "google", "en"), en, "en")
    measure(_matcher(ZH_VOCABULARY_FILE, "lines", "zh-CN"), zh, "zh-CN")


if __name__ == "__main__":
    main()
