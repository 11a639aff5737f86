"""The claims guard: a claim the product's facts do not carry is refused, by category, in
the spirit of JD's copywriting quality control and the Chinese Advertising Law.

Numbers, materials and colours are specs (guards.facts); these are the assertions a shop is
fined for or a buyer returns the product over: health and efficacy, certification and
testing, warranty and returns, environment and ethics, origin and authenticity, and
performance (waterproof, 防水…). A claim is supported when the facts name the same claim
(or a stronger one: waterproof facts support "water-resistant").

Food, supplements, cosmetics and medical devices may not claim to prevent or treat disease
at all (Advertising Law art. 17-18; 保健食品 may not claim disease prevention or treatment):
there health claims are refused even when the facts carry them, and soft phrasings
("有助于…健康", "helps support…") count as health claims too.

The tables were checked against the shared human copy (`bench/claims_mine.py`): which claim
words people write, and how often the facts back them; that run reports this guard's
false-refusal rate on human references.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from worker.content.guards.corpus import FactsText
from worker.content.guards.results import GuardResult, hits_result, normalize
from worker.content.guards.terms import TermIndex, term_claims, term_index

# "claim: surface, surface… | …" per category (the term-table format of guards.terms).
# Latin surfaces match on word edges; list inflections. Only words that assert the claim:
# no bare "natural" (a natural fit), "original" (an original print) or 透气/保暖 (how
# every fabric is described; human copy uses them on 1 in 10 products without a fact).
CLAIM_TABLES: dict[str, str] = {
    "health": """
prevent disease: prevent, prevents, preventing, prevention, 预防, 防病
treat disease: therapeutic, therapy, 治疗, 疗效, 主治, 药效
cure: cure, cures, cured, curing, 治愈, 根治, 痊愈
heal: heal, heals, healing, 愈合
immunity: immunity, immune system, immune-boosting, 免疫力, 增强免疫, 提高免疫, 少生病, 不生病,
  抵抗力
pain relief: relieves pain, pain relief, relieve pain, 止痛, 镇痛, 缓解疼痛, 疼痛
disease: disease, diseases, illness, osteoporosis, diabetes, cancer, blood pressure,
  cholesterol, cardiovascular, arthritis, insomnia, asthma, eczema, acne, allergies,
  疾病, 骨质疏松, 糖尿病, 癌症, 高血压, 降血压, 降血糖, 降血脂, 心血管, 失眠, 关节炎, 哮喘, 湿疹,
  颈椎病, 肩周炎, 腰椎间盘突出, 鼻炎
antioxidant effect: antioxidant effect, antioxidant effects, 抗氧化作用, 抗氧化功效, 抗氧化效果,
  抗氧化能力
beauty effect: anti-aging, anti-ageing, skin whitening, detox, detoxifies, 美容, 养颜, 美白,
  祛斑, 淡斑, 去斑, 黄褐斑, 雀斑, 晒斑, 抗衰老, 抗衰, 排毒, 祛痘
tcm effect: 清热, 降火, 祛湿, 去湿, 养胃, 护肝, 补肾, 安神, 清心, 润肺, 解毒, 补气, 养血, 活血
body function: sleep support, supports sleep, joint support, mobility support, immune support,
  digestive support, gut health, eye health, brain health, bone health, heart health,
  护眼, 明目, 视疲劳, 助眠, 助睡眠, 改善睡眠, 调理肠胃, 肠胃调理, 护颈椎, 护颈, 增肥, 长肉, 发腮,
  收缩毛孔, 缓解疲劳, 抗疲劳, 补脑, 健脑, 增高, 长高, 健脾, 助消化, 促进消化, 通便, 润肠,
  乌发, 黑发, 生发, 增发, 育发, 养发, 密发, 固发, 倒时差, 防下垂, 收副乳, 丰胸, 美胸
weight loss: weight loss, lose weight, slimming, fat burning, fat-burning, 减肥, 瘦身, 燃脂, 减脂,
  刮油, 排油, 吸油, 瘦肚子, 大肚子, 瘦腰, 收腹, 掉秤, 暴瘦, 躺瘦, 变瘦
bowel function: 宿便, 排宿便, 便秘, 清肠, 排便, 肠道健康, 润肠
germ killing: antibacterial, anti-bacterial, antimicrobial, kills germs, kills bacteria,
  disinfects, 杀菌, 抗菌, 抑菌, 除菌, 消毒
absolute safety: no side effects, completely safe, 100% safe, totally safe, harmless,
  无副作用, 造成伤害, 无任何伤害, 绝对安全, 无毒无害, 安全无害
absolute effect: 100% effective, 100%有效, 100%除净, 100%去除, 彻底清除, 一次根除, 永不复发, 有效率,
  增长率, 生长率, 见效
""",
    "certification": """
clinical: clinically proven, clinically tested, clinically, clinical trial, clinical trials,
  临床验证, 临床试验, 临床
dermatologist: dermatologist, dermatologists, dermatologically, 皮肤科医生
certified: certified, certification, certifications, certificate, 认证, 证书
tested: lab-tested, lab tested, laboratory tested, tested, 检测, 专业测试, 经过测试, 质检, 检验合格
patent: patent, patents, patented, 专利
approval: fda, fda-approved, approved, ce certified, iso, 国家标准, 国标, 批准
award: award, awards, award-winning, 获奖, 金奖
expert endorsement: doctor recommended, recommended by doctors, expert recommended,
  recommended by experts, 专家推荐, 医生推荐, 权威
""",
    "warranty": """
warranty: warranty, warranties, 质保, 保修, 保固
returns: money-back, money back, free returns, easy returns, return policy, refund, refunds,
  包退, 包换, 退换, 无理由退货, 七天无理由, 退款
shipping: free shipping, free delivery, 包邮, 免运费
after-sales: after-sales, after sales, 售后
""",
    "ingredients": """
nutrients: vitamin, vitamins, minerals, antioxidants, antioxidant, collagen, probiotics,
  omega-3, nutrient-rich, nutrient rich, nutrients, nutritious, 维生素, 矿物质, 抗氧化, 胶原蛋白,
  益生菌, 营养
""",
    "environment": """
eco-friendly: eco-friendly, eco friendly, environmentally friendly, environment-friendly,
  sustainable, sustainably, sustainability, carbon footprint, carbon neutral,
  carbon-neutral, 环保, 低碳, 可持续, 节水
organic: organic, 有机
natural: all-natural, all natural, 100% natural, natural ingredients, 纯天然, 天然成分, 天然,
  纯植物, 植物配方
vegan: vegan, cruelty-free, cruelty free, 零残忍
recycled: recycled, recyclable, biodegradable, compostable, 可回收, 可降解, 再生材料
non-toxic: non-toxic, nontoxic, chemical-free, chemical free, artificial ingredients,
  preservative-free, no preservatives, 无毒, 无添加, 零添加, 0添加, 不添加, 无甲醛, 无防腐剂
fair trade: fair trade, ethically sourced, 公平贸易
""",
    "origin": """
imported: imported, 进口, 原装进口
handmade: handmade, hand-made, handcrafted, hand-crafted, hand-stitched, hand-woven,
  handwoven, 手工, 纯手工, 手作
genuine: genuine, authentic, 100% original, original product, 正品, 官方正品, 原装, 官方授权, 专柜
made in: made in, country of origin, 产地, 原产
""",
    "performance": """
waterproof: waterproof, water-proof, 防水
water-resistant: water-resistant, water resistant, water-repellent, water repellent, 防泼水, 拒水
windproof: windproof, wind-resistant, wind resistant, 防风
uv protection: uv protection, uv-protection, uv protective, upf, spf, sun protection,
  防晒, 防紫外线, 抗紫外线
quick-dry: quick-dry, quick dry, quick-drying, fast-drying, moisture-wicking, sweat-wicking,
  速干, 快干, 吸湿排汗, 排汗
anti-slip: anti-slip, non-slip, slip-resistant, 防滑
wear-resistant: abrasion-resistant, wear-resistant, 耐磨
shockproof: shockproof, shock-proof, drop-proof, 防摔, 防震, 抗摔
scratch-resistant: scratch-resistant, scratch-proof, 防刮, 耐刮
stain-resistant: stain-resistant, stain-proof, 防污, 抗污
wrinkle-free: wrinkle-free, wrinkle-resistant, non-iron, 免烫, 抗皱
flame-retardant: flame-retardant, flame retardant, fireproof, fire-resistant, 阻燃, 防火
low power: low power, low-power, energy-saving, energy saving, energy-efficient,
  long battery life, 低功耗, 长续航, 超长续航, 节能, 省电
noise-cancelling: noise-cancelling, noise cancelling, noise-canceling, noise canceling, 降噪
anti-fraud: anti-fraud, rfid blocking, rfid-blocking, 防诈骗, 防盗刷
anti-theft: anti-theft, 防盗
odour-resistant: odour-resistant, odor-resistant, anti-odour, anti-odor, 防臭, 除臭
hypoallergenic: hypoallergenic, 低敏, 防过敏, 抗过敏
warmth: keeps you warm, keep you warm, keeps warm, keeping you warm, insulated, insulating,
  insulation, 保暖, 保暖性, 防寒, 御寒
breathable: breathable, breathability, 透气, 透气性
lightweight: lightweight, light-weight, featherweight, ultralight, ultra-light, 轻便, 轻盈, 轻巧,
  超轻
durable: durable, durability, long-lasting, hard-wearing, sturdy, 耐用, 经久耐用, 结实, 坚固, 耐穿,
  耐久
portable: portable, portability, 便携, 便于携带
taste: delicious, tasty, yummy, 美味, 好吃, 可口
high performance: high-performance, high performance, powerful, 高性能, 功能强大, 性能强大,
  性能卓越, 高效
""",
    # What buyers think of it, said without a review or a sales figure behind it: false
    # advertising of sales and reputation (深受消费者喜爱 of a jacket no review mentions).
    "popularity": """
popular: best-loved, much-loved, customer favourite, customer favorite, fan favourite,
  fan favorite, top-rated, highly rated, highly-rated, loved by, 深受喜爱, 深受消费者喜爱,
  深受欢迎, 广受好评, 好评如潮, 备受青睐, 广受欢迎, 热销, 畅销, 爆款, 深受好评, 备受好评,
  大受好评, 颇受好评, 深受青睐, 广受青睐, 备受追捧, 深受追捧, 广受追捧, 大受欢迎, 备受欢迎,
  颇受欢迎, 非常受欢迎, 很受欢迎, 最受欢迎, 十分受欢迎, 高人气, 人气单品, 人气款, 人气爆款,
  popular, popular choice, most popular, very popular, hugely popular, bestseller, best-seller,
  best seller, best-selling, best selling, crowd favourite, crowd favorite, crowd-pleaser
""",
}

# A fact naming the stronger claim supports copy naming the weaker one.
_IMPLIES = {"waterproof": {"water-resistant"}, "clinical": {"tested"}, "certified": {"tested"}}

# What a material or kind of product says by itself: down and wool keep warm, cotton and
# linen breathe, a foldable or mini thing travels. Copy may say these of such a product
# without the facts naming the claim; of any other product (a short-sleeved T-shirt that
# "保暖", a camera that is "便携", a wallet that is "durable") they are invented, and they
# are what the issue's reader flagged ("小巧便携…低功耗 (none of it in the facts)").
_MATERIAL_IMPLIES = {
    "warmth": re.compile(
        r"羽绒|加绒|绒|毛呢|羊毛|羊绒|棉服|棉衣|棉袄|大衣|毛衣|针织|卫衣|冲锋衣|保温|冬|围巾|手套|"
        r"(?<![a-z])(?:down|wool|woolen|woollen|fleece|merino|cashmere|thermal|puffer|padded|"
        r"sherpa|quilted|coat|sweater|sweatshirt|parka|hoodie|cardigan|jacket|beanie|scarf|"
        r"gloves|winter)(?![a-z])"
    ),
    "breathable": re.compile(
        r"棉|麻|真丝|蚕丝|冰丝|雪纺|网纱|网眼|网面|镂空|莫代尔|"
        r"(?<![a-z])(?:cotton|linen|mesh|silk|chiffon|modal|bamboo|rayon|viscose|merino)(?![a-z])"
    ),
    # Not 年轻 (young), nor "light" (light blue).
    "lightweight": re.compile(r"(?<!年)轻|薄|雪纺|网纱|(?<![a-z])(?:thin|feather)(?![a-z])"),
    "windproof": re.compile(r"风衣|冲锋衣|(?<![a-z])(?:windbreaker|shell jacket)(?![a-z])"),
    "portable": re.compile(
        r"迷你|折叠|口袋|旅行|便携|轻便|"
        r"(?<![a-z])(?:mini|foldable|folding|pocket|travel|compact|handheld)(?![a-z])"
    ),
}

# Products where efficacy is forbidden outright: food and supplements, cosmetics, medical
# devices. Recognised from the title, category and attributes.
_REGULATED_RE = re.compile(
    r"保健|营养品|膳食补充|钙片|维生素|蛋白粉|鱼油|益生菌|食品|零食|面条|挂面|方便面|饼干|茶叶|"
    r"咖啡|奶粉|饮料|猫粮|狗粮|宠物粮|宠物食品|蜂蜜|糖果|巧克力|坚果|"
    # 茶 as a drink (柚子茶, 乌龙茶), not furniture, ware or a colour (茶几, 茶杯, 茶色).
    r"茶(?![几杯壶具盘室馆桌色])|化妆品|护肤|面霜|晚霜|眼霜|防晒|精华|乳液|面膜|洗面奶|彩妆|口红|"
    r"胶囊|口服液|洗发|沐浴露|牙膏|医疗器械|"
    r"血压计|体温计|"
    r"(?<![a-z])(?:supplements?|vitamins?|capsules?|gummies|protein powder|food|snacks?|"
    r"noodles?|treats|"
    r"coffee|tea|cosmetics?|skin\s?care|serums?|moisturi[sz]ers?|lotions?|face masks?|"
    r"lipsticks?|make-?up|sunscreens?|sunblock|shampoos?|(?:face|night|eye|day|hand) creams?|"
    r"toothpaste|medical devices?|thermometers?|blood pressure monitors?|glucose meters?|"
    r"oximeters?|grocery|gourmet)(?![a-z])",
    re.IGNORECASE,
)
# Soft health phrasing, refused in those categories only (elsewhere "supports your back"
# is ergonomics, not medicine), and "natural", which on food and cosmetics is a claim.
_SOFT_HEALTH_RE = re.compile(
    r"有助于|有益于?(?:身体|健康)|促进|改善|调节|调理|增强|提高(?:身体|抵抗)|呵护健康|身体健康|"
    r"健康|保健|营养|能量|滋补|有效|功效|"
    r"(?<![a-z])(?:effective|effectively|"
    r"helps? (?:to )?(?:support|maintain|improve|boost|promote|reduce|prevent)|"
    r"supports? (?:your |healthy |the )|promotes? |boosts? |improves? (?:your )?(?:health|skin|"
    r"digestion|immunity|energy|sleep)|good for (?:your )?(?:health|body|heart|skin)|healthy|"
    r"wellness|well-being|nutritious|natural)",
    re.IGNORECASE,
)


# A benefit to the body is a health claim on any product ("有助于皮肤健康" on a silk scarf,
# "protects your body from the cold" on a lunch box).
_HEALTH_BENEFIT_RE = re.compile(
    r"(?:有助于|有益于?|促进|改善|提升|提高|增强|保护|呵护|维护)[^，。！？,.!?]{0,8}(?:健康|免疫|身体|"
    r"体质|心肺|肠胃|睡眠|血液循环|新陈代谢)|(?:缓解|减轻|消除)[^，。！？,.!?]{0,6}(?:疼痛|疲劳|"
    r"症状|问题|干燥|压力|紧张|酸痛)|"
    r"(?<![a-z])(?:(?:improves?|promotes?|boosts?|supports?|protects?|benefits?) (?:your |the )?"
    r"(?:health|immune|immunity|body|metabolism|circulation|digestion)|good for (?:your )?"
    r"(?:health|body|heart)|health benefits?|adverse (?:reactions?|effects?)|side effects?|"
    r"well-?being|dental (?:problems?|health)|skin (?:problems?|conditions?)|"
    r"(?:promotes?|supports?|boosts?|improves?|maintains?|for) healthy (?:skin|hair|heart|bones?|"
    r"teeth|joints|digestion|immune)|designed to help (?:individuals|people) with|"
    r"(?:reduces?|relieves?|eases?|prevents?) (?:pain|stress|inflammation|symptoms|fatigue)|"
    r"muscle tone|hearing impair\w*|(?:keeps?|stays?|feels?|feel) (?:\w+ ){0,3}healthy)(?![a-z])",
    re.IGNORECASE,
)


# A weight lost in so much time or so many units ("1个月瘦10斤", "lose 10 lbs"): a weight-loss
# claim no table of words holds.
_WEIGHT_LOST_RE = re.compile(
    r"(?:瘦|减|掉)\s*\d+(?:\.\d+)?\s*(?:斤|公斤|kg|磅)|(?<![a-z])lose \d+\s*(?:lbs?|pounds|kg)",
    re.IGNORECASE,
)


@functools.cache
def _claim_index() -> tuple[TermIndex, dict[str, str]]:
    """One matcher over every table, and each claim's category."""
    category_of = {
        claim: category
        for category, table in CLAIM_TABLES.items()
        for claim in term_index(table)[1].values()
    }
    return term_index("\n".join(CLAIM_TABLES.values())), category_of


def claims_in(text: str) -> list[tuple[str, str, str, int, int]]:
    """(surface, claim, category, start, end) for each claim named in NFKC `text`."""
    index, category_of = _claim_index()
    return [(s, c, category_of[c], a, b) for s, c, a, b in term_claims(text, index)]


def supported_claims(strings: Iterable[str]) -> set[str]:
    strings = list(strings)
    found = {claim for s in strings for _, claim, _, _, _ in claims_in(s)}
    for strong in list(found):
        found |= _IMPLIES.get(strong, set())
    lower = " ".join(strings).lower()
    found |= {claim for claim, pattern in _MATERIAL_IMPLIES.items() if pattern.search(lower)}
    return found


def is_regulated(facts_text: FactsText) -> bool:
    return _REGULATED_RE.search(facts_text.lower) is not None


# A condition named as what a device measures or tests: the product's name, not a claim
# about the condition (a blood pressure monitor's title says "blood pressure").
_MEASURED_RE = re.compile(
    r"\s*(?:monitors?|meters?|cuffs?|readings?|measurements?|monitoring|testers?|tests?|"
    r"test strips|kits?|计|仪|测量|监测|检测|试纸)(?![a-z])",
    re.IGNORECASE,
)


# Who or when a product is not for: a label's warning, whose disease words claim nothing.
_WARNING_RE = re.compile(
    r"不适宜|不适用|禁用|慎用|忌用|禁忌|不宜|遵医嘱|咨询医生|"
    r"warning|do not use|not for use|not suitable|"
    r"consult (?:a |your )?(?:doctor|physician)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[，。；;！!？?\n]|[,.](?!\d)")


def _in_warning(text: str, at: int) -> bool:
    """Is position `at` inside a clause that says who or when the product is not for?"""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    start = ends[-1] if ends else 0
    following = _CLAUSE_END.search(text, at)
    clause = text[start : following.start() if following else len(text)]
    return bool(_WARNING_RE.search(clause))


def find_unsupported_claims(text: str, facts_text: FactsText) -> list[tuple[str, str, int, int]]:
    """(code, surface, start, end) for each claim in NFKC `text` the facts do not carry."""
    known = supported_claims(facts_text.strings)
    regulated = is_regulated(facts_text)
    hits: list[tuple[str, str, int, int]] = []
    for surface, claim, category, start, end in claims_in(text):
        if category == "health" and _MEASURED_RE.match(text, end):
            continue  # what a device measures ("blood pressure monitor"), not a claim
        if category == "health" and _in_warning(text, start):
            # "不适宜人群为…抑郁症患者", "Not for use with diabetes medication": a label's
            # warning names a disease, it claims nothing (a melatonin went unpublished,
            # review 29).
            continue
        if category == "health" and regulated:
            hits.append((f"claim:forbidden_health {surface}", surface, start, end))
        elif claim not in known:
            hits.append((f"claim:unsupported_{category} {surface}", surface, start, end))
    for m in _WEIGHT_LOST_RE.finditer(text):
        if regulated or m.group(0).lower() not in facts_text.lower:
            hits.append((f"claim:forbidden_health {m.group(0)}", m.group(0), *m.span()))
    for m in _HEALTH_BENEFIT_RE.finditer(text):
        if regulated:
            # A benefit to the body on food, a supplement or a cosmetic is refused however
            # the seller's facts word it ("boosts metabolism" of a matcha, review 49).
            hits.append((f"claim:forbidden_health {m.group(0)}", m.group(0), *m.span()))
        elif m.group(0).lower() not in facts_text.lower:
            hits.append((f"claim:unsupported_health {m.group(0)}", m.group(0), *m.span()))
    if regulated:
        for m in _SOFT_HEALTH_RE.finditer(text):
            if m.group(0).lower() not in facts_text.lower:
                hits.append((f"claim:forbidden_health {m.group(0)}", m.group(0), *m.span()))
    return hits


def check_claims(text: str, facts_text: FactsText) -> GuardResult:
    norm = normalize(text)
    hits = find_unsupported_claims(norm, facts_text)
    return hits_result("claims", hits, norm, "every claim is in the facts")


# Soft health words worth barring while decoding for regulated products (single words: the
# regex above judges phrases).
_SOFT_HEALTH_WORDS = (
    "健康", "营养", "改善", "促进", "有助于", "调节", "调理", "增强", "滋补", "能量", "养生",
    "功效", "保健", "有效", "healthy", "wellness", "nutritious", "natural", "boosts", "promotes",
)  # fmt: skip


def unsupported_claim_words(facts_text: FactsText) -> set[str]:
    """Single-word claim surfaces the facts do not carry (all health ones on a regulated
    product): what grounded decoding bars."""
    index, category_of = _claim_index()
    known = supported_claims(facts_text.strings)
    regulated = is_regulated(facts_text)
    words = {
        surface
        for surface, claim in index[1].items()
        if " " not in surface
        and (claim not in known or (regulated and category_of[claim] == "health"))
    }
    if regulated:
        words.update(w for w in _SOFT_HEALTH_WORDS if w not in facts_text.lower)
    return words
