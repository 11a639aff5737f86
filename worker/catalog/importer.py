"""`shelfwriter import-catalog FILE`: CSV or JSON lines → `products`, upsert by sku.

Rows are validated one by one (a bad row is reported with its line and reason, the rest
go in) and written in chunks. An unchanged row is not rewritten, so re-importing the same
file fires no trigger and enqueues no work.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from worker.catalog.schema import ProductIn
from worker.db import UpsertCounts

# 500 rows per statement/transaction: large enough that round trips don't dominate, small
# enough that a transaction (and its trigger-written events) stays short.
IMPORT_CHUNK = 500

_UPSERT = text(
    """
    INSERT INTO products
        (sku, locale, title, brand, category, attributes, keywords, price, currency)
    SELECT r.sku, r.locale, r.title, r.brand, r.category, r.attributes, r.keywords,
        r.price, r.currency
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(
        sku text, locale text, title text, brand text, category text, attributes jsonb,
        keywords text[], price numeric, currency text)
    ON CONFLICT (sku) DO UPDATE SET
        locale = excluded.locale, title = excluded.title, brand = excluded.brand,
        category = excluded.category, attributes = excluded.attributes,
        keywords = excluded.keywords, price = excluded.price, currency = excluded.currency,
        deleted_at = NULL, updated_at = now()
    WHERE (products.locale, products.title, products.brand, products.category,
           products.attributes, products.keywords, products.price, products.currency,
           products.deleted_at)
          IS DISTINCT FROM
          (excluded.locale, excluded.title, excluded.brand, excluded.category,
           excluded.attributes, excluded.keywords, excluded.price, excluded.currency, NULL)
    RETURNING (xmax = 0) AS inserted
    """
)


@dataclass
class Rejected:
    line: int
    sku: str | None
    reason: str


@dataclass
class ImportReport(UpsertCounts):
    rows: int = 0
    rejected: list[Rejected] = field(default_factory=list)


def _json_field(value: Any, name: str) -> Any:
    """CSV cells hold attributes/keywords as JSON text."""
    if not isinstance(value, str):
        return value
    if not value.strip():
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name} is not valid JSON: {exc.msg}") from None


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(line number, record) pairs; a record that cannot be parsed is its error text."""
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if suffix == ".csv":
            reader = csv.DictReader(fh)
            missing = {"sku", "locale", "title"} - set(reader.fieldnames or [])
            if missing:
                raise ValueError(f"{path}: CSV header lacks required columns {sorted(missing)}")
            for record in reader:
                line = reader.line_num
                try:
                    record = {k: v for k, v in record.items() if k is not None}
                    for name in ("attributes", "keywords"):
                        record[name] = _json_field(record.get(name), name)
                    yield line, record
                except ValueError as exc:
                    yield line, str(exc)
        elif suffix in (".jsonl", ".ndjson", ".json"):
            for line, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError as exc:
                    yield line, f"invalid JSON: {exc.msg}"
                    continue
                yield (
                    (line, record)
                    if isinstance(record, dict)
                    else (line, "line is not a JSON object")
                )
        else:
            raise ValueError(f"{path}: unknown file type {suffix!r} (use .csv or .jsonl)")


def _reason(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "row"
        msg = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {msg}")
    return "; ".join(parts)


def count_records(path: Path) -> int:
    with path.open("rb") as fh:
        lines = sum(1 for line in fh if line.strip())
    return max(lines - 1, 0) if path.suffix.lower() == ".csv" else lines


def import_catalog(
    factory: sessionmaker[Session],
    path: Path,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    report = ImportReport()
    chunk: dict[str, dict[str, Any]] = {}

    def flush() -> None:
        if not chunk:
            return
        with factory.begin() as session:
            flags = (
                session.execute(_UPSERT, {"rows": json.dumps(list(chunk.values()))}).scalars().all()
            )
        report.inserted += sum(1 for f in flags if f)
        report.updated += sum(1 for f in flags if not f)
        report.unchanged += len(chunk) - len(flags)
        chunk.clear()

    for line, record in read_records(path):
        report.rows += 1
        if isinstance(record, str):
            report.rejected.append(Rejected(line, None, record))
        else:
            try:
                product = ProductIn.model_validate(record)
            except ValidationError as exc:
                sku = record.get("sku")
                report.rejected.append(
                    Rejected(line, sku if isinstance(sku, str) else None, _reason(exc))
                )
            else:
                if product.sku in chunk:
                    # One statement cannot upsert a sku twice; the file's later row wins.
                    flush()
                chunk[product.sku] = product.model_dump(mode="json")
                if len(chunk) >= IMPORT_CHUNK:
                    flush()
        if progress:
            progress(1)
    flush()
    return report
