"""Which title-case words are common words and which are names, from a dictionary.

    python -m bench.english_words_mine [--dict /usr/share/dict/american-english-large ...]

A marketplace title capitalizes every word; the lead says it mid-sentence, where a common
word is lower-cased and a name is not. A hand list of names ("Bluetooth", "French") missed
every new catalog's ("a men's hawaiian shirt", "fresh tasmanian cherries", "microsoft
excel", reviews 31-33). SCOWL's word lists (Debian's `wamerican-large` and
`wbritish-large`; their copyright notice, which the licence asks to keep, is in
`english-words-COPYRIGHT.txt` beside the list) spell each word as it is written:
"shirt", "Hawaiian". This script stores them in
`worker/content/guards/data/english-words.txt.gz`: one word a line, common words in lower
case, names (words the lists hold only capitalized) as written.
`worker.content.english.lower_word` reads it; the lists are not a runtime dependency.
A word people write in lower case mid-sentence in Myntra's product copy more often than
capitalized ("kurta", "rakhi", "dupatta") is a common word too: the lists lack a shop's
loanwords.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "worker/content/guards/data/english-words.txt.gz"
DICTS = ("/usr/share/dict/american-english-large", "/usr/share/dict/british-english-large")


def shop_words(data_dir: Path) -> set[str]:
    """Words Myntra's copy writes in lower case mid-sentence, at least twice and more
    often than capitalized."""
    low: Counter[str] = Counter()
    capitalized: Counter[str] = Counter()
    with (data_dir / "myntra_products_catalog.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for sentence in re.split(r"(?<=[.!?])\s+", row["Description"] or ""):
                for word in re.findall(r"[A-Za-z][a-z]+", sentence)[1:]:
                    (low if word.islower() else capitalized)[word.lower()] += 1
    return {w for w, n in low.items() if n >= 2 and n > capitalized[w]}


def mine(paths: list[str], data_dir: Path) -> list[str]:
    words: set[str] = shop_words(data_dir)
    for path in paths:
        with open(path, encoding="utf-8", errors="ignore") as f:
            words |= {w.strip() for w in f if w.strip() and "'" not in w}
    common = {w for w in words if w.islower() and w.isalpha()}
    # A name is a word the lists hold only capitalized ("Hawaiian", not "French"/"french").
    names = {w for w in words if w.isalpha() and w[:1].isupper() and w.lower() not in common}
    return sorted(common) + sorted(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dict", action="append", dest="dicts")
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    words = mine(args.dicts or list(DICTS), args.data_dir)
    # mtime=0: the same lists give the same bytes, so a rerun shows no diff.
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write("\n".join(words).encode() + b"\n")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
