"""The wording guard's cost on human copy: how often it would drop a person's sentence.

    python -m bench.wording_mine [--data-dir ../shared/data] [--limit 20000]

Not a test. For each shared dataset with human references, the share of their sentences
`check_wording` fails, split into coined words and repeats, with the most frequent hits,
so a person can see whether they are the writer's typos and stutters or the guard's
mistakes.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from evaluation.dataset import load_dataset
from evaluation.generate import facts_for
from worker.content.guards.corpus import FactsText
from worker.content.guards.sentences import split_sentences
from worker.content.guards.wording import check_wording, is_known_word


def run_together(word: str) -> bool:
    """Two known words with the space lost ("footbedtextured"): Myntra's descriptions are
    scraped lists whose items ran together, an artefact of the data, not of its writers."""
    return any(is_known_word(word[:i]) and is_known_word(word[i:]) for i in range(3, len(word) - 2))


def rates(source: Path, limit: int) -> tuple[int, int, Counter[str], Counter[str]]:
    """(texts, sentences, sentences failing each reason, hits); `wording:loop` counts
    texts, since a loop is judged across a text's sentences."""
    sentences = texts = 0
    reasons: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for example in load_dataset(str(source))[:limit]:
        texts += 1
        facts_text = FactsText.build(facts_for(example, texts), "description")
        for sentence in split_sentences(example.references[0]):
            sentences += 1
            failures = check_wording(sentence, facts_text).failures
            for kind in {f.split(" ", 1)[0] for f in failures}:
                reasons[kind] += 1
            coined = [f.split(" ", 1)[1] for f in failures if f.startswith("wording:coined")]
            if coined and all(run_together(w) for w in coined):
                reasons["wording:coined, all run together"] += 1
            hits.update(f.split(" ", 1)[1] for f in failures)
        whole = check_wording(example.references[0], facts_text).failures
        reasons["wording:loop"] += any(f.startswith("wording:loop") for f in whole)
    return texts, sentences, reasons, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=20000)
    args = parser.parse_args()
    print("share of human sentences the wording guard would drop:")
    for name in ("advertisegen_dev.jsonl", "myntra_products_catalog.csv"):
        texts, sentences, reasons, hits = rates(args.data_dir / name, args.limit)
        shares = ", ".join(
            f"{k} {v / max(texts if k == 'wording:loop' else sentences, 1):.4f}"
            for k, v in sorted(reasons.items())
        )
        print(f"  {name}: {texts} texts, {sentences} sentences; {shares} (loops: of texts)")
        print("    most frequent:", ", ".join(f"{w} {c}" for w, c in hits.most_common(30)))


if __name__ == "__main__":
    main()
