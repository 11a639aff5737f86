"""The entities guard: a brand, marketplace or franchise the copy names must be the
product's own (in its facts). Small models borrow famous names: "Amazon's USB-C cable" for
a Voltiq cable, "Nike-style" trainers, "苹果同款".

Checked against a list of names that are brands and nothing else (no Apple/苹果, Target,
Puma, Dove or 美的, which are also words). A name the facts carry ("fits iPhone 15", the brand
field) is allowed.
"""

from __future__ import annotations

import functools

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, in_context, make_result, normalize
from worker.content.guards.terms import TermIndex, term_claims, term_index

# One brand per entry, with its spellings; written for this guard (no data set's names).
_BRANDS = """
amazon: amazon, amazon's | ebay: ebay | walmart: walmart | alibaba: alibaba, 阿里巴巴
aliexpress: aliexpress | taobao: taobao, 淘宝 | tmall: tmall, 天猫 | jd: jd.com, 京东
pinduoduo: pinduoduo, 拼多多 | shopify: shopify | etsy: etsy | flipkart: flipkart | myntra: myntra
iphone: iphone, ipad, macbook, airpods | samsung: samsung, 三星 | huawei: huawei, 华为
xiaomi: xiaomi, 小米 | sony: sony, 索尼 | lenovo: lenovo, 联想 | dell: dell | logitech: logitech
microsoft: microsoft | google: google | canon: 佳能 | nikon: nikon, 尼康 | gopro: gopro
bose: bose | anker: anker | philips: philips, 飞利浦 | dyson: dyson, 戴森 | bosch: bosch
haier: haier, 海尔 | midea: midea | gree: 格力 | oppo: oppo | vivo: vivo
nike: nike, 耐克 | adidas: adidas, 阿迪达斯 | reebok: reebok | new balance: new balance
under armour: under armour | skechers: skechers
li-ning: li-ning, 李宁 | anta: anta, 安踏 | gucci: gucci, 古驰 | prada: prada
chanel: chanel, 香奈儿 | louis vuitton: louis vuitton, 路易威登 | hermes: hermès, hermes, 爱马仕
dior: dior, 迪奥 | zara: zara | h&m: h&m | uniqlo: uniqlo, 优衣库 | levi's: levi's, levis
ikea: ikea, 宜家 | lego: lego, 乐高 | disney: disney, 迪士尼
hello kitty: hello kitty | starbucks: starbucks, 星巴克 | loreal: l'oréal, l'oreal, 欧莱雅
estee lauder: estée lauder, estee lauder, 雅诗兰黛 | lancome: lancôme, lancome, 兰蔻
"""


@functools.cache
def _index() -> TermIndex:
    return term_index(_BRANDS)


def foreign_names(text: str, facts_text: FactsText) -> list[tuple[str, int, int]]:
    """(surface, start, end) for each listed brand in NFKC `text` that is not the product's."""
    known = {brand for s in facts_text.strings for _, brand, _, _ in term_claims(s, _index())}
    return [(s, a, b) for s, brand, a, b in term_claims(text, _index()) if brand not in known]


def check_entities(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = foreign_names(norm, facts_text)
    failures = list(dict.fromkeys(f"entity:foreign_name {s}" for s, _, _ in hits))
    details = [f"'{s}' in {in_context(norm, a, b)}" for s, a, b in hits[:10]]
    return make_result("entities", failures, details, "names only the product's own brand")
