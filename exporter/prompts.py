"""The fixed product prompts used by the parity check and the benchmark (zh and en).

Fixed on purpose: parity results and benchmark numbers are only comparable across exports
and machines if every run feeds the same prompts.
"""

from __future__ import annotations

from typing import Any

from worker.catalog.locales import is_chinese

SYSTEM_EN = (
    "You are a copywriter for an online store. Write accurate, concise product copy using"
    " only the facts given."
)
SYSTEM_ZH = "你是一名电商文案。只根据给出的信息，写准确、简洁的商品文案。"

PRODUCTS: list[dict[str, Any]] = [
    {
        "locale": "en",
        "title": "Acme TrailLite 28L Backpack",
        "facts": "Brand: Acme. Category: outdoor bags. Capacity 28 L; weight 0.9 kg;"
        " water-resistant nylon; padded sleeve fits 15-inch laptops.",
    },
    {
        "locale": "en",
        "title": "Northwind Ceramic Pour-Over Coffee Dripper",
        "facts": "Brand: Northwind. Category: kitchen. Ceramic; makes 1-2 cups;"
        " fits size 02 paper filters; dishwasher safe.",
    },
    {
        "locale": "en",
        "title": "Lumen Desk Lamp",
        "facts": "Brand: Lumen. LED; 3 colour temperatures; USB-C.",
    },
    {
        "locale": "en",
        "title": "Contoso Merino Wool Running Socks (3 pairs)",
        "facts": "Brand: Contoso. Category: sportswear. 3 pairs per pack; 60% merino wool,"
        " 38% nylon, 2% elastane; cushioned sole; sizes S, M, L; machine washable at 30 °C;"
        " odour-resistant; reinforced heel and toe for long runs on trails and roads.",
    },
    {
        "locale": "zh-CN",
        "title": "米家不锈钢保温杯",
        "facts": "品牌：米家。类目：水杯。容量 480 毫升；316 不锈钢内胆；保温 12 小时。",
    },
    {
        "locale": "zh-CN",
        "title": "南风纯棉四件套",
        "facts": "品牌：南风。类目：床品。100% 纯棉；适用 1.8 米床；"
        "含被套、床单、两个枕套；可机洗。",
    },
    {
        "locale": "zh-CN",
        "title": "极光无线蓝牙耳机",
        "facts": "品牌：极光。蓝牙 5.3；续航 30 小时。",
    },
    {
        "locale": "zh-CN",
        "title": "青山儿童学习台灯",
        "facts": "品牌：青山。类目：台灯。LED 光源；三档亮度调节；无频闪；USB 充电；"
        "续航 6 小时；适合 6 岁以上儿童阅读和写作业使用；底座防滑。",
    },
]


def product_messages(product: dict[str, Any]) -> list[dict[str, str]]:
    if is_chinese(product["locale"]):
        user = f"请为这件商品写一段两句话的商品描述：{product['title']}。{product['facts']}"
        return [{"role": "system", "content": SYSTEM_ZH}, {"role": "user", "content": user}]
    user = f"Write a two-sentence product description for: {product['title']}. {product['facts']}"
    return [{"role": "system", "content": SYSTEM_EN}, {"role": "user", "content": user}]


def product_prompts() -> list[list[dict[str, str]]]:
    return [product_messages(p) for p in PRODUCTS]
