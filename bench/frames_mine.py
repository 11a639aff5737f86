"""The noun a Chinese garment attribute's value is said with ("牛仔布面料", "v领设计",
"宽松版型"), from data.

    python -m bench.frames_mine [--data-dir ../shared/data] [--write]

A Chinese listing's attributes are key#value pairs (裙领型#v领, 材质#雪纺). Said bare in a
row ("v领，雪纺，宽松") they are a spec sheet; said as "裙领型为v领" they are a form.
AdvertiseGen's human copy says each value with the noun its attribute takes: "采用雪纺面料",
"v领设计", "宽松的版型". That noun is mined here: for each attribute of the train split, the
noun (jieba n/vn, two characters or more) that follows its values in the human summaries,
optionally after 的; the frame is the noun that follows the most distinct values, at least
`MIN_VALUES` of them, so that it belongs to the attribute and not to one value ("荷叶边" of
荷叶). A noun that is itself a value of the product (拼接, 收腰) or a garment (连衣裙) is
no frame. `--write` stores the frames in `worker/content/guards/data/frames-mined.txt`, a
section per noun listing the attributes said with it, which `worker.content.title_copy`
reads.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from evaluation.dataset import parse_adgen, split_of
from worker.content.guards.specifics import jieba_tagger

MIN_VALUES = 3
OUT = Path(__file__).resolve().parent.parent / "worker/content/guards/data/frames-mined.txt"
_GARMENT_END = re.compile(r"[裙裤衫衣套服]$")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


def mine(data_dir: Path) -> dict[str, tuple[str, int]]:
    """attribute → (frame noun, distinct values it followed)."""
    posseg = jieba_tagger()
    follows: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    all_values: set[str] = set()
    with (data_dir / "advertisegen_dev.jsonl").open(encoding="utf-8") as fh:
        for raw in fh:
            row = json.loads(raw)
            if split_of(row["content"]) != "train":
                continue
            summary = row["summary"]
            for key, values in parse_adgen(row["content"]).items():
                if key == "类型":
                    continue
                for value in values if isinstance(values, list) else [values]:
                    all_values.add(value)
                    for m in re.finditer(re.escape(value), summary):
                        rest = summary[m.end() : m.end() + 8].removeprefix("的")
                        tokens = list(posseg.cut(rest))  # type: ignore[attr-defined]
                        if not tokens:
                            continue
                        word, flag = tokens[0].word, tokens[0].flag
                        if flag in ("n", "vn") and _HAN_WORD.fullmatch(word):
                            follows[key][word].add(value)
    frames: dict[str, tuple[str, int]] = {}
    for key, nouns in follows.items():
        ranked = sorted(
            (
                (len(values), noun)
                for noun, values in nouns.items()
                if noun not in all_values and not _GARMENT_END.search(noun)
            ),
            reverse=True,
        )
        if ranked and ranked[0][0] >= MIN_VALUES:
            frames[key] = (ranked[0][1], ranked[0][0])
    return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    frames = mine(args.data_dir)
    for key, (noun, n) in sorted(frames.items()):
        print(f"{key}: {noun} ({n} values)")
    if args.write:
        by_noun: dict[str, list[str]] = defaultdict(list)
        for key, (noun, _) in sorted(frames.items()):
            by_noun[noun].append(key)
        OUT.write_text(
            "# Mined by bench/frames_mine.py from AdvertiseGen's human copy (train split):\n"
            "# do not edit by hand. [noun] then the attributes whose values it follows.\n"
            + "".join(f"[{noun}]\n{' '.join(keys)}\n" for noun, keys in sorted(by_noun.items())),
            encoding="utf-8",
        )
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
