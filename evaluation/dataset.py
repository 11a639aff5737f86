"""Evaluation / fine-tuning examples: a product as `import-catalog` takes it, plus the
human-written reference text(s), plus its deterministic train/dev/test split.

Sources (`load_dataset(source)`):

- an import-catalog CSV or JSON-lines file with an extra `reference` column/key: a string,
  or a list of strings where a product has several references (in CSV: a JSON array);
- `myntra_products_catalog.csv` (recognised by its columns): Product_ID → key (sku
  `myntra-<id>`), Product_Name → title, Product_Brand → brand, Gender and Primary_Color →
  attributes, Price → price in INR, locale en, Description → reference. Num_Images is not a
  fact about the product. There is no category column, so Gender is the group for
  per-category scores (`Example.category`; the product itself has no category);
- `advertisegen_dev.jsonl` (recognised by its `content`/`summary` keys): one zh-CN product per
  distinct `content` (`类型#上衣*材质#牛仔布*…` → attributes, 类型 → category, title composed
  from the garment and two distinctive values, e.g. 牛仔布白色外套); every unmasked
  `summary` of that input is a reference. Summaries containing `<UNK>` or the `BRAND`
  placeholder are dropped (the masking), and so are inputs left without a reference;
- `postgres` (or a postgres:// / postgresql[+driver]:// URL): products whose
  `product_content` has rows with `source = 'human'` of the given kind (not rejected); those
  bodies are the references.

Split: sha256 of the key (sku / product id / input text); the first 8 hex digits mod 100
give the bucket: 0-79 train, 80-89 dev, 90-99 test. Examples come back in hash order, so
"the first N test examples" is the same set on every run and machine.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from worker.catalog.importer import _reason, read_records
from worker.catalog.locales import serving_language
from worker.catalog.schema import ProductIn

Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test")

MYNTRA_COLUMNS = frozenset({"Product_ID", "Product_Name", "Description"})
ADGEN_MASKS = ("<UNK>", "BRAND")
ZH_TITLE_MODIFIERS = ("材质", "颜色", "图案", "风格")


class DatasetError(ValueError):
    """A row that cannot be read; the message names the file and line."""


def split_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def split_of(key: str) -> Split:
    bucket = int(split_hash(key)[:8], 16) % 100
    return "train" if bucket < 80 else "dev" if bucket < 90 else "test"


@dataclass(frozen=True)
class Example:
    key: str  # sku / product id / input text: what the split hashes
    product: ProductIn  # validated like import-catalog
    references: tuple[str, ...]
    split: Split
    category: str | None  # for per-category scores

    @property
    def language(self) -> str:
        return serving_language(self.product.locale)


def _example(
    key: str, product: ProductIn, references: Iterable[str], category: str | None
) -> Example:
    refs = tuple(dict.fromkeys(r.strip() for r in references if r and r.strip()))
    return Example(key, product, refs, split_of(key), category)


def _validate(record: dict[str, Any], where: str) -> ProductIn:
    try:
        return ProductIn.model_validate(record)
    except ValidationError as exc:
        raise DatasetError(f"{where}: {_reason(exc)}") from None


# --------------------------------------------------------------------------- import format


def _references(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):  # CSV cells carry lists as JSON, like attributes
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                return [text]
        else:
            return [text] if text else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v for v in value if v.strip()]
    raise DatasetError(f"{where}: reference must be a string or a list of strings")


def _import_format(path: Path) -> Iterator[Example]:
    for line, record in read_records(path):
        where = f"{path}:{line}"
        if isinstance(record, str):
            raise DatasetError(f"{where}: {record}")
        raw = record.get("reference", record.get("references"))
        if raw is None:
            raise DatasetError(f"{where}: no reference (add a `reference` column or key)")
        references = _references(raw, where)
        if not references:
            raise DatasetError(f"{where}: reference is empty")
        product = _validate(record, where)
        yield _example(product.sku, product, references, product.category)


# --------------------------------------------------------------------------- Myntra


def _myntra(path: Path) -> Iterator[Example]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            where = f"{path}:{reader.line_num}"

            cells = {k: (v or "").strip() for k, v in row.items() if k}

            pid, reference = cells.get("Product_ID", ""), cells.get("Description", "")
            if not pid or not reference:
                continue  # nothing to compare against
            attributes = {
                k: v
                for k, v in (
                    ("gender", cells.get("Gender", "")),
                    ("colour", cells.get("Primary_Color", "")),
                )
                if v
            }
            product = _validate(
                {
                    "sku": f"myntra-{pid}",
                    "locale": "en",
                    "title": cells.get("Product_Name", ""),
                    "brand": cells.get("Product_Brand", "") or None,
                    "attributes": attributes,
                    "price": cells.get("Price", "") or None,
                    "currency": "INR" if cells.get("Price", "") else None,
                },
                where,
            )
            yield _example(pid, product, [reference], cells.get("Gender", "") or None)


# --------------------------------------------------------------------------- AdvertiseGen


def parse_adgen(content: str) -> dict[str, Any]:
    """`类型#上衣*风格#复古*风格#文艺` → {"类型": "上衣", "风格": ["复古", "文艺"]}."""
    out: dict[str, Any] = {}
    for pair in content.split("*"):
        key, sep, value = pair.partition("#")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            continue
        if key not in out:
            out[key] = value
        elif isinstance(out[key], list):
            if value not in out[key]:
                out[key].append(value)
        elif out[key] != value:
            out[key] = [out[key], value]
    return out


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def zh_shape(attributes: dict[str, Any]) -> str:
    """The garment: the 类型 (上衣, 裙, 裤) or a more specific garment name where the data
    has one (外套, 连衣裙, 阔腿裤); a cut such as 裙型#a字 is not a garment name."""
    kind = _first(attributes.get("类型")) or ""
    if kind == "上衣":
        return _first(attributes.get("衣样式")) or kind
    names = [_first(attributes.get(key)) for key in ("裙型", "裙长", "裤型", "裤长")]
    for name in names:
        if name and kind and name.endswith(kind) and len(name) > len(kind):
            return name
    return kind


def zh_title(attributes: dict[str, Any]) -> str:
    """Two distinctive values + the garment: 牛仔布 + 白色 + 外套."""
    shape = zh_shape(attributes)
    modifiers: list[str] = []
    for key in ZH_TITLE_MODIFIERS:
        value = _first(attributes.get(key))
        if value and value not in modifiers and value not in shape and len(modifiers) < 2:
            modifiers.append(value)
    return "".join(modifiers) + shape


def adgen_product(content: str) -> ProductIn | None:
    """The zh-CN product an AdvertiseGen input describes; None without a 类型."""
    attributes = parse_adgen(content)
    category = _first(attributes.pop("类型", None))
    if not category:
        return None
    return ProductIn(
        sku=f"adgen-{split_hash(content)[:12]}",
        locale="zh-CN",
        title=zh_title({"类型": category, **attributes}),
        category=category,
        attributes=attributes,
    )


def _adgen(path: Path) -> Iterator[Example]:
    # Group by input: the file repeats some inputs with different copy (1,070 rows, 1,000
    # distinct inputs), and each unmasked copy is one more reference for that product.
    groups: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    with path.open(encoding="utf-8-sig") as fh:
        for line, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{line}"
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{where}: invalid JSON: {exc.msg}") from None
            if not isinstance(row, dict) or not isinstance(row.get("content"), str):
                raise DatasetError(f"{where}: expected an object with a `content` string")
            content, summary = row["content"], str(row.get("summary") or "").strip()
            first_line.setdefault(content, line)
            refs = groups.setdefault(content, [])
            if summary and not any(mask in summary for mask in ADGEN_MASKS):
                refs.append(summary)
    for content, refs in groups.items():
        if not refs:
            continue
        try:
            product = adgen_product(content)
        except ValidationError as exc:
            raise DatasetError(f"{path}:{first_line[content]}: {_reason(exc)}") from None
        if product is not None:
            yield _example(content, product, refs, product.category)


# --------------------------------------------------------------------------- Postgres


def _postgres(database_url: str | None, kind: str) -> Iterator[Example]:
    from sqlalchemy import select

    from worker.db import session_factory
    from worker.models import ContentSource, Product, ProductContent

    stmt = (
        select(Product, ProductContent.body)
        .join(ProductContent, ProductContent.product_id == Product.id)
        .where(
            ProductContent.source == ContentSource.human.value,
            ProductContent.kind == kind,
            ProductContent.body.is_not(None),
            Product.deleted_at.is_(None),
        )
        .where(ProductContent.status != "rejected")  # a rejected text is no reference
        .order_by(Product.id, ProductContent.id)
    )
    products: dict[int, Product] = {}
    bodies: dict[int, list[str]] = {}
    with session_factory(database_url)() as session:
        for row, body in session.execute(stmt):
            products[row.id] = row
            bodies.setdefault(row.id, []).append(body or "")
    for pid, row in products.items():
        record = {
            "sku": row.sku,
            "locale": row.locale,
            "title": row.title,
            "brand": row.brand,
            "category": row.category,
            "attributes": row.attributes,
            "keywords": row.keywords,
            "price": row.price,
            "currency": row.currency,
        }
        validated = _validate(record, f"products id {pid} (sku {row.sku!r})")
        yield _example(validated.sku, validated, bodies[pid], validated.category)


# --------------------------------------------------------------------------- entry point


def _is_postgres(source: str) -> bool:
    return source == "postgres" or source.startswith(
        ("postgres://", "postgresql://", "postgresql+")
    )


def _detect(path: Path) -> Iterator[Example]:
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if suffix == ".csv":
            header = set(next(csv.reader(fh), []))
            if header >= MYNTRA_COLUMNS and "sku" not in header:
                return _myntra(path)
        elif suffix in (".jsonl", ".ndjson", ".json"):
            first = next((line for line in fh if line.strip()), "")
            try:
                row = json.loads(first) if first else {}
            except json.JSONDecodeError:
                row = {}
            if isinstance(row, dict) and {"content", "summary"} <= row.keys() and "sku" not in row:
                return _adgen(path)
    return _import_format(path)


def load_dataset(
    source: str,
    *,
    limit: int | None = None,
    database_url: str | None = None,
    kind: str = "description",
) -> list[Example]:
    """All examples of `source`, every split, in hash order (first `limit` of them).

    `kind` only matters for Postgres: which content kind's human rows are the references.
    Raises `DatasetError` (with file and line) on a row that cannot be read."""
    if _is_postgres(source):
        url = database_url or (source if source != "postgres" else None)
        examples = list(_postgres(url, kind))
    else:
        path = Path(source)
        if not path.is_file():
            raise DatasetError(f"{source}: no such file")
        examples = list(_detect(path))
    seen: set[str] = set()
    for example in examples:
        if example.key in seen:
            # Two rows for one product would land in the same split twice: refuse.
            raise DatasetError(f"{source}: duplicate key {example.key!r}")
        seen.add(example.key)
    examples.sort(key=lambda e: (split_hash(e.key), e.key))
    return examples[:limit] if limit is not None else examples


def select_split(
    examples: Iterable[Example], split: Split, limit: int | None = None
) -> list[Example]:
    """The examples of one split, in hash order, the first `limit` of them."""
    chosen = [e for e in examples if e.split == split]
    return chosen[:limit] if limit is not None else chosen
