"""`shelfwriter import-catalog` on good and bad rows, CSV and JSON lines, as a user runs it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import count, events
from tests.processes import ROOT, worker_env
from worker.catalog.importer import import_catalog
from worker.models import Product

GOOD: list[dict[str, Any]] = [
    {
        "sku": "EN-1",
        "locale": "en",
        "title": "Steel bottle",
        "brand": "Acme",
        "category": "Drinkware",
        "attributes": {"colour": "black", "capacity": "500 ml"},
        "keywords": ["bottle"],
        "price": 19.9,
        "currency": "USD",
    },
    {
        "sku": "ZH-1",
        "locale": "zh_cn",
        "title": "保温杯",
        "attributes": {"容量": "500毫升"},
        "price": "59",
        "currency": "cny",
    },
    {"sku": "EN-2", "locale": "en-us", "title": "  Minimal  "},
]
BAD: list[tuple[dict[str, Any], str]] = [
    ({"sku": "", "locale": "en", "title": "x"}, "sku"),
    ({"sku": "B-1", "locale": "english", "title": "x"}, "locale"),
    ({"sku": "B-2", "locale": "en", "title": "   "}, "title"),
    ({"sku": "B-3", "locale": "en", "title": "x", "attributes": {"a": {"deep": 1}}}, "attributes"),
    ({"sku": "B-4", "locale": "en", "title": "x", "price": -1}, "price"),
    ({"sku": "B-5", "locale": "en", "title": "x", "currency": "dollars"}, "currency"),
    ({"sku": "B-6", "locale": "en", "title": "bad\x00nul"}, "NUL"),
    ({"sku": "B-7", "locale": "en"}, "title"),
    ({"sku": "B-8", "locale": "en", "title": "x", "keywords": "not a list"}, "keywords"),
]


def _jsonl(path: Path, rows: list[dict[str, Any]], extra_lines: tuple[str, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


def test_jsonl_good_and_bad_rows(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "c.jsonl", GOOD + [b for b, _ in BAD], extra_lines=("{not json", "[1, 2]")
    )
    report = import_catalog(factory, path)
    assert (report.rows, report.inserted, report.updated) == (len(GOOD) + len(BAD) + 2, 3, 0)
    assert len(report.rejected) == len(BAD) + 2
    for rejected, (_, field) in zip(report.rejected, BAD, strict=False):
        assert field in rejected.reason, rejected
    assert "invalid JSON" in report.rejected[-2].reason
    assert report.rejected[-2].line == len(GOOD) + len(BAD) + 1

    with factory() as session:
        zh = session.scalars(select(Product).where(Product.sku == "ZH-1")).one()
        assert (zh.locale, str(zh.price), zh.currency) == ("zh-CN", "59.00", "CNY")
        assert zh.attributes == {"容量": "500毫升"}
        assert (
            session.scalars(select(Product.title).where(Product.sku == "EN-2")).one() == "Minimal"
        )
    assert len(events(factory)) == 3


def test_reimport_is_a_noop_and_changes_are_updates(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = _jsonl(tmp_path / "c.jsonl", GOOD)
    import_catalog(factory, path)
    again = import_catalog(factory, path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert len(events(factory)) == 3  # no trigger fired

    changed = [dict(GOOD[0], price=24.5), *GOOD[1:]]
    third = import_catalog(factory, _jsonl(tmp_path / "d.jsonl", changed))
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 2)
    assert [e.op for e in events(factory)][-1] == "update"


def test_same_sku_twice_in_one_file_last_row_wins(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = [dict(GOOD[0], title="first"), dict(GOOD[0], title="second")]
    import_catalog(factory, _jsonl(tmp_path / "c.jsonl", rows))
    with factory() as session:
        assert session.scalars(select(Product.title)).all() == ["second"]


def test_cli_csv_with_rejects_file(factory: sessionmaker[Session], tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "sku",
                "locale",
                "title",
                "brand",
                "category",
                "attributes",
                "keywords",
                "price",
                "currency",
            ]
        )
        writer.writerow(
            [
                "C-1",
                "en",
                "Canvas tote",
                "Acme",
                "Bags",
                '{"colour": "natural"}',
                '["tote"]',
                "12.5",
                "USD",
            ]
        )
        writer.writerow(["C-2", "zh-CN", "帆布包", "", "", "", "", "", ""])
        writer.writerow(["C-3", "en", "Broken attrs", "", "", "{colour: natural", "", "", ""])
    rejects = tmp_path / "rejects.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "worker.cli",
            "import-catalog",
            str(path),
            "--rejects",
            str(rejects),
        ],
        cwd=ROOT,
        env=worker_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "2 inserted" in result.stderr and "1 rejected" in result.stderr
    rejected = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert rejected == [{"line": 4, "sku": None, "reason": rejected[0]["reason"]}]
    assert "attributes is not valid JSON" in rejected[0]["reason"]
    assert count(factory, "SELECT count(*) FROM products WHERE sku IN ('C-1','C-2')") == 2
