"""Screenshots of the review desk for the docs: the queue, a Chinese and an English product.

    python -m bench.screenshots [--out docs/img] [--database-url URL] [--zh-sku SKU]
                                [--en-sku SKU] [--width 1280] [--keep-database]

Why a script: the pictures in docs/ should show the desk as it renders today, on copy that
looks like a shop's, and be redone in one command after a template or CSS change, not
pieced together by hand. It is also a look at what a person sees (layout, Chinese glyphs,
escaped shop text), which the browser tests (tests/worker/web/test_browser.py) check only
in the DOM.

Without --database-url: a scratch database (`shelfwriter_screens_<random>` on
--pg-server, migrated, dropped at the end) gets ten of the sample products
(worker/samples/catalog.jsonl) and hand-written content in every status a reviewer meets:
generated with candidates, approved, edited and locked, rejected, failed, and a person's
text whose product changed since. Guard reports are the real guards' verdicts on that text
(`worker.content.guards.run.run_guards`), not made up; no model runs. With
--database-url: an existing, migrated desk database, photographed as it is (a throwaway
reviewer account is added for the login and removed after; nothing else is written).

The desk is the real app (`worker.web.app.create_app`) under uvicorn on a free local port,
driven by Debian's Chromium (/usr/bin/chromium, or --chromium) through Playwright; never a
downloaded browser build. Chinese needs a CJK font (Debian: fonts-wqy-zenhei or
fonts-noto-cjk): without one the glyphs come out as boxes, and the script says so.
Writes desk-queue.png, desk-product-zh.png and desk-product-en.png (full pages) to --out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Plain http on 127.0.0.1: a secure-only session cookie would never come back.
os.environ["SHELFWRITER_WEB_COOKIE_SECURE"] = "0"

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from bench.scratch import drop_database  # noqa: E402
from tests.processes import desk_server  # noqa: E402
from worker.catalog.facts import facts_from_row  # noqa: E402
from worker.content.guards.run import run_guards  # noqa: E402
from worker.db import dispose_engines, session_factory  # noqa: E402
from worker.models import (  # noqa: E402
    ContentSource,
    ContentStatus,
    Product,
    ProductContent,
    Role,
    Segment,
)
from worker.web.accounts import add_user, remove_user  # noqa: E402

SAMPLES = ROOT / "worker" / "samples" / "catalog.jsonl"
CHROMIUM = "/usr/bin/chromium"
REVIEWER = "rita"
# Model versions as the exporter writes them (16 hex digits of the recipe's hash).
MODEL = {"en": "3f9c2a17b08e4d51", "zh": "a61e0d93c47f28b5"}
NO_CANDIDATE = "no candidate passed the guards: "


@dataclass(frozen=True)
class Unit:
    """One content row of the scratch catalog. `candidates`: (text, score) the "model"
    offered, the first the one kept; a failed unit keeps none. `review`: (action, reason,
    minutes ago) in order. `edited`: a person's text that replaced the model's."""

    sku: str
    kind: str
    status: ContentStatus
    candidates: list[tuple[str, float]]
    segment: str = ""
    review: list[tuple[str, str | None, int]] = field(default_factory=list)
    edited: str | None = None
    changed_since_edit: bool = False
    minutes_ago: int = 0


# Oldest first: the queue lists the newest row at the top.
UNITS = [
    Unit(
        "ZH-0024",
        "description",
        ContentStatus.approved,
        [
            (
                "眠里纯棉四件套，燕麦色，适用1.8米床。面料为100%长绒棉，60支纱线织造，"
                "手感细腻柔软。套件包含被套200×230厘米、床单245×250厘米和两只48×74厘米的枕套。",
                0.83,
            )
        ],
        review=[("approve", None, 300)],
        minutes_ago=1440,
    ),
    Unit(
        "EN-0001",
        "description",
        ContentStatus.approved,
        [
            (
                "The Northpeak Insulated Steel Water Bottle has a capacity of 500 ml and keeps"
                " drinks cold for 24 hours or hot for 12 hours with its double-wall vacuum"
                " insulation. It is made of 18/8 stainless steel with a matte black finish and"
                " weighs 340 g. The leak-proof lid closes tightly. Wash it by hand: it is not"
                " dishwasher safe.",
                0.87,
            )
        ],
        review=[("approve", "bulk", 240)],
        minutes_ago=1300,
    ),
    Unit(
        "EN-0001",
        "recommendation_copy",
        ContentStatus.generated,
        [("A 500 ml bottle that keeps drinks cold for 24 hours on campus.", 0.71)],
        segment="students",
        minutes_ago=1290,
    ),
    Unit(
        "EN-0021",
        "description",
        ContentStatus.edited,
        [
            (
                "The Strideform Yoga Mat is 6 mm thick and measures 183 x 61 cm. It is made of"
                " TPE, latex free, in dusty blue, and weighs 1.1 kg. A carry strap comes with"
                " it, so the non-slip mat is easy to take to a class and back home again.",
                0.78,
            )
        ],
        edited=(
            "The Strideform Yoga Mat is 6 mm thick and measures 183 x 61 cm. It is made of TPE,"
            " latex free, in dusty blue, and weighs 1.1 kg. A carry strap comes with it, so the"
            " non-slip mat goes to class and back home with you."
        ),
        review=[("edit", None, 900)],
        changed_since_edit=True,
        minutes_ago=1200,
    ),
    Unit(
        "ZH-0001",
        "description",
        ContentStatus.edited,
        [
            (
                "山岚304不锈钢保温杯，容量450毫升，雾霾蓝配色。304不锈钢内胆，"
                "保温12小时、保冷24小时，重量仅290克，便于随身携带。",
                0.8,
            )
        ],
        edited=(
            "山岚304不锈钢保温杯，容量450毫升，雾霾蓝配色。304不锈钢内胆，"
            "保温12小时、保冷24小时。杯身重量290克，放进包里也不觉得沉。"
        ),
        review=[("reject", "“便于随身携带”太泛，写出重量带来的好处", 200), ("edit", None, 190)],
        minutes_ago=600,
    ),
    Unit(
        "ZH-0001",
        "recommendation_copy",
        ContentStatus.approved,
        [("送给常出差的朋友：保温12小时，雾霾蓝配色很有质感。", 0.74)],
        segment="gift_buyers",
        review=[("approve", None, 180)],
        minutes_ago=590,
    ),
    Unit(
        "EN-0015",
        "description",
        ContentStatus.rejected,
        [
            (
                "The Lumen & Dew Hyaluronic Acid Hydrating Serum comes in a 30 ml bottle. Its"
                " key ingredients are hyaluronic acid 2%, panthenol and niacinamide 3%. The"
                " serum is fragrance free and vegan, and it suits all skin types, including"
                " sensitive skin. Use it as the hydrating step in a daily routine.",
                0.69,
            )
        ],
        review=[("reject", "reads like a label; say what the serum feels like", 120)],
        minutes_ago=400,
    ),
    Unit(
        "EN-0015",
        "recommendation_copy",
        ContentStatus.failed,
        [
            (
                "Clinically proven hydration that heals dry skin overnight, at a price"
                " you'll love.",
                0,
            ),
            ("The best serum for her: dermatologist recommended and 50% off today.", 0),
        ],
        segment="budget_shoppers",
        minutes_ago=390,
    ),
    Unit(
        "EN-0008",
        "description",
        ContentStatus.failed,
        [
            (
                "The Voltiq braided cable charges your laptop at 100 W and transfers data at"
                " 10 Gbps. Rated for 50,000 bends, it comes with a lifetime warranty.",
                0,
            ),
            (
                "The best USB-C cable you will ever buy. Order now: free shipping on every"
                " order of the Voltiq 2 m cable in space grey!",
                0,
            ),
        ],
        minutes_ago=300,
    ),
    Unit(
        "ZH-0015",
        "description",
        ContentStatus.failed,
        [
            ("清禾氨基酸洁面乳，医生推荐，七天治愈痘痘，敏感肌也能放心使用，全网销量第一。", 0),
            ("这款洗面奶是男士专用的控油神器，一次见效，让你告别黑头。", 0),
        ],
        minutes_ago=240,
    ),
    Unit(
        "ZH-0009",
        "description",
        ContentStatus.generated,
        [
            (
                "声迹真无线蓝牙耳机，月光白配色，支持主动降噪，最高35分贝。蓝牙5.3连接稳定，"
                "单次续航7小时，配合充电盒可达30小时。IPX4防水，USB-C接口充电。",
                0.86,
            ),
            ("这款耳机音质全球第一，医生推荐，戴上立刻治愈失眠，女士专用。", 0),
        ],
        minutes_ago=120,
    ),
    Unit(
        "ZH-0009",
        "recommendation_copy",
        ContentStatus.generated,
        [("主动降噪，单次续航7小时，通勤路上更安静。", 0.7)],
        segment="students",
        minutes_ago=115,
    ),
    Unit(
        "EN-0005",
        "recommendation_copy",
        ContentStatus.approved,
        [("A merino sweater in heather grey, a present that is easy to choose.", 0.72)],
        segment="gift_buyers",
        review=[("approve", None, 30)],
        minutes_ago=90,
    ),
    Unit(
        "EN-0005",
        "description",
        ContentStatus.generated,
        [
            (
                "The Fjordline Men's Merino Crew Neck Sweater is knitted from 100% merino wool"
                " in heather grey. It has a fine knit of 16 gauge and a regular fit, and it"
                " comes in sizes S, M, L and XL. Hand wash it cold to look after the merino"
                " wool, and dry it flat.",
                0.84,
            ),
            (
                "The Fjordline Men's Merino Crew Neck Sweater is knitted from 100% merino wool"
                " in heather grey. It has a fine knit of 16 gauge and a regular fit, and it"
                " comes in sizes S, M, L and XL. To care for it, hand wash it cold.",
                0.77,
            ),
            (
                "Clinically proven to keep you warm, this luxurious sweater is the best gift"
                " for her this winter. Order now and enjoy free shipping!",
                0,
            ),
        ],
        minutes_ago=80,
    ),
    Unit(
        "ZH-0006",
        "recommendation_copy",
        ContentStatus.failed,
        [
            ("女生必备的百搭T恤，穿上立刻显瘦十斤。", 0),
            ("学生党闭眼入，全网最低价，手慢无！", 0),
        ],
        segment="students",
        minutes_ago=40,
    ),
    Unit(
        "ZH-0006",
        "recommendation_copy",
        ContentStatus.generated,
        [("送朋友一件长绒棉基础款T恤，白色黑色都百搭。", 0.73)],
        segment="gift_buyers",
        minutes_ago=35,
    ),
    Unit(
        "ZH-0006",
        "description",
        ContentStatus.edited,
        [
            (
                "布衣坊男士纯棉圆领短袖T恤，选用100%新疆长绒棉面料，220克克重，厚实不透。"
                "宽松版型，穿着舒适自在。有白色、黑色、藏青色可选，尺码从M到XXL。",
                0.82,
            ),
            (
                "布衣坊男士圆领短袖T恤，采用100%新疆长绒棉，220克克重。"
                "宽松版型，白色、黑色、藏青色可选，尺码M到XXL。",
                0.75,
            ),
        ],
        edited=(
            "布衣坊男士纯棉圆领短袖T恤，选用100%新疆长绒棉面料，220克克重，厚实不透。"
            "宽松版型，单穿或内搭都合适。有白色、黑色、藏青色可选，尺码从M到XXL。"
        ),
        review=[("edit", None, 10)],
        minutes_ago=30,
    ),
]


def lang_of(locale: str) -> str:
    return locale.split("-")[0].lower()


def seed(factory: sessionmaker[Session]) -> None:
    """The sample products the units name, and the units, with real guard reports."""
    wanted = {u.sku for u in UNITS}
    now = dt.datetime.now(dt.UTC)
    with factory.begin() as session:
        segments = {(s.key, s.locale): s.description for s in session.scalars(select(Segment))}
        products: dict[str, Product] = {}
        for line in SAMPLES.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if d["sku"] not in wanted:
                continue
            price = d.get("price")
            p = Product(
                sku=d["sku"],
                locale=d["locale"],
                title=d["title"],
                brand=d.get("brand"),
                category=d.get("category"),
                attributes=d.get("attributes") or {},
                keywords=d.get("keywords") or [],
                price=None if price is None else Decimal(str(price)),
                currency=d.get("currency"),
            )
            session.add(p)
            products[p.sku] = p
        session.flush()
        for u in UNITS:
            p = products[u.sku]
            session.add(_content(u, p, segments.get((u.segment, p.locale)), now))


def _content(u: Unit, p: Product, segment_text: str | None, now: dt.datetime) -> ProductContent:
    facts = facts_from_row(p)
    extra = [segment_text] if segment_text else []
    reports = [(t, s, run_guards(t, facts, u.kind, extra_facts=extra)) for t, s in u.candidates]
    candidates = [
        {"score": s if r.passed else 0.0, "failures": list(r.failures), "text": t}
        for t, s, r in reports
    ]
    written = now - dt.timedelta(minutes=u.minutes_ago)
    quality: dict[str, Any] = {"candidates": candidates}
    passing = [r for r in reports if r[2].passed]
    body: str | None = None
    error: str | None = None
    if u.status == ContentStatus.failed:
        quality["guards"] = reports[0][2].as_json()
        reasons = sorted({f for _, _, r in reports for f in r.failures})
        error = (NO_CANDIDATE + "; ".join(reasons))[:500]
    else:
        if not passing or passing[0][0] != u.candidates[0][0]:
            print(f"warning: {u.sku} {u.kind}: the kept text fails its guards", file=sys.stderr)
        body = u.candidates[0][0]
        quality["guards"] = reports[0][2].as_json()
    if u.edited is not None:
        body = u.edited
    if u.review:
        quality["review"] = [
            {
                "action": action,
                "by": REVIEWER,
                "reason": reason,
                "at": (now - dt.timedelta(minutes=ago)).isoformat(timespec="seconds"),
            }
            for action, reason, ago in u.review
        ]
    if u.changed_since_edit:
        quality["stale_since_edit"] = {
            "input_hash": secrets.token_hex(32),
            "reason": "the product changed; a person owns this row, so it was not regenerated",
        }
    last_change = now - dt.timedelta(minutes=min([u.minutes_ago] + [a for *_, a in u.review]))
    human = u.status in (ContentStatus.edited,)
    return ProductContent(
        product_id=p.id,
        kind=u.kind,
        segment=u.segment,
        locale=p.locale,
        status=u.status.value,
        body=body,
        error=error,
        locked=human,
        source=ContentSource.human.value if human else ContentSource.model.value,
        model_version=MODEL[lang_of(p.locale)],
        input_hash=secrets.token_hex(32),
        quality=quality,
        generated_at=written,
        updated_at=last_change,
    )


def pick_sku(factory: sessionmaker[Session], chinese: bool) -> str:
    """An existing database: the product of the newest content row in that language."""
    like = ProductContent.locale.like("zh%")
    with factory() as session:
        sku = session.scalar(
            select(Product.sku)
            .join(ProductContent, ProductContent.product_id == Product.id)
            .where(like if chinese else ~like)
            .where(Product.deleted_at.is_(None))
            .order_by(ProductContent.id.desc())
            .limit(1)
        )
    if sku is None:
        raise SystemExit(f"no {'Chinese' if chinese else 'non-Chinese'} content to photograph")
    return sku


@contextmanager
def scratch_database(pg_server: str, keep: bool) -> Iterator[str]:
    from worker.migrate import upgrade

    name = f"shelfwriter_screens_{secrets.token_hex(4)}"
    url = f"{pg_server.rstrip('/')}/{name}"
    upgrade("head", url)
    try:
        yield url
    finally:
        dispose_engines()
        if keep:
            print(f"kept the scratch database: {url}", file=sys.stderr)
        else:
            drop_database(url)


def has_cjk_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def photograph(
    base: str,
    username: str,
    password: str,
    shots: dict[str, str],
    out: Path,
    chromium: str,
    width: int,
) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.set_default_timeout(30_000)
            page = context.new_page()
            page.goto(f"{base}/login")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", password)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{base}/queue")
            for name, path in shots.items():
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                target = out / name
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
        finally:
            browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument(
        "--database-url", help="an existing desk database, photographed as it is (no seeding)"
    )
    parser.add_argument(
        "--pg-server",
        default=os.environ.get("SHELFWRITER_TEST_PG", "postgresql://postgres@127.0.0.1:5432"),
        help="where the scratch database is made (default: the local server)",
    )
    parser.add_argument("--zh-sku", help="the Chinese product (default: ZH-0006 in the scratch)")
    parser.add_argument("--en-sku", help="the English product (default: EN-0005 in the scratch)")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels")
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--keep-database", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    if not Path(args.chromium).exists():
        raise SystemExit(f"no Chromium at {args.chromium} (Debian: apt-get install chromium)")
    if not has_cjk_font():
        print(
            "warning: no CJK font (fc-list :lang=zh is empty): Chinese will show as boxes;"
            " apt-get install fonts-wqy-zenhei",
            file=sys.stderr,
        )
    args.out.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)

    if args.database_url:
        factory = session_factory(args.database_url)
        username = f"screenshots-{secrets.token_hex(3)}"
        zh, en = args.zh_sku or pick_sku(factory, True), args.en_sku or pick_sku(factory, False)
        written = _run(factory, username, password, zh, en, args)
        return _report(written)

    with scratch_database(args.pg_server, args.keep_database) as url:
        factory = session_factory(url)
        seed(factory)
        written = _run(
            factory, REVIEWER, password, args.zh_sku or "ZH-0006", args.en_sku or "EN-0005", args
        )
    _report(written)


def _run(
    factory: sessionmaker[Session],
    username: str,
    password: str,
    zh: str,
    en: str,
    args: argparse.Namespace,
) -> list[Path]:
    add_user(factory, username, password, Role.reviewer)
    try:
        with desk_server(factory) as base:
            shots = {
                "desk-queue.png": "/queue",
                "desk-product-zh.png": f"/products/{zh}",
                "desk-product-en.png": f"/products/{en}",
            }
            return photograph(base, username, password, shots, args.out, args.chromium, args.width)
    finally:
        remove_user(factory, username)


def _report(written: list[Path]) -> None:
    for path in written:
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
