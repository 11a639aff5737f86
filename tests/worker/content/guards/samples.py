"""Products and copy the guard tests share: a crafted en and zh product with copy that
passes every guard, and human-written copy from ../shared/data (read at test time, never
copied here)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from worker.catalog.facts import ProductFacts
from worker.content.guards.corpus import FactsText

DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"
MYNTRA = DATA / "myntra_products_catalog.csv"
ADGEN = DATA / "advertisegen_dev.jsonl"


def facts(locale: str = "en", **kw: Any) -> ProductFacts:
    base: dict[str, Any] = {
        "id": 1,
        "sku": "SKU-1",
        "locale": locale,
        "title": "Acme Steel Water Bottle 500 ml",
        "brand": "Acme",
        "category": "Kitchen > Drinkware",
        "attributes": {"material": "18/8 stainless steel", "capacity": "500 mL"},
        "keywords": ("bottle",),
        "price": "19.90",
        "currency": "USD",
    }
    base.update(kw)
    return ProductFacts(**base)


def facts_text(
    title: str, locale: str | None = None, brand: str | None = None, **attributes: str
) -> FactsText:
    """The description facts of a product known by its title (and these attributes); the
    locale follows the title's script unless given."""
    locale = locale or ("en" if title.isascii() else "zh-CN")
    product = facts(locale, title=title, brand=brand, category=None, attributes=attributes)
    return FactsText.build(product, "description")


EN = facts(
    attributes={
        "material": "18/8 stainless steel",
        "capacity": "500 mL",
        "keeps cold": "24 hours",
        "model": "WB-1000X2",
        "dims": {"height": "26 cm", "weight_g": 340},
    },
)


ZH = facts(
    "zh-CN",
    title="最生活 纯棉毛巾三件套",
    brand="最生活",
    category="家纺",
    attributes={"材质": "100%纯棉", "规格": "34x76cm", "保修": "2年", "型号": "304不锈钢挂钩"},
    keywords=("毛巾",),
    price="39.00",
    currency="CNY",
)


EN_GOOD = (
    "The Acme WB-1000X2 bottle is made of 18/8 stainless steel and holds 500ml of water, "
    "keeping drinks cold for up to 24 hours. At 26 cm tall and 340 g it fits a day out, "
    "and at $19.90 it is an easy everyday pick for the office, the gym or a long walk outside."
)


ZH_GOOD = (
    "最生活纯棉毛巾三件套，采用100%纯棉材质，规格34x76厘米，柔软亲肤，吸水性好。"
    "配有304不锈钢挂钩，两年保修，售价39元，适合家庭日常使用，第一眼就让人喜欢。"
)


def myntra_rows(limit: int) -> Iterator[tuple[str, ProductFacts]]:
    if not MYNTRA.exists():
        pytest.skip(f"{MYNTRA} not present")
    with MYNTRA.open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if i >= limit:
                return
            yield (
                row["Description"],
                facts(
                    id=i,
                    title=row["Product_Name"],
                    brand=row["Product_Brand"],
                    category=row["Gender"],
                    attributes={"colour": row["Primary_Color"].strip()},
                    keywords=(),
                    price=f"{float(row['Price']):.2f}",
                    currency="INR",
                ),
            )


def adgen_rows(limit: int) -> Iterator[tuple[str, ProductFacts]]:
    if not ADGEN.exists():
        pytest.skip(f"{ADGEN} not present")
    with ADGEN.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                return
            row = json.loads(line)
            if "<UNK>" in row["summary"]:  # tokenizer artefact of the data set (README)
                continue
            attrs: dict[str, list[str]] = {}
            for pair in row["content"].split("*"):
                key, _, value = pair.partition("#")
                attrs.setdefault(key, []).append(value)
            yield (
                row["summary"].replace("BRAND", "品牌"),
                facts(
                    "zh-CN",
                    id=i,
                    title="".join(v[0] for v in attrs.values())[:40],
                    brand=None,
                    category=attrs.get("类型", [""])[0],
                    attributes=attrs,
                    keywords=(),
                    price=None,
                    currency=None,
                ),
            )
