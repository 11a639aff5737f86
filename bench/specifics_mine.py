"""The specifics guard's lexicon from data, and its cost on human copy.

    python -m bench.specifics_mine [--data-dir ../shared/data] [--write]

Not a test. It mines two word lists and prints how often the guard would drop a human
sentence:

- `[zh]` general shop nouns: nouns (jieba) that buyers use in the reviews of at least 6 of
  online_shopping_10_cats' 10 categories (books, phones, fruit, hotels…), i.e. nouns no
  product owns. Printed for a person to pick from: reviews also talk about delivery and
  service, which copy must not (`data/style.txt` holds the picked ones).
- `[zh-apparel]` the register of Chinese fashion copy: nouns AdvertiseGen's human copy uses
  in all three of its garment types (裙, 上衣, 裤) on at least 0.4% of summaries, that its
  facts back in under half of those uses (a word mostly backed, 圆领, 牛仔, is an attribute
  value and stays a fact to ground). `--write` stores it in `data/style-mined.txt`; the
  guard applies it to garments only (a 领口 on a frying pan is invented).

The drop rates: the share of human sentences the guard would drop, given the product's
facts (AdvertiseGen: the attribute list the copy was written from; Myntra: brand, colour,
gender, price, the only facts it has, so its writers' pockets and collars are, from those
facts, invented details).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

from evaluation.dataset import load_dataset
from evaluation.generate import facts_for
from worker.content.guards import specifics as sp
from worker.content.guards.corpus import FactsText, is_sparse
from worker.content.guards.sentences import split_sentences

MINED = Path(sp.__file__).parent / "data" / "style-mined.txt"


def zh_nouns(text: str) -> set[str]:
    return set(sp.content_words(text, "zh"))


def mine_reviews(path: Path, per_category: int = 1500) -> list[str]:
    by_cat: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if len(by_cat[row["cat"]]) < per_category:
                by_cat[row["cat"]].append(row["review"])
    spread: Counter[str] = Counter()
    for reviews in by_cat.values():
        counts: Counter[str] = Counter()
        for review in reviews:
            counts.update(zh_nouns(review))
        spread.update(w for w, n in counts.items() if n / len(reviews) >= 0.003)
    return sorted(w for w, n in spread.items() if n >= 6)


def mine_adgen(path: Path) -> tuple[list[str], int]:
    uses: Counter[str] = Counter()
    backed: Counter[str] = Counter()
    types: dict[str, set[str]] = defaultdict(set)
    n = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            summary = row["summary"]
            if "<UNK>" in summary:
                continue
            n += 1
            pairs = [p.partition("#") for p in row["content"].split("*")]
            kind = next((v for k, _, v in pairs if k == "类型"), "")
            facts = " ".join(v for _, _, v in pairs).lower()
            for word in zh_nouns(summary):
                uses[word] += 1
                types[word].add(kind)
                backed[word] += word in facts or any(
                    word[i : i + 2] in facts for i in range(len(word) - 1)
                )
    words = sorted(
        w
        for w, k in uses.items()
        if k / n >= 0.004 and len(types[w] & {"裙", "上衣", "裤"}) == 3 and backed[w] / k < 0.5
    )
    return words, n


def drop_rate(source: Path, limit: int) -> tuple[float, int, Counter[str]]:
    sentences = dropped = 0
    words: Counter[str] = Counter()
    examples = load_dataset(str(source))
    for i, example in enumerate(examples[:limit]):
        facts = facts_for(example, i + 1)
        ft = FactsText.build(facts, "description")
        for sentence in split_sentences(example.references[0]):
            sentences += 1
            result = sp.check_specifics(sentence, ft, facts.locale, sparse=is_sparse(facts))
            if not result.passed:
                dropped += 1
                words.update(sp.specifics(sentence, ft, example.language))
    return dropped / max(sentences, 1), sentences, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true", help=f"write {MINED.name}")
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()
    general = mine_reviews(args.data_dir / "online_shopping_10_cats.csv")
    print(f"[zh] nouns in the reviews of >= 6 of 10 categories ({len(general)}):")
    print(" ".join(general))
    apparel, n = mine_adgen(args.data_dir / "advertisegen_dev.jsonl")
    print(f"\n[zh-apparel] from {n} AdvertiseGen summaries ({len(apparel)}):")
    print(" ".join(apparel))
    if args.write:
        header = (
            "# Mined by bench/specifics_mine.py (words only, no sentences): do not edit by hand.\n"
            "# [zh-apparel]: nouns of Chinese fashion copy that its facts seldom back, used in\n"
            "# all three of AdvertiseGen's garment types; the guard applies them to garments.\n"
        )
        lines = [" ".join(apparel[i : i + 20]) for i in range(0, len(apparel), 20)]
        MINED.write_text(header + "\n[zh-apparel]\n" + "\n".join(lines) + "\n", encoding="utf-8")
        sp.lexicon.cache_clear()
        print(f"wrote {MINED}")
    print("\nshare of human sentences the guard would drop:")
    for name in ("advertisegen_dev.jsonl", "myntra_products_catalog.csv"):
        rate, sentences, words = drop_rate(args.data_dir / name, args.limit)
        print(f"  {name}: {rate:.3f} of {sentences} sentences; most named details:")
        print("   ", ", ".join(f"{w} {c}" for w, c in words.most_common(25)))


if __name__ == "__main__":
    main()
