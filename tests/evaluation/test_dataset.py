"""Dataset loading and the deterministic split. The shared files are read from
../shared/data at test time (their human-written text is never copied here)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from evaluation.dataset import (
    DatasetError,
    load_dataset,
    select_split,
    split_hash,
    split_of,
)
from worker.models import ContentSource, Product, ProductContent

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
MYNTRA = DATA / "myntra_products_catalog.csv"
ADGEN = DATA / "advertisegen_dev.jsonl"


# --------------------------------------------------------------------------- split


def test_split_is_stable() -> None:
    # sha256 prefixes: 002dd2d7 = 3003095 → bucket 95; 57156ade → 6; 000305c8 = 197064 → 64+24=88
    assert split_of("10038579") == "test"
    assert split_of("sku-1") == "train"
    assert split_of("myntra") == "dev"
    assert split_hash("sku-1").startswith("57156ade")


def test_split_proportions_are_near_80_10_10() -> None:
    counts = Counter(split_of(f"product-{i}") for i in range(1000))
    assert 760 <= counts["train"] <= 840
    assert 70 <= counts["dev"] <= 130
    assert 70 <= counts["test"] <= 130


# --------------------------------------------------------------------------- import format


def test_import_format_csv_and_jsonl_with_reference_lists(tmp_path: Path) -> None:
    csv_path = tmp_path / "products.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["sku", "locale", "title", "category", "attributes", "price", "currency",
                         "reference"])  # fmt: skip
        writer.writerow(["A-1", "en_us", "Lamp", "Lighting", '{"colour": "red"}', "12.5", "usd",
                         "A red lamp."])  # fmt: skip
        writer.writerow(["A-2", "en", "Mug", "", "", "", "", '["A mug.", "A white mug."]'])
    examples = load_dataset(str(csv_path))
    assert [e.key for e in examples] == sorted(["A-1", "A-2"], key=split_hash)  # hash order
    by_key = {e.key: e for e in examples}
    lamp, mug = by_key["A-1"], by_key["A-2"]
    assert lamp.product.locale == "en-US" and lamp.product.currency == "USD"  # validated
    assert lamp.product.attributes == {"colour": "red"} and lamp.category == "Lighting"
    assert lamp.references == ("A red lamp.",)
    assert lamp.split == split_of("A-1")
    assert mug.references == ("A mug.", "A white mug.") and mug.category is None

    jsonl = tmp_path / "products.jsonl"
    rows = [
        {"sku": "B-1", "locale": "zh-CN", "title": "保温杯", "reference": ["好用。", "保温。"]},
        {"sku": "B-2", "locale": "en", "title": "Cup", "reference": "A cup."},
    ]
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    loaded = {e.key: e for e in load_dataset(str(jsonl))}
    assert loaded["B-1"].references == ("好用。", "保温。")
    assert loaded["B-1"].language == "zh"
    assert loaded["B-2"].references == ("A cup.",)
    assert len(load_dataset(str(jsonl), limit=1)) == 1


def test_bad_rows_name_their_line(tmp_path: Path) -> None:
    bad_locale = tmp_path / "bad.csv"
    bad_locale.write_text("sku,locale,title,reference\nA,en,Lamp,ok\nB,not a locale,Mug,ok\n")
    with pytest.raises(DatasetError, match=r"bad\.csv:3: locale"):
        load_dataset(str(bad_locale))

    no_reference = tmp_path / "bad.jsonl"
    no_reference.write_text('{"sku": "A", "locale": "en", "title": "Lamp", "reference": "x"}\n'
                            '{"sku": "B", "locale": "en", "title": "Mug"}\n')  # fmt: skip
    with pytest.raises(DatasetError, match=r"bad\.jsonl:2: no reference"):
        load_dataset(str(no_reference))

    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"sku": "A", "locale": "en", "title": "Lamp", "reference": "x"}\n{oops\n')
    with pytest.raises(DatasetError, match=r"broken\.jsonl:2: invalid JSON"):
        load_dataset(str(broken))

    with pytest.raises(DatasetError, match="no such file"):
        load_dataset(str(tmp_path / "missing.csv"))


# --------------------------------------------------------------------------- shared files


def test_myntra_file_is_recognised() -> None:
    with MYNTRA.open(encoding="utf-8", newline="") as fh:
        rows = {r["Product_ID"]: r for r in csv.DictReader(fh)}
    examples = load_dataset(str(MYNTRA))
    assert len(examples) == len(rows) == 12491
    splits = Counter(e.split for e in examples)
    assert 0.09 < splits["test"] / len(examples) < 0.11
    test = select_split(examples, "test", 5)
    assert [e.split for e in test] == ["test"] * 5
    assert test == select_split(load_dataset(str(MYNTRA)), "test", 5)  # same on every run
    first = next(e for e in examples if e.key == "10038579")
    row = rows["10038579"]
    assert first.product.sku == "myntra-10038579" and first.product.locale == "en"
    assert first.product.title == row["Product_Name"].strip()
    assert first.product.brand == row["Product_Brand"].strip()
    assert first.product.attributes == {
        "gender": row["Gender"].strip(),
        "colour": row["Primary_Color"].strip(),
    }
    assert str(first.product.price) == f"{row['Price']}.00" and first.product.currency == "INR"
    assert first.references == (row["Description"].strip(),)
    assert first.category == row["Gender"].strip()
    assert first.split == "test"


def test_advertisegen_masking_and_grouping() -> None:
    raw = [json.loads(line) for line in ADGEN.read_text(encoding="utf-8").splitlines() if line]
    assert len(raw) == 1070 and len({r["content"] for r in raw}) == 1000
    kept: dict[str, list[str]] = {}
    for r in raw:
        if "<UNK>" not in r["summary"] and "BRAND" not in r["summary"]:
            kept.setdefault(r["content"], []).append(r["summary"])

    examples = load_dataset(str(ADGEN))
    assert len(examples) == len(kept) == 696
    refs = [ref for e in examples for ref in e.references]
    assert not any("<UNK>" in ref or "BRAND" in ref for ref in refs)  # masked rows dropped
    # Every unmasked summary is kept, repeated ones once (one input repeats one summary).
    assert len(refs) == sum(len(set(v)) for v in kept.values()) == 728
    by_key = {e.key: e for e in examples}
    for content, summaries in kept.items():
        assert by_key[content].references == tuple(dict.fromkeys(summaries))
    assert max(len(e.references) for e in examples) == 11  # one input, 11 references
    assert sum(len(e.references) > 1 for e in examples) == 17

    coat = by_key["类型#上衣*材质#牛仔布*颜色#白色*风格#简约*图案#刺绣*衣样式#外套*衣款式#破洞"]
    assert coat.product.locale == "zh-CN" and coat.product.category == "上衣"
    assert coat.product.title == "牛仔布白色外套"
    assert coat.product.attributes["衣款式"] == "破洞" and "类型" not in coat.product.attributes
    assert coat.category == "上衣" and coat.split == split_of(coat.key)


# --------------------------------------------------------------------------- Postgres


def test_postgres_products_with_human_content(
    factory: sessionmaker[Session], database_url: str
) -> None:
    with factory.begin() as session:
        human = Product(sku="H-1", locale="en", title="Lamp", category="Lighting", price=12)
        model_only = Product(sku="M-1", locale="en", title="Mug")
        session.add_all([human, model_only])
        session.flush()
        session.add_all(
            [
                ProductContent(product_id=human.id, kind="description", locale="en",
                               body="A lamp, written by a person.", status="edited",
                               source=ContentSource.human.value),
                ProductContent(product_id=human.id, kind="tags", locale="en", body='["lamp"]',
                               status="edited", source=ContentSource.human.value),
                ProductContent(product_id=model_only.id, kind="description", locale="en",
                               body="Model copy.", status="generated",
                               source=ContentSource.model.value),
            ]
        )  # fmt: skip
    examples = load_dataset("postgres", database_url=database_url)
    assert [e.key for e in examples] == ["H-1"]
    only = examples[0]
    assert only.references == ("A lamp, written by a person.",)
    assert only.product.price is not None and str(only.product.price) == "12.00"
    assert only.category == "Lighting"
    tags = load_dataset(database_url, kind="tags")  # a postgresql:// URL works as the source
    assert [e.references for e in tags] == [('["lamp"]',)]
