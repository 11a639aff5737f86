"""Web load check: the review desk's queue pages and the HTTP API at a million content rows,
p50/p95 latency per endpoint. The desk is keyset-paged and indexed for exactly this size;
this is where that claim is measured, and where a filter that falls off its index shows.

    python -m bench.web_load [--rows 1000000] [--requests 200] [--fresh]
                             [--database-url postgresql://postgres@127.0.0.1:5432/shelfwriter_webload]
                             [--only queue_first,search_sku] [--out bench/results/web_load.txt]

Not a test: it prints numbers and asserts nothing. Steps:

1. A scratch database (`shelfwriter_webload` by default), migrated to head and filled with
   SQL `generate_series` inserts: rows/4 products (half `en`, half `zh-CN`, titles built from
   brand, style, colour, material and noun word lists, a model code on some electronics and
   kitchen items, eight categories of uneven size spread over all ids, and a ninth,
   `seasonal/holiday`, only on the oldest 3% of products) and four content units each
   (description, tags, recommendation_copy with a segment, review_summary). Status mix:
   ~80% generated, 8% approved, 4% edited (a fifth of them with `quality.stale_since_edit`),
   3% rejected, 5% failed with guard reasons in `error` ("no candidate passed the guards:
   claim:…", "audience:…"); 1% of generated rows carry a failed retry
   (`quality.last_failure`). The products triggers are disabled during the load (they would
   write one catalog_events row per product) and catalog_events is emptied after. VACUUM
   ANALYZE at the end. A rerun reuses the database when it holds the requested rows;
   `--fresh` drops it first.
2. EXPLAIN (ANALYZE, BUFFERS) of each queue variant, on the statements `queue_page` runs
   (`worker.content.review.queue_statement`; a product filter's newest-ids window, then,
   if that came up short, the product-driven query, with the plain keyset statement beside
   them), so a slow variant shows which index is or is not used.
3. The real app (`worker.web.app.create_app`) served by uvicorn in a thread on a free port;
   a reviewer signs in through /login (CSRF token from the form) and a read token calls
   the API. Each endpoint: a few warm-up requests, then `--requests` sequential requests
   with varied parameters (at most `--budget-s` seconds each), timed client-side with
   httpx, body read included.

Client and server share one Python process (and the GIL, and its garbage collector: the
~50 ms maximum most endpoints show once per ~120 requests is a full collection of that
shared heap) and the database server runs on the same machine, so numbers are an upper
bound for the app itself; on a busy shared machine rerun before trusting a single slow
figure. Output: the EXPLAIN summaries, a table (p50, p95, max ms, mean rows per page) and,
last, one JSON line {"content_rows": N, endpoint: {"p50_ms": …, "p95_ms": …}, …}.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Before any worker module reads its settings: the session cookie must travel over http.
os.environ["SHELFWRITER_WEB_COOKIE_SECURE"] = "0"

import httpx  # noqa: E402
from sqlalchemy import Connection, Select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.scratch import (  # noqa: E402
    comment_on_database,
    database_comment,
    drop_database,
    explain_analyze,
    progress,
    say,
    sql_literal,
    sql_text_array,
)
from tests.processes import desk_server  # noqa: E402
from worker.config import get_settings  # noqa: E402
from worker.content.review import QueueFilter, queue_statement, recent_window  # noqa: E402
from worker.db import create_engine_for, session_factory  # noqa: E402
from worker.models import Product, ProductContent, Role, TokenScope  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/shelfwriter_webload"
BENCH_USER = "webload-bench"
# A new password each run: the bench user exists only for the length of it.
BENCH_PASSWORD = secrets.token_urlsafe(16)
NO_CANDIDATE = "no candidate passed the guards: "  # worker.content.model_generator's prefix
MODEL_VERSION = "shelfwriter-qwen2.5-0.5b-instruct@2026-11-30"
# Written as the database's comment after a complete load; bump it when the data changes.
LAYOUT = "bench.web_load layout 2"

# Word lists for titles. Only these constants are interpolated into the load SQL, no input.
BRANDS_EN = [
    "Northwind", "Acme", "Bluebird", "Harbor", "Kestrel", "Lumen", "Maple Lane", "Oakridge",
    "Pioneer", "Quill", "Redstone", "Summit", "Tidewater", "Urban Trail", "Vesper", "Willow",
    "Zephyr", "Aurora", "Cobalt", "Driftwood",
]  # fmt: skip
STYLES_EN = [
    "classic", "slim fit", "oversized", "lightweight", "waterproof", "breathable", "vintage",
    "everyday", "premium", "compact", "foldable", "insulated", "stretch", "relaxed", "cropped",
    "quilted", "ribbed", "padded", "wireless", "ergonomic",
]  # fmt: skip
COLOURS_EN = [
    "black", "white", "navy", "olive", "beige", "grey", "red", "forest green", "sky blue",
    "burgundy", "mustard", "charcoal", "blush pink", "cream", "teal",
]  # fmt: skip
MATERIALS_EN = [
    "cotton", "linen", "wool", "denim", "leather", "silk", "polyester", "bamboo", "cashmere",
    "canvas", "stainless steel", "ceramic", "oak", "recycled nylon",
]  # fmt: skip
BRANDS_ZH = ["北辰", "云朵", "小鹿", "青木", "星河", "暖阳", "山野", "素然", "拾光", "半亩",
             "南风", "初见", "木槿", "栖溪", "禾田", "知秋"]  # fmt: skip
STYLES_ZH = ["修身", "宽松", "轻薄", "防水", "透气", "复古", "百搭", "高端", "便携", "加厚",
             "弹力", "休闲", "短款", "保暖", "简约", "韩版"]  # fmt: skip
COLOURS_ZH = ["黑色", "白色", "藏青", "军绿", "米色", "灰色", "红色", "墨绿", "天蓝", "酒红",
              "姜黄", "炭灰", "浅粉", "奶白"]  # fmt: skip
MATERIALS_ZH = ["纯棉", "亚麻", "羊毛", "牛仔", "真皮", "真丝", "涤纶", "竹纤维", "羊绒", "帆布",
                "不锈钢", "陶瓷", "橡木"]  # fmt: skip
# (category, share of products, English nouns, Chinese nouns, carries a model code)
CATEGORIES: list[tuple[str, float, list[str], list[str], bool]] = [
    ("apparel/tops", 0.24, ["t-shirt", "shirt", "blouse", "hoodie", "sweater", "polo"],
     ["T恤", "衬衫", "卫衣", "毛衣", "针织衫", "雪纺衫"], False),
    ("apparel/dresses", 0.12, ["dress", "maxi dress", "shirt dress", "skirt"],
     ["连衣裙", "半身裙", "吊带裙"], False),
    ("shoes", 0.14, ["sneakers", "boots", "sandals", "loafers"],
     ["运动鞋", "靴子", "凉鞋", "乐福鞋"], False),
    ("bags", 0.10, ["backpack", "tote bag", "crossbody bag", "wallet"],
     ["双肩包", "托特包", "斜挎包", "钱包"], False),
    ("home/kitchen", 0.14, ["mug", "teapot", "chef knife", "cutting board", "frying pan"],
     ["马克杯", "茶壶", "菜刀", "砧板", "平底锅"], True),
    ("beauty/skincare", 0.12, ["face cream", "serum", "cleanser", "lip balm"],
     ["面霜", "精华液", "洁面乳", "润唇膏"], False),
    ("electronics/audio", 0.08, ["headphones", "earbuds", "speaker"],
     ["头戴耳机", "蓝牙耳机", "音箱"], True),
    ("toys", 0.06, ["puzzle", "building blocks", "plush toy"], ["拼图", "积木", "毛绒玩具"], False),
]  # fmt: skip
# A collection imported first and never restocked: the oldest ids only. Real catalogs grow by
# import, so a category's products cluster in id; the keyset plan (newest id first, filter
# on the way) meets this category's first match only after every newer row.
OLD_CATEGORY = ("seasonal/holiday", 0.03, ["gift set", "advent calendar", "ornament"],
                ["礼盒", "日历", "挂饰"], False)  # fmt: skip
KINDS = ["description", "tags", "recommendation_copy", "review_summary"]
SEGMENTS = ["students", "gift_buyers", "budget_shoppers"]
REASONS = [
    "claim:unsupported_efficacy anti-aging",
    "claim:unsupported_efficacy 美白",
    "claim:forbidden_health cures",
    "claim:unsupported_health 抗菌",
    "audience:contradicts_facts for kids",
    "audience:unsupported_gender for men",
    "audience:contradicts_facts 孕妇",
    "entities:unknown_brand Nike",
    "fact:price_mismatch 99",
    "filler:stock_phrase must-have",
]
REVIEWERS = ["mei", "sam", "lena", "jun"]
# Search terms nobody's title holds (a typo, a product the shop does not sell).
# Chinese two-character words give pg_trgm no trigram to look up.
MISSES = ["cashmeer", "sneekers", "thermos", "snowboard", "连依裙", "羽绒服", "羽绒", "外套"]


def _pick(values: list[str]) -> str:
    return f"({sql_text_array(values)})[1 + floor(random() * {len(values)})::int]"


SETVAL_PRODUCTS = (
    "SELECT setval(pg_get_serial_sequence('products', 'id'), (SELECT max(id) FROM products))"
)
SETVAL_CONTENT = (
    "SELECT setval(pg_get_serial_sequence('product_content', 'id'),"
    " (SELECT max(id) FROM product_content))"
)


def _products_sql() -> str:
    def bound(name: str, lo: float, hi: float, en: list[str], zh: list[str], coded: int) -> str:
        words = f"{sql_text_array(en)}, {sql_text_array(zh)}"
        return f"({sql_literal(name)}, {lo}, {hi}, {words}, {coded})"

    bounds, lo = [], 0.0
    for i, (name, share, en, zh, coded) in enumerate(CATEGORIES):
        hi = 1.0001 if i == len(CATEGORIES) - 1 else lo + share
        bounds.append(bound(name, lo, hi, en, zh, coded))
        lo = hi
    name, share, en, zh, coded = OLD_CATEGORY
    bounds.append(bound(name, -2, -0.5, en, zh, coded))
    cats = ",\n        ".join(bounds)
    return f"""
    WITH cats(category, lo, hi, nouns_en, nouns_zh, coded) AS (VALUES
        {cats})
    INSERT INTO products (id, sku, locale, title, brand, category, attributes, keywords,
                          price, currency, created_at, updated_at)
    SELECT i, 'SW-' || lpad(i::text, 8, '0'), loc,
           CASE WHEN loc = 'en' THEN concat_ws(' ', brand, style, colour, material, noun, code)
                ELSE concat(brand, style, colour, material, noun, ' ' || code) END,
           brand, category,
           jsonb_build_object('colour', colour, 'material', material, 'style', style),
           ARRAY[noun, material, colour],
           round((5 + random() * 295)::numeric, 2),
           CASE WHEN loc = 'en' THEN 'USD' ELSE 'CNY' END,
           ts, ts
    FROM (
        SELECT s.i, s.loc, c.category,
               CASE WHEN s.loc = 'en' THEN {_pick(BRANDS_EN)} ELSE {_pick(BRANDS_ZH)} END AS brand,
               CASE WHEN s.loc = 'en' THEN {_pick(STYLES_EN)} ELSE {_pick(STYLES_ZH)} END AS style,
               CASE WHEN s.loc = 'en' THEN {_pick(COLOURS_EN)}
                    ELSE {_pick(COLOURS_ZH)} END AS colour,
               CASE WHEN s.loc = 'en' THEN {_pick(MATERIALS_EN)}
                    ELSE {_pick(MATERIALS_ZH)} END AS material,
               CASE WHEN s.loc = 'en'
                    THEN c.nouns_en[1 + floor(random() * cardinality(c.nouns_en))::int]
                    ELSE c.nouns_zh[1 + floor(random() * cardinality(c.nouns_zh))::int]
               END AS noun,
               CASE WHEN c.coded AND random() < 0.6
                    THEN chr(65 + s.i % 26) || chr(65 + (s.i / 26) % 26) || '-'
                         || (100 + (s.i / 676) % 900)::text
               END AS code,
               now() - random() * interval '90 days' AS ts
        FROM (SELECT i, CASE WHEN i % 2 = 0 THEN 'en' ELSE 'zh-CN' END AS loc,
                     CASE WHEN i <= :n * {OLD_CATEGORY[1]} THEN -1 ELSE random() END AS rc
              FROM generate_series(1, :n) i OFFSET 0) s
        JOIN cats c ON s.rc >= c.lo AND s.rc < c.hi
        OFFSET 0
    ) g
    """  # noqa: S608


def _content_sql() -> str:
    kinds = ", ".join(f"({n}, {sql_literal(k)})" for n, k in enumerate(KINDS, 1))
    no_candidate = sql_literal(NO_CANDIDATE)
    stale_reason = sql_literal(
        "the product changed; a person owns this row, so it was not regenerated"
    )
    return f"""
    INSERT INTO product_content (id, product_id, kind, segment, locale, body, status, locked,
        source, model_version, input_hash, prompt_version, quality, error, attempts,
        created_at, updated_at, generated_at)
    SELECT id, product_id, kind, segment, locale,
           CASE WHEN status = 'failed' THEN NULL ELSE body END,
           status, status = 'edited', CASE WHEN status = 'edited' THEN 'human' ELSE 'model' END,
           {sql_literal(MODEL_VERSION)}, md5(id::text || '/in'), kind || '-v3',
           jsonb_build_object('model', 'shelfwriter-qwen2.5-0.5b',
                              'provider', 'CPUExecutionProvider',
                              'prompt_tokens', 150 + floor(r2 * 150)::int,
                              'completion_tokens', 40 + floor(r3 * 120)::int)
           || CASE WHEN status = 'failed' THEN jsonb_build_object(
                  'guards', jsonb_build_object('name', 'grounding', 'passed', false,
                      'detail', reason, 'failures', jsonb_build_array(reason)),
                  'candidates', jsonb_build_array(
                      jsonb_build_object('score', 0, 'failures', jsonb_build_array(reason),
                                         'text', left(body, 160)),
                      jsonb_build_object('score', 0, 'failures', jsonb_build_array(reason),
                                         'text', left(body, 120))))
              ELSE jsonb_build_object(
                  'score', round((0.55 + r3 * 0.4)::numeric, 3),
                  'guards', jsonb_build_object('name', 'grounding', 'passed', true,
                      'detail', 'every sentence grounded in the facts',
                      'failures', '[]'::jsonb),
                  'candidates', jsonb_build_array(
                      jsonb_build_object('score', round((0.55 + r3 * 0.4)::numeric, 3),
                          'failures', '[]'::jsonb, 'text', left(body, 180),
                          'fluency', round(r2::numeric, 3), 'coverage', round(r3::numeric, 3)),
                      jsonb_build_object('score', 0, 'failures', jsonb_build_array(reason),
                                         'text', left(body, 120)),
                      jsonb_build_object('score', round((0.4 + r2 * 0.3)::numeric, 3),
                          'failures', '[]'::jsonb, 'text', left(body, 140))))
              END
           || CASE status
                WHEN 'approved' THEN jsonb_build_object('review', jsonb_build_array(
                    jsonb_build_object('action', 'approve', 'by', reviewer, 'reason', NULL,
                                       'at', updated)))
                WHEN 'edited' THEN jsonb_build_object('review', jsonb_build_array(
                    jsonb_build_object('action', 'edit', 'by', reviewer, 'reason', NULL,
                                       'at', updated)))
                WHEN 'rejected' THEN jsonb_build_object('review', jsonb_build_array(
                    jsonb_build_object('action', 'reject', 'by', reviewer,
                                       'reason', 'the tone is off for this brand',
                                       'at', updated)))
                ELSE '{{}}'::jsonb END
           || CASE WHEN (status = 'edited' AND r4 < 0.2) OR (status = 'approved' AND r4 < 0.05)
                   THEN jsonb_build_object('stale_since_edit', jsonb_build_object(
                        'input_hash', md5(id::text || '/next'), 'reason', {stale_reason}))
                   ELSE '{{}}'::jsonb END
           || CASE WHEN retry THEN jsonb_build_object('last_failure', jsonb_build_object(
                        'error', {no_candidate} || reason,
                        'input_hash', md5(id::text || '/retry'),
                        'model_version', {sql_literal(MODEL_VERSION)}))
                   ELSE '{{}}'::jsonb END,
           CASE WHEN status = 'failed' OR retry THEN {no_candidate} || reason END,
           CASE WHEN status = 'failed' OR retry THEN 2 ELSE 1 END,
           updated - r3 * interval '30 days', updated,
           CASE WHEN status <> 'failed' THEN updated - r3 * interval '30 days' END
    FROM (
        SELECT y.*,
               CASE
                 WHEN kind = 'description' AND locale = 'en' THEN format(
                   'The %s is a %s %s piece in %s that keeps its shape wash after wash. '
                   'Soft to the touch and easy to pair, it is built for busy weeks and '
                   'weekends away alike, with neat seams and a finish that lasts.',
                   title, style, material, colour)
                 WHEN kind = 'description' THEN format(
                   '这款%s采用%s材质，%s设计上身舒适，%s配色低调耐看。日常通勤、周末出游都很合适，'
                   '细节做工考究，是衣橱与家中都用得上的实用单品。',
                   title, material, style, colour)
                 WHEN kind = 'tags' THEN concat_ws(', ', colour, material, style, noun)
                 WHEN kind = 'recommendation_copy' AND locale = 'en' THEN format(
                   'For %s: a %s %s that does its job every day without fuss.',
                   replace(segment, '_', ' '), colour, noun)
                 WHEN kind = 'recommendation_copy' THEN format(
                   '推荐给%s：%s%s，实用耐用，性价比高。',
                   CASE segment WHEN 'students' THEN '学生' WHEN 'gift_buyers' THEN '送礼的人'
                                ELSE '精打细算的消费者' END, colour, noun)
                 WHEN locale = 'en' THEN format(
                   'Buyers like the %s feel and the %s colour; a few say the %s runs small. '
                   'Most would buy it again.', material, colour, noun)
                 ELSE format('买家普遍称赞%s的质感和%s配色，少数人反映%s尺码偏小，多数表示会回购。',
                   material, colour, noun)
               END AS body
        FROM (
            SELECT (p.id - 1) * 4 + k.n AS id, p.id AS product_id, k.kind,
                   CASE WHEN k.kind = 'recommendation_copy'
                        THEN ({sql_text_array(SEGMENTS)})[1 + (p.id % {len(SEGMENTS)})::int]
                        ELSE '' END AS segment,
                   p.locale, p.title, p.keywords[1] AS noun,
                   p.attributes ->> 'colour' AS colour, p.attributes ->> 'material' AS material,
                   p.attributes ->> 'style' AS style,
                   CASE WHEN r < 0.80 THEN 'generated' WHEN r < 0.88 THEN 'approved'
                        WHEN r < 0.92 THEN 'edited' WHEN r < 0.95 THEN 'rejected'
                        ELSE 'failed' END AS status,
                   r < 0.008 AS retry, r2, r3, r4,
                   CASE WHEN r5 < 0.3
                        THEN {_pick(REASONS)} || '; ' || {_pick(REASONS)}
                        ELSE {_pick(REASONS)} END AS reason,
                   {_pick(REVIEWERS)} AS reviewer,
                   now() - r4 * interval '30 days' AS updated
            FROM (SELECT p.*, random() AS r, random() AS r2, random() AS r3, random() AS r4,
                         random() AS r5
                  FROM products p WHERE p.id BETWEEN :lo AND :hi OFFSET 0) p
            CROSS JOIN (VALUES {kinds}) k(n, kind)
            OFFSET 0
        ) y
    ) z
    """  # noqa: S608


def _holds(url: str, products: int) -> bool:
    """True when the database exists, is migrated and holds exactly this load."""
    if database_comment(url) != f"{LAYOUT}, {products} products":  # None: no database
        return False
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM product_content)"
                )
            ).one()
            return bool(found[0] == products and found[1] == products * len(KINDS))
    finally:
        engine.dispose()


def load(url: str, products: int, fresh: bool, seed: float) -> None:
    from worker.migrate import upgrade

    if not fresh and _holds(url, products):
        progress(f"reusing {make_url(url).database}: {products * len(KINDS):,} content rows")
        return
    drop_database(url)
    progress(f"creating {make_url(url).database} and migrating to head")
    upgrade("head", url)
    engine = create_engine_for(url)
    started = time.monotonic()
    try:
        with engine.begin() as conn:
            # One catalog_events row and a NOTIFY per product otherwise (0001's triggers).
            conn.execute(text("ALTER TABLE products DISABLE TRIGGER USER"))
            conn.execute(text("SET LOCAL synchronous_commit = off"))
            conn.execute(text("SELECT setseed(:s)"), {"s": seed})
            progress(f"products: inserting {products:,}")
            conn.execute(text(_products_sql()), {"n": products})
            conn.execute(text("ALTER TABLE products ENABLE TRIGGER USER"))
            conn.execute(text("TRUNCATE catalog_events"))
        progress(f"products done in {time.monotonic() - started:.0f} s")
        batch = 25_000
        sql = text(_content_sql())
        for lo in range(1, products + 1, batch):
            hi = min(lo + batch - 1, products)
            with engine.begin() as conn:
                conn.execute(text("SET LOCAL synchronous_commit = off"))
                conn.execute(text("SELECT setseed(:s)"), {"s": (seed + lo / products) % 1.0})
                conn.execute(sql, {"lo": lo, "hi": hi})
            progress(
                f"content: {hi * len(KINDS):,}/{products * len(KINDS):,} rows"
                f" ({time.monotonic() - started:.0f} s)"
            )
        with engine.begin() as conn:
            # The generate_series inserts set ids by hand: move the sequences past them.
            conn.execute(text(SETVAL_PRODUCTS))
            conn.execute(text(SETVAL_CONTENT))
    finally:
        engine.dispose()
    progress("VACUUM ANALYZE (visibility map and statistics, as a settled database has)")
    vacuum = create_engine_for(url, isolation_level="AUTOCOMMIT")
    try:
        with vacuum.connect() as conn:
            conn.execute(text("VACUUM (ANALYZE) products, product_content, catalog_events"))
    finally:
        vacuum.dispose()
    comment_on_database(url, f"{LAYOUT}, {products} products")
    progress(f"loaded in {time.monotonic() - started:.0f} s")


@dataclass(frozen=True)
class Facts:
    """What the generated database holds, for varied request parameters."""

    products: int
    max_content_id: int
    codes: list[str]
    categories: list[str]


def facts_of(url: str, products: int) -> Facts:
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            max_id = int(conn.scalar(text("SELECT max(id) FROM product_content")) or 0)
            codes = list(
                conn.scalars(
                    text(
                        "SELECT substring(title from '[A-Z]{2}-[0-9]+$') FROM products"
                        " TABLESAMPLE SYSTEM (5) REPEATABLE (7)"
                        " WHERE title ~ '[A-Z]{2}-[0-9]+$' LIMIT 300"
                    )
                )
            )
    finally:
        engine.dispose()
    return Facts(products, max_id, codes or MISSES, [c[0] for c in CATEGORIES])  # uniform ones


Surface = Literal["desk", "api"]


@dataclass
class Endpoint:
    key: str
    label: str
    surface: Surface
    path: Callable[[random.Random], str]
    # The queue variant EXPLAIN shows for this endpoint (filters, older_than), if any.
    explain: tuple[QueueFilter, int | None] | None = None
    before: Callable[[], None] | None = None
    requests: int | None = None


@dataclass
class Timing:
    ms: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    errors: int = 0
    statuses: set[int] = field(default_factory=set)


def _q(path: str, **params: Any) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def endpoints(facts: Facts) -> list[Endpoint]:
    from worker.web import overview

    words_en = STYLES_EN + COLOURS_EN + MATERIALS_EN + [n for c in CATEGORIES for n in c[2]]
    words_zh = COLOURS_ZH + MATERIALS_ZH + STYLES_ZH + [n for c in CATEGORIES for n in c[3]]
    mid = facts.max_content_id // 2

    def deep(r: random.Random) -> int:
        return r.randint(facts.max_content_id // 5, facts.max_content_id * 4 // 5)

    def sku(r: random.Random) -> str:
        return f"SW-{r.randint(1, facts.products):08d}"

    def rare(r: random.Random) -> str:
        return r.choice(facts.codes) if r.random() < 0.5 else r.choice(MISSES)

    def kind_locale(r: random.Random) -> str:
        return _q("/queue", kind=r.choice(KINDS), locale=r.choice(["en", "zh-CN"]))

    return [
        Endpoint("queue_first", "desk /queue, first page", "desk", lambda r: "/queue",
                 (QueueFilter(), None)),
        Endpoint("queue_deep", "desk /queue?older_than=<middle id>", "desk",
                 lambda r: _q("/queue", older_than=deep(r)), (QueueFilter(), mid)),
        Endpoint("queue_failed", "desk status=failed", "desk",
                 lambda r: _q("/queue", status="failed"), (QueueFilter(status="failed"), None)),
        Endpoint("queue_edited_changed", "desk status=edited&changed_since_edit=1", "desk",
                 lambda r: _q("/queue", status="edited", changed_since_edit=1),
                 (QueueFilter(status="edited", changed_since_edit=True), None)),
        Endpoint("queue_kind_locale", "desk kind=…&locale=…", "desk", kind_locale,
                 (QueueFilter(kind="review_summary", locale="zh-CN"), None)),
        Endpoint("queue_reason", "desk reason=claim:|audience:", "desk",
                 lambda r: _q("/queue", reason=r.choice(["claim:", "audience:", "entities:"])),
                 (QueueFilter(reason="audience:"), None)),
        Endpoint("queue_category", "desk category=…", "desk",
                 lambda r: _q("/queue", category=r.choice(facts.categories)),
                 (QueueFilter(category="toys"), None)),
        Endpoint("queue_category_old", f"desk category={OLD_CATEGORY[0]} (oldest ids only)",
                 "desk", lambda r: _q("/queue", category=OLD_CATEGORY[0]),
                 (QueueFilter(category=OLD_CATEGORY[0]), None)),
        Endpoint("search_title_old", "desk q=<word only old titles hold>", "desk",
                 lambda r: _q("/queue", q=r.choice(OLD_CATEGORY[2] + OLD_CATEGORY[3])),
                 (QueueFilter(q="ornament"), None)),
        Endpoint("search_title_en", "desk q=<English title word>", "desk",
                 lambda r: _q("/queue", q=r.choice(words_en)), (QueueFilter(q="cashmere"), None)),
        Endpoint("search_title_zh", "desk q=<Chinese title word>", "desk",
                 lambda r: _q("/queue", q=r.choice(words_zh)), (QueueFilter(q="衬衫"), None)),
        Endpoint("search_rare", "desk q=<model code or no match>", "desk",
                 lambda r: _q("/queue", q=rare(r)), (QueueFilter(q="羽绒"), None)),
        Endpoint("search_sku", "desk q=<sku>", "desk", lambda r: _q("/queue", q=sku(r)),
                 (QueueFilter(q=f"SW-{facts.products // 3:08d}"), None)),
        Endpoint("product_page", "desk /products/<sku>", "desk",
                 lambda r: f"/products/{sku(r)}"),
        Endpoint("api_queue_first", "API /api/queue", "api", lambda r: "/api/queue"),
        Endpoint("api_queue_deep", "API /api/queue?older_than=<middle id>", "api",
                 lambda r: _q("/api/queue", older_than=deep(r))),
        Endpoint("api_product_content", "API /api/products/<sku>/content", "api",
                 lambda r: f"/api/products/{sku(r)}/content"),
        Endpoint("overview", "desk /overview (its 30 s cache, as served)", "desk",
                 lambda r: "/overview"),
        Endpoint("overview_cold", "desk /overview, cache cleared each time", "desk",
                 lambda r: "/overview", before=overview.forget, requests=20),
    ]  # fmt: skip


def _plan(conn: Connection, stmt: Select[ProductContent, Product]) -> tuple[list[str], float, int]:
    """EXPLAIN (ANALYZE, BUFFERS) of the statement as psycopg2 sends it: (plan lines,
    execution ms, rows the top node returned)."""
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    cur = conn.connection.cursor()
    try:
        plan = explain_analyze(cur, compiled.string, compiled.params)
    finally:
        cur.close()
    times = [re.search(r"Execution Time: ([\d.]+)", p) for p in plan]
    top = re.search(r"actual time=[\d.]+\.\.[\d.]+ rows=(\d+)", plan[0])
    return plan, next((float(m.group(1)) for m in times if m), 0.0), int(top.group(1)) if top else 0


def explain(url: str, eps: list[Endpoint], lines: list[str], full_over_ms: float) -> None:
    """Each variant's statements as queue_page runs them. A product filter (category, q,
    sku) runs the newest-ids window first and the product-driven query only when the window
    did not fill a page; the plain keyset statement (the shape before the window) is shown
    beside them for comparison."""
    engine = create_engine_for(url)
    say(lines, "## EXPLAIN (ANALYZE, BUFFERS) of the queue variants, as queue_page runs them")
    say(
        lines,
        f"   (whole plan when a statement takes {full_over_ms:.0f} ms or more, else its nodes)",
    )
    try:
        with engine.connect() as conn, Session(bind=conn) as session:

            def show(title: str, stmt: Select[ProductContent, Product]) -> int:
                plan, took, rows = _plan(conn, stmt)
                say(lines, f"  {title}: {rows} rows, {took:.1f} ms")
                # Short form: the nodes, their conditions and the timing lines.
                keep = ("->", "Index Cond", "Filter:", "Rows Removed", "Recheck", " Time:")
                body = plan if took >= full_over_ms else [
                    p for i, p in enumerate(plan) if i == 0 or any(k in p for k in keep)
                ]  # fmt: skip
                for p in body:
                    say(lines, "      " + p)
                return rows

            for ep in eps:
                if ep.explain is None:
                    continue
                f, older = ep.explain
                shown = {k: v for k, v in f.__dict__.items() if v not in (None, False)}
                say(lines, "")
                say(lines, f"### {ep.key}: filters {shown or '{}'}, older_than={older}")
                plain = queue_statement(f, older_than=older)
                if not (f.category or f.q or f.sku):
                    show("keyset", plain)
                    continue
                above, below, complete = recent_window(session, older_than=older)
                window = queue_statement(f, older_than=older, within=(above, below))
                if show(f"1. newest ids only, ({above}, {below})", window) <= 50 and not complete:
                    show(
                        "2. window short of a page: from the matching products",
                        queue_statement(f, older_than=older, from_products=True),
                    )
                else:
                    say(lines, "  2. from the matching products: not run (the window filled it)")
                show("(keyset alone, no window: the shape before)", plain)
    finally:
        engine.dispose()
    say(lines)


def _sign_in(desk: httpx.Client) -> None:
    page = desk.get("/login")
    page.raise_for_status()
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    if found is None:
        raise RuntimeError("no CSRF token in the login form")
    done = desk.post(
        "/login",
        data={
            "csrf": found.group(1),
            "username": BENCH_USER,
            "password": BENCH_PASSWORD,
            "next": "/queue",
        },
    )
    if done.status_code != 303 or done.headers.get("location") != "/queue":
        raise RuntimeError(f"login failed: {done.status_code} {done.text[:200]}")


def _rows_in(response: httpx.Response) -> int:
    if response.headers.get("content-type", "").startswith("application/json"):
        data = response.json()
        if "items" in data:
            return len(data["items"])
        return len(data.get("content", []))
    # A queue row, or a unit on the product page.
    return response.text.count('<tr data-id="') + response.text.count('<article class="unit"')


def measure(
    base: str, token: str, eps: list[Endpoint], requests: int, warmup: int, budget_s: float,
    seed: int,
) -> dict[str, Timing]:  # fmt: skip
    results: dict[str, Timing] = {}
    with (
        httpx.Client(base_url=base, timeout=60.0) as desk,
        httpx.Client(
            base_url=base, timeout=60.0, headers={"Authorization": f"Bearer {token}"}
        ) as api,
    ):
        _sign_in(desk)
        for ep in eps:
            client = desk if ep.surface == "desk" else api
            rng = random.Random(f"{seed}:{ep.key}")
            timing = Timing()
            n = min(requests, ep.requests or requests)
            started = time.monotonic()
            for i in range(warmup + n):
                path = ep.path(rng)
                if ep.before is not None:
                    ep.before()
                t0 = time.perf_counter()
                response = client.get(path)
                body = response.content
                ms = (time.perf_counter() - t0) * 1000
                del body
                if i < warmup:
                    continue
                timing.ms.append(ms)
                timing.statuses.add(response.status_code)
                if response.status_code != 200:
                    timing.errors += 1
                else:
                    timing.rows.append(_rows_in(response))
                if time.monotonic() - started > budget_s:
                    break
            results[ep.key] = timing
            progress(
                f"{ep.key}: {len(timing.ms)} requests, p50 {_pct(timing.ms, 50):.1f} ms,"
                f" p95 {_pct(timing.ms, 95):.1f} ms"
            )
    return results


def _pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def table(eps: list[Endpoint], results: dict[str, Timing], lines: list[str]) -> None:
    head = f"{'endpoint':22s} {'what':44s} {'n':>4s} {'p50 ms':>8s} {'p95 ms':>8s}"
    say(lines, head + f" {'max ms':>8s} {'rows/pg':>7s} {'errors':>6s}")
    for ep in eps:
        t = results.get(ep.key)
        if t is None:
            continue
        rows = sum(t.rows) / len(t.rows) if t.rows else 0.0
        mark = "  <- slow" if _pct(t.ms, 95) > 300 else ""
        say(
            lines,
            f"{ep.key:22s} {ep.label[:44]:44s} {len(t.ms):4d} {_pct(t.ms, 50):8.1f}"
            f" {_pct(t.ms, 95):8.1f} {max(t.ms):8.1f} {rows:7.1f} {t.errors:6d}{mark}",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="content rows (4/product)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--budget-s", type=float, default=60.0, help="max seconds per endpoint")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--only", default="", help="comma-separated endpoint keys")
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/web_load.txt")
    args = parser.parse_args()

    url: str = args.database_url
    products = max(1, args.rows // len(KINDS))
    load(url, products, args.fresh, (args.seed % 100) / 100)
    facts = facts_of(url, products)
    eps = endpoints(facts)
    if args.only:
        wanted = set(args.only.split(","))
        eps = [e for e in eps if e.key in wanted]

    lines: list[str] = []
    say(lines, f"# bench.web_load: {products * len(KINDS):,} content rows, {products:,} products")
    say(lines, f"# {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs shared with other"
                " work, client/server in one process; sequential requests")  # fmt: skip
    say(lines)
    if not args.no_explain:
        explain(url, eps, lines, full_over_ms=100.0)

    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    from worker.web.accounts import AccountError, add_user, create_token, remove_user

    factory = session_factory(url)
    with contextlib.suppress(AccountError):  # a rerun's user: a fresh one each run
        remove_user(factory, BENCH_USER)
    add_user(factory, BENCH_USER, BENCH_PASSWORD, Role.reviewer)
    _, token = create_token(factory, f"webload-{int(time.time())}", TokenScope.read)

    with desk_server(factory) as base:
        results = measure(base, token, eps, args.requests, args.warmup, args.budget_s, args.seed)

    say(lines, "## Latency, sequential requests (client-side, body read)")
    table(eps, results, lines)
    summary: dict[str, Any] = {"content_rows": products * len(KINDS)}
    for ep in eps:
        t = results[ep.key]
        summary[ep.key] = {"p50_ms": round(_pct(t.ms, 50), 1), "p95_ms": round(_pct(t.ms, 95), 1)}
    say(lines)
    say(lines, json.dumps(summary, ensure_ascii=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    progress(f"wrote {args.out}")


if __name__ == "__main__":
    main()
